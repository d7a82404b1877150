export const queue = {
  'zh-CN': { title: '工单队列' },
  en: { title: 'Queue' },
} as const;

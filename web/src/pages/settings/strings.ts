export const settings = {
  'zh-CN': { title: '设置' },
  en: { title: 'Settings' },
} as const;

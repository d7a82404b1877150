export const dashboard = {
  'zh-CN': { title: '主管看板' },
  en: { title: 'Supervisor dashboard' },
} as const;

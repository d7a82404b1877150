export const settingsSla = {
  'zh-CN': { todo: '建设中' },
  en: { todo: 'Coming soon' },
} as const;

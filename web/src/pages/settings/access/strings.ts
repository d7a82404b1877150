export const settingsAccess = {
  'zh-CN': { todo: '建设中' },
  en: { todo: 'Coming soon' },
} as const;

export const caseWorkspace = {
  'zh-CN': { title: '工单' },
  en: { title: 'Case' },
} as const;

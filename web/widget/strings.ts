// The loader's few words, in both languages (test/web/portal-i18n.test.ts checks they match).
export const widgetStrings = {
  'zh-CN': { open: '在线咨询', close: '关闭聊天窗口', frameTitle: 'Paydesk 在线客服', newMessage: '有新消息' },
  en: { open: 'Chat with us', close: 'Close the chat', frameTitle: 'Paydesk chat', newMessage: 'New message' },
} as const;

export type WidgetLocale = keyof typeof widgetStrings;

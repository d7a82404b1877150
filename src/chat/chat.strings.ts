// What the chat itself says to the visitor (the bot's own words live in src/bot/strings.ts).
import type { Locale } from '../i18n/i18n.js';

const texts = {
  'zh-CN': {
    bot_name: 'Paydesk 助手',
    system_name: 'Paydesk',
    handed_off: '已转人工，案件号 #{number}。工作人员会在这里回复您，您可以继续留言。',
    bot_stopped: '好的，机器人不再回复。工作人员会阅读这段对话并尽快回复您。',
    solved: '很高兴问题已解决，本次对话已结束。如有其他问题，欢迎随时再来。',
    closed: '本次对话已结束。如有其他问题，请重新发起对话。',
    attachment: '[附件] {filename}',
    subject_fallback: '网页聊天',
    visitor: '网页聊天访客',
  },
  en: {
    bot_name: 'Paydesk assistant',
    system_name: 'Paydesk',
    handed_off: 'A person will take over, case #{number}. They will answer here; you can keep writing.',
    bot_stopped: 'OK, the bot will stop replying. A person will read this chat and answer as soon as possible.',
    solved: 'Glad that solved it. This chat is now closed; start a new one any time.',
    closed: 'This chat has ended. Start a new one if you need anything else.',
    attachment: '[attachment] {filename}',
    subject_fallback: 'Web chat',
    visitor: 'Web chat visitor',
  },
} as const;

export type ChatText = keyof (typeof texts)['en'];

/** A chat text in the conversation's language, `{name}` placeholders filled. */
export function chatText(locale: Locale, key: ChatText, params: Record<string, string | number> = {}): string {
  return texts[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

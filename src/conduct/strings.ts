// User-facing explanations for conduct findings, shown to the agent next to the blocked or
// flagged text. The rules come from WeChat Pay's consumer complaint rules (《消费者投诉管理规范》);
// the same wording is used on other channels because the advice holds there too.
import type { ConductRule } from './rules.js';

/** Locales the explanations exist in. */
export type ConductLocale = 'zh-CN' | 'en';

const explanations: Record<ConductLocale, Record<ConductRule, string>> = {
  'zh-CN': {
    malicious_label: '请勿将用户的投诉定性为恶意投诉，也不要称用户为职业索赔人等（微信支付《消费者投诉管理规范》）',
    insult: '请勿辱骂、嘲讽或挑衅用户，保持礼貌与耐心（微信支付《消费者投诉管理规范》）',
    off_platform_contact: '请勿引导用户离开平台沟通，例如添加个人微信、QQ 或其他聊天工具、私聊（微信支付《消费者投诉管理规范》）',
    contact_details: '请勿在回复中留下电话号码、微信号、QQ 号、邮箱或聊天链接；官方客服热线可由管理员加入白名单（微信支付《消费者投诉管理规范》）',
  },
  en: {
    malicious_label: "Do not label the customer's complaint as malicious or the customer as a professional claimant (WeChat Pay consumer complaint rules)",
    insult: 'Do not insult, mock or provoke the customer; stay polite and patient (WeChat Pay consumer complaint rules)',
    off_platform_contact: 'Do not move the conversation off the platform, e.g. to a personal WeChat, QQ, another chat app or a private chat (WeChat Pay consumer complaint rules)',
    contact_details: 'Do not put phone numbers, WeChat or QQ ids, e-mail addresses or chat links in the reply; an admin can allow the official hotline (WeChat Pay consumer complaint rules)',
  },
};

/** The explanation of a rule in the given locale. */
export function conductExplanation(rule: ConductRule, locale: ConductLocale): string {
  return explanations[locale][rule];
}

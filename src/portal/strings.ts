import type { Locale } from '../i18n/i18n.js';

/** The customer portal's own words (form labels, the bot's name, the status-link e-mail), zh-CN and en. */
const strings = {
  description: { 'zh-CN': '问题描述', en: 'What happened' },
  name: { 'zh-CN': '您的称呼', en: 'Your name' },
  email: { 'zh-CN': '电子邮箱（选填，用于接收查询链接）', en: 'E-mail (optional, we send your status link there)' },
  phone: { 'zh-CN': '手机号（选填）', en: 'Phone (optional)' },
  amount: { 'zh-CN': '金额', en: 'Amount' },
  bot_name: { 'zh-CN': 'Paydesk 自动助手', en: 'Paydesk assistant' },
  customer: { 'zh-CN': '客户', en: 'Customer' },
  /** The first words of the bot's answer on a portal case: who is talking, and that a person follows. */
  bot_intro: {
    'zh-CN': '您好，我是 Paydesk 自动助手（机器人），不是真人客服。我先根据您的描述给出一些排查建议；客服人员也会查看您的问题，并在本页回复您。',
    en: "Hello, I'm Paydesk's automatic assistant (a bot), not a person. Here are a few things to check based on what you wrote; an agent will also look at your request and answer on this page.",
  },
  broadcast: { 'zh-CN': '【服务公告】{text}', en: 'Service notice: {text}' },
  /** When the bot has nothing to say (it failed, or its guard refused its own text). */
  bot_fallback: {
    'zh-CN': '您好，我是 Paydesk 自动助手（机器人），不是真人客服。您的问题已登记，客服人员会尽快查看并通过本页面回复您。如需补充信息或上传凭证，请在本页面继续操作。',
    en: "Hello, I'm Paydesk's automatic assistant (a bot), not a person. Your request is on record; an agent will look at it soon and answer on this page. You can add details or upload proof here at any time.",
  },
  mail_subject: { 'zh-CN': '您的问题已受理 [#{number}]', en: 'We have your request [#{number}]' },
  mail_reply_note: {
    'zh-CN': '查看全部进度、回复或上传凭证，也可以打开您的进度页面：\n{url}\n（仅供您本人使用，请勿转发。）',
    en: 'You can also follow the case, reply or upload proof on your status page:\n{url}\n(It is for you only; please do not forward it.)',
  },
  mail_body: {
    'zh-CN': '您好：\n\n我们已收到您的问题，案件号 #{number}。\n\n查看处理进度、补充信息或上传凭证，请打开：\n{url}\n\n此链接有效期至 {expires}（UTC），仅供您本人使用，请勿转发。\n\n此邮件由系统自动发送。',
    en: 'Hello,\n\nwe have received your request, case #{number}.\n\nTo follow its progress, add details or upload proof, open:\n{url}\n\nThe link works until {expires} (UTC) and is for you only; please do not forward it.\n\nThis e-mail was sent automatically.',
  },
  field_line: { 'zh-CN': '{label}：{value}', en: '{label}: {value}' },
  subject: { 'zh-CN': '{label}：{summary}', en: '{label}: {summary}' },
} as const;

export type PortalString = keyof typeof strings;

/** A portal string in a locale with `{name}` placeholders filled. */
export function portalText(locale: Locale, key: PortalString, params: Record<string, string | number> = {}): string {
  return strings[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

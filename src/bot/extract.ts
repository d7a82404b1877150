import { mentionedCode } from '../diagnosis/triage.js';

// Details a visitor types in passing: references, error codes, amounts, how and when they paid.
// Labelled references ("订单号 …", "order #…") win over bare numbers; a long bare digit run or a
// T-prefixed id is taken as a transaction id. Card numbers (13–19 digits) are never picked up.

const ID = '([A-Za-z0-9][A-Za-z0-9_-]{3,63})';
// Bounded repeats only: overlapping `*` runs here made matching cubic in a long run of spaces.
const SEP = '[\\s:：#＃=]{0,3}(?:(?:是|为|is|:)[\\s:：#＃]{0,3})?';
const LABELLED: Array<{ key: string; label: string }> = [
  { key: 'refund_id', label: '退款单号|退款编号|退款号|refund\\s?(?:id|no\\.?|number|ref(?:erence)?)' },
  { key: 'platform_complaint_id', label: '投诉单号|投诉编号|complaint\\s?(?:id|no\\.?|number)' },
  { key: 'dispute_id', label: '(?:争议|拒付)(?:单号|编号)|(?:dispute|chargeback)\\s?(?:id|no\\.?|number)?' },
  { key: 'merchant_no', label: '商户号|商户编号|merchant\\s?(?:id|no\\.?|number)' },
  { key: 'terminal_serial', label: '终端序列号|序列号|机身号|\\bS/?N\\b|serial\\s?(?:no\\.?|number)?' },
  { key: 'transaction_id', label: '交易流水号|交易单号|交易号|流水号|支付单号|支付凭证号|商户订单号|\\btransaction\\s?(?:id|no\\.?|number|ref(?:erence)?)?|\\btxn\\s?(?:id)?|trade\\s?no\\.?|payment\\s?id' },
  { key: 'order_id', label: '订单号|订单编号|订单|\\border\\s?(?:id|no\\.?|number)?' },
];
const labelled = LABELLED.map(({ key, label }) => ({ key, pattern: new RegExp(`(?:${label})${SEP}${ID}`, 'giu') }));

/** WeChat Pay / Alipay style ids: 20+ digits (longer than any card), T + digits, Stripe charge ids. */
const BARE_TRANSACTION = /(?<![A-Za-z0-9])(?:\d{20,32}|T\d{10,30}|(?:pi|ch|py)_[A-Za-z0-9]{10,40})(?![A-Za-z0-9])/gu;

const CURRENCY_SYMBOL: Record<string, string> = { '¥': 'CNY', '￥': 'CNY', 'rmb': 'CNY', 'cny': 'CNY', '元': 'CNY', '块': 'CNY', '人民币': 'CNY', '$': 'USD', 'us$': 'USD', 'usd': 'USD', 'dollars': 'USD', 'hk$': 'HKD', 'hkd': 'HKD', '港币': 'HKD', '€': 'EUR', 'eur': 'EUR', '£': 'GBP', 'gbp': 'GBP', 'jpy': 'JPY', '日元': 'JPY' };
const ZERO_DECIMAL = new Set(['JPY', 'KRW']);
const NUMBER = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d+(?:\\.\\d{1,2})?)';
const AMOUNT_BEFORE = new RegExp(`(HK\\$|US\\$|[¥￥$€£]|\\b(?:RMB|CNY|USD|HKD|EUR|GBP|JPY)(?![A-Za-z])|人民币)\\s?${NUMBER}(?!\\d|\\.\\d)`, 'giu');
const AMOUNT_AFTER = new RegExp(`(?<![\\d.A-Za-z])${NUMBER}\\s?(元|块|日元|港币|\\b(?:RMB|CNY|USD|HKD|EUR|GBP|JPY|dollars)\\b)`, 'giu');

const METHODS: RegExp[] = [
  /微信支付|微信|wechat\s*pay|wechat|weixin/iu,
  /支付宝|alipay/iu,
  /云闪付|unionpay app/iu,
  /apple\s*pay/iu,
  /paypal/iu,
  /银行转账|转账|bank\s*transfer|wire transfer/iu,
  /信用卡|借记卡|储蓄卡|银行卡|刷卡|\b(?:credit|debit|bank)\s*card\b|\bcard\b/iu,
];
const CARD_TYPES: Array<[RegExp, string]> = [
  [/信用卡|\bcredit\s*card\b/iu, 'credit'],
  [/借记卡|储蓄卡|\bdebit\s*card\b/iu, 'debit'],
  [/预付卡|\bprepaid\b/iu, 'prepaid'],
];
const CARD_BRANDS: Array<[RegExp, string]> = [
  [/银联|unionpay/iu, 'UnionPay'],
  [/\bvisa\b/iu, 'Visa'],
  [/万事达|master\s*card/iu, 'Mastercard'],
  [/\bamex\b|american express|美国运通/iu, 'Amex'],
  [/\bjcb\b/iu, 'JCB'],
];

/** "2026-11-27 14:30", "11月27日下午3点", "昨天晚上8点", "yesterday at 3pm". */
const TIME = [
  /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*(?:[上下]午|晚上|早上)?\s*\d{1,2}(?:[:：]\d{2}|点(?:\d{1,2}分?|半)?))?/u,
  /\d{1,2}月\d{1,2}[日号](?:\s*(?:[上下]午|晚上|早上|中午)?\s*\d{1,2}(?:[:：]\d{2}|点(?:\d{1,2}分?|半)?))?/u,
  /(?:今天|昨天|前天)(?:\s*(?:[上下]午|晚上|早上|中午|凌晨))?(?:\s*\d{1,2}(?:[:：]\d{2}|点(?:\d{1,2}分?|半)?))?/u,
  /\b(?:today|yesterday|this (?:morning|afternoon|evening)|last night)(?:\s+(?:at|around|about)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?)?/iu,
  /\b(?:at|around|about)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)\b/iu,
];
/** An on-screen message the visitor quotes: 提示“余额不足”, it says "Insufficient funds". */
const SHOWN_MESSAGE = [
  /(?:提示|显示|报错|弹出|写着)(?:了)?\s*[:：]?\s*[“"「『']([^”"」』'\n]{2,80})[”"」』']/u,
  /(?:提示|显示|报错|弹出|写着)(?:了)?\s*[:：]?\s*([\p{Script=Han}A-Za-z0-9]{2,30})/u,
  /\b(?:it|the screen|the page|the app|the terminal|the message)\s+(?:says|said|shows|showed)\s*[:：]?\s*["“']([^"”'\n]{2,80})["”']/iu,
];
// Bounded, and only from the start of a run: an unbounded local part made a long word quadratic.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/u;
const CN_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/u;

const hasDigit = (value: string) => /\d/.test(value);

/** "128.50" in CNY → "12850" (minor units), JPY has none. */
export function toMinorUnits(value: string, currency: string): string {
  const [whole = '0', fraction = ''] = value.replace(/,/g, '').split('.');
  if (ZERO_DECIMAL.has(currency)) return String(Number(whole));
  return String(Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)));
}

/** Minor units back to a readable amount: "12850" + CNY → "128.50 CNY". */
export function formatAmount(minor: string, currency: string | undefined): string {
  const code = currency ?? 'CNY';
  const units = Number(minor);
  if (!Number.isFinite(units)) return minor;
  return ZERO_DECIMAL.has(code) ? `${units} ${code}` : `${(units / 100).toFixed(2)} ${code}`;
}

function findAmount(text: string): { amount: string; currency: string } | undefined {
  for (const pattern of [AMOUNT_BEFORE, AMOUNT_AFTER]) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (!match) continue;
    const [symbol, value] = pattern === AMOUNT_BEFORE ? [match[1]!, match[2]!] : [match[2]!, match[1]!];
    const currency = CURRENCY_SYMBOL[symbol.toLowerCase()] ?? symbol.toUpperCase();
    const minor = toMinorUnits(value, currency);
    if (minor !== '0') return { amount: minor, currency };
  }
  return undefined;
}

/** Fields found in free text: transaction_id, order_id, error_code, amount (+currency)… */
export function extractFields(input: string): Record<string, string> {
  // Runs of white space become one space first: no pattern below then sees a long run to backtrack over.
  const text = input.normalize('NFKC').slice(0, 5000).replace(/\s+/gu, ' ');
  const fields: Record<string, string> = {};
  let rest = text;
  for (const { key, pattern } of labelled) {
    for (const match of rest.matchAll(pattern)) {
      const value = match[1]!;
      if (!hasDigit(value) || fields[key]) continue;
      fields[key] = value;
      rest = rest.replace(match[0], ' ');
    }
  }
  if (!fields.transaction_id) {
    const bare = rest.match(BARE_TRANSACTION);
    if (bare?.[0]) fields.transaction_id = bare[0];
  }
  const code = mentionedCode(text);
  if (code) fields.error_code = code.code;
  for (const pattern of SHOWN_MESSAGE) {
    const shown = text.match(pattern)?.[1]?.trim();
    if (shown && (!code || !shown.includes(code.code))) {
      fields.error_message = shown;
      break;
    }
  }
  const amount = findAmount(text);
  if (amount) Object.assign(fields, amount);
  // The visitor's own word ("银行卡", "WeChat Pay"): agents read it in either language.
  const method = METHODS.map((pattern) => text.match(pattern)?.[0]).find((word) => word !== undefined);
  if (method) fields.payment_method = method;
  const cardType = [...CARD_TYPES, ...CARD_BRANDS].filter(([pattern]) => pattern.test(text)).map(([, value]) => value);
  if (cardType.length > 0) fields.card_type = cardType.join(' ');
  const time = TIME.map((pattern) => text.match(pattern)?.[0]).find((value) => value !== undefined && value.trim() !== '');
  if (time) fields.payment_time = time.trim();
  const contact = text.match(EMAIL)?.[0] ?? text.match(CN_MOBILE)?.[0];
  if (contact) fields.contact_email = contact;
  return fields;
}

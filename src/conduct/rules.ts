// Pattern data for the conduct guard. Every pattern runs against the *normalised* text built in
// conduct.ts: NFKC per character (full-width letters, digits and punctuation become ASCII),
// lower case, invisible characters dropped, and whitespace next to a Han character removed (so
// "加 我 微 信" reads "加我微信"). Patterns are therefore written in lower case, and latin
// keywords that people split with spaces ("Q Q", "v x") allow one optional space themselves.
//
// False-positive choices (see also the tests):
// - A negated label ("we do not think this is malicious", "我们没有认为您是恶意投诉") is still
//   flagged: the platform reviewer reads the word either way and the safe rewrite is not to mention
//   it at all. Technical uses ("恶意链接", "malicious link", "恶意扣费") are not labels and pass.
// - Long digit runs (transaction ids, out_trade_no) never count as phone numbers: a number must
//   not touch another digit, a latin letter or an underscore, and a number right after an
//   order/transaction keyword is ignored. Amounts, dates and times do not have a phone's shape.
// - 微信支付 / WeChat Pay is the platform itself and is never a contact.
// - Chat-app links and concrete ids/numbers/e-mails are `contact_details`; phrases that invite
//   the customer elsewhere ("加我微信", "私聊", "add me on WhatsApp") are `off_platform_contact`.
// - A WeChat id without a marker (号/ID/:/是) must contain a digit, _ or -, so "WeChat official
//   account" is not an id; appids like wx2421b1c4370ec43b (no space after wx) are not ids either.
// - Known gaps: ids spelled out with a space between every letter, numbers written in Chinese
//   numerals, and homophones beyond the listed ones (威信, 薇信, 绿泡泡, 加V) are not caught.

import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The kinds of finding the conduct guard reports, in report order. */
export const conductRules = ['malicious_label', 'insult', 'off_platform_contact', 'contact_details'] as const;
/** One kind of conduct finding. */
export type ConductRule = (typeof conductRules)[number];

/** What an `ignore` check sees: the normalised text, the match span in it and the contact value. */
export type PatternContext = { text: string; start: number; end: number; contact: string };

/**
 * One pattern. `regex` carries the g, d and u flags; an optional named group `contact` marks the
 * address or number that `allowedContacts` can whitelist.
 */
export type ConductPattern = { regex: RegExp; ignore?: (context: PatternContext) => boolean };

/** The patterns of one rule, split by the language they are written for. */
export type RuleSet = { zh: readonly ConductPattern[]; en: readonly ConductPattern[]; any: readonly ConductPattern[] };

/** Builds a pattern from raw source (like String.raw) so backslashes need no doubling. */
function rx(strings: TemplateStringsArray, ...parts: string[]): RegExp {
  return new RegExp(String.raw({ raw: strings.raw }, ...parts), 'gdu');
}

const pattern = (regex: RegExp, ignore?: ConductPattern['ignore']): ConductPattern => (ignore ? { regex, ignore } : { regex });

const APOS = `['’]`;
/** Chat tools by name or by the spellings used to dodge keyword filters. 微信支付 is excluded. */
const ZH_CHAT = String.raw`微信(?!支付|pay)|weixin|wechat|v\s?x|w\s?x|v信|威信|薇信|徽信|绿泡泡|q\s?q|扣扣|企鹅号?|whats\s?app|telegram|电报|line|钉钉|飞书|skype`;
const EN_TOOLS = String.raw`wechat|weixin|whats\s?app|telegram|line|qq|skype|signal|viber|kakao\s?talk|kakao|messenger|instagram|facebook|discord|snapchat|zalo`;

// ---------------------------------------------------------------------------------------------
// malicious_label: calling the complaint or the customer malicious, fraudulent, a professional
// complainer, an extortionist...

/** Technical or merchant-side nouns after 恶意 / malicious that do not label the customer. */
const ZH_NOT_A_LABEL = '软件|链接|网站|网址|程序|代码|攻击|病毒|木马|扣费|扣款|收费|二维码|短信|邮件|app|应用|插件';
const EN_NOT_A_LABEL = String.raw`links?|urls?|websites?|sites?|software|code|programs?|apps?|attachments?|files?|e-?mails?|sms|texts?|messages?|actors?|attacks?|qr|third|part(?:y|ies)|hackers?|bots?|scripts?|payloads?|viruse?s?|charges?`;

const maliciousLabel: RuleSet = {
  zh: [
    pattern(rx`恶意(?!${ZH_NOT_A_LABEL})(?:的)?(?:投诉|举报|差评|退款|退单|索赔|维权|拒付|申诉|用户|客户|消费者|买家|行为|刷单)?`),
    pattern(rx`骗(?:取)?(?:退款|赔偿|补偿)|职业(?:打假|索赔|投诉|差评|维权)人?|专业(?:打假|索赔|投诉)户?`),
  ],
  en: [
    pattern(rx`\bmalicious(?:ly)?\b(?!\s+(?:${EN_NOT_A_LABEL})\b)`),
    pattern(rx`\bfrivolous\s+(?:complaints?|claims?|disputes?|requests?|chargebacks?)\b`),
    pattern(rx`\b(?:fake|false|bogus|fraudulent|fabricated)\s+(?:complaints?|claims?|disputes?|chargebacks?|refund\s+requests?)\b`),
    pattern(rx`\b(?:professional|serial)\s+(?:complainers?|complainants?|claimants?|refund\s+hunters?)\b`),
    pattern(rx`\babus(?:e|ing)\s+(?:of\s+)?(?:the\s+|our\s+)?(?:complaints?|refunds?|disputes?|chargebacks?)\b`),
    pattern(rx`\byou(?:${APOS}re|\s+are)\s+(?:a\s+)?(?:scammer|fraudster|fraud|cheat)\b`),
  ],
  any: [],
};

// ---------------------------------------------------------------------------------------------
// insult: abuse, name-calling, and baiting ("go ahead and complain", "投诉也没用").

const insult: RuleSet = {
  zh: [
    // Plain words are in data/conduct/words.json; these need a pattern.
    pattern(rx`傻[逼比屄叉bx]|低能儿?|王八蛋?|(?<![妈姑舅姨婶])妈的|你妈[的逼]|素质(?:低|差)`),
    pattern(rx`(?:你|您)(?:是不是)?有病|有病[吧啊]|(?:你|您)(?:就是|是|这个|这种)?个?(?:骗子|垃圾)|垃圾(?:用户|客户|买家|人)`),
    pattern(rx`爱(?:去)?投诉(?:就)?(?:去)?投诉|随便(?:你|您)?(?:去)?投诉|有本事(?:你|您)?(?:就)?(?:去)?(?:投诉|告|举报)|投诉(?:也|都)没(?:有)?用|(?:你|您)(?:去)?告[吧啊]|爱咋咋地|爱怎么样就怎么样|关我(?:什么|啥)事|不关我(?:的)?事`),
  ],
  en: [
    pattern(rx`\bf+u+c+k+(?:ing|er|ed|s)?\b|\bf\*+k\b|\b(?:stfu|wtf|sb|tmd|cnm|nmsl)\b`),
    pattern(rx`\b(?:nobody|no\s+one|who)\s+cares\b|\bsee\s+if\s+(?:we|i)\s+care\b|\bgo\s+ahead\s+and\s+(?:complain|report|sue)\b|\bcomplain\s+all\s+you\s+(?:want|like)\b|\bcomplaining\s+(?:won${APOS}t|will\s+not|does\s*n${APOS}?t)\s+(?:help|work|change)\b|\bsue\s+(?:us|me)\s+(?:if|then)\b|\bdo\s+whatever\s+you\s+want\b|\byour\s+own\s+fault\b`),
    pattern(rx`\byou(?:${APOS}re|\s+are)\s+(?:a\s+)?(?:liar|lying|crazy|insane|nuts|ridiculous|unreasonable|rude)\b`),
  ],
  any: [],
};

// ---------------------------------------------------------------------------------------------
// off_platform_contact: inviting the customer to another channel.

const offPlatformContact: RuleSet = {
  zh: [
    pattern(rx`加(?:一下|下|个)?(?:我|我们|本人|客服)?(?:的)?(?:个人|私人)?(?:${ZH_CHAT}|好友|v(?![a-z]))`),
    pattern(rx`(?:个人|私人|我的|本人)(?:${ZH_CHAT}|电话|手机|号码|邮箱|联系方式)(?:号码?|账号)?`),
    pattern(rx`(?<!隐)私(?:聊|信(?!息)|下(?:联系|沟通|处理|解决|协商|交易|聊|和解|转账|退款|赔偿))`),
    pattern(rx`(?:${ZH_CHAT})(?:上|里)?(?:详聊|细聊|私聊|聊一下|聊聊|沟通一下)`),
    pattern(rx`线下(?:联系|沟通|处理|解决|协商|交易|聊)`),
    pattern(rx`(?:${ZH_CHAT})(?:上|里|中)?(?:联系|找|私聊|聊|沟通|加)(?:一下)?我(?!们)`),
    pattern(rx`(?:打|拨打|致电)我的?(?:电话|手机|号码)|给我(?:打|来|回)(?:个)?电话|(?:电话|短信)(?:联系|找)我(?!们)|(?:微信|手机)同号`),
    pattern(rx`(?:换|改|用|到|去|转到?|通过)(?:其他|别的|其它|第三方)(?:的)?(?:平台|渠道|软件|app|聊天工具)`),
    pattern(rx`(?:不要|别|无需|不用)(?:在)?(?:这里|这儿|平台|微信支付|投诉页面?)(?:上|里)?(?:回复|沟通|说|聊|处理)`),
    pattern(rx`扫(?:一下|下)?(?:我的?|这个)?(?:二维码|码)加`),
    pattern(rx`电报|钉钉|飞书`),
  ],
  en: [
    pattern(rx`\badd\s+(?:me|us)\s+(?:on|via|in)\s+(?:${EN_TOOLS})\b|\badd\s+(?:my|our)\s+(?:${EN_TOOLS})\b`),
    pattern(rx`\b(?:text|sms|dm|pm|whats\s?app|wechat|telegram|call|phone|ring)\s+me\b`),
    pattern(rx`\b(?:contact|reach|message)\s+me\s+(?:directly|privately|personally|at|on|via|through)\b(?!\s+this\b)`),
    pattern(rx`\bmy\s+(?:personal|private|own|direct)\s+(?:number|phone|mobile|cell|line|wechat|whatsapp|telegram|email|e-mail|account|contact|qq|id)\b`),
    pattern(rx`\bmy\s+(?:${EN_TOOLS}|phone|mobile|cell|number)(?:\s+(?:id|number|account|handle))?\s*(?:is\b|:)`),
    pattern(rx`\b(?:talk|chat|continue|discuss|settle|resolve|handle|sort|deal|take)\b(?:\s+(?:this|it|that|the|matter|issue|problem|further|more|things|with|you|me|us|over|out)){0,3}\s+(?:offline|off[\s-]platform|privately|in\s+private|outside\s+(?:of\s+)?(?:the\s+|this\s+)?(?:platform|app|wechat(?:\s+pay)?|complaint\s+system))\b`),
    pattern(rx`\bprivate(?:ly)?\s+(?:message|chat|dm)\b`),
  ],
  any: [pattern(rx`\b(?:whats\s?app|telegram|skype|viber|kakao\s?talk|discord|snapchat|zalo)\b`)],
};

// ---------------------------------------------------------------------------------------------
// contact_details: phone numbers, e-mail addresses, chat ids and chat-app links.

/** A number right after one of these is an order or transaction reference, not a phone. */
const referenceBefore = /(?:单号|订单号?|编号|流水号?|交易号|商户号|账单号?|退款号|批次号|order|trade|transaction|txn|refund|invoice|reference|ref|out_trade_no|transaction_id)(?:\s*(?:号码?|no\.?|number|id|#))?\s*[:=#是为]?\s*$/u;
const looksLikeDate = /^\d{4}([-/.])\d{1,2}\1\d{1,2}$/u;

const afterReference = ({ text, start }: PatternContext): boolean => referenceBefore.test(text.slice(Math.max(0, start - 30), start));
const isDate = ({ contact }: PatternContext): boolean => looksLikeDate.test(contact.trim());
const notAPhone = (context: PatternContext): boolean => afterReference(context) || isDate(context);

/** Digits may not run on into more digits (or a dash and digits) on either side. */
const NUM_START = String.raw`(?<![0-9a-z_+]|\d-)`;
const NUM_END = String.raw`(?![0-9]|-\d)`;
const PHONE_WORDS = String.raw`电话|手机|热线|致电|拨打|来电|座机|客服号|tel|phone|call|hotline|mobile|cell|whats\s?app`;
/** 加V / +V is slang for "add me on WeChat". */
const WECHAT_HAN = String.raw`微信|v信|威信|薇信|徽信|绿泡泡|加\s?v(?![a-z])|\+\s?v(?![a-z])`;
const WECHAT_LATIN = String.raw`weixin|wechat|vx|wx|v\s?x|w\s?x`;
const ID_MARK = String.raw`(?:\s?(?:号码?|id|账号|帐号))`;
const CHAT_HOSTS = String.raw`wa\.me|wa\.link|t\.me|telegram\.(?:me|org|dog)|line\.me|api\.whatsapp\.com|chat\.whatsapp\.com|u\.wechat\.com|qm\.qq\.com|jq\.qq\.com`;

const contactDetails: RuleSet = {
  zh: [],
  en: [],
  any: [
    // Mainland mobile: 1[3-9]x xxxx xxxx, optional +86 / 0086 / 86, single spaces or dashes.
    pattern(rx`${NUM_START}(?<contact>(?:(?:\+|00)?86[\s-]?)?1[\s-]?[3-9](?:[\s-]?\d){9})${NUM_END}`, notAPhone),
    // Landline with area code: 010 / 02x / 0xxx, then 7–8 digits.
    pattern(rx`${NUM_START}(?<contact>\(?0(?:10|2\d|[3-9]\d{2})\)?[\s-]?\d{7,8})${NUM_END}`, notAPhone),
    // 400 / 800 service numbers.
    pattern(rx`${NUM_START}(?<contact>[48]00[\s-]?\d{3}[\s-]?\d{4})${NUM_END}`, notAPhone),
    // International: + and 8–15 digits.
    pattern(rx`(?<![0-9a-z_+])(?<contact>\+\s?\d(?:[\s()-]{0,2}\d){7,14})${NUM_END}`, notAPhone),
    // Any number of 5–15 digits after a phone word (short hotlines such as 95017).
    pattern(rx`(?<![a-z])(?:${PHONE_WORDS})(?:\s?(?:号码?|number|no\.?))?(?:\s+(?:us|me))?(?:\s+(?:at|on))?\s*[:=是为]?\s*(?<contact>\+?\d(?:[\s-]?\d){4,14})${NUM_END}`, notAPhone),
    // E-mail addresses.
    pattern(rx`(?<![a-z0-9._%+-])(?<contact>[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?![a-z0-9-])`),
    // WeChat id after an explicit marker (微信号：…, wx: …, WeChat ID …): any 5–20 character id.
    pattern(rx`(?<![a-z0-9])(?:${WECHAT_HAN}|${WECHAT_LATIN})(?!\s*(?:支付|pay))(?:${ID_MARK}\s*[:=是为]?|\s*[:=是为])\s*(?<contact>[a-z0-9][-_a-z0-9]{4,19})(?![-_a-z0-9])`, isDate),
    // WeChat id without a marker: must contain a digit, _ or -, and latin keywords need a space.
    pattern(rx`(?<![a-z0-9])(?:(?:${WECHAT_HAN})(?!支付)\s*|(?:${WECHAT_LATIN})\s+(?:is\s+)?)(?!pay\b)(?<contact>(?=[a-z]*[0-9_-])[a-z0-9][-_a-z0-9]{4,19})(?![-_a-z0-9])`, isDate),
    // QQ numbers: 5–12 digits after QQ / 扣扣 / 企鹅.
    pattern(rx`(?<![a-z0-9])(?:q\s?q|扣扣|企鹅)(?:\s?(?:号码?|number|no\.?|id))?\s*[:=是为]?\s*(?<contact>[1-9](?:[\s-]?\d){4,11})${NUM_END}`),
    // Chat-app links and app schemes (weixin://wxpay is the platform's own payment link).
    pattern(rx`(?<![a-z0-9.-])(?:https?://)?(?:www\.)?(?<contact>(?:${CHAT_HOSTS})(?:/[-a-z0-9._~:/?#@!$&*+;=%]*)?)`),
    pattern(rx`(?<![a-z0-9])(?<contact>(?:weixin|wechat|whatsapp|tg|line|mqq|mqqapi|mqqwpa|skype|viber)://(?!wxpay)[-a-z0-9._~:/?#@!$&*+;=%]*)`),
  ],
};

// ---------------------------------------------------------------------------------------------
// Word lists shipped as data (data/conduct/words.json), so a deployment can add words without code.

const wordList = z.array(z.string().trim().min(1).max(60)).max(2000).default([]);
const wordFile = z.object({
  insult: z.object({ zh: wordList, en: wordList }).default({ zh: [], en: [] }),
  malicious_label: z.object({ zh: wordList, en: wordList }).default({ zh: [], en: [] }),
});
export type WordLists = z.infer<typeof wordFile>;

export const WORDS_FILE = new URL('../../data/conduct/words.json', import.meta.url);

/** Reads and checks a word-list file; a broken file stops the desk at start-up rather than guarding nothing. */
export function loadWordLists(file: URL | string = WORDS_FILE): WordLists {
  const parsed = wordFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`invalid conduct word list ${String(file)}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

const escapeRegex = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (words: readonly string[]) => [...new Set(words.map((word) => word.normalize('NFKC').toLowerCase()))].sort((a, b) => b.length - a.length);

/** Chinese words match anywhere; English words and phrases match whole, any spacing between words. */
export function wordPatterns(lists: { zh: readonly string[]; en: readonly string[] }): Pick<RuleSet, 'zh' | 'en'> {
  const zh = longestFirst(lists.zh).map(escapeRegex);
  const en = longestFirst(lists.en).map((word) => escapeRegex(word).replace(/\s+/g, '\\s+').replace(/-/g, '[\\s-]'));
  return {
    zh: zh.length > 0 ? [pattern(new RegExp(zh.join('|'), 'gdu'))] : [],
    en: en.length > 0 ? [pattern(new RegExp(`\\b(?:${en.join('|')})\\b`, 'gdu'))] : [],
  };
}

const withWords = (rules: RuleSet, words: Pick<RuleSet, 'zh' | 'en'>): RuleSet => ({ zh: [...rules.zh, ...words.zh], en: [...rules.en, ...words.en], any: rules.any });
const words = loadWordLists();

/** All rule sets, keyed by rule. */
export const ruleSets: Readonly<Record<ConductRule, RuleSet>> = {
  malicious_label: withWords(maliciousLabel, wordPatterns(words.malicious_label)),
  insult: withWords(insult, wordPatterns(words.insult)),
  off_platform_contact: offPlatformContact,
  contact_details: contactDetails,
};

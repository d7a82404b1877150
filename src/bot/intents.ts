// What the visitor wants from the bot itself, before any diagnosis: a person, silence, or done.
// Keyword lists are deliberately small and each hit is checked for a nearby negation or for a
// context that changes its meaning ("我不要人工", "stop charging me", "没解决").

export type Intent = 'handoff' | 'stop' | 'solved' | 'identity';

/** Negations just before a Chinese keyword: "我不要人工", "不用转人工", "还没解决". */
const ZH_NEGATION = /(?:不要|不用|不需要?|不想|不必|没必要|无需|无须|别|不找|不转|不)\s*$/u;
/** "没/未/不" right before 解决 / 好: "没解决", "还没好", "解决不了" is handled by the pattern itself. */
const ZH_NOT_DONE = /(?:没有?|未|不|还没有?|并没有?|仍然没有?|没能|不能|无法)\s*$/u;
const EN_NEGATION = /\b(?:\w+n't|do not|does not|did not|no need (?:for|to)|not|never|without|no)\s+(?:\w+\s+){0,3}$/iu;

/** Questions about who is answering: answered ("a bot"), never taken as a request for a person. */
const IDENTITY = [
  /你(?:是不是|是)(?:真人|机器人|人工|真的人|ai|AI)(?:客服)?[吗么嘛呢？?]?|(?:这|这个)?是(?:真人|机器人)(?:客服)?(?:吗|么|嘛)|(?:真人|机器人)(?:还是|或)(?:真人|机器人)/u,
  /\b(?:are you|is this|am i (?:talking|chatting|speaking) (?:to|with))\s+(?:a\s+|an\s+)?(?:real\s+(?:person|human)|human|person|bot|robot|machine|ai)\b\s*\??/iu,
];

const HANDOFF_ZH = /(?:转|找|要|接|换|呼叫|联系)?人工(?!智能|审核|费|成本)(?:客服|服务|坐席)?|真人(?:客服)?|(?:找|联系|转|要|换)(?:一下|个)?客服(?![了过])|客服(?:人员|小姐姐|在吗)/gu;
const HANDOFF_EN = [
  /\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a|an|some|the)?\s*(?:real\s+|live\s+)?(?:human|person|agent|representative|someone|somebody|operator|staff)\b/giu,
  /\b(?:real|live|actual)\s+(?:person|human|agent)\b/giu,
  /\b(?:want|need|get|give me|connect me (?:to|with)|transfer me to|put me through to)\s+(?:a|an|some|to a)?\s*(?:human|person|agent|representative|operator)\b/giu,
  /\bhuman\s+(?:agent|support|please)\b/giu,
  /\b(?:agent|human|representative|operator)\s+please\b/giu,
];
/** A short message that is little more than the keyword ("human", "agent?", "representative!"). */
const HANDOFF_EN_BARE = /^\s*(?:a\s+|an\s+)?(?:human|agent|person|representative|operator)(?:\s+please)?\s*[!?.。！？]*\s*$/iu;

/** Stop the bot: only when the object is the bot or its answers, never "停止扣款" or "stop charging me". */
const STOP_ZH = /(?:别|不要|不用|无需)再?(?:自动)?(?:回复|回答|回了|说了|发了)|(?:停止|停下|关闭|关掉)(?:自动)?(?:回复|回答|机器人|自动助手)|不要(?:用)?机器人|别(?:用)?机器人|闭嘴|安静(?:点|一点|一下)?|^\s*(?:停|停止|停下|停一下)(?:吧|了|下来)?\s*[!！。.]*\s*$/gu;
const STOP_EN = [
  /^\s*(?:please\s+)?(?:stop|quiet|be quiet|shut up|enough)(?:\s+(?:it|now|please|already|that))?\s*[!.。]*\s*$/giu,
  /\bstop\s+(?:replying|answering|responding|talking|messaging|writing|sending|the bot|this bot|bot|auto[- ]?replies|automatic (?:replies|answers))\b/giu,
  /\b(?:be quiet|shut up|no more (?:bot|automatic|auto) (?:replies|answers|messages)|(?:turn|switch) (?:the )?bot off|leave me alone)\b/giu,
];

/** Done: the answer helped. Negated or asked as a question ("解决了吗") it is not. */
const SOLVED_ZH = /(?:问题)?(?:已经?|都)?解决了|已解决|搞定了|(?:已经|现在|终于)?好了[，,\s]*谢谢|谢谢[，,\s]*(?:已经|现在)?(?:好了|可以了|解决了)|现在可以了|可以付款了|付款成功了|没问题了/gu;
const SOLVED_EN = [
  /\b(?:that|this|it|you)\s+(?:has\s+)?(?:solved|fixed|sorted|resolved)\s+(?:it|the problem|the issue|my problem)\b/giu,
  /\b(?:it|everything|payment)\s+(?:works|is working|worked)\s+(?:now|again|fine now)\b/giu,
  /\b(?:problem|issue)\s+(?:is\s+)?(?:solved|fixed|resolved)\b/giu,
  /\b(?:all good now|works now|working now|that worked|that helped|solved it|fixed it)\b/giu,
  /^\s*(?:solved|resolved|fixed)\s*[!.。]*\s*$/giu,
];
const QUESTION_AFTER = /^\s*(?:吗|么|嘛|没有|没|\?|？)/u;

type Check = { negation: RegExp; window: number; question?: boolean; contrast?: boolean };
const ZH: Check = { negation: ZH_NEGATION, window: 6 };
const EN: Check = { negation: EN_NEGATION, window: 40 };
/** "付款成功了，但是订单还是未付款": a contrast after the keyword means it is not over. */
const CONTRAST = /但|可是|不过|却|还是|仍然|\bbut\b|\bhowever\b|\bstill\b/iu;

/** Whether any pattern matches somewhere that is not negated (and, when asked, not a question or followed by "but"). */
function hits(text: string, patterns: RegExp | RegExp[], check: Check): boolean {
  for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const match of text.matchAll(global)) {
      const end = match.index + match[0].length;
      const before = text.slice(Math.max(0, match.index - check.window), match.index);
      if (check.negation.test(before)) continue;
      if (check.question && QUESTION_AFTER.test(text.slice(end, end + 4))) continue;
      if (check.contrast && CONTRAST.test(text.slice(end))) continue;
      return true;
    }
  }
  return false;
}

/** The text with identity questions taken out, so "你是真人吗？我要找真人" still asks for a person. */
function withoutIdentityQuestions(text: string): { rest: string; asked: boolean } {
  let rest = text;
  let asked = false;
  for (const pattern of IDENTITY) {
    if (pattern.test(rest)) {
      asked = true;
      rest = rest.replace(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`), ' ');
    }
  }
  return { rest, asked };
}

/** The bot-level intent of a visitor message, or null when it is about the problem itself. */
export function detectIntent(raw: string): Intent | null {
  const text = raw.normalize('NFKC').replace(/[‘’]/g, "'").trim();
  if (text === '') return null;
  const { rest, asked } = withoutIdentityQuestions(text);
  if (hits(rest, HANDOFF_ZH, ZH) || hits(rest, HANDOFF_EN, EN) || HANDOFF_EN_BARE.test(rest)) return 'handoff';
  if (hits(rest, STOP_ZH, { negation: /(?:不要|别|不)\s*$/u, window: 3 }) || hits(rest, STOP_EN, { negation: /\b(?:don't|do not|never)\s+$/iu, window: 12 })) return 'stop';
  const done = { question: true, contrast: true };
  if (hits(rest, SOLVED_ZH, { ...done, negation: ZH_NOT_DONE, window: 6 }) || hits(rest, SOLVED_EN, { ...EN, ...done })) return 'solved';
  return asked ? 'identity' : null;
}

import { segmenter } from '../diagnosis/tokenize.js';

const HAN_SPLIT = /(\p{Script=Han}+)/u;
const HAN = /\p{Script=Han}/u;
/** Letters and digits of any other script: Latin words, error codes, numbers. */
const OTHER_WORD = /[\p{L}\p{N}]+/gu;

/** Words that say nothing about what a reader is looking for. */
const STOP_WORDS = new Set([
  ...'a an the and or but if of to in on at for from by with about as is are was were be been being am it its this that these those i me my we our you your he she they them their there here what which who whom how why when where do does did have has had can could would should will shall may might must just so than too very not no yes hi hello please thanks thank pls'.split(' '),
  ...'的 了 吗 呢 吧 啊 呀 哦 嗯 是 在 和 与 及 或 我 你 您 他 她 它 们 我们 你们 这 那 这个 那个 有 也 就 都 把 给 请 问 请问 怎么 怎么办 怎样 如何 什么 为什么 为何 一下 可以 能 会 要 还 又 之 其'.split(' '),
]);

/** A light suffix stripper, applied to the index and the query alike, so "refunds" finds "refund". */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * Search tokens of a text in order (repeats kept, for term frequency): jieba's search-mode words
 * for Chinese runs (so 银行卡 gives 银行 and 银行卡), lower-cased and lightly stemmed words and
 * numbers for everything else; punctuation, single Latin letters and stop words dropped. Tokens
 * only ever hold letters and digits, so they are safe inside any full-text query syntax.
 */
export function searchTokens(text: string): string[] {
  const normal = text.normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  // The capturing split keeps Chinese runs and the text between them in their original order.
  for (const part of normal.split(HAN_SPLIT)) {
    if (!part) continue;
    if (HAN.test(part)) {
      for (const word of segmenter().cutForSearch(part, true)) {
        const clean = word.trim();
        if (clean && /^[\p{L}\p{N}]+$/u.test(clean) && !STOP_WORDS.has(clean)) tokens.push(clean);
      }
      continue;
    }
    for (const word of part.match(OTHER_WORD) ?? []) {
      if (word.length < 2 || STOP_WORDS.has(word)) continue;
      tokens.push(stem(word));
    }
  }
  return tokens;
}

/** The distinct tokens of a query, at most `max` of them (a query is a few words, not a document). */
export function queryTokens(text: string, max = 24): string[] {
  return [...new Set(searchTokens(text.slice(0, 1000)))].slice(0, max);
}

/** The text stored in a full-text index: tokens separated by spaces. */
export function indexText(text: string): string {
  return searchTokens(text).join(' ');
}

/** True when a text is mostly Chinese (one Han character is enough to call it Chinese for search). */
export function looksChinese(text: string): boolean {
  return HAN.test(text);
}

import { stem } from './tokens.js';

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;

export const SNIPPET_LENGTH = 160;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

type Range = [start: number, end: number];

/** Where the query's tokens occur in a text: Chinese tokens as substrings, other tokens as whole (stemmed) words. */
function matchRanges(text: string, tokens: readonly string[]): Range[] {
  const ranges: Range[] = [];
  const lower = text.toLowerCase();
  // Lower-casing may change the length of a few exotic characters; then only word matches are safe.
  const sameLength = lower.length === text.length;
  const hanTokens = tokens.filter((token) => HAN.test(token));
  if (sameLength) {
    for (const token of hanTokens) {
      for (let at = lower.indexOf(token); at !== -1; at = lower.indexOf(token, at + token.length)) ranges.push([at, at + token.length]);
    }
  }
  const wordTokens = new Set(tokens.filter((token) => !HAN.test(token)));
  if (wordTokens.size > 0) {
    for (const match of text.matchAll(WORD)) {
      if (HAN.test(match[0])) continue;
      if (wordTokens.has(stem(match[0].normalize('NFKC').toLowerCase()))) ranges.push([match.index, match.index + match[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** HTML-escapes `text[from, to)` and wraps the parts inside `ranges` in <mark>. */
function markRanges(text: string, ranges: Range[], from: number, to: number): string {
  let html = '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const markStart = Math.max(start, from);
    const markEnd = Math.min(end, to);
    html += escapeHtml(text.slice(at, markStart)) + '<mark>' + escapeHtml(text.slice(markStart, markEnd)) + '</mark>';
    at = markEnd;
  }
  return html + escapeHtml(text.slice(at, to));
}

/** Moves an index off the second half of a surrogate pair, so no emoji is cut in two. */
const onCodePoint = (text: string, index: number) => (index > 0 && index < text.length && /[\uDC00-\uDFFF]/.test(text[index] ?? '') ? index - 1 : index);

/** The whole text, escaped, with the query's tokens marked (for titles). */
export function highlightText(text: string, tokens: readonly string[]): string {
  return markRanges(text, matchRanges(text, tokens), 0, text.length);
}

/** About `length` characters of text around the first match, escaped, with matches marked; the start when nothing matches. */
export function highlightSnippet(text: string, tokens: readonly string[], length = SNIPPET_LENGTH): string {
  const ranges = matchRanges(text, tokens);
  const first = ranges[0]?.[0] ?? 0;
  let start = onCodePoint(text, Math.max(0, Math.min(first - Math.floor(length / 4), text.length - length)));
  // Start at a word boundary when one is near, rather than in the middle of an English word.
  if (start > 0) {
    const space = text.lastIndexOf(' ', first);
    if (space >= start && space < first) start = space + 1;
  }
  const end = onCodePoint(text, Math.min(text.length, start + length));
  return (start > 0 ? '…' : '') + markRanges(text, ranges, start, end) + (end < text.length ? '…' : '');
}

/** The first `length` characters of a text, plain (not HTML). */
export function excerptOf(text: string, length = SNIPPET_LENGTH): string {
  if (text.length <= length) return text;
  return `${text.slice(0, onCodePoint(text, length)).trimEnd()}…`;
}

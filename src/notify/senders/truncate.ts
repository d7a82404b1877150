const ellipsis = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How a platform counts length: UTF-8 bytes (WeCom, DingTalk, Feishu) or UTF-16 units (Slack's "characters"). */
export type Measure = (text: string) => number;
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');
export const utf16Units: Measure = (text) => text.length;

/** Cuts text to at most `max` (bytes by default) on a grapheme boundary, ending with an ellipsis when cut. */
export function truncateUtf8(text: string, max: number, measure: Measure = utf8Bytes): string {
  if (measure(text) <= max) return text;
  const budget = max - measure(ellipsis);
  if (budget < 0) return '';
  let used = 0;
  let kept = '';
  for (const { segment } of segmenter.segment(text)) {
    const size = measure(segment);
    if (used + size > budget) break;
    kept += segment;
    used += size;
  }
  return kept + ellipsis;
}

/**
 * Like truncateUtf8, but keeps the last line (the "open the case" link in rendered templates)
 * when it is short: a cut message should still lead to the case.
 */
export function truncateKeepingLastLine(text: string, max: number, measure: Measure = utf8Bytes): string {
  if (measure(text) <= max) return text;
  const split = text.lastIndexOf('\n');
  const lastLine = split >= 0 ? text.slice(split) : '';
  if (lastLine.trim() === '' || measure(lastLine) > max / 4) return truncateUtf8(text, max, measure);
  return truncateUtf8(text.slice(0, split), max - measure(lastLine), measure) + lastLine;
}

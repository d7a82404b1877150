/** User text on one line (a newline in a subject could start a heading or a list) and at most `max` characters. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

/**
 * User text for markdown bodies. Backslash-escapes what could form links, images, code or
 * emphasis, and swaps angle brackets for full-width ones so no platform sees a tag:
 * WeCom <@userid> and <font>, Feishu <at>, Slack <!channel> and <url|text>.
 */
export function escapeMarkdown(text: string, max = 200): string {
  return oneLine(text, max)
    .replace(/[\\`*_[\]]/g, '\\$&')
    .replace(/</g, '＜')
    .replace(/>/g, '＞');
}

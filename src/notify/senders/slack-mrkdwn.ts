/** Slack's own escaping: these three are the only characters its mrkdwn treats as control characters. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const linkAt = /^\[([^\]\n]*)\]\((https?:\/\/[^)\s]+)\)/;

/**
 * Converts the templates' markdown to Slack mrkdwn: **bold** → *bold*, [text](url) → <url|text>,
 * backslash escapes → the plain character. Everything else is escaped, so case text cannot form
 * <!channel> mentions or <url|links> of its own.
 */
export function toSlackMrkdwn(markdown: string): string {
  let out = '';
  let index = 0;
  while (index < markdown.length) {
    const char = markdown[index] ?? '';
    const next = markdown[index + 1] ?? '';
    if (char === '\\' && /[!-/:-@[-`{-~]/.test(next)) {
      out += escapeSlack(next);
      index += 2;
    } else if (char === '*' && next === '*') {
      out += '*';
      index += 2;
    } else if (char === '[' && linkAt.test(markdown.slice(index))) {
      const match = linkAt.exec(markdown.slice(index));
      const label = (match?.[1] ?? '').replace(/\|/g, '¦');
      const url = match?.[2] ?? '';
      out += `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeSlack(label)}>`;
      index += match?.[0].length ?? 1;
    } else {
      out += escapeSlack(char);
      index += 1;
    }
  }
  return out;
}

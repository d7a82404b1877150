import { escapeMarkdown, oneLine } from './escape.js';

/** One piece of content in both renderings. */
export type Value = { text: string; markdown: string };

/** A notification laid out once and printed twice: plain text and markdown. */
export type Layout = {
  headline: Value;
  fields: Array<[label: string, value: Value]>;
  lines?: Value[];
  link?: { label: string; url: string };
};

/** Text from the case or the tenant's setup: flattened, clipped and, in markdown, escaped. */
export const fromUser = (text: string, max = 200): Value => ({ text: oneLine(text, max), markdown: escapeMarkdown(text, max) });
/** Our own wording, assembled from catalogue strings and formatted numbers or times. */
export const own = (text: string): Value => ({ text, markdown: text });
/** Fills a catalogue phrase once per rendering, so user parts are escaped only in the markdown one. */
export const fill = (phrase: (...parts: string[]) => string, ...values: Value[]): Value => ({
  text: phrase(...values.map((value) => value.text)),
  markdown: phrase(...values.map((value) => value.markdown)),
});
export const join = (...parts: Value[]): Value => ({ text: parts.map((part) => part.text).join(''), markdown: parts.map((part) => part.markdown).join('') });

// Console links come from our configuration, but a stray ")" or space would still break the markdown.
const markdownUrl = (url: string) => url.replace(/[()\s<>]/g, (char) => encodeURIComponent(char));

export function toText(layout: Layout, colon: string): string {
  return [
    layout.headline.text,
    ...layout.fields.map(([label, value]) => `${label}${colon}${value.text}`),
    ...(layout.lines ?? []).map((line) => line.text),
    ...(layout.link ? [`${layout.link.label}${colon}${layout.link.url}`] : []),
  ].join('\n');
}

/** Sections apart by a blank line, lines inside by a hard break ("  \n"), which DingTalk needs and WeCom ignores. */
export function toMarkdown(layout: Layout, colon: string): string {
  const sections = [
    `**${layout.headline.markdown}**`,
    layout.fields.map(([label, value]) => `> ${label}${colon}${value.markdown}`).join('  \n'),
    (layout.lines ?? []).map((line) => line.markdown).join('  \n'),
    layout.link && /^https?:\/\//.test(layout.link.url) ? `[${layout.link.label}](${markdownUrl(layout.link.url)})` : '',
  ];
  return sections.filter((section) => section !== '').join('\n\n');
}

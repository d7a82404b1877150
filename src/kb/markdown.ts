import MarkdownIt from 'markdown-it';

// html: false escapes any raw HTML an article holds; markdown-it also refuses javascript: links.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
md.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  // Articles are public: links to other sites get no referrer and no ranking credit.
  if (token && /^https?:/i.test(token.attrGet('href') ?? '')) token.attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** An article's Markdown as safe HTML for the portal. */
export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

/** The readable text of Markdown (no markup, one space between blocks), for excerpts and the search index. */
export function markdownToText(markdown: string): string {
  const parts: string[] = [];
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
        else if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push(' ');
        else if (child.type === 'image') parts.push(child.content);
      }
      parts.push(' ');
    } else if (token.type === 'code_block' || token.type === 'fence') {
      parts.push(token.content, ' ');
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

// The two kinds of HTML the knowledge-base screens put on the page, both made safe here:
// search highlights (the server escapes them; only <mark> is markup) and the Markdown preview.
import MarkdownIt from 'markdown-it';

/**
 * A highlight string with every tag but a bare <mark>/</mark> removed and any stray angle bracket
 * escaped, so even a server bug cannot put other markup on the page.
 */
export function markOnly(html: string): string {
  return html
    .split(/(<\/?mark>)/i)
    .map((part) => (/^<\/?mark>$/i.test(part) ? part.toLowerCase() : part.replace(/<[^>]*>/g, '').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

let markdown: MarkdownIt | null = null;

/** Markdown as the portal renders it: raw HTML is shown as text, links are checked by markdown-it. */
export function renderMarkdown(source: string): string {
  markdown ??= new MarkdownIt({ html: false, linkify: true, breaks: false });
  return markdown.render(source);
}

/** An article's address on the customer portal, with the tenant so the link works on a multi-tenant desk. */
export function portalUrl(path: string, tenantSlug: string, origin = window.location.origin): string {
  const url = new URL(path, origin);
  if (!url.searchParams.has('tenant')) url.searchParams.set('tenant', tenantSlug);
  return url.toString();
}

/** The portal page of an article by slug and language. */
export function articlePortalPath(slug: string, locale: string): string {
  return `/portal/articles/${encodeURIComponent(slug)}?locale=${encodeURIComponent(locale)}`;
}

// The only two places the portal puts server HTML into the page, each checked here first.

/**
 * Search highlights arrive HTML-escaped with <mark>…</mark> as the only markup. Keep exactly those
 * two tags and neutralise anything else (a tag of any other kind is dropped, a stray < or > escaped).
 */
export function safeHighlight(html: string): string {
  let open = false;
  const parts = html.split(/(<\/?mark>)/i).map((part, index) => {
    if (index % 2 === 0) return part.replace(/<[^>]*>?/g, '').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const closing = part[1] === '/';
    if (closing !== open) return ''; // unbalanced: a second opening or a closing without one
    open = !closing;
    return closing ? '</mark>' : '<mark>';
  });
  return parts.join('') + (open ? '</mark>' : '');
}

const allowedTags = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'A', 'STRONG', 'B', 'EM', 'I', 'CODE', 'PRE', 'BLOCKQUOTE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'HR', 'BR', 'IMG', 'DEL', 'S', 'SUP', 'SUB']);
const droppedWithContent = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'MATH', 'FORM', 'TEXTAREA', 'SELECT']);
const allowedAttributes: Record<string, string[]> = { A: ['href', 'title'], IMG: ['src', 'alt', 'title'], OL: ['start'] };

function safeUrl(value: string, forImage: boolean): boolean {
  const url = value.trim();
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  if (url.startsWith('#') && !forImage) return true;
  return forImage ? /^https:\/\//i.test(url) : /^(https?:|mailto:)/i.test(url);
}

/**
 * Article bodies are rendered by the server (Markdown with raw HTML escaped). As a second line of
 * defence the portal keeps only plain document markup: known tags, links and images with safe URLs,
 * no attributes that could run anything.
 */
export function safeArticleHtml(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html; // inert: nothing in a template runs or loads
  const clean = (node: Node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.COMMENT_NODE) {
        child.remove();
        continue;
      }
      if (!(child instanceof Element)) continue;
      const tag = child.tagName.toUpperCase();
      if (droppedWithContent.has(tag)) {
        child.remove();
        continue;
      }
      if (!allowedTags.has(tag)) {
        clean(child);
        child.replaceWith(...child.childNodes);
        continue;
      }
      const keep = allowedAttributes[tag] ?? [];
      for (const attribute of [...child.attributes]) {
        const name = attribute.name.toLowerCase();
        if (!keep.includes(name) || ((name === 'href' || name === 'src') && !safeUrl(attribute.value, name === 'src'))) child.removeAttribute(attribute.name);
      }
      if (tag === 'A' && /^https?:/i.test(child.getAttribute('href') ?? '')) {
        child.setAttribute('target', '_blank');
        child.setAttribute('rel', 'noopener noreferrer');
      }
      clean(child);
    }
  };
  clean(template.content);
  return template.innerHTML;
}

import { safeHighlight } from './safeHtml';

/** A search highlight: text with <mark> around the matched words (see safeHighlight). */
export function Marked({ html, as: Tag = 'span', className }: { html: string; as?: 'span' | 'div'; className?: string }) {
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: safeHighlight(html) }} />;
}

import { Link } from 'react-router-dom';
import type { ArticleHit } from '../api/types';
import { useTenantPath } from '../tenant';
import { Marked } from './Marked';

export function articlePath(hit: Pick<ArticleHit, 'slug' | 'locale'>): string {
  return `/articles/${encodeURIComponent(hit.slug)}`;
}

/** Articles as links; with `highlighted`, titles and snippets show the search's <mark>s. */
export function ArticleList({ items, highlighted = false, testId }: { items: ArticleHit[]; highlighted?: boolean; testId?: string }) {
  const to = useTenantPath();
  return (
    <div data-testid={testId}>
      {items.map((hit) => (
        <Link key={hit.id} to={to(articlePath(hit), { locale: hit.locale })} className="pd-hit" data-slug={hit.slug}>
          {highlighted ? <Marked className="pd-hit-title" as="div" html={hit.highlight.title} /> : <div className="pd-hit-title">{hit.title}</div>}
          {highlighted ? <Marked className="pd-hit-snippet" as="div" html={hit.highlight.snippet} /> : hit.excerpt ? <div className="pd-hit-snippet">{hit.excerpt}</div> : null}
        </Link>
      ))}
    </div>
  );
}

import { createHash, randomUUID } from 'node:crypto';
import { systemActor } from '../audit/audit.service.js';
import { requireCase } from '../cases/cases.service.js';
import { categories } from '../cases/taxonomy.js';
import { getCustomer } from '../customers/customers.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { KbArticleRow } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { categoryLabels } from '../notify/templates/labels.js';
import { insertNewArticle } from './kb-articles.service.js';
import { articleHead, asLocale, toHit } from './kb.presenter.js';
import * as repo from './kb.repository.js';
import type { PublicArticleResponse } from './kb.schema.js';
import { renderMarkdown } from './markdown.js';
import { searchIndex } from './search-index.js';
import { loadStarterArticles } from './starter.js';
import { queryTokens } from './tokens.js';

/** One search result: what a result list shows, with HTML-escaped highlights (only <mark> is markup). */
export type ArticleHit = { id: string; slug: string; locale: Locale; title: string; category: string | null; tags: string[]; excerpt: string; highlight: { title: string; snippet: string }; score: number; url: string };

const otherLocale = (locale: Locale): Locale => (locale === 'zh-CN' ? 'en' : 'zh-CN');

/** Index hits → presented hits, in rank order (rows that vanished meanwhile are skipped). */
async function hitsFor(db: Executor, tenantId: string, ranked: { id: string; score: number }[], tokens: readonly string[]): Promise<ArticleHit[]> {
  const rows = new Map((await repo.findArticlesByIds(db, tenantId, ranked.map((hit) => hit.id))).map((row) => [row.id, row]));
  return ranked.flatMap((hit) => {
    const row = rows.get(hit.id);
    return row ? [toHit(row, tokens, hit.score)] : [];
  });
}

/** Ranked full-text search over published articles (and drafts, for agents); best first. */
export async function searchArticles(db: Executor, tenantId: string, query: { q: string; locale?: Locale; category?: string; limit?: number; includeDrafts?: boolean }): Promise<ArticleHit[]> {
  const tokens = queryTokens(query.q);
  const statuses = query.includeDrafts ? ['draft', 'published'] : ['published'];
  const ranked = await searchIndex(db, tenantId, tokens, { statuses, locale: query.locale, category: query.category }, Math.min(query.limit ?? 10, 100));
  return hitsFor(db, tenantId, ranked, tokens);
}

async function suggestInLocale(db: Executor, tenantId: string, tokens: string[], category: string | null, locale: Locale, limit: number): Promise<ArticleHit[]> {
  const ranked = await searchIndex(db, tenantId, tokens, { statuses: ['published'], locale }, 30);
  const textHits = await hitsFor(db, tenantId, ranked, tokens);
  if (!category) return textHits.slice(0, limit);
  const sameCategory = textHits.filter((hit) => hit.category === category);
  const fromCategory = (await repo.listPublished(db, tenantId, { locale, category, sort: 'helpful' }, limit)).filter((row) => !sameCategory.some((hit) => hit.id === row.id)).map((row) => toHit(row, tokens, 0));
  const others = textHits.filter((hit) => hit.category !== category);
  return [...sameCategory, ...fromCategory, ...others].slice(0, limit);
}

/** Best articles for a problem: same category first, then text relevance; published only. */
export async function suggestArticles(db: Executor, tenantId: string, input: { text: string; category?: string | null; locale: Locale; limit?: number }): Promise<ArticleHit[]> {
  const tokens = queryTokens(input.text);
  const limit = Math.min(input.limit ?? 3, 20);
  const category = input.category ?? null;
  const hits = await suggestInLocale(db, tenantId, tokens, category, input.locale, limit);
  // A desk with articles in one language only still has something to offer.
  return hits.length > 0 ? hits : suggestInLocale(db, tenantId, tokens, category, otherLocale(input.locale), limit);
}

/** Loads the starter set (src/kb/starter/); skips slugs already there; returns how many were added. */
export async function seedStarterArticles(db: Executor, tenantId: string, now: Date): Promise<number> {
  const { articles } = loadStarterArticles();
  if (articles.length === 0) return 0;
  return inTransaction(db, async (trx) => {
    const taken = await repo.existingSlugs(trx, tenantId);
    let added = 0;
    for (const article of articles) {
      if (taken.has(`${article.locale}/${article.slug}`)) continue;
      await insertNewArticle(trx, tenantId, article, { ...systemActor, name: 'starter articles' }, now);
      added += 1;
    }
    return added;
  });
}

/** For the self-service report. */
export async function kbVoteCounts(db: Executor, tenantId: string, range: { from: Date; to: Date }): Promise<{ helpful: number; not_helpful: number }> {
  return repo.countVotes(db, tenantId, range.from.toISOString(), range.to.toISOString());
}

/** Readers' list without a query: the most helpful (or newest) published articles. */
export async function listPublishedArticles(db: Executor, tenantId: string, query: { locale: Locale; category?: string; sort: 'helpful' | 'newest'; limit: number }): Promise<ArticleHit[]> {
  const rows = await repo.listPublished(db, tenantId, query, query.limit);
  return rows.map((row) => toHit(row, [], 0));
}

/** A published article for readers, in the asked language or else the other; counts a view. */
export async function readPublishedArticle(db: Executor, tenantId: string, slug: string, locale: Locale): Promise<PublicArticleResponse> {
  const all = (await repo.findArticlesBySlug(db, tenantId, slug)).filter((row) => row.status === 'published');
  const row = all.find((candidate) => candidate.locale === locale) ?? all[0];
  if (!row) throw notFound('detail.kb_article_not_found', slug);
  await repo.addView(db, tenantId, row.id);
  const head = articleHead(row);
  const related = (await suggestArticles(db, tenantId, { text: `${row.title} ${head.tags.join(' ')}`, category: row.category, locale: head.locale, limit: 4 })).filter((hit) => hit.id !== row.id).slice(0, 3);
  return {
    ...head,
    body_html: renderMarkdown(row.body_markdown),
    version: row.version,
    updated_at: row.updated_at,
    helpful_yes: row.helpful_yes,
    helpful_no: row.helpful_no,
    translations: all.filter((other) => other.id !== row.id).map((other) => ({ locale: asLocale(other.locale), slug: other.slug, title: other.title })),
    related,
  };
}

/** Voters are stored only as a hash of the browser's random id. */
const hashVoter = (voter: string) => createHash('sha256').update(`kb-voter:${voter}`).digest('hex');

/** "Was this helpful?": one vote per voter and article; a second vote replaces the first. */
export async function voteOnArticle(db: Executor, tenantId: string, articleId: string, vote: { helpful: boolean; voter: string }, now: Date): Promise<{ helpful_yes: number; helpful_no: number }> {
  return inTransaction(db, async (trx) => {
    const row: KbArticleRow | undefined = await repo.findArticle(trx, tenantId, articleId);
    if (!row || row.status !== 'published') throw notFound('detail.kb_article_not_found', articleId);
    return repo.upsertVote(trx, { id: randomUUID(), tenant_id: tenantId, article_id: articleId, voter: hashVoter(vote.voter), helpful: vote.helpful ? 1 : 0, created_at: now.toISOString() });
  });
}

/** Categories that have published articles in a language, in taxonomy order, with their names. */
export async function publishedCategories(db: Executor, tenantId: string, locale: Locale): Promise<{ category: string; label: string; count: number }[]> {
  const counts = new Map((await repo.countPublishedByCategory(db, tenantId, locale)).map((row) => [row.category, row.count]));
  return categories.flatMap((category) => {
    const count = counts.get(category);
    return count ? [{ category, label: categoryLabels[category]?.[locale] ?? category, count }] : [];
  });
}

/** The language to suggest articles in for a text whose writer's language is unknown. */
const guessLocale = (text: string): Locale => (/\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en');

/** The top 3 articles for a case: its category first, then its subject and description; in the customer's language when known. */
export async function caseSuggestions(db: Executor, tenantId: string, caseId: string): Promise<ArticleHit[]> {
  const current = await requireCase(db, tenantId, caseId);
  const text = `${current.subject}\n${current.description}`;
  const customer = current.customer_id ? await getCustomer(db, tenantId, current.customer_id) : null;
  const locale = customer?.locale === 'zh-CN' || customer?.locale === 'en' ? customer.locale : guessLocale(text);
  return suggestArticles(db, tenantId, { text, category: current.category, locale, limit: 3 });
}

/** A public route's tenant, by slug; unknown → 404. */
export function requirePublicTenant<T>(tenant: T | undefined, slug: string): T {
  if (!tenant) throw new AppError('not_found', { key: 'detail.kb_site_not_found', params: { slug } });
  return tenant;
}

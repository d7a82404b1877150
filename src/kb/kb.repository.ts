import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { KbArticleRow, KbArticleVersionsTable, KbArticlesTable } from '../db/schema.js';

export type KbVersionRow = Selectable<KbArticleVersionsTable>;

// Explicit columns: never `search_vector`, which only PostgreSQL has and nobody reads.
const articleColumns = [
  'id',
  'tenant_id',
  'slug',
  'locale',
  'title',
  'body_markdown',
  'category',
  'tags',
  'status',
  'version',
  'helpful_yes',
  'helpful_no',
  'views',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
  'published_at',
] as const;

const versionColumns = ['article_id', 'tenant_id', 'version', 'title', 'body_markdown', 'category', 'tags', 'status', 'edited_by', 'created_at'] as const;

export async function insertArticle(db: Executor, row: Insertable<KbArticlesTable>): Promise<void> {
  await db.insertInto('kb_articles').values(row).execute();
}

export async function insertVersion(db: Executor, row: KbVersionRow): Promise<void> {
  await db.insertInto('kb_article_versions').values(row).execute();
}

export async function findArticle(db: Executor, tenantId: string, id: string): Promise<KbArticleRow | undefined> {
  return db.selectFrom('kb_articles').select(articleColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findArticleBySlug(db: Executor, tenantId: string, locale: string, slug: string): Promise<KbArticleRow | undefined> {
  return db.selectFrom('kb_articles').select(articleColumns).where('tenant_id', '=', tenantId).where('locale', '=', locale).where('slug', '=', slug).executeTakeFirst();
}

/** Every locale's article with this slug. */
export async function findArticlesBySlug(db: Executor, tenantId: string, slug: string): Promise<KbArticleRow[]> {
  return db.selectFrom('kb_articles').select(articleColumns).where('tenant_id', '=', tenantId).where('slug', '=', slug).orderBy('locale').execute();
}

export async function findArticlesByIds(db: Executor, tenantId: string, ids: readonly string[]): Promise<KbArticleRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('kb_articles').select(articleColumns).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

/** Applies a change only when the article is still at `version` (the caller's read): false when someone else got there first. */
export async function updateArticle(db: Executor, tenantId: string, id: string, version: number, changes: Partial<Omit<KbArticleRow, 'id' | 'tenant_id'>>): Promise<boolean> {
  const result = await db.updateTable('kb_articles').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type ListFilter = { statuses: readonly string[]; locale?: string; category?: string };

/** Agents' list: most recently updated first; `after` is the (updated_at, id) of the previous page's last row. */
export async function listArticles(db: Executor, tenantId: string, filter: ListFilter, after: [string, string] | undefined, limit: number): Promise<KbArticleRow[]> {
  let query = db.selectFrom('kb_articles').select(articleColumns).where('tenant_id', '=', tenantId).where('status', 'in', filter.statuses);
  if (filter.locale) query = query.where('locale', '=', filter.locale);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (after) query = query.where((eb) => eb(eb.refTuple('updated_at', 'id'), '<', eb.tuple(after[0], after[1])));
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Published articles for readers: the most helpful (or the newest) first. */
export async function listPublished(db: Executor, tenantId: string, filter: { locale?: string; category?: string; sort: 'helpful' | 'newest' }, limit: number): Promise<KbArticleRow[]> {
  let query = db.selectFrom('kb_articles').select(articleColumns).where('tenant_id', '=', tenantId).where('status', '=', 'published');
  if (filter.locale) query = query.where('locale', '=', filter.locale);
  if (filter.category) query = query.where('category', '=', filter.category);
  query =
    filter.sort === 'helpful'
      ? query.orderBy(sql`helpful_yes - helpful_no`, 'desc').orderBy('views', 'desc').orderBy('updated_at', 'desc')
      : query.orderBy('updated_at', 'desc');
  return query.orderBy('id').limit(limit).execute();
}

export async function listVersions(db: Executor, tenantId: string, articleId: string, before: number | undefined, limit: number): Promise<KbVersionRow[]> {
  let query = db.selectFrom('kb_article_versions').select(versionColumns).where('tenant_id', '=', tenantId).where('article_id', '=', articleId);
  if (before !== undefined) query = query.where('version', '<', before);
  return query.orderBy('version', 'desc').limit(limit).execute();
}

export async function countPublishedByCategory(db: Executor, tenantId: string, locale: string): Promise<{ category: string; count: number }[]> {
  const rows = await db
    .selectFrom('kb_articles')
    .select(['category', (eb) => eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'published')
    .where('locale', '=', locale)
    .where('category', 'is not', null)
    .groupBy('category')
    .execute();
  return rows.flatMap((row) => (row.category === null ? [] : [{ category: row.category, count: Number(row.count) }]));
}

export async function addView(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.updateTable('kb_articles').set((eb) => ({ views: eb('views', '+', 1) })).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Records (or replaces) one voter's vote and recounts the article's votes from the votes themselves. */
export async function upsertVote(db: Executor, vote: { id: string; tenant_id: string; article_id: string; voter: string; helpful: number; created_at: string }): Promise<{ helpful_yes: number; helpful_no: number }> {
  await db
    .insertInto('kb_votes')
    .values(vote)
    .onConflict((oc) => oc.columns(['article_id', 'voter']).doUpdateSet({ helpful: vote.helpful, created_at: vote.created_at }))
    .execute();
  const counts = await db
    .selectFrom('kb_votes')
    .select([(eb) => eb.fn.sum<number>(eb.case().when('helpful', '=', 1).then(1).else(0).end()).as('yes'), (eb) => eb.fn.sum<number>(eb.case().when('helpful', '=', 0).then(1).else(0).end()).as('no')])
    .where('tenant_id', '=', vote.tenant_id)
    .where('article_id', '=', vote.article_id)
    .executeTakeFirstOrThrow();
  const totals = { helpful_yes: Number(counts.yes ?? 0), helpful_no: Number(counts.no ?? 0) };
  await db.updateTable('kb_articles').set(totals).where('tenant_id', '=', vote.tenant_id).where('id', '=', vote.article_id).execute();
  return totals;
}

export async function countVotes(db: Executor, tenantId: string, from: string, to: string): Promise<{ helpful: number; not_helpful: number }> {
  const rows = await db
    .selectFrom('kb_votes')
    .select(['helpful', (eb) => eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('helpful')
    .execute();
  const count = (helpful: number) => Number(rows.find((row) => Number(row.helpful) === helpful)?.count ?? 0);
  return { helpful: count(1), not_helpful: count(0) };
}

/** Slugs already taken in a locale, for the starter set. */
export async function existingSlugs(db: Executor, tenantId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('kb_articles').select(['locale', 'slug']).where('tenant_id', '=', tenantId).execute();
  return new Set(rows.map((row) => `${row.locale}/${row.slug}`));
}

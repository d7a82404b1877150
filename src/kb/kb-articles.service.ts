import { randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import { isUniqueViolation } from '../db/dialect.js';
import type { KbArticleRow } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import { categoryLabels } from '../notify/templates/labels.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import { asLocale, parseTags, presentArticle, presentListItem, presentVersion } from './kb.presenter.js';
import * as repo from './kb.repository.js';
import type { ArticleResponse, ArticleStatus, CreateArticleBody, ListArticlesQuery, UpdateArticleBody } from './kb.schema.js';
import { markdownToText } from './markdown.js';
import { searchIndex, writeSearchIndex } from './search-index.js';
import { queryTokens } from './tokens.js';

/** The most ranked results an agent can page through for one query. */
const MAX_RANKED = 500;

/** What the search index holds for an article: title and tags weigh most; the body and the category's name follow. */
function indexEntry(row: Pick<KbArticleRow, 'id' | 'tenant_id' | 'title' | 'tags' | 'body_markdown' | 'category' | 'locale'>) {
  const label = row.category ? (categoryLabels[row.category]?.[asLocale(row.locale)] ?? '') : '';
  return { id: row.id, tenant_id: row.tenant_id, titleText: `${row.title} ${parseTags(row.tags).join(' ')}`, bodyText: `${markdownToText(row.body_markdown)} ${label}` };
}

const slugTaken = (input: { locale: string; slug: string }) =>
  new AppError('conflict', { key: 'detail.kb_slug_taken', params: { slug: input.slug, locale: input.locale } }, [{ field: 'body.slug', message: `already used in ${input.locale}` }]);

/**
 * Stores a new article with its first version and its index entry, and records
 * `kb.article_created`; the starter set and agents both come through here.
 */
export async function insertNewArticle(db: Executor, tenantId: string, input: CreateArticleBody, actor: Actor, now: Date): Promise<KbArticleRow> {
  return inTransaction(db, async (trx) => {
    if (await repo.findArticleBySlug(trx, tenantId, input.locale, input.slug)) throw slugTaken(input);
    const at = now.toISOString();
    const row: KbArticleRow = {
      id: randomUUID(),
      tenant_id: tenantId,
      slug: input.slug,
      locale: input.locale,
      title: input.title,
      body_markdown: input.body_markdown,
      category: input.category ?? null,
      tags: JSON.stringify(input.tags),
      status: input.status,
      version: 1,
      helpful_yes: 0,
      helpful_no: 0,
      views: 0,
      created_by: actor.id,
      updated_by: actor.id,
      created_at: at,
      updated_at: at,
      published_at: input.status === 'published' ? at : null,
    };
    try {
      await repo.insertArticle(trx, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw slugTaken(input);
      throw error;
    }
    await repo.insertVersion(trx, { article_id: row.id, tenant_id: tenantId, version: 1, title: row.title, body_markdown: row.body_markdown, category: row.category, tags: row.tags, status: row.status, edited_by: actor.id, created_at: at });
    await writeSearchIndex(trx, indexEntry(row));
    await appendEvent(trx, { tenantId, caseId: null, actor, type: 'kb.article_created', payload: { article_id: row.id, slug: row.slug, locale: row.locale, title: row.title, status: row.status, version: 1 }, at });
    return row;
  });
}

export async function createArticle(db: Executor, tenantId: string, input: CreateArticleBody, actor: Actor, now: Date): Promise<ArticleResponse> {
  return presentArticle(await insertNewArticle(db, tenantId, input, actor, now));
}

async function requireArticle(db: Executor, tenantId: string, id: string): Promise<KbArticleRow> {
  const row = await repo.findArticle(db, tenantId, id);
  if (!row) throw notFound('detail.kb_article_not_found', id);
  return row;
}

export async function getArticle(db: Executor, tenantId: string, id: string): Promise<ArticleResponse> {
  return presentArticle(await requireArticle(db, tenantId, id));
}

type Editable = Pick<KbArticleRow, 'slug' | 'locale' | 'title' | 'body_markdown' | 'category' | 'tags' | 'status'>;

/** The fields a change really alters (sending the same title again is no change). */
function changesOf(row: KbArticleRow, input: Omit<UpdateArticleBody, 'expected_version'>): Partial<Editable> {
  const wanted: Partial<Editable> = {
    slug: input.slug,
    locale: input.locale,
    title: input.title,
    body_markdown: input.body_markdown,
    category: input.category,
    tags: input.tags === undefined ? undefined : JSON.stringify(input.tags),
    status: input.status,
  };
  const changes: Partial<Editable> = {};
  for (const key of Object.keys(wanted) as (keyof Editable)[]) {
    const value = wanted[key];
    if (value !== undefined && value !== row[key]) Object.assign(changes, { [key]: value });
  }
  return changes;
}

/**
 * Changes an article: a new version row and version + 1, the index entry rewritten, and
 * `kb.article_updated`. With `expected_version`, refuses (409) when the article moved on since
 * the caller read it; without it, two racing writers still never both win the same version.
 */
export async function updateArticle(db: Executor, tenantId: string, id: string, input: UpdateArticleBody, actor: Actor, now: Date): Promise<ArticleResponse> {
  return inTransaction(db, async (trx) => {
    const row = await requireArticle(trx, tenantId, id);
    const stale = () => new AppError('conflict', { key: 'detail.kb_version_conflict', params: { version: row.version } }, undefined, { current_version: row.version });
    if (input.expected_version !== undefined && input.expected_version !== row.version) throw stale();
    const changes = changesOf(row, input);
    if (Object.keys(changes).length === 0) return presentArticle(row);
    const next = { ...row, ...changes };
    if ((changes.slug !== undefined || changes.locale !== undefined) && (await repo.findArticleBySlug(trx, tenantId, next.locale, next.slug))) throw slugTaken(next);
    const at = now.toISOString();
    const version = row.version + 1;
    const published = changes.status === 'published' ? { published_at: at } : {};
    let applied: boolean;
    try {
      applied = await repo.updateArticle(trx, tenantId, id, row.version, { ...changes, ...published, version, updated_by: actor.id, updated_at: at });
    } catch (error) {
      if (isUniqueViolation(error)) throw slugTaken(next);
      throw error;
    }
    if (!applied) throw stale();
    await repo.insertVersion(trx, { article_id: id, tenant_id: tenantId, version, title: next.title, body_markdown: next.body_markdown, category: next.category, tags: next.tags, status: next.status, edited_by: actor.id, created_at: at });
    await writeSearchIndex(trx, indexEntry(next));
    await appendEvent(trx, { tenantId, caseId: null, actor, type: 'kb.article_updated', payload: { article_id: id, slug: next.slug, locale: next.locale, version, changed: Object.keys(changes).sort(), status: next.status }, at });
    return presentArticle(await requireArticle(trx, tenantId, id));
  });
}

/** Takes an article off the portal and out of suggestions; its versions stay. */
export async function archiveArticle(db: Executor, tenantId: string, id: string, actor: Actor, now: Date): Promise<ArticleResponse> {
  return updateArticle(db, tenantId, id, { status: 'archived' }, actor, now);
}

export async function listArticleVersions(db: Executor, tenantId: string, id: string, query: { limit: number; cursor?: string }) {
  await requireArticle(db, tenantId, id);
  const before = query.cursor ? Number(decodeCursor(query.cursor, 'kb-version', ['int'])[0]) : undefined;
  const rows = await repo.listVersions(db, tenantId, id, before, query.limit + 1);
  return toPage(rows, query.limit, presentVersion, (last) => encodeCursor('kb-version', [last.version]));
}

/** Agents' list: drafts and published (or one status), newest change first, or ranked by `q`. */
export async function listArticles(db: Executor, tenantId: string, query: ListArticlesQuery) {
  const statuses: readonly ArticleStatus[] = query.status ? [query.status] : ['draft', 'published'];
  const filter = { statuses, locale: query.locale, category: query.category };
  const tokens = query.q ? queryTokens(query.q) : [];
  if (query.q !== undefined && query.q !== '') {
    const offset = query.cursor ? Number(decodeCursor(query.cursor, 'kb-rank', ['int'])[0]) : 0;
    if (tokens.length === 0 || offset >= MAX_RANKED) return { items: [], next_cursor: null };
    const ranked = await searchIndex(db, tenantId, tokens, filter, Math.min(MAX_RANKED, offset + query.limit + 1));
    const window = ranked.slice(offset, offset + query.limit + 1);
    const rows = new Map((await repo.findArticlesByIds(db, tenantId, window.map((hit) => hit.id))).map((row) => [row.id, row]));
    const items = window.slice(0, query.limit).flatMap((hit) => {
      const row = rows.get(hit.id);
      return row ? [presentListItem(row, { tokens, score: hit.score })] : [];
    });
    return { items, next_cursor: window.length > query.limit ? encodeCursor('kb-rank', [offset + query.limit]) : null };
  }
  const after = query.cursor ? (decodeCursor(query.cursor, 'kb-updated', ['instant', 'id']) as [string, string]) : undefined;
  const rows = await repo.listArticles(db, tenantId, filter, after, query.limit + 1);
  return toPage(rows, query.limit, (row) => presentListItem(row, null), (last) => encodeCursor('kb-updated', [last.updated_at, last.id]));
}

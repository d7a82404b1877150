import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { searchTokens } from './tokens.js';

/**
 * The knowledge base's full-text index, the one place with SQL per dialect. Both hold the
 * same jieba/word tokens (see tokens.ts), title (with tags) weighted above the body:
 * - SQLite: the FTS5 table `kb_search`, one row per article, ranked with bm25;
 * - PostgreSQL: `kb_articles.search_vector` (weights A and B), ranked with ts_rank.
 * Vectors and queries are built from tokens as literals, not with to_tsvector(): the
 * database's text parser depends on its locale and might split or drop Chinese words.
 */

/** What the index needs of an article: the text to find it by. */
export type IndexedArticle = { id: string; tenant_id: string; titleText: string; bodyText: string };

export type IndexFilter = { statuses: readonly string[]; locale?: string; category?: string };

const TITLE_WEIGHT_SQLITE = 5;
/** PostgreSQL keeps at most this many positions per lexeme and none beyond the last position. */
const PG_MAX_POSITIONS = 255;
const PG_MAX_POSITION = 16383;

const quoteLexeme = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** `'退款':1A,4A 'refund':2B` — a tsvector literal with positions and weights. */
export function tsvectorLiteral(title: string[], body: string[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (tokens: string[], weight: 'A' | 'B') => {
    for (const token of tokens) {
      position = Math.min(position + 1, PG_MAX_POSITION);
      const list = positions.get(token) ?? [];
      if (list.length < PG_MAX_POSITIONS && list.at(-1) !== `${position}${weight}`) list.push(`${position}${weight}`);
      positions.set(token, list);
    }
  };
  add(title, 'A');
  add(body, 'B');
  return [...positions].map(([token, list]) => `${quoteLexeme(token)}:${list.join(',')}`).join(' ');
}

/** Replaces an article's entry in the index; call in the transaction that wrote the article. */
export async function writeSearchIndex(db: Executor, article: IndexedArticle): Promise<void> {
  const title = searchTokens(article.titleText);
  const body = searchTokens(article.bodyText);
  if (isPostgres(db)) {
    await sql`update kb_articles set search_vector = ${tsvectorLiteral(title, body)}::tsvector where id = ${article.id} and tenant_id = ${article.tenant_id}`.execute(db);
    return;
  }
  await sql`delete from kb_search where article_id = ${article.id}`.execute(db);
  await sql`insert into kb_search (article_id, tenant_id, title, body) values (${article.id}, ${article.tenant_id}, ${title.join(' ')}, ${body.join(' ')})`.execute(db);
}

/**
 * Articles matching any of the tokens, best first, with a relevance score (higher is better;
 * comparable within one result list only). Tokens hold only letters and digits (tokens.ts),
 * and are still quoted, so no input can change the query's syntax.
 */
export async function searchIndex(db: Executor, tenantId: string, tokens: readonly string[], filter: IndexFilter, limit: number): Promise<{ id: string; score: number }[]> {
  if (tokens.length === 0 || filter.statuses.length === 0) return [];
  const statuses = sql.join(filter.statuses.map((status) => sql`${status}`));
  const locale = filter.locale === undefined ? sql`` : sql` and a.locale = ${filter.locale}`;
  const category = filter.category === undefined ? sql`` : sql` and a.category = ${filter.category}`;
  if (isPostgres(db)) {
    const query = tokens.map(quoteLexeme).join(' | ');
    const { rows } = await sql<{ id: string; score: number }>`
      select a.id, ts_rank(a.search_vector, ${query}::tsquery) as score
      from kb_articles a
      where a.tenant_id = ${tenantId} and a.status in (${statuses})${locale}${category}
        and a.search_vector @@ ${query}::tsquery
      order by score desc, a.helpful_yes desc, a.id
      limit ${limit}`.execute(db);
    return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  }
  const match = tokens.map((token) => `"${token.replace(/"/g, '""')}"`).join(' OR ');
  const { rows } = await sql<{ id: string; rank: number }>`
    select a.id, bm25(kb_search, 0, 0, ${TITLE_WEIGHT_SQLITE}, 1) as rank
    from kb_search join kb_articles a on a.id = kb_search.article_id
    where kb_search match ${match} and kb_search.tenant_id = ${tenantId}
      and a.tenant_id = ${tenantId} and a.status in (${statuses})${locale}${category}
    order by rank, a.helpful_yes desc, a.id
    limit ${limit}`.execute(db);
  // bm25 is lower for better matches; turn it round so both dialects read "higher is better".
  return rows.map((row) => ({ id: row.id, score: -Number(row.rank) }));
}

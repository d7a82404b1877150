import type { Executor } from '../db/database.js';
import type { PortalLinkRow } from '../db/schema.js';

const linkColumns = ['id', 'tenant_id', 'case_id', 'created_by', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'] as const;
const csatColumns = ['id', 'tenant_id', 'case_id', 'score', 'comment', 'source', 'created_at'] as const;

export async function insertLink(db: Executor, row: PortalLinkRow): Promise<void> {
  await db.insertInto('portal_links').values(row).execute();
}

/** A link by its id alone: the status URL names no tenant, the row says whose it is. */
export async function findLinkById(db: Executor, id: string): Promise<PortalLinkRow | undefined> {
  return db.selectFrom('portal_links').select(linkColumns).where('id', '=', id).executeTakeFirst();
}

export async function findLink(db: Executor, tenantId: string, caseId: string, id: string): Promise<PortalLinkRow | undefined> {
  return db.selectFrom('portal_links').select(linkColumns).where('tenant_id', '=', tenantId).where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export async function listLinks(db: Executor, tenantId: string, caseId: string): Promise<PortalLinkRow[]> {
  return db.selectFrom('portal_links').select(linkColumns).where('tenant_id', '=', tenantId).where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function revokeLink(db: Executor, tenantId: string, id: string, at: string): Promise<void> {
  await db.updateTable('portal_links').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function touchLink(db: Executor, tenantId: string, id: string, at: string): Promise<void> {
  await db.updateTable('portal_links').set({ last_used_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Cases the customers opened in the portal: each has the link made for it at that moment. */
export async function countPortalOpened(db: Executor, tenantId: string, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom('portal_links')
    .select((eb) => eb.fn.count<number>('case_id').distinct().as('count'))
    .where('tenant_id', '=', tenantId)
    .where('created_by', '=', 'portal')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export type CsatRow = { id: string; tenant_id: string; case_id: string; score: number; comment: string | null; source: string; created_at: string };

export async function findRating(db: Executor, tenantId: string, caseId: string): Promise<CsatRow | undefined> {
  return db.selectFrom('csat_ratings').select(csatColumns).where('tenant_id', '=', tenantId).where('case_id', '=', caseId).executeTakeFirst();
}

export async function insertRating(db: Executor, row: CsatRow): Promise<void> {
  await db.insertInto('csat_ratings').values(row).execute();
}

/** How many ratings of each score were given in [from, to). */
export async function ratingCounts(db: Executor, tenantId: string, from: string, to: string): Promise<{ score: number; count: number }[]> {
  const rows = await db
    .selectFrom('csat_ratings')
    .select((eb) => ['score', eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('score')
    .execute();
  return rows.map((row) => ({ score: Number(row.score), count: Number(row.count) }));
}

import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { TenantRow } from '../db/schema.js';

const tenantColumns = ['id', 'slug', 'name', 'timezone', 'case_seq', 'audit_seq', 'audit_head', 'created_at'] as const;

export async function findBySlug(db: Executor, slug: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').select(tenantColumns).where('slug', '=', slug).executeTakeFirst();
}

export async function findById(db: Executor, id: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').select(tenantColumns).where('id', '=', id).executeTakeFirst();
}

export async function listAll(db: Executor): Promise<TenantRow[]> {
  return db.selectFrom('tenants').select(tenantColumns).orderBy('created_at').execute();
}

export async function insertTenant(db: Executor, tenant: { id: string; slug: string; name: string; timezone: string; audit_head: string; created_at: string }) {
  await db.insertInto('tenants').values({ ...tenant, case_seq: 0, audit_seq: 0 }).execute();
}

export async function insertTeams(db: Executor, rows: { tenant_id: string; code: string; name: string; tier: number | null }[]) {
  await db.insertInto('teams').values(rows).execute();
}

export async function listTeams(db: Executor, tenantId: string) {
  return db.selectFrom('teams').select(['code', 'name', 'tier']).where('tenant_id', '=', tenantId).orderBy('code').execute();
}

export async function teamExists(db: Executor, tenantId: string, code: string): Promise<boolean> {
  const row = await db.selectFrom('teams').select('code').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** Hands out the next human-readable case number; the tenant row stays locked until commit. */
export async function nextCaseNumber(db: Executor, tenantId: string): Promise<number> {
  const row = await db
    .updateTable('tenants')
    .set((eb) => ({ case_seq: eb('case_seq', '+', 1) }))
    .where('id', '=', tenantId)
    .returning('case_seq')
    .executeTakeFirstOrThrow();
  return row.case_seq;
}

/**
 * Takes the tenant's write lock up front (PostgreSQL; SQLite has one writer anyway). Transactions
 * that may create or complete customers take it first, so they never hold a customer row while
 * waiting for the tenant row that another holds while waiting for that customer.
 */
export async function lockTenant(db: Executor, tenantId: string): Promise<void> {
  if (!isPostgres(db)) return;
  await db.selectFrom('tenants').select('id').where('id', '=', tenantId).forUpdate().execute();
}

import { sql } from 'kysely';
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

// On PostgreSQL each tenant numbers its cases from a sequence of its own: no row stays locked
// while a case is created, so creates for one tenant commit side by side. A create that rolls
// back leaves a gap, as in most ticket systems. SQLite has a single writer and uses a counter.
const caseNumberSequence = (tenantId: string) => `case_number_${tenantId.replaceAll('-', '')}`;

export async function createCaseNumbering(db: Executor, tenantId: string): Promise<void> {
  if (isPostgres(db)) await sql`create sequence ${sql.id(caseNumberSequence(tenantId))}`.execute(db);
}

/** Hands out the next human-readable case number of a tenant. */
export async function nextCaseNumber(db: Executor, tenantId: string): Promise<number> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ number: number }>`select nextval(${caseNumberSequence(tenantId)}) as number`.execute(db);
    const number = rows[0]?.number;
    if (number === undefined) throw new Error('nextval returned no row');
    return number;
  }
  const row = await db
    .updateTable('tenants')
    .set((eb) => ({ case_seq: eb('case_seq', '+', 1) }))
    .where('id', '=', tenantId)
    .returning('case_seq')
    .executeTakeFirstOrThrow();
  return row.case_seq;
}

/** Continues numbering after `last` (used when cases are bulk-loaded). */
export async function continueCaseNumbersAfter(db: Executor, tenantId: string, last: number): Promise<void> {
  if (isPostgres(db)) await sql`select setval(${caseNumberSequence(tenantId)}, ${last})`.execute(db);
  else await db.updateTable('tenants').set({ case_seq: last }).where('id', '=', tenantId).execute();
}

export async function findTeam(db: Executor, tenantId: string, code: string) {
  return db.selectFrom('teams').selectAll().where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
}

export async function teamsWithCalendar(db: Executor, tenantId: string, calendarId: string): Promise<string[]> {
  const rows = await db.selectFrom('teams').select('code').where('tenant_id', '=', tenantId).where('calendar_id', '=', calendarId).orderBy('code').execute();
  return rows.map((row) => row.code);
}

export async function updateTeam(db: Executor, tenantId: string, code: string, set: { calendar_id?: string | null; schedule?: string | null }): Promise<void> {
  await db.updateTable('teams').set(set).where('tenant_id', '=', tenantId).where('code', '=', code).execute();
}

import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { AuditEventRow } from '../db/schema.js';

const eventColumns = ['id', 'tenant_id', 'seq', 'case_id', 'actor', 'type', 'payload', 'at', 'prev_hash', 'hash'] as const;

export type SealedEvent = AuditEventRow & { seq: number; prev_hash: string; hash: string };

export async function insertPending(db: Executor, event: { tenant_id: string; case_id: string | null; actor: string; type: string; payload: string; at: string }) {
  await db.insertInto('audit_events').values({ ...event, seq: null, prev_hash: null, hash: null }).execute();
}

/** The chain's position for a tenant; on PostgreSQL the row stays locked until commit. */
export async function lockChainHead(db: Executor, tenantId: string) {
  const query = db.selectFrom('tenants').select(['audit_seq', 'audit_head']).where('id', '=', tenantId);
  return (isPostgres(db) ? query.forUpdate() : query).executeTakeFirstOrThrow();
}

export async function setChainHead(db: Executor, tenantId: string, seq: number, hash: string) {
  await db.updateTable('tenants').set({ audit_seq: seq, audit_head: hash }).where('id', '=', tenantId).execute();
}

/** Committed events not yet in the chain, oldest first. */
export async function listPending(db: Executor, tenantId: string, limit: number) {
  return db.selectFrom('audit_events').select(eventColumns).where('tenant_id', '=', tenantId).where('seq', 'is', null).orderBy('id').limit(limit).execute();
}

export async function hasPending(db: Executor, tenantId: string): Promise<boolean> {
  const row = await db.selectFrom('audit_events').select('id').where('tenant_id', '=', tenantId).where('seq', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function tenantsWithPending(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('tenant_id').where('seq', 'is', null).groupBy('tenant_id').execute();
  return rows.map((row) => row.tenant_id);
}

export async function seal(db: Executor, id: number, link: { seq: number; prev_hash: string; hash: string }) {
  await db.updateTable('audit_events').set(link).where('id', '=', id).where('seq', 'is', null).execute();
}

export async function listCaseEvents(db: Executor, tenantId: string, caseId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_events')
    .select(eventColumns)
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute() as Promise<SealedEvent[]>;
}

export async function listTenantEvents(db: Executor, tenantId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_events')
    .select(eventColumns)
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute() as Promise<SealedEvent[]>;
}

export async function chainState(db: Executor, tenantId: string) {
  return db.selectFrom('tenants').select(['audit_seq', 'audit_head']).where('id', '=', tenantId).executeTakeFirst();
}

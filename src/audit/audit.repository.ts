import type { Executor } from '../db/database.js';
import type { AuditEventRow } from '../db/schema.js';

const eventColumns = ['id', 'tenant_id', 'seq', 'case_id', 'actor', 'type', 'payload', 'at', 'prev_hash', 'hash'] as const;

/** Takes the next sequence number and the chain head for a tenant; the row stays locked until commit. */
export async function claimNextSeq(db: Executor, tenantId: string): Promise<{ seq: number; head: string }> {
  const row = await db
    .updateTable('tenants')
    .set((eb) => ({ audit_seq: eb('audit_seq', '+', 1) }))
    .where('id', '=', tenantId)
    .returning(['audit_seq', 'audit_head'])
    .executeTakeFirstOrThrow();
  return { seq: row.audit_seq, head: row.audit_head };
}

export async function setHead(db: Executor, tenantId: string, hash: string): Promise<void> {
  await db.updateTable('tenants').set({ audit_head: hash }).where('id', '=', tenantId).execute();
}

export async function insertEvent(db: Executor, event: Omit<AuditEventRow, 'id'>): Promise<AuditEventRow> {
  return db.insertInto('audit_events').values(event).returning(eventColumns).executeTakeFirstOrThrow();
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
    .execute();
}

export async function listTenantEvents(db: Executor, tenantId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_events')
    .select(eventColumns)
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function chainState(db: Executor, tenantId: string) {
  return db.selectFrom('tenants').select(['audit_seq', 'audit_head']).where('id', '=', tenantId).executeTakeFirst();
}

// Where live updates come from: the tenant's audit log, read through the audit feature. Polling
// the database (not an in-process event bus) is what lets a stream see changes made on any node
// that shares it.
import * as audit from '../audit/audit.repository.js';
import { sealTenant } from '../audit/audit.service.js';
import type { Executor } from '../db/database.js';

/** One change to a case, as a stream sends it. */
export type LiveEvent = { case_id: string; type: string; seq: number; at: string };

/** Case events after a position; `lastSeq` is the last event read (with or without a case), null when none was. */
export type LiveBatch = { events: LiveEvent[]; lastSeq: number | null; full: boolean };

/** Events get their seq when sealed; sealing here means a stream never waits for the background sealer. */
async function sealPending(db: Executor, tenantId: string): Promise<void> {
  if (await audit.hasPending(db, tenantId)) await sealTenant(db, tenantId);
}

/** The tenant's newest sequence number (0 before any event). */
export async function latestSeq(db: Executor, tenantId: string): Promise<number> {
  await sealPending(db, tenantId);
  return (await audit.chainState(db, tenantId))?.audit_seq ?? 0;
}

/** Up to `limit` of the tenant's events after `afterSeq` in chain order, keeping those about a case. */
export async function caseEventsAfter(db: Executor, tenantId: string, afterSeq: number, limit: number): Promise<LiveBatch> {
  await sealPending(db, tenantId);
  const rows = await audit.listTenantEvents(db, tenantId, afterSeq, limit);
  const events: LiveEvent[] = [];
  for (const row of rows) if (row.case_id !== null) events.push({ case_id: row.case_id, type: row.type, seq: row.seq, at: row.at });
  return { events, lastSeq: rows.at(-1)?.seq ?? null, full: rows.length === limit };
}

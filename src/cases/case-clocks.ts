import { inTransaction, type Executor } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
import { clocksOfCases, syncClocks, type ClockEvent } from '../sla/clocks.service.js';
import { tenantTimezone } from '../tenants/tenants.service.js';
import type { CaseResponse } from './cases.schema.js';
import * as repo from './cases.repository.js';
import { toCaseResponse } from './cases.service.js';

/** Recomputes a case's SLA clocks after a change and keeps its `due_at` on the nearest running deadline. */
export async function refreshClocks(trx: Executor, tenantId: string, caseId: string, event: ClockEvent, now: Date): Promise<void> {
  const row = await repo.findCase(trx, tenantId, caseId);
  if (!row) return;
  const due = await syncClocks(trx, row, await tenantTimezone(trx, tenantId), event, now);
  if (due !== undefined && due !== row.due_at) await repo.updateCase(trx, tenantId, caseId, { due_at: due });
}

export async function presentCase(db: Executor, row: CaseRow, now: Date): Promise<CaseResponse> {
  const clocks = await clocksOfCases(db, row.tenant_id, [row.id], now);
  return toCaseResponse(row, clocks.get(row.id) ?? []);
}

export async function presentCases(db: Executor, tenantId: string, rows: CaseRow[], now: Date): Promise<CaseResponse[]> {
  const clocks = await clocksOfCases(db, tenantId, rows.map((row) => row.id), now);
  return rows.map((row) => toCaseResponse(row, clocks.get(row.id) ?? []));
}

/**
 * Re-matches the SLA policies of up to `limit` open cases after `afterId` (in id order), each in its
 * own short transaction when `db` is not already one. Running clocks exist only on open cases, so
 * walking them all catches every case a policy change can touch. Returns the id to continue after,
 * or null when done.
 */
export async function recomputeOpenCases(db: Executor, tenantId: string, afterId: string | null, limit: number, now: () => Date, options: { skipBusy?: boolean } = {}): Promise<string | null> {
  const ids = await repo.openCaseIds(db, tenantId, afterId, limit);
  for (const caseId of ids) {
    await inTransaction(db, async (trx) => {
      // In the worker, a case a request holds is left to that request, which recomputes it anyway.
      const locked = options.skipBusy ? await repo.lockCaseIfFree(trx, tenantId, caseId) : await repo.findCaseForUpdate(trx, tenantId, caseId);
      if (locked) await refreshClocks(trx, tenantId, caseId, { type: 'recompute' }, now());
    });
  }
  return ids.length < limit ? null : (ids[ids.length - 1] ?? null);
}

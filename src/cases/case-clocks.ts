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
 * Re-matches the SLA policies of every open case (and of the listed cases), each in its own short
 * transaction, after a policy was added, changed or removed. Returns how many cases were looked at.
 */
export async function recomputeOpenCases(db: Executor, tenantId: string, alsoCaseIds: string[], now: () => Date): Promise<number> {
  const seen = new Set<string>();
  const one = async (caseId: string) => {
    if (seen.has(caseId)) return;
    seen.add(caseId);
    await inTransaction(db, async (trx) => {
      const locked = await repo.findCaseForUpdate(trx, tenantId, caseId);
      if (locked) await refreshClocks(trx, tenantId, caseId, { type: 'recompute' }, now());
    });
  };
  for (const caseId of alsoCaseIds) await one(caseId);
  let after: string | null = null;
  for (;;) {
    const ids = await repo.openCaseIds(db, tenantId, after, 500);
    for (const caseId of ids) await one(caseId);
    if (ids.length < 500) break;
    after = ids[ids.length - 1] ?? null;
  }
  return seen.size;
}

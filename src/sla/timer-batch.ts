import { findCases } from '../cases/cases.service.js';
import { customerNames } from '../customers/customers.service.js';
import type { Executor } from '../db/database.js';
import type { CaseRow, ChannelRow, ClockRow, TimerRow } from '../db/schema.js';
import { enabledChannels } from '../notify/outbox.service.js';
import { clocksOfCaseIds } from './clocks.repository.js';

/**
 * What a batch of due timers needs, read with one query per table instead of a few per timer
 * (on PostgreSQL each round trip costs about as much as the work itself). A case a breach action
 * changed is marked dirty: its remaining timers wait for the next round and read afresh.
 */
export type TimerBatch = {
  clock(timer: TimerRow): ClockRow | undefined;
  caseOf(timer: TimerRow): CaseRow | undefined;
  customerName(row: CaseRow): string | null | undefined;
  channels(tenantId: string): ChannelRow[] | undefined;
  dirty: Set<string>;
  /** Set after a policy re-sync in this batch: the remaining timers wait for the next round. */
  frozen: boolean;
};

export const emptyBatch = (): TimerBatch => ({ clock: () => undefined, caseOf: () => undefined, customerName: () => undefined, channels: () => undefined, dirty: new Set(), frozen: false });

export async function loadTimerBatch(trx: Executor, timers: TimerRow[]): Promise<TimerBatch> {
  const caseIds = [...new Set(timers.flatMap((timer) => (timer.case_id ? [timer.case_id] : [])))];
  const clocks = new Map((await clocksOfCaseIds(trx, caseIds)).map((row) => [`${row.case_id}/${row.name}`, row]));
  const byTenant = new Map<string, string[]>();
  for (const timer of timers) if (timer.case_id) byTenant.set(timer.tenant_id, [...(byTenant.get(timer.tenant_id) ?? []), timer.case_id]);
  const cases = new Map<string, CaseRow>();
  const names = new Map<string, string | null>();
  const channels = new Map<string, ChannelRow[]>();
  for (const [tenantId, ids] of byTenant) {
    const rows = await findCases(trx, tenantId, [...new Set(ids)]);
    for (const row of rows) cases.set(row.id, row);
    const customerIds = [...new Set(rows.flatMap((row) => (row.customer_id ? [row.customer_id] : [])))];
    for (const [id, name] of await customerNames(trx, tenantId, customerIds)) names.set(id, name);
    channels.set(tenantId, await enabledChannels(trx, tenantId));
  }
  const dirty = new Set<string>();
  return {
    dirty,
    frozen: false,
    clock: (timer) => (timer.case_id && !dirty.has(timer.case_id) ? clocks.get(`${timer.case_id}/${timer.clock_name}`) : undefined),
    caseOf: (timer) => {
      const row = timer.case_id && !dirty.has(timer.case_id) ? cases.get(timer.case_id) : undefined;
      return row?.tenant_id === timer.tenant_id ? row : undefined;
    },
    customerName: (row) => (row.customer_id ? names.get(row.customer_id) : null),
    channels: (tenantId) => channels.get(tenantId),
  };
}

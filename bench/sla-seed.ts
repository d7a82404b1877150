import { randomUUID } from 'node:crypto';
import type { NewCase } from '../src/db/schema.js';
import type { ClockRow, TimerRow } from '../src/db/schema.js';
import { continueCaseNumbersAfter } from '../src/tenants/tenants.service.js';
import type { BulkWriter } from './bulk-insert.js';
import { seededCaseRow } from './case-rows.js';
import type { Random } from './random.js';
import { customerCountFor, seededCustomerRow, seedTenant } from './seed.js';
import type { BenchStore } from './store.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The resolution clock of every seeded case: an elapsed hour, reminders only, no breach actions. */
export const benchClockRule = JSON.stringify({
  kind: 'elapsed',
  seconds: 3600,
  calendarId: null,
  pauseStatuses: [],
  reopen: 'restart',
  platform: false,
  reminders: { percents: [], before_minutes: [], repeat_every_minutes: 30, repeat_within_minutes: 0, repeat_priorities: [] },
  breachActions: [],
});

export type SlaSeedOptions = {
  cases: number;
  /** How many timers each window holds, and how many windows (disjoint sets of cases) to set apart. */
  windowSize: number;
  windows: number;
  now: Date;
  random: Random;
  /** Called after every batch with cases written so far. */
  onProgress(done: number, total: number): void;
};

export type SlaDesk = {
  tenantId: string;
  cases: number;
  customers: number;
  timers: number;
  /** Timer ids per window, spread evenly over the cases; armed (made due) just before a run. */
  windows: string[][];
};

/**
 * A tenant, one customer per five cases, and `cases` open cases, each with a running resolution
 * clock and one pending reminder timer weeks away. Rows go in through a BulkWriter (the API would
 * take hours for a million); the rows are what the app itself writes for such a case.
 */
export async function seedSlaDesk(store: BenchStore, writer: BulkWriter, options: SlaSeedOptions): Promise<SlaDesk> {
  const { db } = store.database;
  const { now, random, cases: total } = options;
  const { tenantId, agents } = await seedTenant(db, now, 'bench-sla');

  const customerCount = customerCountFor(total);
  const customerIds: string[] = [];
  for (let start = 0; start < customerCount; start += writer.batchSize) {
    const rows = [];
    for (let index = start; index < Math.min(start + writer.batchSize, customerCount); index++) {
      const row = seededCustomerRow(index, tenantId, now, random);
      customerIds.push(row.id);
      rows.push(row);
    }
    await writer.insert('customers', rows);
  }

  // Window w takes the case at offset w·(stride / windows) of every stride of cases.
  const stride = Math.floor(total / options.windowSize);
  const windowOf = (index: number): number | null => {
    if (Math.floor(index / stride) >= options.windowSize) return null;
    const offset = index % stride;
    const step = Math.max(1, Math.floor(stride / options.windows));
    return offset % step === 0 && offset / step < options.windows ? offset / step : null;
  };
  const windows: string[][] = Array.from({ length: options.windows }, () => []);

  const context = { tenantId, agents, customerIds, now, random };
  const nowMs = now.getTime();
  for (let start = 0; start < total; start += writer.batchSize) {
    const cases: NewCase[] = [];
    const clocks: ClockRow[] = [];
    const timers: TimerRow[] = [];
    for (let index = start; index < Math.min(start + writer.batchSize, total); index++) {
      const { row } = seededCaseRow(index, total, context);
      // Not before tomorrow, then anywhere in the next four weeks: nothing is due before it is armed.
      const fireAtMs = nowMs + DAY_MS + Math.floor(random.next() * 28 * DAY_MS);
      const dueAt = new Date(fireAtMs + 30 * MINUTE_MS).toISOString();
      cases.push({ ...row, status: 'open', resolution: null, resolved_at: null, closed_at: null, tags: '[]', due_at: dueAt });
      clocks.push({
        tenant_id: tenantId,
        case_id: row.id,
        name: 'resolution',
        kind: 'elapsed',
        policy_id: null,
        rule: benchClockRule,
        cycle: 1,
        started_at: row.created_at,
        due_at: dueAt,
        paused_since: null,
        paused_seconds: 0,
        paused_work_seconds: 0,
        stopped_at: null,
        breached_at: null,
      });
      const id = randomUUID();
      timers.push({ id, tenant_id: tenantId, case_id: row.id, team: null, clock_name: 'resolution', cycle: 1, kind: 'reminder', label: 'bench', fire_at: new Date(fireAtMs).toISOString(), state: 'pending', fired_at: null, attempts: 0, error: null });
      const window = windowOf(index);
      if (window !== null) windows[window]?.push(id);
    }
    await writer.insert('cases', cases);
    await writer.insert('case_clocks', clocks);
    await writer.insert('sla_timers', timers);
    options.onProgress(start + cases.length, total);
  }
  await continueCaseNumbersAfter(db, tenantId, total);
  return { tenantId, cases: total, customers: customerCount, timers: total, windows };
}

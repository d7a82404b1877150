import { randomUUID } from 'node:crypto';
import type { NewCase } from '../src/db/schema.js';
import { resolutions, priorityRank } from '../src/cases/taxonomy.js';
import type { Status } from '../src/cases/status-machine.js';
import { caseDescription, caseSubject, categoryWeights, channelWeights, errorCodes, merchantNo, priorityWeights, tagPool } from './case-data.js';
import type { Random } from './random.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Seeded cases were opened over this many days before the run. */
export const seedSpanDays = 90;

// Young cases are still being worked on; most cases older than two weeks are closed.
const statusesByAge = {
  fresh: { new: 35, open: 35, pending_customer: 15, pending_internal: 10, resolved: 5 },
  recent: { new: 3, open: 20, pending_customer: 15, pending_internal: 10, paused: 2, resolved: 30, closed: 20 },
  old: { open: 2, pending_customer: 1, pending_internal: 1, paused: 1, resolved: 10, closed: 85 },
} as const satisfies Record<string, Partial<Record<Status, number>>>;

const activeStatuses: readonly Status[] = ['new', 'open', 'pending_customer', 'pending_internal', 'paused'];

export type Agent = { id: string; team: string };

export type CaseRowContext = {
  tenantId: string;
  agents: readonly Agent[];
  customerIds: readonly string[];
  now: Date;
  random: Random;
};

const tierOfTeam: Record<string, number> = { L1: 1, L2: 2, L3: 3 };

/**
 * The index-th of `total` seeded cases, opened in order over the last 90 days with the status,
 * assignment, references and timestamps a case of that age would have.
 */
export function seededCaseRow(index: number, total: number, context: CaseRowContext): { row: NewCase; tags: string[] } {
  const { random } = context;
  const nowMs = context.now.getTime();
  const clamp = (ms: number) => new Date(Math.min(ms, nowMs)).toISOString();
  const step = (seedSpanDays * DAY_MS) / total;
  const createdMs = nowMs - seedSpanDays * DAY_MS + index * step + random.next() * step * 0.9;
  const ageDays = (nowMs - createdMs) / DAY_MS;
  const status = random.weighted<Status>(ageDays < 2 ? statusesByAge.fresh : ageDays < 14 ? statusesByAge.recent : statusesByAge.old);
  const category = random.weighted(categoryWeights);
  const priority = random.weighted(priorityWeights);
  const isPos = category.startsWith('pos.');
  const channel = isPos && random.chance(0.7) ? 'pos_hotline' : random.weighted(channelWeights);

  const assigned = random.chance(status === 'new' ? 0.4 : 0.9);
  const agent = assigned ? random.pick(context.agents) : null;
  const team = agent?.team ?? (random.chance(0.5) ? 'L1' : null);
  // Squaring skews towards the first customers, so some customers have many cases.
  const customerId = random.chance(0.9) ? (context.customerIds[Math.floor(random.next() ** 2 * context.customerIds.length)] ?? null) : null;

  const number = index + 1;
  const orderId = `ORD${String(number).padStart(9, '0')}`;
  const withMoney = random.chance(0.8);
  const tags = random.chance(0.3) ? [...new Set([random.pick(tagPool), random.pick(tagPool)].slice(0, random.int(1, 2)))].sort() : [];

  const firstResponseMs = status === 'new' ? null : createdMs + random.int(5, 240) * 60_000;
  const resolvedMs = status === 'resolved' || status === 'closed' ? createdMs + random.int(1, 120) * HOUR_MS : null;
  const closedMs = status === 'closed' && resolvedMs !== null ? resolvedMs + 3 * DAY_MS : null;
  const updatedMs = Math.max(createdMs, firstResponseMs ?? 0, resolvedMs ?? 0, closedMs ?? 0);

  const row: NewCase = {
    id: randomUUID(),
    tenant_id: context.tenantId,
    number,
    subject: caseSubject(category, orderId),
    description: caseDescription(random),
    channel,
    customer_id: customerId,
    category,
    priority,
    priority_rank: priorityRank[priority],
    status,
    resolution: resolvedMs === null ? null : random.pick(resolutions),
    assignee_id: agent?.id ?? null,
    team,
    tier: team ? (tierOfTeam[team] ?? null) : null,
    transaction_id: random.chance(0.7) ? `4200${String(number).padStart(12, '0')}` : null,
    order_id: random.chance(0.6) ? orderId : null,
    refund_id: (category.startsWith('refund.') || category === 'duplicate_charge') && random.chance(0.6) ? `RF${String(number).padStart(10, '0')}` : null,
    dispute_id: category === 'fraud.dispute' ? `dp_${String(number).padStart(10, '0')}` : null,
    platform_complaint_id: channel === 'wechatpay' && random.chance(0.5) ? `2000${String(number).padStart(12, '0')}` : null,
    merchant_no: random.chance(0.3) ? merchantNo(random.int(0, 199)) : null,
    terminal_serial: isPos ? `SN${String(random.int(0, 4999)).padStart(8, '0')}` : null,
    error_code: category.startsWith('payment_failed.') && random.chance(0.7) ? random.pick(errorCodes) : null,
    amount: withMoney ? random.int(100, 500_000) : null,
    currency: withMoney ? random.weighted({ CNY: 85, USD: 10, HKD: 5 }) : null,
    tags: JSON.stringify(tags),
    repeat_of: null,
    due_at: activeStatuses.includes(status) ? new Date(createdMs + random.int(24, 72) * HOUR_MS).toISOString() : null,
    first_response_at: firstResponseMs === null ? null : clamp(firstResponseMs),
    resolved_at: resolvedMs === null ? null : clamp(resolvedMs),
    closed_at: closedMs === null ? null : clamp(closedMs),
    created_at: clamp(createdMs),
    updated_at: clamp(updatedMs),
  };
  return { row, tags };
}

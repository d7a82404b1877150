import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { inTransaction, type Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import { enqueueNotification } from '../../notify/outbox.service.js';
import { readSetting, writeSetting } from '../../teams/settings.repository.js';
import { SHANGHAI } from './ingest.service.js';
import { findWechatPayConfig, PLATFORM } from './integration.service.js';
import type { Thresholds } from './integration.schema.js';

/** WeChat Pay tolerates this share of repeat complaints that an appeal shows were malicious. */
export const MALICIOUS_TOLERANCE = 0.1;
const SEVENTY_TWO_HOURS = 72 * 3600;

export type MetricName = 'timely_handling_rate' | 'repeat_complaint_rate' | 'complaint_rate';
export type Level = 'ok' | 'warning' | 'breached';

export type PlatformMetrics = {
  platform: string;
  mchid: string | null;
  as_of: string;
  window: { from: string; to: string };
  complaints: number;
  completed_within_72h: number;
  timely_handling_rate: number | null;
  repeat_complaints: number;
  repeat_complaint_rate: number | null;
  complaint_rate: number | null;
  transactions: number;
  close_attempts_exhausted: number;
  malicious_tolerance_left: number;
};

/** The metric window for a day T: complaints created on days T-33 through T-4, China time. */
export function metricWindow(asOf: string): { from: string; to: string } {
  const day = DateTime.fromISO(asOf, { zone: SHANGHAI });
  return { from: day.minus({ days: 33 }).toISODate() ?? asOf, to: day.minus({ days: 4 }).toISODate() ?? asOf };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * WeChat Pay's complaint metrics as of a day, computed in the database:
 * - timely-handling rate: complaints created in the window that were completed (marked complete, or
 *   withdrawn by the user) within 72 hours of creation, over all complaints created in the window;
 * - repeat-complaint rate: complaints the user raised more than once, over all complaints;
 * - complaint rate: complaints over the transactions of the same days (from ingested daily counts);
 * - malicious-repeat headroom: 10 % of the complaints, less the repeats already counted.
 */
export async function platformMetrics(db: Executor, tenantId: string, asOf: string, mchid?: string): Promise<PlatformMetrics> {
  const window = metricWindow(asOf);
  const completion = sql`coalesce(first_completed_at, withdrawn_at)`;
  const seconds = isPostgres(db)
    ? sql<number>`extract(epoch from (${completion} - complaint_time))`
    : sql<number>`(julianday(${completion}) - julianday(complaint_time)) * 86400`;
  let complaints = db
    .selectFrom('wechatpay_complaints')
    .where('tenant_id', '=', tenantId)
    .where('complaint_date', '>=', window.from)
    .where('complaint_date', '<=', window.to);
  if (mchid) complaints = complaints.where('mchid', '=', mchid);
  const counts = await complaints
    .select([
      sql<number>`count(*)`.as('complaints'),
      sql<number>`coalesce(sum(case when ${completion} is not null and ${seconds} <= ${SEVENTY_TWO_HOURS} then 1 else 0 end), 0)`.as('timely'),
      sql<number>`coalesce(sum(case when user_complaint_times > 1 then 1 else 0 end), 0)`.as('repeats'),
      sql<number>`coalesce(sum(unsatisfied), 0)`.as('exhausted'),
    ])
    .executeTakeFirst();
  let transactions = db
    .selectFrom('platform_transaction_counts')
    .where('tenant_id', '=', tenantId)
    .where('platform', '=', PLATFORM)
    .where('date', '>=', window.from)
    .where('date', '<=', window.to);
  if (mchid) transactions = transactions.where('mchid', '=', mchid);
  const volume = await transactions.select(sql<number>`coalesce(sum(count), 0)`.as('total')).executeTakeFirst();
  const total = Number(counts?.complaints ?? 0);
  const timely = Number(counts?.timely ?? 0);
  const repeats = Number(counts?.repeats ?? 0);
  const transactionCount = Number(volume?.total ?? 0);
  return {
    platform: PLATFORM,
    mchid: mchid ?? null,
    as_of: asOf,
    window,
    complaints: total,
    completed_within_72h: timely,
    timely_handling_rate: ratio(timely, total),
    repeat_complaints: repeats,
    repeat_complaint_rate: ratio(repeats, total),
    complaint_rate: ratio(total, transactionCount),
    transactions: transactionCount,
    close_attempts_exhausted: Number(counts?.exhausted ?? 0),
    malicious_tolerance_left: Math.max(0, Math.floor(MALICIOUS_TOLERANCE * total) - repeats),
  };
}

/** Where each metric stands against the tenant's thresholds. */
export function metricLevels(metrics: PlatformMetrics, thresholds: Thresholds): Record<MetricName, Level> {
  const margin = thresholds.warn_margin;
  const low = (value: number | null, min: number): Level => (value === null ? 'ok' : value < min ? 'breached' : value < min + margin ? 'warning' : 'ok');
  const high = (value: number | null, max: number): Level => (value === null ? 'ok' : value > max ? 'breached' : value > max - margin * (max < 0.05 ? max : 1) ? 'warning' : 'ok');
  return {
    timely_handling_rate: low(metrics.timely_handling_rate, thresholds.timely_handling_rate_min),
    repeat_complaint_rate: high(metrics.repeat_complaint_rate, thresholds.repeat_complaint_rate_max),
    complaint_rate: high(metrics.complaint_rate, thresholds.complaint_rate_max),
  };
}

export type DailyCount = { date: string; mchid: string; count: number };

/** Stores daily transaction counts (the complaint rate's denominator); a day sent again replaces its count. */
export async function putDailyCounts(db: Executor, tenantId: string, items: DailyCount[], now: Date): Promise<number> {
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    for (const item of items) {
      await trx
        .insertInto('platform_transaction_counts')
        .values({ tenant_id: tenantId, platform: PLATFORM, mchid: item.mchid, date: item.date, count: item.count, updated_at: at })
        .onConflict((oc) => oc.columns(['tenant_id', 'platform', 'mchid', 'date']).doUpdateSet({ count: item.count, updated_at: at }))
        .execute();
    }
  });
  return items.length;
}

const rank: Record<Level, number> = { ok: 0, warning: 1, breached: 2 };
const CHECK_EVERY_MS = 10 * 60_000;

/**
 * Checks a tenant's metrics (as of today) against its thresholds, at most every ten minutes, and
 * notifies when one gets worse (ok → warning → breached). Recovering resets the level quietly.
 */
export async function checkThresholds(deps: { db: Executor; secretKey: Buffer; now: () => Date; publicUrl?: string }, tenantId: string): Promise<number> {
  const config = await findWechatPayConfig(deps.db, tenantId, deps.secretKey);
  if (!config || !config.enabled) return 0;
  const now = deps.now();
  const stateKey = 'wechatpay.metric_alerts';
  const stored = await readSetting(deps.db, tenantId, stateKey);
  const state = stored ? (JSON.parse(stored) as { checked_at?: string; levels?: Record<string, Level> }) : {};
  if (state.checked_at && now.getTime() - Date.parse(state.checked_at) < CHECK_EVERY_MS) return 0;
  const asOf = DateTime.fromJSDate(now).setZone(SHANGHAI).toISODate() ?? '';
  const metrics = await platformMetrics(deps.db, tenantId, asOf, config.mchid);
  const levels = metricLevels(metrics, config.settings.thresholds);
  const previous = state.levels ?? {};
  const thresholdOf: Record<MetricName, number> = {
    timely_handling_rate: config.settings.thresholds.timely_handling_rate_min,
    repeat_complaint_rate: config.settings.thresholds.repeat_complaint_rate_max,
    complaint_rate: config.settings.thresholds.complaint_rate_max,
  };
  let sent = 0;
  await inTransaction(deps.db, async (trx) => {
    for (const metric of Object.keys(levels) as MetricName[]) {
      const level = levels[metric];
      const key = `${config.mchid}:${metric}`;
      const before = previous[key] ?? 'ok';
      const value = metrics[metric];
      if (level !== 'ok' && rank[level] > rank[before] && value !== null) {
        sent += await enqueueNotification(trx, tenantId, { event: 'platform.metric_alert', data: { platform: PLATFORM, mchid: config.mchid, metric, level, value, threshold: thresholdOf[metric], as_of: asOf, link: `${deps.publicUrl ?? ''}/metrics/platform` } }, { team: null, caseId: null }, now);
      }
      previous[key] = level;
    }
    await writeSetting(trx, tenantId, stateKey, JSON.stringify({ checked_at: now.toISOString(), levels: previous }), now.toISOString());
  });
  return sent;
}

import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { afterComplaintIngested } from './floods.service.js';
import { findComplaint, SHANGHAI, syncComplaint } from './ingest.service.js';
import { clientFor, enabledTenants, findWechatPayConfig, PLATFORM, type WechatPayConfig } from './integration.service.js';
import type { SyncResult } from './integration.schema.js';
import type { CallbackDeps } from './webhook.service.js';

/** WeChat Pay lists at most 30 days per query and 50 complaints per page. */
export const MAX_WINDOW_DAYS = 30;
const PAGE = 50;
const MAX_PAGES = 200;
/** A run that dies keeps the job for this long before another node may take over. */
const LEASE_MS = 10 * 60_000;

/** Splits [begin, end] (yyyy-MM-dd, inclusive) into windows of at most 30 days. */
export function dateWindows(begin: string, end: string): Array<[string, string]> {
  const windows: Array<[string, string]> = [];
  let from = DateTime.fromISO(begin, { zone: SHANGHAI });
  const last = DateTime.fromISO(end, { zone: SHANGHAI });
  while (from <= last) {
    const to = DateTime.min(from.plus({ days: MAX_WINDOW_DAYS - 1 }), last);
    windows.push([from.toISODate() ?? begin, to.toISODate() ?? end]);
    from = to.plus({ days: 1 });
  }
  return windows;
}

export function defaultRange(now: Date): { begin: string; end: string } {
  const today = DateTime.fromJSDate(now).setZone(SHANGHAI).startOf('day');
  return { begin: today.minus({ days: MAX_WINDOW_DAYS - 1 }).toISODate() ?? '', end: today.toISODate() ?? '' };
}

/** Takes the tenant's sync job if nobody holds it (and, for scheduled runs, if it is due). */
async function claimJob(db: Executor, tenantId: string, now: Date, scheduled: boolean): Promise<string | null> {
  const at = now.toISOString();
  const lease = randomUUID();
  await db
    .insertInto('platform_sync_jobs')
    .values({ tenant_id: tenantId, platform: PLATFORM, next_run_at: at, locked_until: null, lease: null, last_started_at: null, last_finished_at: null, last_result: null, last_error: null })
    .onConflict((oc) => oc.columns(['tenant_id', 'platform']).doNothing())
    .execute();
  let query = db
    .updateTable('platform_sync_jobs')
    .set({ lease, locked_until: new Date(now.getTime() + LEASE_MS).toISOString(), last_started_at: at })
    .where('tenant_id', '=', tenantId)
    .where('platform', '=', PLATFORM)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]));
  if (scheduled) query = query.where('next_run_at', '<=', at);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? lease : null;
}

async function releaseJob(db: Executor, tenantId: string, lease: string, config: WechatPayConfig, now: Date, result: SyncResult | null, error: string | null) {
  const at = now.toISOString();
  await db
    .updateTable('platform_sync_jobs')
    .set({
      lease: null,
      locked_until: null,
      last_finished_at: at,
      next_run_at: new Date(now.getTime() + config.settings.sync_interval_minutes * 60_000).toISOString(),
      ...(result ? { last_result: JSON.stringify(result) } : {}),
      last_error: error,
    })
    .where('tenant_id', '=', tenantId)
    .where('platform', '=', PLATFORM)
    .where('lease', '=', lease)
    .execute();
}

/**
 * Lists the tenant's complaints for a date range and applies every one that is new or has moved on
 * since we last saw it, so complaints whose callbacks were lost still become cases. Only one node
 * runs a tenant's sync at a time (a lease on the job row).
 */
export async function runSync(deps: CallbackDeps, tenantId: string, range: { begin?: string | undefined; end?: string | undefined }, scheduled: boolean): Promise<SyncResult | null> {
  const config = await findWechatPayConfig(deps.db, tenantId, deps.secretKey);
  if (!config) throw new AppError('integration_not_configured', { key: 'detail.wechatpay_not_configured' });
  const fallback = defaultRange(deps.now());
  const begin = range.begin ?? (range.end ? DateTime.fromISO(range.end).minus({ days: MAX_WINDOW_DAYS - 1 }).toISODate() ?? fallback.begin : fallback.begin);
  const end = range.end ?? fallback.end;
  if (end < begin || DateTime.fromISO(end).diff(DateTime.fromISO(begin), 'days').days > 366) {
    throw new AppError('validation_failed', { key: 'detail.date_range', params: { days: 367 } }, [{ field: 'body.end_date', message: 'end_date before begin_date, or more than a year' }]);
  }
  if (!config.enabled) return null;
  const lease = await claimJob(deps.db, tenantId, deps.now(), scheduled);
  if (!lease) {
    if (scheduled) return null;
    throw new AppError('sync_in_progress', { key: 'detail.sync_running' });
  }
  const result: SyncResult = { windows: 0, listed: 0, created: 0, updated: 0, unchanged: 0, failed: 0, errors: [] };
  try {
    const client = clientFor(config, deps.fetch, deps.now);
    for (const [from, to] of dateWindows(begin, end)) {
      result.windows += 1;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const list = await client.listComplaints({ beginDate: from, endDate: to, limit: PAGE, offset: page * PAGE });
        for (const listed of list.data) {
          result.listed += 1;
          const known = await findComplaint(deps.db, tenantId, listed.complaint_id);
          const moved = !known || known.state !== listed.complaint_state || known.user_complaint_times !== listed.user_complaint_times || (listed.complaint_full_refunded && !known.full_refunded) || listed.incoming_user_response || listed.complaint_state !== 'PROCESSED';
          if (!moved) {
            result.unchanged += 1;
            continue;
          }
          try {
            const outcome = await syncComplaint({ db: deps.db, config, client, secretKey: deps.secretKey, now: deps.now, log: deps.log }, listed.complaint_id);
            if (outcome.created) {
              result.created += 1;
              await afterComplaintIngested(deps, config, outcome.caseId);
            } else if (outcome.changed) result.updated += 1;
            else result.unchanged += 1;
          } catch (error) {
            result.failed += 1;
            if (result.errors.length < 10) result.errors.push(`${listed.complaint_id}: ${error instanceof Error ? error.message.slice(0, 200) : 'failed'}`);
          }
        }
        if (list.data.length < PAGE) break;
      }
    }
    await releaseJob(deps.db, tenantId, lease, config, deps.now(), result, result.failed > 0 ? `${result.failed} complaint(s) could not be applied` : null);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 500) : 'failed';
    deps.log.warn({ tenant: tenantId, err: message }, 'wechatpay sync failed');
    await releaseJob(deps.db, tenantId, lease, config, deps.now(), result, message);
    if (!scheduled) throw new AppError('platform_unavailable', `WeChat Pay could not be reached: ${message}`);
    return result;
  }
}

/** The worker's turn: every tenant whose sync is due. */
export async function runDueSyncs(deps: CallbackDeps): Promise<number> {
  let runs = 0;
  for (const tenantId of await enabledTenants(deps.db)) {
    if (await runSync(deps, tenantId, {}, true)) runs += 1;
  }
  return runs;
}

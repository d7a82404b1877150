import { listUsers } from '../auth/auth.service.js';
import { findWechatPayConfig } from '../channels/wechatpay/integration.service.js';
import { platformMetrics } from '../channels/wechatpay/metrics.service.js';
import type { Executor } from '../db/database.js';
import { requireTeam, tenantTimezone } from '../tenants/tenants.service.js';
import * as repo from './analytics.repository.js';
import type { DashboardQuery, DashboardResponse } from './analytics.schema.js';
import { datesOf, offsetSpans, resolveRange, weekdayOf, type DayRange } from './date-range.js';
import { MEDIAN, P90, quantileOf, toMinutes } from './quantiles.js';

export type AnalyticsDeps = { db: Executor; secretKey: Buffer; now: Date };

const HOUR_MS = 3600_000;
const byRank = (rows: Array<{ idx: number; secs: number }>) => new Map(rows.map((row) => [row.idx, row.secs]));

/** Count, median, p90 and daily medians of first-reply or resolution times. */
async function durationStats(db: Executor, scope: repo.Scope, window: repo.Window, range: DayRange, kind: repo.DurationKind): Promise<DashboardResponse['first_response']> {
  const overall = await repo.overallQuantileRanks(db, scope, window, kind);
  const count = overall[0]?.n ?? 0;
  const ranks = byRank(overall);
  const daily = new Map<string, Array<{ idx: number; n: number; secs: number }>>();
  for (const row of await repo.dailyMedianRanks(db, scope, window, kind)) daily.set(row.day, [...(daily.get(row.day) ?? []), row]);
  return {
    count,
    median_minutes: toMinutes(quantileOf(count, ranks, MEDIAN)),
    p90_minutes: toMinutes(quantileOf(count, ranks, P90)),
    by_day: datesOf(range).map((date) => {
      const rows = daily.get(date) ?? [];
      const n = rows[0]?.n ?? 0;
      return { date, count: n, median_minutes: toMinutes(quantileOf(n, byRank(rows), MEDIAN)) };
    }),
  };
}

/** Local-hour counts folded into weekday × hour cells, only the cells with cases. */
async function heatmap(db: Executor, scope: repo.Scope, window: repo.Window): Promise<DashboardResponse['heatmap']> {
  const cells = new Map<string, { weekday: number; hour: number; count: number }>();
  for (const row of await repo.createdPerLocalHour(db, scope, window)) {
    const weekday = weekdayOf(row.localHour.slice(0, 10));
    const hour = Number(row.localHour.slice(11, 13));
    const key = `${weekday}:${hour}`;
    const cell = cells.get(key) ?? { weekday, hour, count: 0 };
    cell.count += row.count;
    cells.set(key, cell);
  }
  return [...cells.values()].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

async function slaSummary(db: Executor, scope: repo.Scope, window: repo.Window, now: Date): Promise<DashboardResponse['sla']> {
  const byClock = await repo.slaOutcomes(db, scope, window, now.toISOString());
  const met = byClock.reduce((sum, clock) => sum + clock.met, 0);
  const breached = byClock.reduce((sum, clock) => sum + clock.breached, 0);
  return { met, breached, achievement: met + breached > 0 ? met / (met + breached) : null, by_clock: byClock.filter((clock) => clock.met + clock.breached > 0) };
}

/** The platform-complaint metrics of the tenant's WeChat Pay merchant as of the range's last day. */
async function wechatPayStanding(deps: AnalyticsDeps, tenantId: string, asOf: string): Promise<DashboardResponse['wechatpay']> {
  const config = await findWechatPayConfig(deps.db, tenantId, deps.secretKey);
  if (!config) return [];
  const metrics = await platformMetrics(deps.db, tenantId, asOf, config.mchid);
  const thresholds = config.settings.thresholds;
  return [
    {
      merchant_id: config.mchid,
      timely_handling_rate: metrics.timely_handling_rate,
      timely_threshold: thresholds.timely_handling_rate_min,
      repeat_complaint_rate: metrics.repeat_complaint_rate,
      repeat_threshold: thresholds.repeat_complaint_rate_max,
      complaints: metrics.complaints,
    },
  ];
}

async function upcomingBreaches(db: Executor, scope: repo.Scope, now: Date): Promise<DashboardResponse['upcoming_breaches']> {
  const rows = await repo.upcomingBreaches(db, scope, now);
  // Teams by code, cases without a team last.
  return rows.sort((a, b) => (a.team === b.team ? 0 : a.team === null ? 1 : b.team === null ? -1 : a.team.localeCompare(b.team)));
}

/**
 * Open cases per active user. With a team filter: the team's members and anyone else holding one of
 * its open cases.
 */
async function agentLoad(db: Executor, scope: repo.Scope, now: Date): Promise<DashboardResponse['agent_load']> {
  const load = new Map((await repo.openCasesPerAssignee(db, scope, new Date(now.getTime() + 24 * HOUR_MS).toISOString())).map((row) => [row.userId, row]));
  return (await listUsers(db, scope.tenantId, {}))
    .filter((user) => user.active === 1)
    .map((user) => ({ user, open: load.get(user.id)?.open ?? 0, due: load.get(user.id)?.dueSoon ?? 0 }))
    .filter(({ user, open }) => !scope.team || user.team === scope.team || open > 0)
    .sort((a, b) => b.open - a.open || b.due - a.due || a.user.name.localeCompare(b.user.name))
    .map(({ user, open, due }) => ({ user_id: user.id, name: user.name, open, due_24h: due }));
}

/** The supervisor dashboard: backlog, workload, response and resolution times, SLA and platform standing. */
export async function dashboard(deps: AnalyticsDeps, tenantId: string, query: DashboardQuery): Promise<DashboardResponse> {
  const { db, now } = deps;
  await requireTeam(db, tenantId, query.team, 'querystring.team');
  const timezone = await tenantTimezone(db, tenantId);
  const range = resolveRange(query, timezone, now);
  const scope: repo.Scope = { tenantId, ...(query.team ? { team: query.team } : {}) };
  const window: repo.Window = { start: range.start.toISOString(), end: range.end.toISOString(), spans: offsetSpans(timezone, range.start, range.end) };
  return {
    range: { from: range.from, to: range.to, timezone },
    open_by_category_status: await repo.openByCategoryStatus(db, scope),
    heatmap: await heatmap(db, scope, window),
    first_response: await durationStats(db, scope, window, range, 'first_response'),
    resolution: await durationStats(db, scope, window, range, 'resolution'),
    sla: await slaSummary(db, scope, window, now),
    wechatpay: await wechatPayStanding(deps, tenantId, range.to),
    upcoming_breaches: await upcomingBreaches(db, scope, now),
    agent_load: await agentLoad(db, scope, now),
  };
}

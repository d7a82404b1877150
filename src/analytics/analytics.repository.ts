import { sql, type SqlBool } from 'kysely';
import { statuses } from '../cases/status-machine.js';
import type { Executor } from '../db/database.js';
import type { OffsetSpan } from './date-range.js';
import { localTime, secondsBetween } from './dialect-sql.js';
import { MEDIAN, P90, rankCondition } from './quantiles.js';

// Read-only aggregates over cases and their SLA clocks. Every query filters tenant_id and returns
// a bounded number of rows: groups of categories, statuses, local hours, days, teams or users.

const doneStatuses = ['resolved', 'closed'] as const;
const openStatuses = statuses.filter((status) => !(doneStatuses as readonly string[]).includes(status));

/** Whose cases: a tenant, optionally one team. */
export type Scope = { tenantId: string; team?: string };
/** Instants [start, end) as ISO strings, and the zone's offsets over them. */
export type Window = { start: string; end: string; spans: OffsetSpan[] };

const casesOf = (db: Executor, scope: Scope) => {
  const query = db.selectFrom('cases').where('cases.tenant_id', '=', scope.tenantId);
  return scope.team ? query.where('cases.team', '=', scope.team) : query;
};

const num = (value: unknown) => Number(value ?? 0);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Cases not resolved or closed, by category and status. */
export async function openByCategoryStatus(db: Executor, scope: Scope) {
  const rows = await casesOf(db, scope)
    .where('status', 'in', openStatuses)
    .select(['category', 'status', sql<number>`count(*)`.as('count')])
    .groupBy(['category', 'status'])
    .execute();
  // Sorted here: the databases' collations order '.' and '_' differently.
  return rows.map((row) => ({ category: row.category, status: row.status, count: num(row.count) })).sort((a, b) => byText(a.category, b.category) || byText(a.status, b.status));
}

/** Cases created in the window per local hour ('YYYY-MM-DD HH'): at most 24 rows a day. */
export async function createdPerLocalHour(db: Executor, scope: Scope, window: Window) {
  const created = casesOf(db, scope)
    .where('created_at', '>=', window.start)
    .where('created_at', '<', window.end)
    .select(localTime(db, sql.ref('created_at'), window.spans, 'hour').as('local_hour'));
  const rows = await db
    .selectFrom(created.as('created'))
    .select(['created.local_hour', sql<number>`count(*)`.as('count')])
    .groupBy('created.local_hour')
    .execute();
  return rows.map((row) => ({ localHour: row.local_hour, count: num(row.count) }));
}

export type DurationKind = 'first_response' | 'resolution';

/**
 * Durations in seconds with the local day they count on: time to first reply of cases created in
 * the window (by creation day), or creation to resolution of cases resolved in it (by resolution day).
 */
function durations(db: Executor, scope: Scope, window: Window, kind: DurationKind) {
  if (kind === 'first_response') {
    return casesOf(db, scope)
      .where('created_at', '>=', window.start)
      .where('created_at', '<', window.end)
      .where('first_response_at', 'is not', null)
      .select([localTime(db, sql.ref('created_at'), window.spans, 'day').as('day'), secondsBetween(db, sql.ref('created_at'), sql.ref('first_response_at')).as('secs')]);
  }
  // resolved_at is only set on resolved and closed cases; the status and creation bounds let the
  // (tenant, status, created_at) index narrow the scan.
  return casesOf(db, scope)
    .where('status', 'in', doneStatuses)
    .where('created_at', '<', window.end)
    .where('resolved_at', '>=', window.start)
    .where('resolved_at', '<', window.end)
    .select([localTime(db, sql.ref('resolved_at'), window.spans, 'day').as('day'), secondsBetween(db, sql.ref('created_at'), sql.ref('resolved_at')).as('secs')]);
}

export type RankedValue = { idx: number; n: number; secs: number };

/** Over the whole window: the values at the median's and the 90th percentile's ranks, with the count. */
export async function overallQuantileRanks(db: Executor, scope: Scope, window: Window, kind: DurationKind): Promise<RankedValue[]> {
  const ranked = db
    .selectFrom(durations(db, scope, window, kind).as('d'))
    .select(['d.secs', sql<number>`row_number() over (order by d.secs) - 1`.as('idx'), sql<number>`count(*) over ()`.as('n')]);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .select(['r.idx', 'r.n', 'r.secs'])
    .where(sql<SqlBool>`(${sql.raw(rankCondition(MEDIAN))}) or (${sql.raw(rankCondition(P90))})`)
    .orderBy('r.idx')
    .execute();
  return rows.map((row) => ({ idx: num(row.idx), n: num(row.n), secs: num(row.secs) }));
}

/** Per local day: the values at the median's ranks, with the day's count. */
export async function dailyMedianRanks(db: Executor, scope: Scope, window: Window, kind: DurationKind): Promise<Array<RankedValue & { day: string }>> {
  const ranked = db
    .selectFrom(durations(db, scope, window, kind).as('d'))
    .select(['d.day', 'd.secs', sql<number>`row_number() over (partition by d.day order by d.secs) - 1`.as('idx'), sql<number>`count(*) over (partition by d.day)`.as('n')]);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .select(['r.day', 'r.idx', 'r.n', 'r.secs'])
    .where(sql<SqlBool>`${sql.raw(rankCondition(MEDIAN))}`)
    .orderBy('r.day')
    .orderBy('r.idx')
    .execute();
  return rows.map((row) => ({ day: row.day, idx: num(row.idx), n: num(row.n), secs: num(row.secs) }));
}

/**
 * SLA clocks of cases created in the window, per clock name. Judged like a case's own clock view:
 * breached when marked so or when it stopped (or paused, or is still running at `now`) after its
 * deadline; met when it stopped and did not breach. Clocks running in time are not counted.
 */
export async function slaOutcomes(db: Executor, scope: Scope, window: Window, now: string) {
  const judgedAt = sql`coalesce(case_clocks.stopped_at, case_clocks.paused_since, ${now})`;
  const breached = sql<SqlBool>`(case_clocks.breached_at is not null or ${judgedAt} > case_clocks.due_at)`;
  const rows = await casesOf(db, scope)
    .innerJoin('case_clocks', 'case_clocks.case_id', 'cases.id')
    .where('case_clocks.tenant_id', '=', scope.tenantId)
    .where('cases.created_at', '>=', window.start)
    .where('cases.created_at', '<', window.end)
    .select([
      'case_clocks.name',
      sql<number>`sum(case when case_clocks.stopped_at is not null and not ${breached} then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when ${breached} then 1 else 0 end)`.as('breached'),
    ])
    .groupBy('case_clocks.name')
    .execute();
  return rows.map((row) => ({ name: row.name, met: num(row.met), breached: num(row.breached) })).sort((a, b) => byText(a.name, b.name));
}

/** Running, unpaused clocks of open cases due before now + 24 h, per team, in exclusive buckets. */
export async function upcomingBreaches(db: Executor, scope: Scope, now: Date) {
  const at = (hours: number) => new Date(now.getTime() + hours * 3600_000).toISOString();
  const bucket = (after: string | null, until: string) =>
    after === null ? sql<number>`sum(case when case_clocks.due_at < ${until} then 1 else 0 end)` : sql<number>`sum(case when case_clocks.due_at >= ${after} and case_clocks.due_at < ${until} then 1 else 0 end)`;
  const rows = await casesOf(db, scope)
    .innerJoin('case_clocks', 'case_clocks.case_id', 'cases.id')
    .where('case_clocks.tenant_id', '=', scope.tenantId)
    .where('cases.status', 'in', openStatuses)
    .where('case_clocks.stopped_at', 'is', null)
    .where('case_clocks.paused_since', 'is', null)
    .where('case_clocks.due_at', '<', at(24))
    .select([
      'cases.team',
      bucket(null, at(0)).as('overdue'),
      bucket(at(0), at(1)).as('within_1h'),
      bucket(at(1), at(4)).as('within_4h'),
      bucket(at(4), at(24)).as('within_24h'),
    ])
    .groupBy('cases.team')
    .execute();
  return rows.map((row) => ({ team: row.team, overdue: num(row.overdue), within_1h: num(row.within_1h), within_4h: num(row.within_4h), within_24h: num(row.within_24h) }));
}

/** Open cases per assignee, and how many of them are due before `dueBefore` (overdue included). */
export async function openCasesPerAssignee(db: Executor, scope: Scope, dueBefore: string) {
  const rows = await casesOf(db, scope)
    .where('status', 'in', openStatuses)
    .where('assignee_id', 'is not', null)
    .select(['assignee_id', sql<number>`count(*)`.as('open'), sql<number>`sum(case when due_at is not null and due_at < ${dueBefore} then 1 else 0 end)`.as('due_soon')])
    .groupBy('assignee_id')
    .execute();
  return rows.flatMap((row) => (row.assignee_id ? [{ userId: row.assignee_id, open: num(row.open), dueSoon: num(row.due_soon) }] : []));
}

import type { Executor } from '../db/database.js';
import type { ClockRow, NewTimer } from '../db/schema.js';

export async function listCaseClocks(db: Executor, caseId: string): Promise<ClockRow[]> {
  return db.selectFrom('case_clocks').selectAll().where('case_id', '=', caseId).orderBy('name').execute();
}

export async function listClocksOfCases(db: Executor, tenantId: string, caseIds: string[]): Promise<ClockRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom('case_clocks').selectAll().where('tenant_id', '=', tenantId).where('case_id', 'in', caseIds).orderBy('case_id').orderBy('name').execute();
}

export async function insertClock(db: Executor, row: ClockRow): Promise<void> {
  await db.insertInto('case_clocks').values(row).execute();
}

/**
 * Writes a clock back. `breached_at` is left as stored unless the clock restarted: the timer worker
 * may have recorded a breach since the row was read.
 */
export async function updateClock(db: Executor, row: ClockRow, restarted: boolean): Promise<void> {
  const { case_id, name, tenant_id: _tenant, breached_at, ...set } = row;
  await db
    .updateTable('case_clocks')
    .set(restarted ? { ...set, breached_at } : set)
    .where('case_id', '=', case_id)
    .where('name', '=', name)
    .execute();
}

export async function deleteClock(db: Executor, caseId: string, name: string): Promise<void> {
  await db.deleteFrom('case_clocks').where('case_id', '=', caseId).where('name', '=', name).execute();
}

export async function findClock(db: Executor, caseId: string, name: string): Promise<ClockRow | undefined> {
  return db.selectFrom('case_clocks').selectAll().where('case_id', '=', caseId).where('name', '=', name).executeTakeFirst();
}

export async function markBreached(db: Executor, caseId: string, name: string, at: string): Promise<void> {
  await db.updateTable('case_clocks').set({ breached_at: at }).where('case_id', '=', caseId).where('name', '=', name).where('breached_at', 'is', null).execute();
}

/** Cancels what a clock had planned; fired timers stay as history. */
export async function deletePendingTimers(db: Executor, caseId: string, clockName: string): Promise<void> {
  await db.deleteFrom('sla_timers').where('case_id', '=', caseId).where('clock_name', '=', clockName).where('state', '=', 'pending').execute();
}

export async function insertTimers(db: Executor, rows: NewTimer[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('sla_timers').values(rows).execute();
}

/** Clocks of many cases at once, whatever their tenant (the timer worker checks tenants itself). */
export async function clocksOfCaseIds(db: Executor, caseIds: string[]): Promise<ClockRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom('case_clocks').selectAll().where('case_id', 'in', caseIds).execute();
}

/** Running, unpaused deadlines of a team's cases due before `before` (overdue ones included). */
export async function teamDeadlines(db: Executor, tenantId: string, team: string, before: string, limit: number) {
  return db
    .selectFrom('case_clocks')
    .innerJoin('cases', 'cases.id', 'case_clocks.case_id')
    .select(['cases.id as case_id', 'cases.number', 'cases.subject', 'case_clocks.name as clock', 'case_clocks.due_at'])
    .where('case_clocks.tenant_id', '=', tenantId)
    .where('cases.team', '=', team)
    .where('case_clocks.stopped_at', 'is', null)
    .where('case_clocks.paused_since', 'is', null)
    .where('case_clocks.due_at', '<', before)
    .orderBy('case_clocks.due_at')
    .limit(limit)
    .execute();
}

/** Whether another clock of the case breached at or after `since`. */
export async function otherClockBreached(db: Executor, caseId: string, name: string, since: string): Promise<boolean> {
  const row = await db.selectFrom('case_clocks').select('name').where('case_id', '=', caseId).where('name', '!=', name).where('breached_at', '>=', since).executeTakeFirst();
  return row !== undefined;
}

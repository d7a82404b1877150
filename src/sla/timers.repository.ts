import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { TimerRow } from '../db/schema.js';

/**
 * Takes up to `limit` due timers for this transaction. On PostgreSQL the rows stay locked until
 * commit and other nodes skip them (SKIP LOCKED), so each timer fires on exactly one node; SQLite has
 * one writer at a time, which gives the same guarantee.
 */
export async function claimDueTimers(trx: Executor, now: string, limit: number): Promise<TimerRow[]> {
  const query = trx.selectFrom('sla_timers').selectAll().where('state', '=', 'pending').where('fire_at', '<=', now).orderBy('fire_at').limit(limit);
  return isPostgres(trx) ? query.forUpdate().skipLocked().execute() : query.execute();
}

export async function finishTimers(trx: Executor, ids: string[], state: 'fired' | 'skipped', at: string): Promise<void> {
  if (ids.length > 0) await trx.updateTable('sla_timers').set({ state, fired_at: at }).where('id', 'in', ids).where('state', '=', 'pending').execute();
}

export async function failTimer(trx: Executor, id: string, error: string, at: string): Promise<void> {
  await trx.updateTable('sla_timers').set({ state: 'failed', fired_at: at, error: error.slice(0, 500) }).where('id', '=', id).execute();
}

export async function insertTimer(trx: Executor, row: TimerRow): Promise<void> {
  await trx.insertInto('sla_timers').values(row).execute();
}

export async function deletePendingTeamTimers(trx: Executor, tenantId: string, team: string, kind: string): Promise<void> {
  await trx.deleteFrom('sla_timers').where('tenant_id', '=', tenantId).where('team', '=', team).where('kind', '=', kind).where('state', '=', 'pending').execute();
}

export async function timersOfCase(db: Executor, tenantId: string, caseId: string): Promise<TimerRow[]> {
  return db.selectFrom('sla_timers').selectAll().where('tenant_id', '=', tenantId).where('case_id', '=', caseId).orderBy('fire_at').execute();
}

import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { NewTimer, TimerRow } from '../db/schema.js';

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

/**
 * A timer whose work threw (a deadlock, a lost connection, a bug) is tried again later with backoff
 * (30 s, 1 min, 2 min, 4 min) and set aside as `failed` after five tries.
 */
export async function failTimer(db: Executor, id: string, error: string, now: Date, maxAttempts = 5): Promise<void> {
  const row = await db.selectFrom('sla_timers').select(['attempts']).where('id', '=', id).where('state', '=', 'pending').executeTakeFirst();
  if (!row) return;
  const attempts = row.attempts + 1;
  const giveUp = attempts >= maxAttempts;
  await db
    .updateTable('sla_timers')
    .set({ attempts, error: error.slice(0, 500), state: giveUp ? 'failed' : 'pending', ...(giveUp ? { fired_at: now.toISOString() } : { fire_at: new Date(now.getTime() + 30_000 * 2 ** (attempts - 1)).toISOString() }) })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

export async function insertTimer(trx: Executor, row: NewTimer): Promise<void> {
  await trx.insertInto('sla_timers').values(row).execute();
}

export async function deletePendingTeamTimers(trx: Executor, tenantId: string, team: string, kind: string): Promise<void> {
  await trx.deleteFrom('sla_timers').where('tenant_id', '=', tenantId).where('team', '=', team).where('kind', '=', kind).where('state', '=', 'pending').execute();
}

/** Pending timers already due (the backlog) and how late the oldest one is. */
export async function dueBacklog(db: Executor, now: string): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('sla_timers')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('fire_at').as('oldest')])
    .where('state', '=', 'pending')
    .where('fire_at', '<=', now)
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), oldest: (row?.oldest as string | null | undefined) ?? null };
}

/** Running, unpaused clocks past their deadline, all tenants. */
export async function overdueClocks(db: Executor, now: string): Promise<number> {
  const row = await db.selectFrom('case_clocks').select((eb) => eb.fn.countAll<number>().as('count')).where('stopped_at', 'is', null).where('paused_since', 'is', null).where('due_at', '<', now).executeTakeFirst();
  return Number(row?.count ?? 0);
}

import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { OutboxRow } from '../db/schema.js';

export async function insertOutbox(db: Executor, rows: OutboxRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('notification_outbox').values(rows).execute();
}

/**
 * Takes up to `limit` deliveries that are due (or whose sender died holding them) and leases them
 * until `leaseUntil`; on PostgreSQL other nodes skip the locked rows, so each goes out from one node.
 */
export async function leaseDue(trx: Executor, now: string, leaseUntil: string, limit: number, maxAttempts: number): Promise<OutboxRow[]> {
  const query = trx
    .selectFrom('notification_outbox')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now)]), eb.and([eb('state', '=', 'sending'), eb('locked_until', '<', now)])]))
    .orderBy('next_attempt_at')
    .limit(limit);
  const found = await (isPostgres(trx) ? query.forUpdate().skipLocked().execute() : query.execute());
  // A row whose sender keeps dying (a crash, or a send that outlives its lease) gives up like any other.
  const spent = found.filter((row) => row.state === 'sending' && row.attempts >= maxAttempts);
  if (spent.length > 0) {
    await trx.updateTable('notification_outbox').set({ state: 'dead', locked_until: null, last_error: 'gave up: the sender stopped or timed out on every try' }).where('id', 'in', spent.map((row) => row.id)).execute();
  }
  const rows = found.filter((row) => !spent.includes(row));
  if (rows.length === 0) return [];
  await trx
    .updateTable('notification_outbox')
    .set((eb) => ({ state: 'sending', locked_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', rows.map((row) => row.id))
    .execute();
  return rows.map((row) => ({ ...row, state: 'sending', locked_until: leaseUntil, attempts: row.attempts + 1 }));
}

/** The lease value doubles as its owner's token: a sender whose lease ran out and was taken over writes nothing. */
export async function markSent(db: Executor, id: string, lease: string, at: string): Promise<void> {
  await db.updateTable('notification_outbox').set({ state: 'sent', sent_at: at, locked_until: null, last_error: null }).where('id', '=', id).where('state', '=', 'sending').where('locked_until', '=', lease).execute();
}

export async function markFailed(db: Executor, id: string, lease: string, state: 'pending' | 'dead', nextAttemptAt: string, error: string): Promise<void> {
  await db.updateTable('notification_outbox').set({ state, next_attempt_at: nextAttemptAt, locked_until: null, last_error: error }).where('id', '=', id).where('state', '=', 'sending').where('locked_until', '=', lease).execute();
}

export async function findOutbox(db: Executor, tenantId: string, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('notification_outbox').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listOutbox(db: Executor, tenantId: string, filter: { state?: string | undefined; channelId?: string | undefined }, after: [string, string] | undefined, limit: number): Promise<OutboxRow[]> {
  let query = db.selectFrom('notification_outbox').selectAll().where('tenant_id', '=', tenantId);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.channelId) query = query.where('channel_id', '=', filter.channelId);
  if (after) query = query.where((eb) => eb.or([eb('created_at', '<', after[0]), eb.and([eb('created_at', '=', after[0]), eb('id', '<', after[1])])]));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function requeue(db: Executor, tenantId: string, id: string, at: string): Promise<void> {
  await db.updateTable('notification_outbox').set({ state: 'pending', attempts: 0, next_attempt_at: at, last_error: null }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function countByState(db: Executor): Promise<Array<{ state: string; count: number }>> {
  const rows = await db.selectFrom('notification_outbox').select(['state', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('state').execute();
  return rows.map((row) => ({ state: row.state, count: Number(row.count) }));
}

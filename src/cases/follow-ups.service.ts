import { randomUUID } from 'node:crypto';
import { appendEvent } from '../audit/audit.service.js';
import { actorOf, type AuthContext } from '../auth/auth.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { FollowUpRow } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import { cancelFollowUpReminder, scheduleFollowUpReminder } from '../sla/timers.service.js';
import { requireCase } from './cases.service.js';

function present(row: FollowUpRow) {
  return { id: row.id, case_id: row.case_id, due_at: row.due_at, note: row.note, created_by: row.created_by, done_at: row.done_at, created_at: row.created_at };
}

/** Records a promise made to the customer ("we will call back by Friday 10:00"); shift handovers list it until done. */
export async function addFollowUp(db: Executor, auth: AuthContext, caseId: string, input: { due_at: string; note: string }, now: Date) {
  return inTransaction(db, async (trx) => {
    await requireCase(trx, auth.tenantId, caseId, true);
    const at = now.toISOString();
    const row: FollowUpRow = { id: randomUUID(), tenant_id: auth.tenantId, case_id: caseId, due_at: new Date(input.due_at).toISOString(), note: input.note, created_by: auth.name, done_at: null, created_at: at };
    await trx.insertInto('follow_ups').values(row).execute();
    await scheduleFollowUpReminder(trx, auth.tenantId, caseId, row.id, row.due_at);
    await appendEvent(trx, { tenantId: auth.tenantId, caseId, actor: actorOf(auth), type: 'follow_up.promised', payload: { id: row.id, due_at: row.due_at, note: row.note }, at });
    return present(row);
  });
}

export async function listFollowUps(db: Executor, tenantId: string, caseId: string) {
  await requireCase(db, tenantId, caseId);
  const rows = await db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', tenantId).where('case_id', '=', caseId).orderBy('due_at').limit(200).execute();
  return rows.map(present);
}

export async function completeFollowUp(db: Executor, auth: AuthContext, caseId: string, id: string, now: Date) {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('follow_ups').selectAll().where('tenant_id', '=', auth.tenantId).where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('detail.follow_up_not_found', id);
    if (row.done_at) return present(row);
    const at = now.toISOString();
    await trx.updateTable('follow_ups').set({ done_at: at }).where('id', '=', id).execute();
    await cancelFollowUpReminder(trx, auth.tenantId, id);
    await appendEvent(trx, { tenantId: auth.tenantId, caseId, actor: actorOf(auth), type: 'follow_up.done', payload: { id }, at });
    return present({ ...row, done_at: at });
  });
}

/** Promised follow-ups of a team's cases, not yet kept, due before `before`. */
export async function teamFollowUps(db: Executor, tenantId: string, team: string, before: string, limit: number) {
  return db
    .selectFrom('follow_ups')
    .innerJoin('cases', 'cases.id', 'follow_ups.case_id')
    .select(['follow_ups.id', 'follow_ups.case_id', 'cases.number', 'follow_ups.note', 'follow_ups.due_at', 'follow_ups.created_by'])
    .where('follow_ups.tenant_id', '=', tenantId)
    .where('cases.team', '=', team)
    .where('follow_ups.done_at', 'is', null)
    .where('follow_ups.due_at', '<', before)
    .orderBy('follow_ups.due_at')
    .limit(limit)
    .execute();
}

/** One follow-up, for its reminder. */
export async function findFollowUp(db: Executor, tenantId: string, id: string): Promise<FollowUpRow | undefined> {
  return db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.js';
import { insertTimer } from './timers.repository.js';

/** A durable reminder for a promised follow-up; the timer's label carries the follow-up id. */
export async function scheduleFollowUpReminder(trx: Executor, tenantId: string, caseId: string, followUpId: string, dueAt: string): Promise<void> {
  await insertTimer(trx, { id: randomUUID(), tenant_id: tenantId, case_id: caseId, team: null, clock_name: null, cycle: null, kind: 'follow_up', label: followUpId, fire_at: dueAt, state: 'pending', fired_at: null, error: null });
}

export async function cancelFollowUpReminder(trx: Executor, tenantId: string, followUpId: string): Promise<void> {
  await trx.deleteFrom('sla_timers').where('tenant_id', '=', tenantId).where('kind', '=', 'follow_up').where('label', '=', followUpId).where('state', '=', 'pending').execute();
}

/** Re-matches open cases after a policy or calendar change, starting after case `afterId` ('' = from the first). */
export async function schedulePolicySync(trx: Executor, tenantId: string, afterId: string, at: Date): Promise<string> {
  const id = randomUUID();
  await insertTimer(trx, { id, tenant_id: tenantId, case_id: null, team: null, clock_name: null, cycle: null, kind: 'policy_sync', label: afterId, fire_at: at.toISOString(), state: 'pending', fired_at: null, error: null });
  return id;
}

/** Moves a pending re-sync on (`afterId`, due at `at`), or drops it when there is nothing left (`afterId` null). */
export async function continuePolicySync(db: Executor, id: string, afterId: string | null, at: Date): Promise<void> {
  if (afterId === null) await db.deleteFrom('sla_timers').where('id', '=', id).where('state', '=', 'pending').execute();
  else await db.updateTable('sla_timers').set({ label: afterId, fire_at: at.toISOString() }).where('id', '=', id).where('state', '=', 'pending').execute();
}

export { dueBacklog, overdueClocks } from './timers.repository.js';

import { randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { PolicyRow } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import { checkCalendarId } from './calendars.service.js';
import { followChange, planResync, type Deps } from './resync.js';
import type { PolicyBody, PolicyDefinition, PolicyResponse } from './policies.schema.js';
import * as repo from './policies.repository.js';

export function toPolicyResponse(row: PolicyRow): PolicyResponse {
  const definition = JSON.parse(row.definition) as PolicyDefinition;
  return { id: row.id, name: row.name, position: row.position, enabled: row.enabled === 1, calendar_id: row.calendar_id, ...definition, created_at: row.created_at, updated_at: row.updated_at };
}

function definitionOf(body: PolicyBody): PolicyDefinition {
  return { match: body.match, targets: body.targets, pause_statuses: body.pause_statuses, reopen: body.reopen, reminders: body.reminders, breach_actions: body.breach_actions };
}

async function requirePolicy(db: Executor, tenantId: string, id: string): Promise<PolicyRow> {
  const row = await repo.findPolicy(db, tenantId, id);
  if (!row) throw notFound('detail.policy_not_found', id);
  return row;
}

export async function listPolicies(db: Executor, tenantId: string): Promise<PolicyResponse[]> {
  return (await repo.listPolicies(db, tenantId)).map(toPolicyResponse);
}

export async function getPolicy(db: Executor, tenantId: string, id: string): Promise<PolicyResponse> {
  return toPolicyResponse(await requirePolicy(db, tenantId, id));
}



/** Saves the policy, then re-matches open cases so their clocks follow at once. */
export async function createPolicy(db: Executor, tenantId: string, body: PolicyBody, actor: Actor, deps: Deps): Promise<PolicyResponse> {
  const row = await inTransaction(db, async (trx) => {
    await checkCalendarId(trx, tenantId, body.calendar_id, 'body.calendar_id');
    const at = deps.now().toISOString();
    const created: PolicyRow = {
      id: randomUUID(),
      tenant_id: tenantId,
      name: body.name,
      position: body.position ?? (await repo.nextPosition(trx, tenantId)),
      enabled: body.enabled ? 1 : 0,
      calendar_id: body.calendar_id,
      definition: JSON.stringify(definitionOf(body)),
      created_at: at,
      updated_at: at,
    };
    await repo.insertPolicy(trx, created);
    await appendEvent(trx, { tenantId, actor, type: 'sla_policy.created', payload: { policy: toPolicyResponse(created) }, at });
    return { created, job: await planResync(trx, tenantId, deps.now()) };
  });
  await followChange(db, tenantId, row.job, deps);
  return toPolicyResponse(row.created);
}

export async function replacePolicy(db: Executor, tenantId: string, id: string, body: PolicyBody, actor: Actor, deps: Deps): Promise<PolicyResponse> {
  const row = await inTransaction(db, async (trx) => {
    const current = await requirePolicy(trx, tenantId, id);
    await checkCalendarId(trx, tenantId, body.calendar_id, 'body.calendar_id');
    const at = deps.now().toISOString();
    const updated: PolicyRow = {
      ...current,
      name: body.name,
      position: body.position ?? current.position,
      enabled: body.enabled ? 1 : 0,
      calendar_id: body.calendar_id,
      definition: JSON.stringify(definitionOf(body)),
      updated_at: at,
    };
    await repo.updatePolicy(trx, updated);
    await appendEvent(trx, { tenantId, actor, type: 'sla_policy.updated', payload: { before: toPolicyResponse(current), after: toPolicyResponse(updated) }, at });
    return { updated, job: await planResync(trx, tenantId, deps.now()) };
  });
  await followChange(db, tenantId, row.job, deps);
  return toPolicyResponse(row.updated);
}

/** Removing a policy removes its running clocks and their pending reminders and escalations. */
export async function deletePolicy(db: Executor, tenantId: string, id: string, actor: Actor, deps: Deps): Promise<void> {
  const job = await inTransaction(db, async (trx) => {
    const current = await requirePolicy(trx, tenantId, id);
    await repo.deletePolicy(trx, tenantId, id);
    await appendEvent(trx, { tenantId, actor, type: 'sla_policy.deleted', payload: { policy: toPolicyResponse(current) }, at: deps.now().toISOString() });
    return planResync(trx, tenantId, deps.now());
  });
  await followChange(db, tenantId, job, deps);
}

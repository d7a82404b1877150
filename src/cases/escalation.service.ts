import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { enqueueNotification } from '../notify/outbox.service.js';
import { getEscalationPaths, nextTeam } from '../teams/escalation.service.js';
import { findTeam, requireTeam } from '../tenants/tenants.service.js';
import { presentCase, refreshClocks } from './case-clocks.js';
import type { CaseResponse } from './cases.schema.js';
import * as repo from './cases.repository.js';
import { requireCase } from './cases.service.js';
import { caseSummary, type Links } from './case-summary.js';
import { priorities, priorityRank } from './taxonomy.js';

export type EscalationResult = { from: string | null; to: string | null };

/**
 * Hands a case to the next team on the escalation path (or to `team`), recomputes its clocks on the
 * new team's calendar and tells the channels. With no team left it goes to the supervisor: the team
 * stays and the notification says so.
 */
export async function escalateCaseRow(trx: Executor, current: CaseRow, input: { reason: string; team?: string | undefined; strict: boolean }, actor: Actor, now: Date, links: Links): Promise<EscalationResult> {
  const tenantId = current.tenant_id;
  let to = input.team ?? nextTeam(await getEscalationPaths(trx, tenantId), current);
  if (input.team) await requireTeam(trx, tenantId, input.team, 'body.team');
  if (input.strict && !to) throw new AppError('conflict', { key: 'detail.no_escalation_target', params: { team: current.team ?? '—', category: current.category } });
  if (input.strict && to === current.team) throw new AppError('conflict', { key: 'detail.escalate_same_team', params: { team: to ?? '' } });
  const at = now.toISOString();
  if (to && to !== current.team) {
    const team = await findTeam(trx, tenantId, to);
    await repo.updateCase(trx, tenantId, current.id, { team: to, tier: team?.tier ?? current.tier, updated_at: at });
  } else to = null;
  await appendEvent(trx, { tenantId, caseId: current.id, actor, type: 'case.escalated', payload: { from: current.team, to: to ?? 'supervisor', reason: input.reason }, at });
  if (to) await refreshClocks(trx, tenantId, current.id, { type: 'recompute' }, now);
  const summary = await caseSummary(trx, { ...current, team: to ?? current.team }, links);
  await enqueueNotification(trx, tenantId, { event: 'case.escalated', data: { ...summary, from_team: current.team, to_team: to ?? 'supervisor', reason: input.reason } }, { team: to ?? current.team, caseId: current.id }, now);
  return { from: current.team, to };
}

export async function escalateCase(db: Executor, tenantId: string, caseId: string, input: { reason: string; team?: string | undefined }, actor: Actor, now: Date, links: Links): Promise<CaseResponse> {
  return inTransaction(db, async (trx) => {
    const current = await requireCase(trx, tenantId, caseId, true);
    if (current.status === 'resolved' || current.status === 'closed') throw new AppError('conflict', { key: 'detail.case_closed_for_escalation' });
    await escalateCaseRow(trx, current, { ...input, strict: true }, actor, now, links);
    return presentCase(trx, await requireCase(trx, tenantId, caseId), now);
  });
}

/** One step up (low → normal → high → urgent); false when already urgent. */
export async function raisePriority(trx: Executor, current: CaseRow, actor: Actor, now: Date, reason: string): Promise<boolean> {
  const index = priorities.indexOf(current.priority as (typeof priorities)[number]);
  const next = priorities[index + 1];
  if (!next) return false;
  const at = now.toISOString();
  await repo.updateCase(trx, current.tenant_id, current.id, { priority: next, priority_rank: priorityRank[next], updated_at: at });
  await appendEvent(trx, { tenantId: current.tenant_id, caseId: current.id, actor, type: 'case.updated', payload: { changes: { priority: [current.priority, next] }, reason }, at });
  await refreshClocks(trx, current.tenant_id, current.id, { type: 'recompute', replan: true }, now);
  return true;
}

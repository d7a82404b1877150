import { appendEvent, type Actor } from '../audit/audit.service.js';
import { actorOf, type AuthContext } from '../auth/auth.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CaseRow, CaseUpdate } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { translate, type Locale } from '../i18n/i18n.js';
import type { CaseResponse } from './cases.schema.js';
import * as repo from './cases.repository.js';
import { presentCase, refreshClocks } from './case-clocks.js';
import { requireCase } from './cases.service.js';
import { hooksFor } from './hooks.js';
import { allowedTransitions, canTransition, type Status } from './status-machine.js';

export type TransitionInput = { to: Status; resolution?: string; reason?: string; agreement_message_id?: string; override_reason?: string };

/** Moves a case along the status machine; an invalid move is a 409 naming the allowed targets. */
export async function transitionCase(db: Executor, auth: AuthContext, id: string, input: TransitionInput, now: Date, locale: Locale): Promise<CaseResponse> {
  return inTransaction(db, async (trx) => {
    const current = await requireCase(trx, auth.tenantId, id, true);
    const hooks = hooksFor(current.channel);
    const context = { trx, auth, current, input, now, locale };
    if (hooks?.beforeTransition) await hooks.beforeTransition(context);
    else if (input.agreement_message_id || input.override_reason) {
      throw new AppError('validation_failed', { key: 'detail.platform_fields_only' }, [{ field: input.override_reason ? 'body.override_reason' : 'body.agreement_message_id', message: translate(locale, 'detail.platform_fields_only') }]);
    }
    await applyTransition(trx, auth.tenantId, current, input, actorOf(auth), now, locale);
    if (hooks?.afterTransition) await hooks.afterTransition(context);
    return presentCase(trx, await requireCase(trx, auth.tenantId, id), now);
  });
}

export async function applyTransition(trx: Executor, tenantId: string, current: CaseRow, input: TransitionInput, actor: Actor, now: Date, locale: Locale) {
  const from = current.status as Status;
  if (!canTransition(from, input.to)) {
    const allowed = allowedTransitions(from);
    throw new AppError(
      'invalid_transition',
      { key: 'detail.transition_not_allowed', params: { from, to: input.to, allowed: allowed.join(', ') || '—' } },
      undefined,
      { from, to: input.to, allowed },
    );
  }
  if (input.to !== 'resolved' && input.resolution) {
    throw new AppError('validation_failed', { key: 'detail.resolution_only_when_resolving' }, [{ field: 'body.resolution', message: translate(locale, 'detail.resolution_only_when_resolving') }]);
  }
  if (input.to === 'resolved' && !input.resolution) {
    throw new AppError('validation_failed', { key: 'detail.resolution_required' }, [{ field: 'body.resolution', message: translate(locale, 'detail.resolution_required') }]);
  }
  if (input.to === 'paused' && !current.platform_complaint_id) throw new AppError('invalid_transition', { key: 'detail.pause_needs_complaint' }, undefined, { from, to: input.to });
  const at = now.toISOString();
  const set: CaseUpdate = { status: input.to, updated_at: at };
  if (input.to === 'resolved') {
    set.resolution = input.resolution;
    set.resolved_at = at;
  }
  if (input.to === 'closed') set.closed_at = at;
  if (input.to === 'open' && (from === 'resolved' || from === 'closed')) {
    set.resolution = null;
    set.resolved_at = null;
    set.closed_at = null;
  }
  await repo.updateCase(trx, tenantId, current.id, set);
  const reopened = from === 'resolved' || from === 'closed';
  await appendEvent(trx, {
    tenantId,
    caseId: current.id,
    actor,
    type: reopened && input.to === 'open' ? 'case.reopened' : 'case.status_changed',
    payload: { from, to: input.to, resolution: input.resolution ?? null, reason: input.reason ?? null },
    at,
  });
  await refreshClocks(trx, tenantId, current.id, { type: 'status', from, to: input.to }, now);
}

import { appendEvent } from '../../audit/audit.service.js';
import { actorOf } from '../../auth/auth.service.js';
import { allows } from '../../auth/roles.js';
import { registerCaseHooks, type OutboundContext, type TransitionContext } from '../../cases/hooks.js';
import { findCaseMessage } from '../../cases/messages.service.js';
import type { Executor } from '../../db/database.js';
import type { ComplaintRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { translate } from '../../i18n/i18n.js';
import { enqueueAction } from './actions.service.js';
import { findComplaintOfCase, MAX_CLOSE_ATTEMPTS, updateComplaint } from './ingest.service.js';

/** WeChat Pay refuses replies longer than this. */
export const RESPONSE_MAX_CHARS = 200;

/** Which of WeChat Pay's completion criteria hold for a complaint. */
export function completionCriteria(complaint: ComplaintRow) {
  return { full_refund: complaint.full_refunded === 1, user_withdrew: complaint.withdrawn_at !== null, agreement_recorded: complaint.agreement_message_id !== null };
}

/** An agent's reply on a complaint goes to the user through WeChat Pay's response API. */
async function outbound({ trx, auth, current, message, now }: OutboundContext): Promise<string | undefined> {
  const complaint = await findComplaintOfCase(trx, current.tenant_id, current.id);
  if (!complaint) return undefined;
  if ([...message.body].length > RESPONSE_MAX_CHARS) {
    throw new AppError('validation_failed', `WeChat Pay accepts replies of at most ${RESPONSE_MAX_CHARS} characters.`, [{ field: 'body.body', message: `at most ${RESPONSE_MAX_CHARS} characters for a WeChat Pay complaint` }]);
  }
  if (complaint.state === 'PROCESSED' && complaint.withdrawn_at) throw new AppError('conflict', { key: 'detail.complaint_closed' });
  await enqueueAction(trx, { tenantId: current.tenant_id, caseId: current.id, complaintId: complaint.complaint_id, kind: 'response', body: { response_content: message.body }, messageId: message.id, createdBy: auth.userId ?? auth.tokenId, now });
  return 'pending';
}

/**
 * WeChat Pay's rules on an agent's status change: a complaint is completed only after a full
 * refund, the user's withdrawal or a recorded agreement (or a supervisor's audited override); three
 * completions with the user still unhappy end the attempts; pausing comes only after those three.
 */
async function beforeTransition({ trx, auth, current, input, locale, now }: TransitionContext): Promise<void> {
  const complaint = await findComplaintOfCase(trx, current.tenant_id, current.id);
  const platformFields = input.agreement_message_id !== undefined || input.override_reason !== undefined;
  if (!complaint || input.to !== 'resolved') {
    if (platformFields) {
      throw new AppError('validation_failed', { key: 'detail.platform_fields_only' }, [{ field: input.override_reason ? 'body.override_reason' : 'body.agreement_message_id', message: translate(locale, 'detail.platform_fields_only') }]);
    }
    if (complaint && input.to === 'paused' && complaint.close_attempts < MAX_CLOSE_ATTEMPTS) {
      throw new AppError('completion_refused', { key: 'detail.pause_needs_attempts', params: { attempts: complaint.close_attempts } }, undefined, { close_attempts: complaint.close_attempts });
    }
    return;
  }
  const criteria = completionCriteria(complaint);
  if (complaint.unsatisfied === 1 || complaint.close_attempts >= MAX_CLOSE_ATTEMPTS) {
    if (!criteria.user_withdrew) {
      throw new AppError('completion_refused', { key: 'detail.close_attempts_exhausted', params: { attempts: complaint.close_attempts } }, undefined, { close_attempts: complaint.close_attempts, close_attempts_left: 0 });
    }
  }
  if (input.resolution === 'agreed') {
    if (!input.agreement_message_id) {
      throw new AppError('validation_failed', { key: 'detail.agreement_message_missing' }, [{ field: 'body.agreement_message_id', message: translate(locale, 'detail.agreement_message_missing') }]);
    }
    const message = await findCaseMessage(trx, current.tenant_id, current.id, input.agreement_message_id);
    // The user's own word counts, and only since they last complained again.
    const repeatedAt = await lastRepeatAt(trx, complaint);
    if (!message || message.direction !== 'inbound' || message.author_type !== 'customer' || (repeatedAt !== null && Date.parse(message.created_at) <= repeatedAt)) {
      throw new AppError('validation_failed', { key: 'detail.agreement_message_not_found', params: { id: input.agreement_message_id } }, [{ field: 'body.agreement_message_id', message: translate(locale, 'detail.agreement_message_not_found', { id: input.agreement_message_id }) }]);
    }
    criteria.agreement_recorded = true;
  } else if (input.agreement_message_id) {
    throw new AppError('validation_failed', undefined, [{ field: 'body.agreement_message_id', message: 'only with resolution "agreed"' }]);
  }
  if (criteria.full_refund || criteria.user_withdrew || criteria.agreement_recorded) return;
  if (input.override_reason) {
    if (!allows(auth.role, 'complaints:override')) throw new AppError('forbidden', { key: 'detail.override_needs_supervisor' });
    await appendEvent(trx, { tenantId: current.tenant_id, caseId: current.id, actor: actorOf(auth), type: 'wechatpay.guard_overridden', payload: { complaint_id: complaint.complaint_id, reason: input.override_reason, criteria }, at: now.toISOString() });
    return;
  }
  throw new AppError('completion_refused', { key: 'detail.completion_needs_criterion' }, undefined, { criteria, close_attempts: complaint.close_attempts, close_attempts_left: MAX_CLOSE_ATTEMPTS - complaint.close_attempts });
}

/** When the user last complained again (epoch ms), or null. */
async function lastRepeatAt(trx: Executor, complaint: ComplaintRow): Promise<number | null> {
  const rows = await trx.selectFrom('wechatpay_history').select('operate_time').where('tenant_id', '=', complaint.tenant_id).where('complaint_id', '=', complaint.complaint_id).where('operate_type', '=', 'USER_CONTINUE_COMPLAINT').execute();
  const times = rows.map((row) => Date.parse(row.operate_time ?? '')).filter((time) => Number.isFinite(time));
  return times.length > 0 ? Math.max(...times) : null;
}

/**
 * A resolved complaint is marked complete on WeChat Pay. The close attempt counts once WeChat Pay
 * accepts it; a complaint already complete there (and not complained about since), or one with a
 * completion on its way, gets no second call.
 */
async function afterTransition({ trx, auth, current, input, now }: TransitionContext): Promise<void> {
  if (input.to !== 'resolved') return;
  const complaint = await findComplaintOfCase(trx, current.tenant_id, current.id);
  if (!complaint) return;
  const at = now.toISOString();
  const changes: Partial<ComplaintRow> = { updated_at: at };
  if (input.agreement_message_id) changes.agreement_message_id = input.agreement_message_id;
  const pending = await trx.selectFrom('platform_actions').select('id').where('tenant_id', '=', complaint.tenant_id).where('complaint_id', '=', complaint.complaint_id).where('kind', '=', 'complete').where('state', '=', 'pending').executeTakeFirst();
  // A withdrawn complaint is already closed on the platform: nothing to complete.
  if (!complaint.withdrawn_at && complaint.state !== 'PROCESSED' && !pending) {
    await enqueueAction(trx, { tenantId: current.tenant_id, caseId: current.id, complaintId: complaint.complaint_id, kind: 'complete', body: {}, createdBy: auth.userId ?? auth.tokenId, now });
    await appendEvent(trx, { tenantId: current.tenant_id, caseId: current.id, actor: actorOf(auth), type: 'wechatpay.completion_requested', payload: { complaint_id: complaint.complaint_id, attempt: complaint.close_attempts + 1, resolution: input.resolution ?? null }, at });
  }
  await updateComplaint(trx, complaint, changes);
}

/** Puts WeChat Pay's rules into the case core (idempotent). */
export function installWechatPayHooks(): void {
  registerCaseHooks('wechatpay', { outbound, beforeTransition, afterTransition });
}

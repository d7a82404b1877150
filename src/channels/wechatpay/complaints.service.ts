import { z } from 'zod';
import { appendEvent } from '../../audit/audit.service.js';
import { actorOf, type AuthContext } from '../../auth/auth.service.js';
import { requireCase } from '../../cases/cases.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import type { ComplaintRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { decryptSecret } from '../../shared/secrets.js';
import { maskedText } from '../../shared/schema.js';
import { actionsOfCase, enqueueAction, toActionResponse } from './actions.service.js';
import { completionCriteria } from './guards.js';
import { findComplaintOfCase, maskPhone, MAX_CLOSE_ATTEMPTS, updateComplaint } from './ingest.service.js';
import type { ComplaintDetail } from './types.js';

export const refundDecisionBody = z
  .strictObject({
    /** APPROVE the user's refund request, or REJECT it. */
    action: z.enum(['APPROVE', 'REJECT']).describe('APPROVE the user\'s refund request, or REJECT it.'),
    /** APPROVE: days until the refund is made (0 = today). */
    launch_refund_day: z.number().int().min(0).max(365).optional().describe('APPROVE: days until the refund is made (0 = today).'),
    /** REJECT: the reason shown to the user. */
    reject_reason: maskedText(200).optional().describe('REJECT: the reason shown to the user.'),
    /** A note to the platform. */
    remark: maskedText(200).optional().describe('A note to the platform.'),
  })
  .superRefine((body, ctx) => {
    if (body.action === 'APPROVE' && body.launch_refund_day === undefined) ctx.addIssue({ code: 'custom', path: ['launch_refund_day'], message: 'required to approve' });
    if (body.action === 'APPROVE' && body.reject_reason !== undefined) ctx.addIssue({ code: 'custom', path: ['reject_reason'], message: 'only when rejecting' });
    if (body.action === 'REJECT' && body.reject_reason === undefined) ctx.addIssue({ code: 'custom', path: ['reject_reason'], message: 'required to reject' });
    if (body.action === 'REJECT' && body.launch_refund_day !== undefined) ctx.addIssue({ code: 'custom', path: ['launch_refund_day'], message: 'only when approving' });
  });
export type RefundDecisionBody = z.infer<typeof refundDecisionBody>;

export const platformActionResponse = z.object({
  id: z.string(),
  kind: z.enum(['response', 'complete', 'refund_progress']),
  /** pending until WeChat Pay accepted it; failed when it refused or the retries ran out. */
  state: z.enum(['pending', 'delivered', 'failed']).describe('pending until WeChat Pay accepted it; failed when it refused or the retries ran out.'),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  message_id: z.string().nullable(),
  body: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  done_at: z.string().nullable(),
});

export const complaintView = z.object({
  complaint_id: z.string(),
  mchid: z.string(),
  /** PENDING, PROCESSING or PROCESSED on WeChat Pay. */ state: z.string().describe('PENDING, PROCESSING or PROCESSED on WeChat Pay.'),
  problem_type: z.string().nullable(),
  complaint_time: z.string(),
  user_complaint_times: z.number().int(),
  apply_refund_amount: z.number().int().nullable(),
  payer_openid: z.string().nullable(),
  /** Masked; the number itself is kept encrypted and never shown. */ payer_phone: z.string().nullable().describe('Masked; the number itself is kept encrypted and never shown.'),
  media: z.array(z.string()),
  full_refunded: z.boolean(),
  refunded_at: z.string().nullable(),
  withdrawn_at: z.string().nullable(),
  first_completed_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  refund_decision: z.string().nullable(),
  platform_service: z.string().nullable(),
  close_attempts: z.number().int(),
  close_attempts_left: z.number().int(),
  unsatisfied: z.boolean(),
  /** Which of WeChat Pay's completion criteria hold. */
  completion_criteria: z.object({ full_refund: z.boolean(), user_withdrew: z.boolean(), agreement_recorded: z.boolean() }),
  actions: z.array(platformActionResponse),
  synced_at: z.string(),
});

async function requireComplaint(db: Executor, tenantId: string, caseId: string): Promise<ComplaintRow> {
  await requireCase(db, tenantId, caseId);
  const complaint = await findComplaintOfCase(db, tenantId, caseId);
  if (!complaint) throw new AppError('not_found', { key: 'detail.not_a_complaint', params: { id: caseId } });
  return complaint;
}

/** The WeChat Pay side of a case: platform state, refund, withdrawal, close attempts and every platform call. */
export async function complaintOfCase(db: Executor, tenantId: string, caseId: string, secretKey: Buffer): Promise<z.infer<typeof complaintView>> {
  const complaint = await requireComplaint(db, tenantId, caseId);
  const detail = JSON.parse(complaint.detail) as ComplaintDetail;
  let phone: string | null = null;
  if (complaint.payer_phone_enc) {
    try {
      phone = maskPhone(decryptSecret(secretKey, complaint.payer_phone_enc));
    } catch {
      phone = '***';
    }
  }
  return {
    complaint_id: complaint.complaint_id,
    mchid: complaint.mchid,
    state: complaint.state,
    problem_type: complaint.problem_type,
    complaint_time: complaint.complaint_time,
    user_complaint_times: complaint.user_complaint_times,
    apply_refund_amount: detail.apply_refund_amount ?? null,
    payer_openid: complaint.payer_openid,
    payer_phone: phone,
    media: (detail.complaint_media_list ?? []).flatMap((media) => media.media_url),
    full_refunded: complaint.full_refunded === 1,
    refunded_at: complaint.refunded_at,
    withdrawn_at: complaint.withdrawn_at,
    first_completed_at: complaint.first_completed_at,
    completed_at: complaint.completed_at,
    refund_decision: complaint.refund_decision,
    platform_service: complaint.platform_service,
    close_attempts: complaint.close_attempts,
    close_attempts_left: Math.max(0, MAX_CLOSE_ATTEMPTS - complaint.close_attempts),
    unsatisfied: complaint.unsatisfied === 1,
    completion_criteria: completionCriteria(complaint),
    actions: (await actionsOfCase(db, tenantId, caseId)).map(toActionResponse),
    synced_at: complaint.synced_at,
  };
}

/** Answers the user's refund request on WeChat Pay (update-refund-progress), queued and retried like a reply. */
export async function decideRefund(db: Executor, auth: AuthContext, caseId: string, input: RefundDecisionBody, now: Date) {
  return inTransaction(db, async (trx) => {
    const current = await requireCase(trx, auth.tenantId, caseId, true);
    const complaint = await requireComplaint(trx, auth.tenantId, current.id);
    if (complaint.state === 'PROCESSED' && complaint.withdrawn_at) throw new AppError('conflict', { key: 'detail.complaint_closed' });
    const body = {
      action: input.action,
      ...(input.launch_refund_day !== undefined ? { launch_refund_day: input.launch_refund_day } : {}),
      ...(input.reject_reason ? { reject_reason: input.reject_reason } : {}),
      ...(input.remark ? { remark: input.remark } : {}),
    };
    const action = await enqueueAction(trx, { tenantId: auth.tenantId, caseId, complaintId: complaint.complaint_id, kind: 'refund_progress', body, createdBy: auth.userId ?? auth.tokenId, now });
    await updateComplaint(trx, complaint, { refund_decision: input.action, updated_at: now.toISOString() });
    await appendEvent(trx, { tenantId: auth.tenantId, caseId, actor: actorOf(auth), type: 'wechatpay.refund_decided', payload: { complaint_id: complaint.complaint_id, ...body }, at: now.toISOString() });
    return toActionResponse(action);
  });
}

import type { Actor } from '../../audit/audit.service.js';
import { appendEvent } from '../../audit/audit.service.js';
import { addCaseTag, createCaseAs, requireCase } from '../../cases/cases.service.js';
import { refreshClocks } from '../../cases/case-clocks.js';
import { applyTransition } from '../../cases/transitions.service.js';
import type { Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import type { Category } from '../../cases/taxonomy.js';
import type { CaseRow, StripeDisputeRow } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import { setFixedClock } from '../../sla/clocks.service.js';
import type { DisputeEventType, DisputeObject, DisputeResponse, DisputeStatus } from './integration.schema.js';

export const stripeActor: Actor = { kind: 'system', id: null, name: 'Stripe' };

/**
 * How far a dispute has gone. A status never moves to a lower rank, so an event that arrives late
 * (Stripe does not promise order) cannot undo a later one; an inquiry (warning_*) can still become
 * a chargeback (needs_response), which ranks above it.
 */
const statusRank: Record<DisputeStatus, number> = {
  warning_needs_response: 0,
  warning_under_review: 1,
  needs_response: 2,
  under_review: 3,
  warning_closed: 4,
  won: 4,
  lost: 4,
  prevented: 4,
};
const closedStatuses: readonly DisputeStatus[] = ['warning_closed', 'won', 'lost', 'prevented'];
const awaitingEvidence: readonly DisputeStatus[] = ['warning_needs_response', 'needs_response'];
/** Funds only move forward: held → withdrawn → reinstated. */
const fundsRank = { held: 0, withdrawn: 1, reinstated: 2 } as const;
type Funds = keyof typeof fundsRank;

/** Categories by the cardholder's stated reason; anything unclear is a fraud dispute for the risk team. */
const reasonCategory: Record<string, Category> = {
  duplicate: 'duplicate_charge',
  credit_not_processed: 'refund.delayed',
  subscription_canceled: 'refund.request',
  insufficient_funds: 'payment_failed.insufficient_funds',
  bank_cannot_process: 'payment_failed.system_error',
  incorrect_account_details: 'payment_info_error',
};
export const categoryForReason = (reason: string): Category => reasonCategory[reason] ?? 'fraud.dispute';

/** What a closed dispute means for the case. */
const closingResolution: Record<string, string> = { won: 'rejected', lost: 'full_refund', warning_closed: 'customer_withdrew', prevented: 'agreed' };

const idOf = (value: DisputeObject['charge']): string | null => (value === null || value === undefined ? null : typeof value === 'string' ? value : value.id);
const isoOf = (seconds: number | null | undefined): string | null => (seconds ? new Date(seconds * 1000).toISOString() : null);

/** Minor units as a decimal amount for people ("12.50 USD"); zero-decimal currencies as they are. */
const zeroDecimal = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
export function formatAmount(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  return zeroDecimal.has(currency.toLowerCase()) ? `${amount} ${code}` : `${(amount / 100).toFixed(2)} ${code}`;
}

export function toDisputeResponse(row: StripeDisputeRow): DisputeResponse {
  return {
    dispute_id: row.dispute_id,
    case_id: row.case_id,
    charge_id: row.charge_id,
    payment_intent: row.payment_intent,
    amount: row.amount,
    currency: row.currency,
    reason: row.reason,
    status: row.status as DisputeStatus,
    evidence_due_by: row.evidence_due_by,
    has_evidence: row.has_evidence === 1,
    submission_count: row.submission_count,
    funds: row.funds as Funds,
    evidence_submitted_at: row.evidence_submitted_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

async function findDispute(db: Executor, tenantId: string, disputeId: string, forUpdate = false): Promise<StripeDisputeRow | undefined> {
  const query = db.selectFrom('stripe_disputes').selectAll().where('tenant_id', '=', tenantId).where('dispute_id', '=', disputeId);
  return (forUpdate && isPostgres(db) ? query.forUpdate() : query).executeTakeFirst();
}

export async function disputeOfCase(db: Executor, tenantId: string, caseId: string): Promise<DisputeResponse> {
  await requireCase(db, tenantId, caseId);
  const row = await db.selectFrom('stripe_disputes').selectAll().where('tenant_id', '=', tenantId).where('case_id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound('detail.dispute_not_found', caseId);
  return toDisputeResponse(row);
}

export type AppliedDispute = { caseId: string; created: boolean; changed: string[] };

/**
 * Applies one verified dispute event inside the caller's transaction. The first event about a
 * dispute (whatever its type: `updated` may overtake `created`) opens a case with the evidence due
 * date as its deadline; later events move status, deadline and funds forward only.
 */
export async function applyDisputeEvent(trx: Executor, tenantId: string, type: DisputeEventType, eventCreated: number, dispute: DisputeObject, now: Date): Promise<AppliedDispute> {
  const at = now.toISOString();
  const dueBy = isoOf(dispute.evidence_details?.due_by);
  const existing = await findDispute(trx, tenantId, dispute.id, true);
  const funds: Funds | null = type === 'charge.dispute.funds_withdrawn' ? 'withdrawn' : type === 'charge.dispute.funds_reinstated' ? 'reinstated' : null;

  if (!existing) {
    const chargeId = idOf(dispute.charge);
    const opened = await createCaseAs(
      trx,
      tenantId,
      stripeActor,
      {
        subject: `Stripe dispute ${dispute.id}: ${dispute.reason} (${formatAmount(dispute.amount, dispute.currency)})`,
        description: `Stripe opened a ${dispute.status.startsWith('warning_') ? 'retrieval request (inquiry)' : 'chargeback'} on charge ${chargeId ?? '—'} for ${formatAmount(dispute.amount, dispute.currency)}; the cardholder's reason is "${dispute.reason}".${dueBy ? ` Evidence is due by ${dueBy}.` : ''}`,
        channel: 'stripe',
        category: categoryForReason(dispute.reason),
        priority: 'high',
        refs: { dispute_id: dispute.id, ...(chargeId ? { transaction_id: chargeId } : {}) },
        amount: dispute.amount,
        currency: dispute.currency.toUpperCase(),
        tags: ['stripe', `dispute:${dispute.reason}`.slice(0, 64)],
      },
      now,
      dispute.created ? new Date(dispute.created * 1000) : undefined,
    );
    const row: StripeDisputeRow = {
      tenant_id: tenantId,
      dispute_id: dispute.id,
      case_id: opened.id,
      charge_id: chargeId,
      payment_intent: idOf(dispute.payment_intent),
      amount: dispute.amount,
      currency: dispute.currency.toUpperCase(),
      reason: dispute.reason,
      status: dispute.status,
      evidence_due_by: dueBy,
      has_evidence: dispute.evidence_details?.has_evidence ? 1 : 0,
      submission_count: dispute.evidence_details?.submission_count ?? 0,
      funds: funds ?? 'held',
      last_event_created: eventCreated,
      evidence_submitted_at: null,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('stripe_disputes').values(row).execute();
    await appendEvent(trx, { tenantId, caseId: opened.id, actor: stripeActor, type: 'dispute.opened', payload: { event_type: type, ...toDisputeResponse(row) }, at });
    const current = await requireCase(trx, tenantId, opened.id, true);
    await followDispute(trx, current, row, now);
    return { caseId: opened.id, created: true, changed: ['opened'] };
  }

  const next = { ...existing };
  const changed: string[] = [];
  // Stripe stamps events in whole seconds: on a tie, a snapshot counts as newer only if it does not pull the due date back.
  const dueMs = (value: string | null) => (value ? Date.parse(value) : 0);
  const newer = eventCreated > existing.last_event_created || (eventCreated === existing.last_event_created && dueMs(dueBy) >= dueMs(existing.evidence_due_by));
  const from = existing.status as DisputeStatus;
  if (statusRank[dispute.status] > statusRank[from] || (newer && statusRank[dispute.status] === statusRank[from] && dispute.status !== from)) {
    next.status = dispute.status;
    changed.push('status');
  }
  // Details (deadline, evidence, amount) follow the newest snapshot only.
  if (newer) {
    if (dueBy !== existing.evidence_due_by) {
      next.evidence_due_by = dueBy;
      changed.push('evidence_due_by');
    }
    const submissions = Math.max(existing.submission_count, dispute.evidence_details?.submission_count ?? 0);
    // Submitted evidence stays submitted, whatever an older snapshot says.
    const hasEvidence = submissions > 0 || dispute.evidence_details?.has_evidence ? 1 : 0;
    if (hasEvidence !== existing.has_evidence || submissions !== existing.submission_count) {
      next.has_evidence = hasEvidence;
      next.submission_count = submissions;
      changed.push('evidence');
    }
    if (dispute.amount !== existing.amount) {
      next.amount = dispute.amount;
      changed.push('amount');
    }
    next.last_event_created = eventCreated;
  }
  if (funds && fundsRank[funds] > fundsRank[existing.funds as Funds]) {
    next.funds = funds;
    changed.push('funds');
  }
  if (changed.length === 0) {
    if (newer && eventCreated !== existing.last_event_created) await trx.updateTable('stripe_disputes').set({ last_event_created: eventCreated }).where('tenant_id', '=', tenantId).where('dispute_id', '=', dispute.id).execute();
    return { caseId: existing.case_id, created: false, changed };
  }
  next.updated_at = at;
  await trx
    .updateTable('stripe_disputes')
    .set({ status: next.status, evidence_due_by: next.evidence_due_by, has_evidence: next.has_evidence, submission_count: next.submission_count, amount: next.amount, funds: next.funds, last_event_created: next.last_event_created, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('dispute_id', '=', dispute.id)
    .execute();
  const eventName = changed.includes('funds') ? `dispute.funds_${next.funds}` : closedStatuses.includes(next.status as DisputeStatus) && changed.includes('status') ? 'dispute.closed' : 'dispute.updated';
  await appendEvent(trx, {
    tenantId,
    caseId: existing.case_id,
    actor: stripeActor,
    type: eventName,
    payload: { event_type: type, changed, from: { status: existing.status, evidence_due_by: existing.evidence_due_by, funds: existing.funds, amount: existing.amount }, to: { status: next.status, evidence_due_by: next.evidence_due_by, funds: next.funds, amount: next.amount } },
    at,
  });
  const current = await requireCase(trx, tenantId, existing.case_id, true);
  if (changed.includes('amount')) await trx.updateTable('cases').set({ amount: next.amount, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', current.id).execute();
  await followDispute(trx, current, next, now);
  return { caseId: existing.case_id, created: false, changed };
}

/**
 * Makes the case follow its dispute: the evidence clock runs while the bank waits for evidence (at
 * the due date Stripe gives) and stops once evidence is in or the dispute is over; a closed dispute
 * resolves the case with what the outcome means, and the outcome is tagged.
 */
async function followDispute(trx: Executor, current: CaseRow, dispute: StripeDisputeRow, now: Date): Promise<void> {
  const status = dispute.status as DisputeStatus;
  const waiting = awaitingEvidence.includes(status) && dispute.evidence_due_by !== null && dispute.submission_count === 0;
  await setFixedClock(trx, current, 'evidence_due', waiting ? dispute.evidence_due_by : null, now);
  await refreshClocks(trx, current.tenant_id, current.id, { type: 'recompute', replan: true }, now);
  if (closedStatuses.includes(status)) {
    await addCaseTag(trx, await requireCase(trx, current.tenant_id, current.id, true), `dispute:${status}`, stripeActor, now);
    if (current.status !== 'resolved' && current.status !== 'closed') {
      const fresh = await requireCase(trx, current.tenant_id, current.id, true);
      await applyTransition(trx, current.tenant_id, fresh, { to: 'resolved', resolution: closingResolution[status] ?? 'explained', reason: `Stripe closed the dispute: ${status}` }, stripeActor, now, 'en');
    }
  }
}

/** Records evidence sent to Stripe (the API's answer is the new snapshot of the dispute). */
export async function recordEvidenceSubmission(trx: Executor, tenantId: string, disputeId: string, dispute: DisputeObject, submitted: boolean, fields: string[], actor: Actor, now: Date): Promise<StripeDisputeRow> {
  const existing = await findDispute(trx, tenantId, disputeId, true);
  if (!existing) throw notFound('detail.dispute_not_found', disputeId);
  const at = now.toISOString();
  const next: StripeDisputeRow = {
    ...existing,
    status: statusRank[dispute.status] >= statusRank[existing.status as DisputeStatus] ? dispute.status : existing.status,
    has_evidence: dispute.evidence_details?.has_evidence === false ? existing.has_evidence : 1,
    submission_count: Math.max(existing.submission_count + (submitted ? 1 : 0), dispute.evidence_details?.submission_count ?? 0),
    evidence_submitted_at: submitted ? at : existing.evidence_submitted_at,
    // Stripe's answer is a snapshot as of now: events older than it must not undo it.
    last_event_created: Math.max(existing.last_event_created, Math.floor(now.getTime() / 1000)),
    updated_at: at,
  };
  await trx
    .updateTable('stripe_disputes')
    .set({ status: next.status, has_evidence: next.has_evidence, submission_count: next.submission_count, evidence_submitted_at: next.evidence_submitted_at, last_event_created: next.last_event_created, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('dispute_id', '=', disputeId)
    .execute();
  await appendEvent(trx, { tenantId, caseId: existing.case_id, actor, type: submitted ? 'dispute.evidence_submitted' : 'dispute.evidence_staged', payload: { dispute_id: disputeId, fields, status: next.status, submission_count: next.submission_count }, at });
  const current = await requireCase(trx, tenantId, existing.case_id, true);
  await followDispute(trx, current, next, now);
  return next;
}

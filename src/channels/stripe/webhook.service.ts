import Stripe from 'stripe';
import type { FastifyBaseLogger } from 'fastify';
import { inTransaction, type Executor } from '../../db/database.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { findTenantBySlug } from '../../tenants/tenants.service.js';
import { applyDisputeEvent } from './disputes.service.js';
import { disputeEventTypes, disputeObject, stripeEvent, type DisputeEventType } from './integration.schema.js';
import { findStripeConfig } from './integration.service.js';

/** Stripe's own default: events signed more than five minutes away from our clock are refused. */
export const STRIPE_TOLERANCE_SECONDS = 300;

export type StripeWebhookDeps = { db: Executor; secretKey: Buffer; now: () => Date; log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> };

/** Why an event was refused; each is a counter label in /metrics. */
export type StripeRejectReason = 'unknown_tenant' | 'not_configured' | 'missing_signature' | 'stale_timestamp' | 'bad_signature' | 'malformed_json' | 'invalid_event';

export type StripeWebhookOutcome =
  | { ok: true; eventId: string; type: string; duplicate: boolean; applied: 'dispute' | 'ignored'; caseId: string | null }
  | { ok: false; status: 400 | 404; reason: StripeRejectReason; message: string };

const reject = (status: 400 | 404, reason: StripeRejectReason, message: string): StripeWebhookOutcome => ({ ok: false, status, reason, message });

/** The `t=` of a Stripe-Signature header, to tell a stale event from a forged one. */
function signedAt(header: string): number | null {
  const match = /(?:^|,)\s*t=([0-9]{1,12})(?:,|$)/.exec(header);
  return match ? Number(match[1]) : null;
}

/**
 * Takes one Stripe event: verifies its signature over the raw bytes with the official library
 * (`constructEvent`, 300 s tolerance, our clock), records its id, and applies a dispute event, all
 * in one transaction, so the 200 Stripe gets means the event is committed. An event id seen
 * before is acknowledged and changes nothing; an event type Paydesk does not handle is recorded
 * and acknowledged, so Stripe stops retrying it.
 */
export async function receiveStripeEvent(deps: StripeWebhookDeps, tenantSlug: string, signature: string | undefined, raw: Buffer): Promise<StripeWebhookOutcome> {
  const tenant = await findTenantBySlug(deps.db, tenantSlug);
  if (!tenant) return reject(404, 'unknown_tenant', 'unknown tenant');
  const config = await findStripeConfig(deps.db, tenant.id, deps.secretKey);
  if (!config || !config.enabled) return reject(404, 'not_configured', 'Stripe is not enabled for this tenant');
  if (!signature || signature.length > 4096) return reject(400, 'missing_signature', 'the Stripe-Signature header is required');

  const now = deps.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // The library refuses old signatures; one dated far ahead of our clock is refused just the same.
  const t = signedAt(signature);
  if (t !== null && t - nowSeconds > STRIPE_TOLERANCE_SECONDS) return reject(400, 'stale_timestamp', 'the signature timestamp is outside the 300 s tolerance');
  let verified: unknown;
  try {
    verified = Stripe.webhooks.constructEvent(raw, signature, config.webhookSecret, STRIPE_TOLERANCE_SECONDS, undefined, now.getTime());
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      if (t !== null && Math.abs(nowSeconds - t) > STRIPE_TOLERANCE_SECONDS) return reject(400, 'stale_timestamp', 'the signature timestamp is outside the 300 s tolerance');
      return reject(400, 'bad_signature', 'no signature matches the payload');
    }
    if (error instanceof SyntaxError) return reject(400, 'malformed_json', 'the body is not JSON');
    throw error;
  }
  const envelope = stripeEvent.safeParse(verified);
  if (!envelope.success) return reject(400, 'invalid_event', 'not a Stripe event');
  const event = envelope.data;
  const isDispute = (disputeEventTypes as readonly string[]).includes(event.type);
  const dispute = isDispute ? disputeObject.safeParse(event.data.object) : undefined;
  if (dispute && !dispute.success) return reject(400, 'invalid_event', `not a dispute: ${dispute.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ').slice(0, 300)}`);

  // A unique violation means another delivery committed first (this event, or another opening the same
  // dispute): a fresh try then sees that row and answers as a duplicate or applies on top of it.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTransaction(deps.db, async (trx) => {
        const seen = await trx.selectFrom('stripe_events').select('id').where('tenant_id', '=', tenant.id).where('id', '=', event.id).executeTakeFirst();
        if (seen) return { ok: true as const, eventId: event.id, type: event.type, duplicate: true, applied: isDispute ? ('dispute' as const) : ('ignored' as const), caseId: null };
        await trx
          .insertInto('stripe_events')
          .values({ tenant_id: tenant.id, id: event.id, type: event.type, dispute_id: dispute?.data?.id ?? null, created: event.created, outcome: isDispute ? 'applied' : 'ignored', received_at: now.toISOString() })
          .execute();
        if (!dispute?.data) return { ok: true as const, eventId: event.id, type: event.type, duplicate: false, applied: 'ignored' as const, caseId: null };
        const applied = await applyDisputeEvent(trx, tenant.id, event.type as DisputeEventType, event.created, dispute.data, now);
        if (applied.changed.length === 0) await trx.updateTable('stripe_events').set({ outcome: 'unchanged' }).where('tenant_id', '=', tenant.id).where('id', '=', event.id).execute();
        return { ok: true as const, eventId: event.id, type: event.type, duplicate: false, applied: 'dispute' as const, caseId: applied.caseId };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

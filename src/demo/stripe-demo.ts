import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import Stripe from 'stripe';
import { systemActor } from '../audit/audit.service.js';
import { stripeIntegrationBody } from '../channels/stripe/integration.schema.js';
import { findStripeConfig, putStripeIntegration } from '../channels/stripe/integration.service.js';
import { receiveStripeEvent } from '../channels/stripe/webhook.service.js';
import type { Executor } from '../db/database.js';
import type { TenantRow } from '../db/schema.js';

const DAY = 86_400;

/** Disputes a card merchant sees in a month, each with the events Stripe sent about it (seconds relative to now). */
const stories: Array<{ reason: string; amount: number; currency: string; opened: number; due: number; events: Array<[string, string, number]> }> = [
  { reason: 'fraudulent', amount: 12900, currency: 'usd', opened: -2 * DAY, due: 5 * DAY, events: [['charge.dispute.created', 'needs_response', 0], ['charge.dispute.funds_withdrawn', 'needs_response', 60]] },
  { reason: 'product_not_received', amount: 4599, currency: 'eur', opened: -6 * DAY, due: 1 * DAY, events: [['charge.dispute.created', 'needs_response', 0], ['charge.dispute.funds_withdrawn', 'needs_response', 60]] },
  { reason: 'duplicate', amount: 2500, currency: 'usd', opened: -20 * DAY, due: -5 * DAY, events: [['charge.dispute.created', 'needs_response', 0], ['charge.dispute.closed', 'lost', 16 * DAY]] },
  { reason: 'credit_not_processed', amount: 8800, currency: 'gbp', opened: -9 * DAY, due: 3 * DAY, events: [['charge.dispute.created', 'needs_response', 0], ['charge.dispute.updated', 'under_review', 4 * DAY]] },
  { reason: 'unrecognized', amount: 1999, currency: 'usd', opened: -1 * DAY, due: 8 * DAY, events: [['charge.dispute.created', 'warning_needs_response', 0]] },
  { reason: 'subscription_canceled', amount: 990, currency: 'usd', opened: -30 * DAY, due: -10 * DAY, events: [['charge.dispute.created', 'needs_response', 0], ['charge.dispute.updated', 'under_review', 6 * DAY], ['charge.dispute.closed', 'won', 25 * DAY], ['charge.dispute.funds_reinstated', 'won', 25 * DAY + 60]] },
];

export type StripeDemoSummary = { disputes: number; events: number; skipped: string | null };

/**
 * Fills the demo desk with Stripe disputes the ordinary way: each event is signed with a demo
 * signing secret and goes through the same verification and handling as Stripe's own. The
 * integration is left disabled afterwards: PUT your own signing secret to connect.
 * A tenant that already has Stripe set up is left alone.
 */
export async function loadStripeDemo(db: Executor, tenant: TenantRow, options: { now: Date; secretKey: Buffer; publicUrl: string; log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> }): Promise<StripeDemoSummary> {
  if (await findStripeConfig(db, tenant.id, options.secretKey)) return { disputes: 0, events: 0, skipped: 'Stripe is already set up for this tenant' };
  const secret = `whsec_demo${randomBytes(18).toString('hex')}`;
  const links = { publicUrl: options.publicUrl, tenantSlug: tenant.slug };
  await putStripeIntegration(db, tenant.id, stripeIntegrationBody.parse({ webhook_secret: secret }), options.secretKey, systemActor, options.now, links);
  const base = Math.floor(options.now.getTime() / 1000);
  let events = 0;
  for (const [index, story] of stories.entries()) {
    // Fixed ids keep the demo reproducible; a tenant gets the Stripe demo once (it is skipped when Stripe is set up).
    const id = `du_demo${String(index + 1).padStart(4, '0')}`;
    const charge = `ch_demo${String(index + 1).padStart(4, '0')}`;
    for (const [type, status, after] of story.events) {
      const created = Math.min(base, base + story.opened + after);
      const object = {
        id,
        object: 'dispute',
        amount: story.amount,
        currency: story.currency,
        charge,
        payment_intent: `pi_demo${String(index + 1).padStart(4, '0')}`,
        reason: story.reason,
        status,
        created: base + story.opened,
        evidence_details: { due_by: base + story.due, has_evidence: status !== 'needs_response' && status !== 'warning_needs_response', past_due: story.due < 0, submission_count: status === 'needs_response' || status === 'warning_needs_response' ? 0 : 1 },
      };
      const payload = JSON.stringify({ id: `evt_demo${String(index + 1).padStart(4, '0')}_${events}`, object: 'event', created, livemode: false, type, data: { object } });
      const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: base });
      const outcome = await receiveStripeEvent({ db, secretKey: options.secretKey, now: () => options.now, log: options.log }, tenant.slug, header, Buffer.from(payload));
      if (!outcome.ok) throw new Error(`demo dispute event refused: ${outcome.reason}`);
      events += 1;
    }
  }
  await putStripeIntegration(db, tenant.id, stripeIntegrationBody.parse({ enabled: false }), options.secretKey, systemActor, options.now, links);
  return { disputes: stories.length, events, skipped: null };
}

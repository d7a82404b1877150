import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startFakeStripe, type FakeDispute, type FakeStripe } from '../fakes/stripe.js';
import type { TestServer } from './harness.js';

export const STRIPE_SECRET = 'whsec_test_0123456789abcdefABCDEF';
export const STRIPE_API_KEY = 'sk_test_paydesk0123456789';

let sequence = 0;
export const stripeId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(sequence += 1).toString().padStart(5, '0')}`;

export type SendOptions = { id?: string; created?: number; timestamp?: number; secret?: string; raw?: string };

export type StripeSetup = {
  fake: FakeStripe;
  /** A dispute as Stripe would send it, needing a response within `dueDays`. */
  dispute(overrides?: Partial<FakeDispute>): FakeDispute;
  /** Posts an event signed the way Stripe signs it (the official test helper), at the server's clock. */
  send(type: string, object: unknown, options?: SendOptions): Promise<{ status: number; body: Record<string, any> }>;
  caseOf(disputeId: string): Promise<any>;
  close(): Promise<void>;
};

/** A fake Stripe API on loopback, wired to the test server's tenant through the real PUT /integrations/stripe (unless `configure: false`). */
export async function setupStripe(server: TestServer, options: { configure?: boolean } = {}): Promise<StripeSetup> {
  const fake = await startFakeStripe(STRIPE_API_KEY);
  const admin = server.tenant.seats.admin.token;
  if (options.configure !== false) {
    const put = await server.call('PUT', '/api/v1/integrations/stripe', { token: admin, body: { webhook_secret: STRIPE_SECRET, api_key: STRIPE_API_KEY, api_base_url: fake.baseUrl } });
    assert.ok(put.status === 201 || put.status === 200, put.text);
  }
  const nowSeconds = () => Math.floor(server.clock.now.getTime() / 1000);
  return {
    fake,
    dispute: (overrides = {}) => ({
      id: stripeId('du'),
      object: 'dispute',
      amount: 4999,
      currency: 'usd',
      charge: stripeId('ch'),
      payment_intent: stripeId('pi'),
      reason: 'fraudulent',
      status: 'needs_response',
      created: nowSeconds() - 60,
      evidence: {},
      evidence_details: { due_by: nowSeconds() + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0 },
      is_charge_refundable: false,
      livemode: false,
      ...overrides,
    }),
    async send(type, object, options = {}) {
      const payload = options.raw ?? JSON.stringify({ id: options.id ?? stripeId('evt'), object: 'event', api_version: '2025-01-27.acacia', created: options.created ?? nowSeconds(), livemode: false, type, data: { object } });
      const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? STRIPE_SECRET, timestamp: options.timestamp ?? nowSeconds() });
      const response = await fetch(`${server.baseUrl}/webhooks/stripe/${server.tenant.slug}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    },
    async caseOf(disputeId) {
      const list = await server.call('GET', `/api/v1/cases?dispute_id=${disputeId}`, { token: admin });
      assert.equal(list.status, 200, list.text);
      return list.body.items[0];
    },
    close: fake.close,
  };
}

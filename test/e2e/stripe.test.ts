import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { dialects, seedTenant, startTestServer, type TestServer } from '../helpers/harness.js';
import type { FakeStripe } from '../fakes/stripe.js';
import { setupStripe, STRIPE_API_KEY, STRIPE_SECRET, stripeId as nextId, type StripeSetup } from '../helpers/stripe.js';

const SECRET = STRIPE_SECRET;
const API_KEY = STRIPE_API_KEY;

for (const dialect of dialects) {
  describe(`Stripe disputes [${dialect}]`, () => {
    let server: TestServer;
    let fake: FakeStripe;
    let admin: string;
    let agent: string;
    const nowSeconds = () => Math.floor(server.clock.now.getTime() / 1000);
    const url = () => `${server.baseUrl}/webhooks/stripe/${server.tenant.slug}`;

    let stripe: StripeSetup;
    const dispute: StripeSetup['dispute'] = (overrides) => stripe.dispute(overrides);
    const send: StripeSetup['send'] = (type, object, options) => stripe.send(type, object, options);
    const caseOfDispute = (id: string) => stripe.caseOf(id);
    const eventCount = async () => (await server.db.database.db.selectFrom('stripe_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const timeline = async (caseId: string) => (await server.call('GET', `/api/v1/cases/${caseId}/timeline?limit=200`, { token: agent })).body.items.map((event: { type: string }) => event.type);

    before(async () => {
      server = await startTestServer(dialect);
      admin = server.tenant.seats.admin.token;
      agent = server.tenant.seats.agent.token;
      // The first test sets Stripe up through the API itself.
      stripe = await setupStripe(server, { configure: false });
      fake = stripe.fake;
    });
    after(async () => {
      await fake.close();
      await server.close();
    });

    it('is set up by an admin; secrets are stored encrypted and never shown', async () => {
      assert.equal((await server.call('GET', '/api/v1/integrations/stripe', { token: admin })).status, 409);
      assert.equal((await server.call('PUT', '/api/v1/integrations/stripe', { token: agent, body: { webhook_secret: SECRET } })).status, 403);
      const missing = await server.call('PUT', '/api/v1/integrations/stripe', { token: admin, body: { api_key: API_KEY } });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.errors[0].field, 'body.webhook_secret');
      const invalid = await server.call('PUT', '/api/v1/integrations/stripe', { token: admin, body: { webhook_secret: 'not-a-secret' } });
      assert.equal(invalid.status, 400);
      const put = await server.call('PUT', '/api/v1/integrations/stripe', { token: admin, body: { webhook_secret: SECRET, api_key: API_KEY, api_base_url: fake.baseUrl } });
      assert.equal(put.status, 201, put.text);
      assert.match(put.body.webhook_url, /\/webhooks\/stripe\/acme$/);
      assert.equal(put.body.webhook_secret_set, true);
      assert.equal(put.body.api_key_set, true);
      assert.doesNotMatch(put.text, /whsec_|sk_test/);
      const stored = await server.db.database.db.selectFrom('stripe_integrations').select('secrets_enc').executeTakeFirstOrThrow();
      assert.doesNotMatch(stored.secrets_enc, /whsec_|sk_test/);
      // Leaving the secrets out keeps them.
      const kept = await server.call('PUT', '/api/v1/integrations/stripe', { token: admin, body: { api_base_url: fake.baseUrl } });
      assert.equal(kept.status, 200);
      assert.equal(kept.body.api_key_set, true);
      const audit = await server.call('GET', '/api/v1/audit/events?limit=10', { token: admin });
      assert.doesNotMatch(audit.text, /whsec_test|sk_test_paydesk/);
    });

    it('follows a dispute from created to closed: case, evidence clock, funds, evidence submission, outcome', async () => {
      const object = dispute();
      fake.addDispute(object);
      const created = await send('charge.dispute.created', object, { id: 'evt_created_life' });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.deepEqual(created.body, { received: true, duplicate: false });

      const opened = await caseOfDispute(object.id);
      assert.ok(opened, 'a case for the dispute');
      assert.equal(opened.channel, 'stripe');
      assert.equal(opened.category, 'fraud.dispute');
      assert.equal(opened.refs.dispute_id, object.id);
      assert.equal(opened.refs.transaction_id, object.charge);
      assert.equal(opened.amount, 4999);
      assert.equal(opened.currency, 'USD');
      const dueBy = new Date((object.evidence_details.due_by ?? 0) * 1000).toISOString();
      const clock = opened.clocks.find((entry: { name: string }) => entry.name === 'evidence_due');
      assert.ok(clock, JSON.stringify(opened.clocks));
      assert.equal(clock.kind, 'fixed');
      assert.equal(clock.due_at, dueBy);
      assert.equal(clock.stopped_at, null);

      // The same event again (Stripe retries) changes nothing.
      const again = await send('charge.dispute.created', object, { id: 'evt_created_life' });
      assert.deepEqual(again.body, { received: true, duplicate: true });
      const list = await server.call('GET', `/api/v1/cases?dispute_id=${object.id}`, { token: agent });
      assert.equal(list.body.items.length, 1);

      const withdrawn = await send('charge.dispute.funds_withdrawn', object);
      assert.equal(withdrawn.status, 200);
      let view = await server.call('GET', `/api/v1/cases/${opened.id}/dispute`, { token: agent });
      assert.equal(view.status, 200, view.text);
      assert.equal(view.body.funds, 'withdrawn');
      assert.equal(view.body.status, 'needs_response');

      // Stripe moves the due date: the clock follows.
      const later = { ...object, evidence_details: { ...object.evidence_details, due_by: (object.evidence_details.due_by ?? 0) + 86400 } };
      assert.equal((await send('charge.dispute.updated', later)).status, 200);
      let current = (await server.call('GET', `/api/v1/cases/${opened.id}`, { token: agent })).body;
      assert.equal(current.clocks.find((entry: { name: string }) => entry.name === 'evidence_due').due_at, new Date((later.evidence_details.due_by ?? 0) * 1000).toISOString());

      // Evidence goes to Stripe through its API; the clock stops.
      const evidence = await server.call('POST', `/api/v1/cases/${opened.id}/dispute/evidence`, {
        token: agent,
        body: { evidence: { product_description: 'Visa application service fee', customer_email_address: 'buyer@example.com', uncategorized_text: 'Paid with card 4111 1111 1111 1111, service delivered on 2026-02-20.' } },
      });
      assert.equal(evidence.status, 200, evidence.text);
      assert.equal(evidence.body.status, 'under_review');
      assert.equal(evidence.body.submission_count, 1);
      const sent = fake.updates.at(-1);
      assert.equal(sent?.disputeId, object.id);
      assert.equal(sent?.fields.submit, 'true');
      assert.equal(sent?.fields['evidence[product_description]'], 'Visa application service fee');
      assert.doesNotMatch(sent?.fields['evidence[uncategorized_text]'] ?? '', /4111 1111 1111 1111/, 'card numbers are masked before they leave');
      current = (await server.call('GET', `/api/v1/cases/${opened.id}`, { token: agent })).body;
      assert.notEqual(current.clocks.find((entry: { name: string }) => entry.name === 'evidence_due').stopped_at, null);

      // Stripe confirms (under_review), then the bank decides: won.
      assert.equal((await send('charge.dispute.updated', { ...later, status: 'under_review', evidence_details: { ...later.evidence_details, has_evidence: true, submission_count: 1 } })).status, 200);
      server.clock.now = new Date(server.clock.now.getTime() + 3600_000);
      assert.equal((await send('charge.dispute.closed', { ...later, status: 'won', evidence_details: { ...later.evidence_details, has_evidence: true, submission_count: 1 } })).status, 200);
      assert.equal((await send('charge.dispute.funds_reinstated', { ...later, status: 'won' })).status, 200);
      current = (await server.call('GET', `/api/v1/cases/${opened.id}`, { token: agent })).body;
      assert.equal(current.status, 'resolved');
      assert.equal(current.resolution, 'rejected');
      assert.ok(current.tags.includes('dispute:won'));
      view = await server.call('GET', `/api/v1/cases/${opened.id}/dispute`, { token: agent });
      assert.equal(view.body.status, 'won');
      assert.equal(view.body.funds, 'reinstated');
      const types = await timeline(opened.id);
      for (const type of ['dispute.opened', 'dispute.funds_withdrawn', 'dispute.updated', 'dispute.evidence_submitted', 'dispute.closed', 'dispute.funds_reinstated']) assert.ok(types.includes(type), `${type} in ${types.join(', ')}`);

      // Closed disputes take no more evidence.
      const late = await server.call('POST', `/api/v1/cases/${opened.id}/dispute/evidence`, { token: agent, body: { evidence: { uncategorized_text: 'more' } } });
      assert.equal(late.status, 409);
      assert.equal(late.headers.get('content-type')?.startsWith('application/problem+json'), true);
    });

    it('never moves a dispute backwards when events arrive out of order', async () => {
      const object = dispute({ reason: 'duplicate' });
      const t = nowSeconds();
      // The closing event overtakes the others.
      assert.equal((await send('charge.dispute.closed', { ...object, status: 'lost' }, { created: t + 300 })).status, 200);
      const opened = await caseOfDispute(object.id);
      assert.equal(opened.category, 'duplicate_charge');
      assert.equal(opened.status, 'resolved');
      assert.equal(opened.resolution, 'full_refund');
      assert.equal((await send('charge.dispute.created', object, { created: t })).status, 200);
      assert.equal((await send('charge.dispute.updated', { ...object, status: 'under_review', evidence_details: { ...object.evidence_details, due_by: t + 999 } }, { created: t + 100 })).status, 200);
      const view = await server.call('GET', `/api/v1/cases/${opened.id}/dispute`, { token: agent });
      assert.equal(view.body.status, 'lost');
      assert.equal(view.body.evidence_due_by, new Date((object.evidence_details.due_by ?? 0) * 1000).toISOString(), 'an older snapshot does not change the due date');
      const current = (await server.call('GET', `/api/v1/cases/${opened.id}`, { token: agent })).body;
      assert.equal(current.status, 'resolved');
      assert.ok(!current.clocks.some((entry: { name: string; stopped_at: string | null }) => entry.name === 'evidence_due' && entry.stopped_at === null), 'no evidence clock runs on a closed dispute');
    });

    it('keeps the evidence clock running when agents resolve and reopen the case', async () => {
      const object = dispute();
      assert.equal((await send('charge.dispute.created', object)).status, 200);
      const opened = await caseOfDispute(object.id);
      const move = async (to: string, resolution?: string) => {
        const moved = await server.call('POST', `/api/v1/cases/${opened.id}/transitions`, { token: agent, body: { to, ...(resolution ? { resolution } : {}) } });
        assert.equal(moved.status, 200, moved.text);
        return moved.body.clocks.find((entry: { name: string }) => entry.name === 'evidence_due');
      };
      assert.equal((await move('resolved', 'explained')).stopped_at, null, 'the bank still waits: only Stripe ends the clock');
      const reopened = await move('open');
      assert.equal(reopened.stopped_at, null);
      assert.ok(reopened.remaining_seconds > 0);
      const pending = await server.db.database.db.selectFrom('sla_timers').select('id').where('case_id', '=', opened.id).where('clock_name', '=', 'evidence_due').where('state', '=', 'pending').execute();
      assert.ok(pending.length > 0, 'reminders and the breach are still planned');
    });

    it('does not let an older snapshot undo a due date or submitted evidence', async () => {
      const object = dispute();
      fake.addDispute(object);
      const t = nowSeconds();
      const due = object.evidence_details.due_by ?? 0;
      // Same second: the later due date wins whichever arrives first.
      assert.equal((await send('charge.dispute.updated', { ...object, evidence_details: { ...object.evidence_details, due_by: due + 86400 } }, { created: t })).status, 200);
      assert.equal((await send('charge.dispute.created', object, { created: t })).status, 200);
      const opened = await caseOfDispute(object.id);
      let view = (await server.call('GET', `/api/v1/cases/${opened.id}/dispute`, { token: agent })).body;
      assert.equal(view.evidence_due_by, new Date((due + 86400) * 1000).toISOString());
      // Evidence sent through the API at t+10 is newer than an event Stripe made at t+5 that arrives late.
      server.clock.now = new Date(server.clock.now.getTime() + 10_000);
      assert.equal((await server.call('POST', `/api/v1/cases/${opened.id}/dispute/evidence`, { token: agent, body: { evidence: { uncategorized_text: 'receipt and delivery proof' } } })).status, 200);
      assert.equal((await send('charge.dispute.updated', { ...object, evidence_details: { ...object.evidence_details, due_by: due + 2 * 86400 } }, { created: t + 5 })).status, 200);
      view = (await server.call('GET', `/api/v1/cases/${opened.id}/dispute`, { token: agent })).body;
      assert.equal(view.status, 'under_review');
      assert.equal(view.has_evidence, true);
      assert.equal(view.submission_count, 1);
      assert.equal(view.evidence_due_by, new Date((due + 86400) * 1000).toISOString());
    });

    it('reminds before the evidence is due and raises the priority when it is missed', async () => {
      const object = dispute({ evidence_details: { due_by: nowSeconds() + 4 * 86400, has_evidence: false, past_due: false, submission_count: 0 } });
      assert.equal((await send('charge.dispute.created', object)).status, 200);
      const opened = await caseOfDispute(object.id);
      assert.equal(opened.priority, 'high');
      await server.runWorkers();
      const start = server.clock.now;
      try {
        const due = (object.evidence_details.due_by ?? 0) * 1000;
        const firedReminders = async () => (await server.db.database.db.selectFrom('sla_timers').select('label').where('case_id', '=', opened.id).where('clock_name', '=', 'evidence_due').where('kind', '=', 'reminder').where('state', '=', 'fired').execute()).map((timer) => timer.label);
        server.clock.now = new Date(due - 23 * 3600_000);
        await server.runWorkers();
        assert.ok((await firedReminders()).includes('1440m'), 'a day before the due date');
        server.clock.now = new Date(due - 20 * 60_000);
        await server.runWorkers();
        assert.ok((await firedReminders()).includes('30m'), 'half an hour before');
        server.clock.now = new Date(due + 60_000);
        await server.runWorkers();
        const current = (await server.call('GET', `/api/v1/cases/${opened.id}`, { token: agent })).body;
        assert.equal(current.priority, 'urgent');
        assert.equal(current.clocks.find((entry: { name: string }) => entry.name === 'evidence_due').breached, true);
        const events = (await server.call('GET', `/api/v1/cases/${opened.id}/timeline?limit=200`, { token: agent })).body.items;
        assert.ok(events.some((event: { type: string; payload: { clock?: string } }) => event.type === 'sla.breached' && event.payload.clock === 'evidence_due'));
      } finally {
        server.clock.now = start;
      }
    });

    it('refuses forged, stale, malformed and oversized events, stores nothing and counts them', async () => {
      const before = await eventCount();
      const object = dispute();
      const forged = await send('charge.dispute.created', object, { secret: 'whsec_someone_else_entirely' });
      assert.equal(forged.status, 400);
      assert.equal(forged.body.reason, 'bad_signature');
      const stale = await send('charge.dispute.created', object, { timestamp: nowSeconds() - 301 });
      assert.equal(stale.status, 400);
      assert.equal(stale.body.reason, 'stale_timestamp');
      const future = await send('charge.dispute.created', object, { timestamp: nowSeconds() + 400 });
      assert.equal(future.status, 400);
      const malformed = await send('charge.dispute.created', object, { raw: '{"id": "evt_1", "object": "event", ' });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.reason, 'malformed_json');
      const notEvent = await send('charge.dispute.created', object, { raw: JSON.stringify({ hello: 'world' }) });
      assert.equal(notEvent.status, 400);
      assert.equal(notEvent.body.reason, 'invalid_event');
      const badDispute = await send('charge.dispute.created', { ...object, amount: 'lots' });
      assert.equal(badDispute.status, 400);
      const farFuture = await send('charge.dispute.created', { ...object, evidence_details: { ...object.evidence_details, due_by: 1e15 } });
      assert.equal(farFuture.status, 400, 'a due date past year 9999 is not a time');
      assert.equal((await send('charge.dispute.created', object, { created: 1e15 })).status, 400);
      const unsigned = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(unsigned.status, 400);
      assert.match(unsigned.headers.get('content-type') ?? '', /application\/problem\+json/);
      const huge = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: 'x'.repeat(600 * 1024) });
      assert.equal(huge.status, 413);
      const unknown = await fetch(`${server.baseUrl}/webhooks/stripe/nobody`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: '{}' });
      assert.equal(unknown.status, 404);
      assert.equal(await eventCount(), before, 'nothing stored');
      assert.equal(await caseOfDispute(object.id), undefined);
      const metrics = await server.call('GET', '/metrics');
      for (const outcome of ['bad_signature', 'stale_timestamp', 'malformed_json', 'invalid_event', 'missing_signature', 'oversized', 'unknown_tenant']) {
        assert.match(metrics.text, new RegExp(`paydesk_webhook_requests_total\\{platform="stripe",outcome="${outcome}"\\} [1-9]`), outcome);
      }
    });

    it('acknowledges events it does not handle, once', async () => {
      const first = await send('charge.succeeded', { id: nextId('ch'), object: 'charge' }, { id: 'evt_other_kind' });
      assert.deepEqual(first.body, { received: true, duplicate: false });
      const second = await send('charge.succeeded', { id: nextId('ch'), object: 'charge' }, { id: 'evt_other_kind' });
      assert.deepEqual(second.body, { received: true, duplicate: true });
    });

    it('keeps disputes to their tenant and evidence to those allowed to send it', async () => {
      const object = dispute();
      fake.addDispute(object);
      assert.equal((await send('charge.dispute.created', object)).status, 200);
      const opened = await caseOfDispute(object.id);
      const other = await seedTenant(server.db.database, `other-${dialect}`, server.clock.now);
      const foreign = await server.call('GET', `/api/v1/cases/${opened.id}/dispute`, { token: other.seats.admin.token });
      assert.equal(foreign.status, 404);
      const viewer = await server.call('POST', `/api/v1/cases/${opened.id}/dispute/evidence`, { token: server.tenant.seats.viewer.token, body: { evidence: { uncategorized_text: 'x' } } });
      assert.equal(viewer.status, 403);
      const empty = await server.call('POST', `/api/v1/cases/${opened.id}/dispute/evidence`, { token: agent, body: { evidence: {} } });
      assert.equal(empty.status, 400);
      // Another tenant's Stripe endpoint checks with its own secret: this tenant's signature does not pass there.
      const otherSetup = await server.call('PUT', '/api/v1/integrations/stripe', { token: other.seats.admin.token, body: { webhook_secret: 'whsec_other_tenant_0123456789' } });
      assert.equal(otherSetup.status, 201, otherSetup.text);
      const payload = JSON.stringify({ id: nextId('evt'), object: 'event', created: nowSeconds(), type: 'charge.dispute.created', data: { object: dispute() } });
      const wrongTenant = await fetch(`${server.baseUrl}/webhooks/stripe/${other.slug}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: nowSeconds() }) }, body: payload });
      assert.equal(wrongTenant.status, 400);
      assert.equal(((await wrongTenant.json()) as { reason: string }).reason, 'bad_signature');
    });

    it('tells the agent when Stripe refuses the evidence, and records nothing', async () => {
      const object = dispute();
      // The fake does not know this dispute: Stripe answers 404.
      assert.equal((await send('charge.dispute.created', object)).status, 200);
      const opened = await caseOfDispute(object.id);
      const refused = await server.call('POST', `/api/v1/cases/${opened.id}/dispute/evidence`, { token: agent, body: { evidence: { uncategorized_text: 'receipt attached' } } });
      assert.equal(refused.status, 409, refused.text);
      assert.match(refused.body.detail, /No such dispute/);
      const view = await server.call('GET', `/api/v1/cases/${opened.id}/dispute`, { token: agent });
      assert.equal(view.body.submission_count, 0);
      assert.ok(!(await timeline(opened.id)).includes('dispute.evidence_submitted'));
    });
  });
}

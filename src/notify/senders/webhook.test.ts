import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { deliveryError, realDeps, sampleMessage } from '../../../test/fakes/sample.js';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../../../test/fakes/webhook-receiver.js';
import { webhookConfigSchema } from './config.js';
import { sendWebhook } from './webhook.js';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const secret = 'whsec_5c1d0a9e7b3f4a21b8e6';

describe('generic webhook', () => {
  let receiver: FakeWebhookReceiver;
  before(async () => {
    receiver = await startFakeWebhookReceiver({ secret, retryAfterSeconds: 42 });
  });
  after(() => receiver.close());

  const config = (overrides: Record<string, unknown> = {}) => webhookConfigSchema.parse({ kind: 'webhook', url: receiver.url, secret, ...overrides });

  it('delivers signed JSON with the event and delivery id in headers', async () => {
    const seen = receiver.received.length;
    const at = new Date();
    await sendWebhook(config(), sampleMessage(), realDeps({ now: () => at }));
    const delivery = receiver.received[seen];
    assert.ok(delivery);
    assert.deepEqual(delivery.body, {
      id: sampleMessage().id,
      event: 'sla.reminder',
      title: sampleMessage().title,
      text: sampleMessage().text,
      link: sampleMessage().link,
      payload: sampleMessage().payload,
      sent_at: at.toISOString(),
    });
    assert.equal(delivery.headers['x-paydesk-event'], 'sla.reminder');
    assert.equal(delivery.headers['x-paydesk-delivery'], sampleMessage().id);
    assert.match(String(delivery.headers['content-type']), /^application\/json/);
    // The signature is recomputed here from the documented recipe, not with our helper.
    const t = Math.floor(at.getTime() / 1000);
    const expected = createHmac('sha256', secret).update(`${t}.${delivery.raw}`).digest('hex');
    assert.equal(delivery.headers['x-paydesk-signature'], `t=${t},v1=${expected}`);
  });

  it('is refused with 401 when signed with another secret, a permanent failure that does not leak the secret', async () => {
    const wrong = 'whsec_not_the_right_one_123';
    const error = await deliveryError(sendWebhook(config({ secret: wrong }), sampleMessage(), realDeps()));
    assert.equal(error.retryable, false);
    assert.match(error.message, /HTTP 401/);
    assert.ok(!error.message.includes(wrong));
  });

  it('is refused when the signature is older than five minutes', async () => {
    const error = await deliveryError(sendWebhook(config(), sampleMessage(), realDeps({ now: () => new Date(Date.now() - 10 * 60 * 1000) })));
    assert.equal(error.retryable, false);
  });

  it('retries on 5xx and on 429 after the Retry-After the receiver asked for; other 4xx are final', async () => {
    receiver.failNext(1, 'http500');
    assert.equal((await deliveryError(sendWebhook(config(), sampleMessage(), realDeps()))).retryable, true);
    receiver.failNext(1, 'ratelimit');
    const limited = await deliveryError(sendWebhook(config(), sampleMessage(), realDeps()));
    assert.equal(limited.retryable, true);
    assert.equal(limited.retryAfterMs, 42_000);
    receiver.failNext(1, 'reject');
    assert.equal((await deliveryError(sendWebhook(config(), sampleMessage(), realDeps()))).retryable, false);
  });

  it('does not follow a redirect: the body and signature stay with the configured URL', async () => {
    const attempts = receiver.attempts;
    receiver.failNext(1, 'redirect');
    const error = await deliveryError(sendWebhook(config(), sampleMessage(), realDeps()));
    assert.equal(error.retryable, false);
    assert.match(error.message, /HTTP 307/);
    assert.equal(receiver.attempts, attempts + 1);
  });

  it('times out a receiver that does not answer, as retryable, with the URL query masked', async () => {
    receiver.failNext(1, 'hang');
    const error = await deliveryError(sendWebhook(config({ url: `${receiver.url}?token=tok_abcdefghijkl` }), sampleMessage(), realDeps({ timeoutMs: 150 })));
    assert.equal(error.retryable, true);
    assert.ok(!error.message.includes('tok_abcdefghijkl'));
    assert.match(error.message, /token=••••ijkl/);
  });
});

describe('webhook signature verification for receivers', () => {
  const body = '{"id":"1","event":"test"}';
  const now = new Date('2026-11-27T10:00:00Z');

  it('accepts the exact body signed with the secret within the tolerance', () => {
    assert.equal(verifyWebhookSignature(secret, signWebhook(secret, body, now), body, new Date(now.getTime() + 299_000)), true);
  });

  it('rejects another body, another secret, an old timestamp, or a malformed header', () => {
    const header = signWebhook(secret, body, now);
    assert.equal(verifyWebhookSignature(secret, header, `${body} `, now), false);
    assert.equal(verifyWebhookSignature('another-secret-0000', header, body, now), false);
    assert.equal(verifyWebhookSignature(secret, header, body, new Date(now.getTime() + 301_000)), false);
    assert.equal(verifyWebhookSignature(secret, header, body, new Date(now.getTime() + 60_000), 30), false);
    assert.equal(verifyWebhookSignature(secret, undefined, body, now), false);
    assert.equal(verifyWebhookSignature(secret, 't=abc,v1=00', body, now), false);
    assert.equal(verifyWebhookSignature(secret, header.replace(/v1=.*/, `v1=${'0'.repeat(64)}`), body, now), false);
  });

  it('accepts any matching v1 entry, so receivers can rotate secrets', () => {
    const t = Math.floor(now.getTime() / 1000);
    const good = signWebhook(secret, body, now).split(',')[1];
    assert.equal(verifyWebhookSignature(secret, `t=${t},v1=${'a'.repeat(64)},${good}`, body, now), true);
  });
});

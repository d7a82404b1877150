import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeDingtalk, type FakeDingtalk } from '../../../test/fakes/dingtalk.js';
import { deliveryError, realDeps, sampleMessage } from '../../../test/fakes/sample.js';
import { dingtalkConfigSchema } from './config.js';
import { dingtalkSign, sendDingtalk } from './dingtalk.js';

const secret = 'SEC1f3a9c0d5e7b2468ace13579bdf02468ace13579bdf02468ace13579bdf0246';

describe('DingTalk custom robot', () => {
  let robot: FakeDingtalk;
  let unsigned: FakeDingtalk;
  before(async () => {
    robot = await startFakeDingtalk({ secret });
    unsigned = await startFakeDingtalk();
  });
  after(async () => {
    await robot.close();
    await unsigned.close();
  });

  const config = (overrides: Record<string, unknown> = {}) => dingtalkConfigSchema.parse({ kind: 'dingtalk', url: robot.url, secret, ...overrides });

  it('signs the request so a robot with 加签 accepts the markdown message', async () => {
    const seen = robot.received.length;
    await sendDingtalk(config(), sampleMessage(), realDeps());
    const body = robot.received[seen];
    assert.equal(body?.msgtype, 'markdown');
    assert.equal(body?.markdown?.title, sampleMessage().title);
    assert.equal(body?.markdown?.text, sampleMessage().markdown);
  });

  it('computes the documented signature: base64 HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret', () => {
    // Reference value computed with openssl: printf '1700000000000\nsecret' | openssl dgst -sha256 -hmac secret -binary | base64
    assert.equal(dingtalkSign('secret', 1700000000000), 'OuzzJR5+xZ4/EYwqtNt6sMYZQMTa/HEGvc9miJe7XzY=');
  });

  it('sends plain text when the channel is set to text, and needs no signature without a secret', async () => {
    const seen = unsigned.received.length;
    await sendDingtalk(dingtalkConfigSchema.parse({ kind: 'dingtalk', url: unsigned.url, format: 'text' }), sampleMessage(), realDeps());
    assert.deepEqual(unsigned.received[seen], { msgtype: 'text', text: { content: sampleMessage().text } });
  });

  it('reports a wrong secret as a permanent failure without showing the secret or the token', async () => {
    const wrong = 'SEC0000000000000000000000000000000000000000000000000000000000000000';
    const error = await deliveryError(sendDingtalk(config({ secret: wrong }), sampleMessage(), realDeps()));
    assert.equal(error.retryable, false);
    assert.match(error.message, /310000/);
    assert.match(error.message, /sign not match/);
    assert.ok(!error.message.includes(wrong));
    assert.ok(!error.message.includes(new URL(robot.url).searchParams.get('access_token') ?? '?'));
  });

  it('is refused when our clock is more than an hour off the platform clock', async () => {
    const skewed = realDeps({ now: () => new Date(Date.now() + 2 * 60 * 60 * 1000) });
    const error = await deliveryError(sendDingtalk(config(), sampleMessage(), skewed));
    assert.equal(error.retryable, false);
    assert.match(error.message, /invalid timestamp/);
  });

  it('reports an unknown access token as permanent', async () => {
    const error = await deliveryError(sendDingtalk(config({ url: robot.url.replace(/access_token=\w+/, 'access_token=deadbeefdeadbeefdeadbeef') }), sampleMessage(), realDeps()));
    assert.equal(error.retryable, false);
    assert.match(error.message, /300001/);
    assert.ok(!error.message.includes('deadbeefdeadbeefdeadbeef'));
  });

  it('retries on HTTP 500, a busy robot and "send too fast"', async () => {
    robot.failNext(1, 'http500');
    assert.equal((await deliveryError(sendDingtalk(config(), sampleMessage(), realDeps()))).retryable, true);
    robot.failNext(1, 'errcode');
    assert.equal((await deliveryError(sendDingtalk(config(), sampleMessage(), realDeps()))).retryable, true);
    robot.failNext(1, 'ratelimit');
    const limited = await deliveryError(sendDingtalk(config(), sampleMessage(), realDeps()));
    assert.equal(limited.retryable, true);
    assert.match(limited.message, /130101/);
    assert.equal(limited.retryAfterMs, 60_000);
  });

  it('times out a robot that does not answer, as retryable', async () => {
    robot.failNext(1, 'hang');
    const error = await deliveryError(sendDingtalk(config(), sampleMessage(), realDeps({ timeoutMs: 150 })));
    assert.equal(error.retryable, true);
    assert.ok(!error.message.includes(new URL(robot.url).searchParams.get('access_token') ?? '?'));
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeFeishu, type FakeFeishu } from '../../../test/fakes/feishu.js';
import { deliveryError, realDeps, sampleMessage } from '../../../test/fakes/sample.js';
import { feishuConfigSchema } from './config.js';
import { feishuSign, sendFeishu } from './feishu.js';

const secret = 'q8XhT2vN5mKpR7wZ3cYb1d';

describe('Feishu custom bot', () => {
  let bot: FakeFeishu;
  let legacy: FakeFeishu;
  before(async () => {
    bot = await startFakeFeishu({ secret });
    legacy = await startFakeFeishu({ legacy: true });
  });
  after(async () => {
    await bot.close();
    await legacy.close();
  });

  const config = (overrides: Record<string, unknown> = {}) => feishuConfigSchema.parse({ kind: 'feishu', url: bot.url, secret, ...overrides });
  const token = () => bot.url.split('/').at(-1) ?? '?';

  it('sends a signed text message that the bot accepts', async () => {
    const at = new Date(Date.now() - 90_000);
    const seen = bot.received.length;
    await sendFeishu(config(), sampleMessage(), realDeps({ now: () => at }));
    const body = bot.received[seen];
    assert.equal(body?.msg_type, 'text');
    assert.equal(body?.content?.text, sampleMessage().text);
    const timestamp = Math.floor(at.getTime() / 1000);
    assert.equal(body?.timestamp, String(timestamp));
    assert.equal(body?.sign, feishuSign(secret, timestamp));
  });

  it('computes the documented signature: HMAC-SHA256 keyed by "timestamp\\nsecret" over an empty message', () => {
    // Reference: printf '' | openssl dgst -sha256 -hmac $'1599360473\ntest-secret' -binary | base64
    assert.equal(feishuSign('test-secret', 1599360473), 'wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY=');
  });

  it('accepts the older bots that answer StatusCode 0, and sends no signature without a secret', async () => {
    const seen = legacy.received.length;
    await sendFeishu(feishuConfigSchema.parse({ kind: 'feishu', url: legacy.url }), sampleMessage(), realDeps());
    const body = legacy.received[seen];
    assert.equal(body?.sign, undefined);
    assert.equal(body?.timestamp, undefined);
  });

  it('reports a wrong secret as the platform does (19021), permanently and without the secret', async () => {
    const wrong = 'wrong-secret-value-1234';
    const error = await deliveryError(sendFeishu(config({ secret: wrong }), sampleMessage(), realDeps()));
    assert.equal(error.retryable, false);
    assert.match(error.message, /19021/);
    assert.ok(!error.message.includes(wrong));
    assert.ok(!error.message.includes(token()));
  });

  it('is refused when our clock is more than an hour off', async () => {
    const error = await deliveryError(sendFeishu(config(), sampleMessage(), realDeps({ now: () => new Date(Date.now() - 3 * 60 * 60 * 1000) })));
    assert.equal(error.retryable, false);
    assert.match(error.message, /19021/);
  });

  it('reports an unknown hook token as permanent and masks it', async () => {
    const error = await deliveryError(sendFeishu(config({ url: bot.url.replace(token(), 'ffffffff-ffff-ffff-ffff-ffffffffffff') }), sampleMessage(), realDeps()));
    assert.equal(error.retryable, false);
    assert.match(error.message, /19001/);
    bot.failNext(1, 'hang');
    const timedOut = await deliveryError(sendFeishu(config(), sampleMessage(), realDeps({ timeoutMs: 100 })));
    assert.ok(!timedOut.message.includes(token()), timedOut.message);
    assert.match(timedOut.message, /\/open-apis\/bot\/v2\/hook\/••••/);
  });

  it('neutralises <at> tags coming from case text so a subject cannot mention everyone', async () => {
    const seen = bot.received.length;
    await sendFeishu(config(), sampleMessage({ text: '工单：#1 <at user_id="all">所有人</at> 退款' }), realDeps());
    const text = bot.received[seen]?.content?.text ?? '';
    assert.ok(!text.includes('<at'));
    assert.ok(text.includes('＜at user_id="all">所有人＜/at>'));
  });

  it('keeps a long message under the 20 KB body limit', async () => {
    const seen = bot.received.length;
    await sendFeishu(config(), sampleMessage({ text: `${'退款未到账，'.repeat(3000)}\n查看工单：https://desk.example.cn/cases/1` }), realDeps());
    const text = bot.received[seen]?.content?.text ?? '';
    assert.ok(text.endsWith('\n查看工单：https://desk.example.cn/cases/1'));
  });

  it('retries on HTTP 500, internal errors and frequency limits', async () => {
    bot.failNext(1, 'http500');
    assert.equal((await deliveryError(sendFeishu(config(), sampleMessage(), realDeps()))).retryable, true);
    bot.failNext(1, 'errcode');
    assert.equal((await deliveryError(sendFeishu(config(), sampleMessage(), realDeps()))).retryable, true);
    bot.failNext(1, 'ratelimit');
    const limited = await deliveryError(sendFeishu(config(), sampleMessage(), realDeps()));
    assert.equal(limited.retryable, true);
    assert.match(limited.message, /11232/);
    assert.ok((limited.retryAfterMs ?? 0) > 0);
  });

  it('times out a bot that does not answer, as retryable', async () => {
    bot.failNext(1, 'hang');
    assert.equal((await deliveryError(sendFeishu(config(), sampleMessage(), realDeps({ timeoutMs: 150 })))).retryable, true);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deliveryError, realDeps, sampleMessage } from '../../../test/fakes/sample.js';
import { startFakeWecom, type FakeWecom } from '../../../test/fakes/wecom.js';
import { wecomConfigSchema } from './config.js';
import { sendWecom } from './wecom.js';

describe('WeCom group robot', () => {
  let robot: FakeWecom;
  before(async () => {
    robot = await startFakeWecom();
  });
  after(() => robot.close());

  const config = (overrides: Record<string, unknown> = {}) => wecomConfigSchema.parse({ kind: 'wecom', url: robot.url, ...overrides });

  it('posts the markdown body by default and the robot accepts it', async () => {
    const seen = robot.received.length;
    await sendWecom(config(), sampleMessage(), realDeps());
    const body = robot.received[seen];
    assert.equal(body?.msgtype, 'markdown');
    assert.equal(body?.markdown?.content, sampleMessage().markdown);
  });

  it('posts plain text with the people to mention when the channel is set to text', async () => {
    const seen = robot.received.length;
    await sendWecom(config({ format: 'text', mentioned_mobiles: ['13800138000', '@all'] }), sampleMessage(), realDeps());
    const body = robot.received[seen];
    assert.equal(body?.msgtype, 'text');
    assert.equal(body?.text?.content, sampleMessage().text);
    assert.deepEqual(body?.text?.mentioned_mobile_list, ['13800138000', '@all']);
  });

  it('cuts an oversized markdown message to 4096 bytes on a character boundary and keeps the case link', async () => {
    const seen = robot.received.length;
    const markdown = `**很长的交接班**\n\n${'工单 #1 退款未到账，客户催促处理。\n'.repeat(400)}\n[查看队列](https://desk.example.cn/queue)`;
    assert.ok(Buffer.byteLength(markdown) > 4096);
    await sendWecom(config(), sampleMessage({ markdown }), realDeps());
    const content = robot.received[seen]?.markdown?.content ?? '';
    assert.ok(Buffer.byteLength(content) <= 4096, `${Buffer.byteLength(content)} bytes`);
    assert.ok(!content.includes('\uFFFD'));
    assert.ok(content.includes('…'));
    assert.ok(content.endsWith('\n[查看队列](https://desk.example.cn/queue)'));
  });

  it('cuts an oversized text message to 2048 bytes', async () => {
    const seen = robot.received.length;
    await sendWecom(config({ format: 'text' }), sampleMessage({ text: '退款'.repeat(2000) }), realDeps());
    const content = robot.received[seen]?.text?.content ?? '';
    assert.ok(Buffer.byteLength(content) <= 2048);
    assert.ok(content.endsWith('退…'));
  });

  it('reports a wrong key as a permanent failure without showing the key', async () => {
    const url = robot.url.replace(/key=.*/, 'key=00000000-1111-2222-3333-444455556666');
    const error = await deliveryError(sendWecom(config({ url }), sampleMessage(), realDeps()));
    assert.equal(error.retryable, false);
    assert.match(error.message, /93000/);
    assert.ok(!error.message.includes('00000000-1111-2222-3333-444455556666'));
    assert.ok(!error.message.includes(robot.key));
  });

  it('retries after an HTTP 500, a busy robot, and its rate limit', async () => {
    robot.failNext(1, 'http500');
    const serverError = await deliveryError(sendWecom(config(), sampleMessage(), realDeps()));
    assert.equal(serverError.retryable, true);
    assert.match(serverError.message, /HTTP 500/);

    robot.failNext(1, 'errcode');
    assert.equal((await deliveryError(sendWecom(config(), sampleMessage(), realDeps()))).retryable, true);

    robot.failNext(1, 'ratelimit');
    const limited = await deliveryError(sendWecom(config(), sampleMessage(), realDeps()));
    assert.equal(limited.retryable, true);
    assert.match(limited.message, /45009/);
    assert.equal(limited.retryAfterMs, 60_000);
  });

  it('gives up on a robot that does not answer in time and lets the outbox retry', async () => {
    robot.failNext(1, 'hang');
    const started = Date.now();
    const error = await deliveryError(sendWecom(config(), sampleMessage(), realDeps({ timeoutMs: 200 })));
    assert.equal(error.retryable, true);
    assert.match(error.message, /within 200 ms/);
    assert.ok(!error.message.includes(robot.key));
    assert.ok(Date.now() - started < 5000);
  });

  it('treats a closed port as a retryable network failure', async () => {
    const error = await deliveryError(sendWecom(config({ url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=abcdef0123456789' }), sampleMessage(), realDeps()));
    assert.equal(error.retryable, true);
    assert.match(error.message, /could not reach http:\/\/127\.0\.0\.1:9\/cgi-bin\/webhook\/send\?key=••••6789/);
  });
});

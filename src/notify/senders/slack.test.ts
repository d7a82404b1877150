import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deliveryError, realDeps, sampleMessage } from '../../../test/fakes/sample.js';
import { startFakeSlack, type FakeSlack } from '../../../test/fakes/slack.js';
import { slackConfigSchema } from './config.js';
import { toSlackMrkdwn } from './slack-mrkdwn.js';
import { sendSlack } from './slack.js';

describe('Slack incoming webhook', () => {
  let slack: FakeSlack;
  before(async () => {
    slack = await startFakeSlack({ retryAfterSeconds: 17 });
  });
  after(() => slack.close());

  const config = (url = slack.url) => slackConfigSchema.parse({ kind: 'slack', url });
  const token = () => slack.url.split('/').at(-1) ?? '?';

  it('posts the title as text and the body as a mrkdwn section', async () => {
    const seen = slack.received.length;
    await sendSlack(config(), sampleMessage(), realDeps());
    const body = slack.received[seen];
    assert.equal(body?.text, sampleMessage().title);
    const section = body?.blocks?.[0];
    assert.equal(section?.type, 'section');
    assert.equal(section?.text?.type, 'mrkdwn');
    assert.match(section?.text?.text ?? '', /^\*SLA 提醒：/);
    assert.match(section?.text?.text ?? '', /<https:\/\/desk\.example\.cn\/cases\/1024\|查看工单>$/);
  });

  it('converts markdown to mrkdwn and escapes anything that could become a mention or a link', () => {
    assert.equal(toSlackMrkdwn('**Due** \\[x\\](http://evil) <!channel> & [Open](https://a.example/c?x=1&y=2)'), '*Due* [x](http://evil) &lt;!channel&gt; &amp; <https://a.example/c?x=1&y=2|Open>');
  });

  it('keeps a long body within the 3000-character section limit', async () => {
    const seen = slack.received.length;
    await sendSlack(config(), sampleMessage({ markdown: `${'退款未到账。'.repeat(1000)}\n\n[查看工单](https://desk.example.cn/cases/1)` }), realDeps());
    const text = slack.received[seen]?.blocks?.[0]?.text?.text ?? '';
    assert.ok(text.length <= 3000);
    assert.ok(text.endsWith('<https://desk.example.cn/cases/1|查看工单>'));
  });

  it('honours Retry-After on 429 and retries 5xx', async () => {
    slack.failNext(1, 'ratelimit');
    const limited = await deliveryError(sendSlack(config(), sampleMessage(), realDeps()));
    assert.equal(limited.retryable, true);
    assert.equal(limited.retryAfterMs, 17_000);
    slack.failNext(1, 'http500');
    assert.equal((await deliveryError(sendSlack(config(), sampleMessage(), realDeps()))).retryable, true);
  });

  it('gives up on an archived channel or a revoked hook, without showing the hook token', async () => {
    slack.failNext(1, 'archived');
    const archived = await deliveryError(sendSlack(config(), sampleMessage(), realDeps()));
    assert.equal(archived.retryable, false);
    assert.match(archived.message, /410: channel_is_archived/);

    const revoked = await deliveryError(sendSlack(config(slack.url.replace(token(), 'zzzzzzzzzzzzzzzzzzzzzzzz')), sampleMessage(), realDeps()));
    assert.equal(revoked.retryable, false);
    assert.match(revoked.message, /404: no_service/);
  });

  it('times out a hook that does not answer, as retryable, with the token masked', async () => {
    slack.failNext(1, 'hang');
    const error = await deliveryError(sendSlack(config(), sampleMessage(), realDeps({ timeoutMs: 150 })));
    assert.equal(error.retryable, true);
    assert.ok(!error.message.includes(token()));
    assert.match(error.message, new RegExp(`••••${token().slice(-4)}`));
  });
});

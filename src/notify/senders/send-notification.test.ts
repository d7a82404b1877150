import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeDingtalk, type FakeDingtalk } from '../../../test/fakes/dingtalk.js';
import { startFakeFeishu, type FakeFeishu } from '../../../test/fakes/feishu.js';
import { deliveryError, realDeps } from '../../../test/fakes/sample.js';
import { startFakeSlack, type FakeSlack } from '../../../test/fakes/slack.js';
import { startSmtpPeer, type SmtpPeer } from '../../../test/fakes/smtp-peer.js';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../../../test/fakes/webhook-receiver.js';
import { startFakeWecom, type FakeWecom } from '../../../test/fakes/wecom.js';
import { notificationMessage } from '../templates/message.js';
import { channelConfigSchema } from './config.js';
import { sendNotification } from './index.js';

describe('sending one rendered notification to every kind of channel', () => {
  let wecom: FakeWecom;
  let dingtalk: FakeDingtalk;
  let feishu: FakeFeishu;
  let slack: FakeSlack;
  let receiver: FakeWebhookReceiver;
  let smtp: SmtpPeer;
  before(async () => {
    [wecom, dingtalk, feishu, slack, receiver, smtp] = await Promise.all([
      startFakeWecom(),
      startFakeDingtalk({ secret: 'SECdispatch-secret-0001' }),
      startFakeFeishu({ secret: 'feishu-dispatch-secret' }),
      startFakeSlack(),
      startFakeWebhookReceiver({ secret: 'webhook-dispatch-secret' }),
      startSmtpPeer(),
    ]);
  });
  after(async () => {
    await Promise.all([wecom.close(), dingtalk.close(), feishu.close(), slack.close(), receiver.close(), smtp.close()]);
  });

  const message = () =>
    notificationMessage(
      'a1b2c3d4-0000-4000-8000-000000000001',
      {
        event: 'sla.breached',
        data: {
          number: 2048,
          subject: '重复扣款 [点我](https://evil.example)',
          customer_name: '韩梅梅',
          category: 'duplicate_charge',
          priority: 'high',
          link: 'https://desk.example.cn/cases/2048',
          clock: 'resolution',
          due_at: '2026-11-27T02:00:00Z',
          seconds_left: -1500,
          timezone: 'Asia/Shanghai',
        },
      },
      'zh-CN',
    );

  it('reaches each platform in the shape that platform accepts', async () => {
    const configs = [
      { kind: 'wecom', url: wecom.url },
      { kind: 'dingtalk', url: dingtalk.url, secret: 'SECdispatch-secret-0001' },
      { kind: 'feishu', url: feishu.url, secret: 'feishu-dispatch-secret' },
      { kind: 'slack', url: slack.url },
      { kind: 'webhook', url: receiver.url, secret: 'webhook-dispatch-secret' },
      { kind: 'email', host: '127.0.0.1', port: smtp.port, secure: false, from: 'desk@example.cn', to: ['oncall@example.cn'] },
    ].map((input) => channelConfigSchema.parse(input));
    for (const config of configs) await sendNotification(config, message(), realDeps());

    assert.match(wecom.received[0]?.markdown?.content ?? '', /已超时 25分钟/);
    assert.match(dingtalk.received[0]?.markdown?.text ?? '', /重复扣款 \\\[点我\\\]\(https:\/\/evil\.example\)/);
    assert.match(feishu.received[0]?.content?.text ?? '', /客户：韩梅梅/);
    assert.match(slack.received[0]?.blocks?.[0]?.text?.text ?? '', /重复扣款 \[点我\]\(https:\/\/evil\.example\)/);
    assert.equal(receiver.received[0]?.body.event, 'sla.breached');
    assert.deepEqual((receiver.received[0]?.body.payload as { number?: unknown }).number, 2048);
    assert.equal(smtp.messages[0]?.subject, '【SLA 超时】工单 #2048 解决 已超时 25分钟');
  });

  it('surfaces a platform refusal as a DeliveryError whatever the channel', async () => {
    const error = await deliveryError(sendNotification(channelConfigSchema.parse({ kind: 'webhook', url: receiver.url, secret: 'a-different-secret-123' }), message(), realDeps()));
    assert.equal(error.retryable, false);
  });
});

describe('outbox backoff', () => {
  it('doubles from 30 s to an hour and honours Retry-After up to a day, ignoring nonsense', async () => {
    const { backoffMs } = await import('../outbox.worker.js');
    assert.equal(backoffMs(1), 30_000);
    assert.equal(backoffMs(3), 120_000);
    assert.equal(backoffMs(20), 3_600_000);
    assert.equal(backoffMs(1, 90_000), 90_000);
    assert.equal(backoffMs(1, 1e20), 24 * 3_600_000);
    assert.equal(backoffMs(1, Number.NaN), 30_000);
  });
});

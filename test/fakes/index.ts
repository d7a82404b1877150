// Local stand-ins for the notification platforms; each checks what the real one checks and records what it accepted.
export { startFakeDingtalk, type FakeDingtalk } from './dingtalk.js';
export { startFakeFeishu, type FakeFeishu } from './feishu.js';
export { startFakeSlack, type FakeSlack } from './slack.js';
export { startSmtpPeer, type SmtpPeer } from './smtp-peer.js';
export { startFakeWebhookReceiver, type FakeWebhookReceiver } from './webhook-receiver.js';
export { startFakeWecom, type FakeWecom } from './wecom.js';

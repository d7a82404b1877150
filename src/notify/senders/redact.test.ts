import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channelConfigSchema } from './config.js';
import { redactConfig, redactUrl, scrub } from './redact.js';

describe('secret redaction', () => {
  it('masks webhook keys in the query, keeping the last 4 characters', () => {
    assert.equal(redactUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'), 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=••••5aaa');
    assert.equal(redactUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123def456abc123def456'), 'https://oapi.dingtalk.com/robot/send?access_token=••••f456');
  });

  it('masks tokens carried in the path (Slack, Feishu) and passwords in the URL', () => {
    assert.equal(redactUrl('https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'), 'https://hooks.slack.com/services/T00000000/B00000000/••••XXXX');
    assert.equal(redactUrl('https://open.feishu.cn/open-apis/bot/v2/hook/2a5b7c3d-1e9f-4a6b-8c0d-123456789abc'), 'https://open.feishu.cn/open-apis/bot/v2/hook/••••9abc');
    assert.equal(redactUrl('https://bot:hunter2hunter2@example.cn/hook'), 'https://bot:••••ter2@example.cn/hook');
    assert.equal(redactUrl('https://0123456789abcdef0123@example.cn/hook'), 'https://••••0123@example.cn/hook');
  });

  it('hides short values whole', () => {
    assert.equal(redactUrl('https://example.cn/hook?k=short'), 'https://example.cn/hook?k=••••');
  });

  it('shows channel configs with every secret masked', () => {
    const shown = (input: unknown) => redactConfig(channelConfigSchema.parse(input));
    assert.deepEqual(shown({ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4-97a0-0ec2afa5aaa1' }), {
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=••••aaa1',
      format: 'markdown',
    });
    assert.deepEqual(shown({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef', secret: 'SECabcdefabcdef9876', format: 'text' }), {
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=••••cdef',
      secret: '••••9876',
      format: 'text',
    });
    assert.deepEqual(shown({ kind: 'webhook', url: 'https://crm.example.cn/hooks/paydesk', secret: 'whsec_0123456789abcdef' }), {
      kind: 'webhook',
      url: 'https://crm.example.cn/hooks/paydesk',
      secret: '••••cdef',
    });
    const email = shown({ kind: 'email', host: 'smtp.example.cn', port: 465, secure: true, user: 'desk', password: 'correct-horse-battery', from: 'desk@example.cn', to: ['a@example.cn'] });
    assert.equal(email.kind === 'email' && email.password, '••••tery');
    assert.equal(email.kind === 'email' && email.user, 'desk');
    const feishu = shown({ kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/2a5b7c3d-1e9f-4a6b-8c0d-123456789abc' });
    assert.deepEqual(feishu, { kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/••••9abc' });
  });

  it('scrubs secrets a platform echoes back in its error text', () => {
    assert.equal(scrub('invalid key 0123456789abcdef, hint: x', ['0123456789abcdef']), 'invalid key ••••, hint: x');
  });
});

describe('channel config validation', () => {
  it('accepts only http(s) URLs', () => {
    assert.equal(channelConfigSchema.safeParse({ kind: 'slack', url: 'ftp://hooks.slack.com/x' }).success, false);
    assert.equal(channelConfigSchema.safeParse({ kind: 'slack', url: 'javascript:alert(1)' }).success, false);
    assert.equal(channelConfigSchema.safeParse({ kind: 'slack', url: 'https://hooks.slack.com/services/T/B/x' }).success, true);
  });

  it('defaults WeCom and DingTalk to markdown and rejects unknown fields', () => {
    const parsed = channelConfigSchema.parse({ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' });
    assert.equal(parsed.kind === 'wecom' && parsed.format, 'markdown');
    assert.equal(channelConfigSchema.safeParse({ kind: 'wecom', url: 'https://a.example', colour: 'red' }).success, false);
  });

  it('wants a webhook secret of 16+ characters and SMTP user and password together', () => {
    assert.equal(channelConfigSchema.safeParse({ kind: 'webhook', url: 'https://a.example', secret: 'short' }).success, false);
    const email = { kind: 'email', host: 'smtp.example.cn', port: 587, secure: false, from: 'desk@example.cn', to: ['a@example.cn'] };
    assert.equal(channelConfigSchema.safeParse(email).success, true);
    assert.equal(channelConfigSchema.safeParse({ ...email, user: 'desk' }).success, false);
    assert.equal(channelConfigSchema.safeParse({ ...email, to: ['not an address'] }).success, false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffMs, MAX_ATTEMPTS } from './delivery.service.js';
import { newMessageId, replyText } from './outbound.service.js';

describe('e-mail replies', () => {
  it('writes the reply in the customer\'s language with the signature and the case token', () => {
    const zh = replyText({ locale: 'zh-CN', customerName: '李雷', body: '退款已处理。', signature: 'Acme 客服', caseNumber: 42 });
    assert.match(zh, /^李雷，您好：\n\n退款已处理。\n\n-- \nAcme 客服\n\n/);
    assert.match(zh, /\[#42\]/);
    const en = replyText({ locale: 'en', customerName: null, body: 'Refunded.', signature: '', caseNumber: 7 });
    assert.match(en, /^Hello,\n\nRefunded.\n\nReply to this e-mail/);
    assert.doesNotMatch(en, /-- \n/);
  });

  it('makes Message-IDs in the mailbox\'s domain', () => {
    assert.match(newMessageId('support@acme.test'), /^<[0-9a-f-]{36}@acme\.test>$/);
    assert.notEqual(newMessageId('a@b.c'), newMessageId('a@b.c'));
  });

  it('backs off from 30 seconds to at most an hour', () => {
    assert.equal(backoffMs(1), 30_000);
    assert.equal(backoffMs(2), 60_000);
    assert.equal(backoffMs(MAX_ATTEMPTS), Math.min(3_600_000, 30_000 * 2 ** (MAX_ATTEMPTS - 1)));
    assert.equal(backoffMs(30), 3_600_000);
  });
});

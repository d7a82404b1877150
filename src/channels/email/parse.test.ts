import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { automaticKind, contentTypeOf, messageIds, parseEmail, referenceChain, replySubject, stripQuoted, subjectCaseNumber, threadCandidates, MalformedEmailError } from './parse.js';

const plain = (headers: Record<string, string>, from = 'customer@example.com') => ({ from: { address: from, name: null }, headers, contentType: { value: 'text/plain', params: {} } });

describe('e-mail parsing rules', () => {
  it('finds the case number in a subject token, also in Chinese replies', () => {
    assert.equal(subjectCaseNumber('Re: 退款 [#42]'), 42);
    assert.equal(subjectCaseNumber('回复：Re: 退款 [#7] 还没到'), 7);
    assert.equal(subjectCaseNumber('Order #42'), null);
    assert.equal(subjectCaseNumber('[#0]'), null);
    assert.equal(subjectCaseNumber('[#99999999999999999]'), null);
  });

  it('writes reply subjects with one Re: and one token', () => {
    assert.equal(replySubject('退款还没到账', 12), 'Re: 退款还没到账 [#12]');
    assert.equal(replySubject('Re: RE: 回复：Refund [#12]', 12), 'Re: Refund [#12]');
  });

  it('reads Message-IDs from headers in any spacing and normalises bare ones', () => {
    assert.deepEqual(messageIds('<a@x> <b@y>,<c@z>'), ['<a@x>', '<b@y>', '<c@z>']);
    assert.deepEqual(messageIds(['<a@x>', '<b@y>']), ['<a@x>', '<b@y>']);
    assert.deepEqual(messageIds('a@x'), ['<a@x>']);
    assert.deepEqual(messageIds('garbage'), []);
    assert.deepEqual(messageIds(undefined), []);
  });

  it('threads on In-Reply-To first, then References newest first', () => {
    assert.deepEqual(threadCandidates({ inReplyTo: '<c@x>', references: ['<a@x>', '<b@x>', '<c@x>'] }), ['<c@x>', '<b@x>', '<a@x>']);
    assert.deepEqual(threadCandidates({ inReplyTo: null, references: [] }), []);
    assert.deepEqual(threadCandidates({ inReplyTo: null, references: ['<a@x>'], quotedMessageIds: ['<ours@acme.test>'] }), ['<a@x>', '<ours@acme.test>']);
  });

  it('builds a reference chain without repeats, keeping the root when it is long', () => {
    assert.deepEqual(referenceChain(['<a@x>', '<b@x>'], '<c@x>'), ['<a@x>', '<b@x>', '<c@x>']);
    assert.deepEqual(referenceChain(['<a@x>', '<a@x>'], '<a@x>'), ['<a@x>']);
    assert.deepEqual(referenceChain([], null), []);
    const long = Array.from({ length: 30 }, (_, index) => `<m${index}@x>`);
    const chain = referenceChain(long, '<last@x>', 20);
    assert.equal(chain.length, 20);
    assert.equal(chain[0], '<m0@x>');
    assert.equal(chain.at(-1), '<last@x>');
  });

  it('tells auto-replies, bounces and loops from mail a person wrote', () => {
    const own = ['support@acme.test'];
    assert.equal(automaticKind(plain({}), own), null);
    assert.equal(automaticKind(plain({ 'auto-submitted': 'no' }), own), null);
    assert.equal(automaticKind(plain({ 'auto-submitted': 'auto-replied' }), own), 'auto_reply');
    assert.equal(automaticKind(plain({ precedence: 'bulk' }), own), 'auto_reply');
    assert.equal(automaticKind(plain({ precedence: 'Junk' }), own), 'auto_reply');
    assert.equal(automaticKind(plain({ precedence: 'list' }), own), 'auto_reply');
    assert.equal(automaticKind(plain({ 'x-autoreply': 'yes' }), own), 'auto_reply');
    assert.equal(automaticKind(plain({ 'x-auto-response-suppress': 'All' }), own), 'auto_reply');
    assert.equal(automaticKind(plain({}, 'MAILER-DAEMON@mx.example.com'), own), 'bounce');
    assert.equal(automaticKind(plain({}, 'postmaster@mx.example.com'), own), 'bounce');
    assert.equal(automaticKind({ ...plain({}), contentType: contentTypeOf('multipart/report; report-type="delivery-status"; boundary=x') }, own), 'bounce');
    assert.equal(automaticKind(plain({}, 'Support@Acme.test'), own), 'loop');
    assert.equal(automaticKind(plain({ 'auto-submitted': 'auto-replied' }, 'support@acme.test'), own), 'loop');
  });

  it('drops the quoted history under a reply', () => {
    assert.equal(stripQuoted('Thanks!\n\nOn Mon, Mar 2, 2026 Support wrote:\n> Your refund is on its way\n> Bye\n'), 'Thanks!');
    assert.equal(stripQuoted('好的\n\n在 2026年3月2日，客服 写道：\n> 已退款'), '好的');
    assert.equal(stripQuoted('> only a quote'), '> only a quote');
    assert.equal(stripQuoted('no quote here'), 'no quote here');
  });

  it('keeps plain text only: HTML converted, scripts gone, card numbers masked', async () => {
    const raw = Buffer.from('From: "Li" <li@example.com>\r\nTo: s@acme.test\r\nSubject: =?UTF-8?B?6YCA5qy+?=\r\nMessage-ID: <x1@example.com>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>card 4111 1111 1111 1111</p><script>alert(1)</script>\r\n');
    const email = await parseEmail(raw);
    assert.equal(email.subject, '退款');
    assert.equal(email.messageId, '<x1@example.com>');
    assert.equal(email.from.address, 'li@example.com');
    assert.match(email.text, /411111\*{6}1111/);
    assert.doesNotMatch(email.text, /alert|<p>/);
  });

  it('finds the Message-ID of a returned message inside a bounce', async () => {
    const raw = Buffer.from('From: MAILER-DAEMON@mx.example.com\r\nSubject: Undelivered\r\nMessage-ID: <b@mx>\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="q"\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--q\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <ours@acme.test>\r\n--q--\r\n');
    const email = await parseEmail(raw);
    assert.deepEqual(email.quotedMessageIds, ['<ours@acme.test>']);
    assert.equal(email.messageId, '<b@mx>');
  });

  it('derives a stable Message-ID when there is none and refuses what is not a message', async () => {
    const raw = Buffer.from('From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n');
    const first = await parseEmail(raw);
    assert.equal(first.derivedMessageId, true);
    assert.equal((await parseEmail(raw)).messageId, first.messageId);
    await assert.rejects(parseEmail(Buffer.from('just some words')), MalformedEmailError);
    await assert.rejects(parseEmail(Buffer.alloc(0)), MalformedEmailError);
    await assert.rejects(parseEmail(Buffer.from('Subject: no sender\r\n\r\nx')), MalformedEmailError);
  });
  it('reads Content-Type parameters in linear time and keeps only usable Message-IDs', () => {
    const long = contentTypeOf(`text/plain; charset="utf-8"; a=${' '.repeat(50000)}""x`);
    assert.equal(long.value, 'text/plain');
    assert.equal(long.params.charset, 'utf-8');
    assert.deepEqual(messageIds(`<ok@example.com> <${'x'.repeat(300)}@example.com> <a\u0001b@example.com>`), ['<ok@example.com>']);
    const candidates = threadCandidates({ inReplyTo: '<a@x>', references: Array.from({ length: 500 }, (_, index) => `<r${index}@x>`) });
    assert.equal(candidates.length, 51);
    assert.equal(candidates[1], '<r499@x>', 'the newest references first');
  });
});

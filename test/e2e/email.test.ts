import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { startSmtpPeer, type SmtpPeer } from '../fakes/smtp-peer.js';
import { dialects, seedTenant, startTestServer, type TestServer } from '../helpers/harness.js';
import { startImapPeer, type ImapPeer } from '../helpers/imap-peer.js';
import { startIdleWatchers } from '../../src/channels/email/idle.watcher.js';

const SUPPORT = 'support@acme.test';
const CARD = '4111 1111 1111 1111';

/** A raw RFC 5322 message, built by nodemailer's composer as a real mail client would. */
async function rawMail(options: Mail.Options & { headers?: Record<string, string> }): Promise<Buffer> {
  return new MailComposer({ to: SUPPORT, date: new Date('2026-03-02T02:00:00Z'), ...options }).compile().build();
}

/** The value of one header of a raw message (unfolded). */
function header(raw: string, name: string): string {
  const head = (raw.split(/\r?\n\r?\n/, 1)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((entry) => entry.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** The decoded text part of a raw message nodemailer sent (quoted-printable or base64). */
function textOf(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = header(head, 'content-transfer-encoding').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  return body;
}

for (const dialect of dialects) {
  describe(`e-mail channel end to end [${dialect}]`, () => {
    let server: TestServer;
    let imap: ImapPeer;
    let smtp: SmtpPeer;
    let admin: string;
    let agent: string;
    let mailboxId: string;
    const advance = (ms: number) => (server.clock.now = new Date(server.clock.now.getTime() + ms));
    const pipe = (raw: Buffer | string, query = '', contentType = 'message/rfc822') =>
      fetch(`${server.baseUrl}/api/v1/inbound/email${query}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': contentType }, body: typeof raw === 'string' ? raw : new Uint8Array(raw) }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, any> }));
    const messages = async (caseId: string) => (await server.call('GET', `/api/v1/cases/${caseId}/messages?limit=200`, { token: agent })).body.items as Array<{ id: string; direction: string; author_type: string; body: string; delivery_status: string | null; delivery_error: string | null }>;
    const caseCount = async () => (await server.call('GET', '/api/v1/cases?channel=email&limit=200', { token: admin })).body.items.length as number;
    const reply = (caseId: string, body: string) => server.call('POST', `/api/v1/cases/${caseId}/messages`, { token: agent, body: { direction: 'outbound', body } });

    before(async () => {
      server = await startTestServer(dialect, { PAYDESK_ATTACHMENT_MAX_BYTES: String(64 * 1024) });
      admin = server.tenant.seats.admin.token;
      agent = server.tenant.seats.agent.token;
      imap = await startImapPeer();
      smtp = await startSmtpPeer();
      const created = await server.call('POST', '/api/v1/mailboxes', {
        token: admin,
        body: {
          address: SUPPORT,
          display_name: 'Acme 客服',
          locale: 'zh-CN',
          signature: 'Acme 支付客服团队',
          imap: { host: imap.host, port: imap.port, secure: false, user: imap.user, password: imap.password },
          smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
          poll_interval_seconds: 60,
        },
      });
      assert.equal(created.status, 201, created.text);
      mailboxId = created.body.id;
    });
    after(async () => {
      await smtp?.close();
      await imap?.close();
      await server?.close();
    });

    it('keeps mailbox passwords secret, validates input and lets only admins manage mailboxes', async () => {
      const got = await server.call('GET', `/api/v1/mailboxes/${mailboxId}`, { token: admin });
      assert.equal(got.status, 200, got.text);
      assert.equal(got.body.imap.password_set, true);
      assert.ok(!got.text.includes(imap.password), 'the IMAP password is never returned');
      const stored = await server.db.database.db.selectFrom('mailboxes').select('secrets_enc').where('id', '=', mailboxId).executeTakeFirstOrThrow();
      assert.ok(!stored.secrets_enc.includes(imap.password), 'encrypted at rest');
      const audit = await server.db.database.db.selectFrom('audit_events').select('payload').where('type', '=', 'mailbox.created').execute();
      assert.ok(audit.length === 1 && !audit[0]?.payload.includes(imap.password), 'the audit log names no password');
      const invalid = await server.call('POST', '/api/v1/mailboxes', { token: admin, body: { address: 'not-an-address', imap: { host: 'imap.example.com', user: 'x' } } });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.headers.get('content-type')?.startsWith('application/problem+json'), true);
      const noPassword = await server.call('POST', '/api/v1/mailboxes', { token: admin, body: { address: 'x@acme.test', imap: { host: 'imap.example.com', user: 'x' } } });
      assert.equal(noPassword.status, 400);
      assert.equal(noPassword.body.errors[0].field, 'body.imap.password');
      assert.equal((await server.call('POST', '/api/v1/mailboxes', { token: agent, body: { address: 'agent@acme.test' } })).status, 403);
      assert.equal((await server.call('GET', '/api/v1/mailboxes', { token: agent })).status, 403);
      const other = await seedTenant(server.db.database, `other-${randomUUID().slice(0, 8)}`, server.clock.now);
      const foreign = await server.call('GET', `/api/v1/mailboxes/${mailboxId}`, { token: other.seats.admin.token });
      assert.equal(foreign.status, 404);
      assert.equal((await server.call('GET', '/api/v1/mailboxes', { token: other.seats.admin.token })).body.items.length, 0);
      assert.equal((await server.call('DELETE', `/api/v1/mailboxes/${mailboxId}`, { token: other.seats.admin.token })).status, 404);
      const foreignPipe = await fetch(`${server.baseUrl}/api/v1/inbound/email?mailbox_id=${mailboxId}`, { method: 'POST', headers: { authorization: `Bearer ${other.seats.admin.token}`, 'content-type': 'message/rfc822' }, body: `From: x@example.com\r\nTo: ${SUPPORT}\r\nSubject: x\r\nMessage-ID: <foreign@example.com>\r\n\r\nx\r\n` });
      assert.equal(foreignPipe.status, 404, 'another tenant cannot deliver into this mailbox');
      const byAddress = await fetch(`${server.baseUrl}/api/v1/inbound/email`, { method: 'POST', headers: { authorization: `Bearer ${other.seats.admin.token}`, 'content-type': 'message/rfc822' }, body: `From: x@example.com\r\nTo: ${SUPPORT}\r\nSubject: x\r\nMessage-ID: <foreign-2@example.com>\r\n\r\nx\r\n` });
      assert.equal(byAddress.status, 404, 'nor find it by its address');
    });

    it('threads a conversation both ways through real IMAP and SMTP, reading nothing twice', async () => {
      const first = await rawMail({
        from: '"李雷" <lilei@example.com>',
        subject: '退款还没到账',
        messageId: '<first-1@example.com>',
        text: `你好，我上周申请的退款还没到账，卡号 ${CARD}，订单 A1001。`,
        attachments: [{ filename: 'receipt.txt', content: 'order A1001 paid 99.00', contentType: 'text/plain' }],
      });
      await imap.append(first);
      const work = await server.runWorkers();
      assert.equal(work.email.fetched, 1);
      const cases = (await server.call('GET', '/api/v1/cases?channel=email&limit=200', { token: admin })).body.items;
      assert.equal(cases.length, 1);
      const opened = cases[0];
      assert.equal(opened.subject, '退款还没到账');
      assert.match(opened.description, /411111\*{6}1111/);
      assert.ok(!opened.description.includes(CARD));
      const customer = await server.call('GET', `/api/v1/customers/${opened.customer_id}`, { token: agent });
      assert.equal(customer.body.email, 'lilei@example.com');
      assert.equal(customer.body.name, '李雷');
      const attachments = await server.call('GET', `/api/v1/cases/${opened.id}/attachments`, { token: agent });
      assert.equal(attachments.body.items?.[0]?.filename ?? attachments.body[0]?.filename, 'receipt.txt');

      const sent = await reply(opened.id, '您好，退款已在处理，预计 3 个工作日内到账。');
      assert.equal(sent.status, 201, sent.text);
      assert.equal(sent.body.delivery_status, 'pending');
      await server.runWorkers();
      assert.equal(smtp.messages.length, 1);
      const out = smtp.messages[0]!;
      assert.deepEqual(out.to, ['lilei@example.com']);
      const ourId = header(out.raw, 'message-id');
      assert.match(ourId, /^<[0-9a-f-]{36}@acme\.test>$/);
      assert.equal(header(out.raw, 'in-reply-to'), '<first-1@example.com>');
      assert.match(header(out.raw, 'references'), /<first-1@example\.com>/);
      assert.equal(out.subject, `Re: 退款还没到账 [#${opened.number}]`);
      const text = textOf(out.raw);
      assert.match(text, /李雷，您好/);
      assert.match(text, /退款已在处理/);
      assert.match(text, /Acme 支付客服团队/);
      assert.match(text, new RegExp(`\\[#${opened.number}\\]`));
      assert.equal((await messages(opened.id)).find((message) => message.direction === 'outbound')?.delivery_status, 'delivered');

      // The customer answers our message, then writes again quoting only the case number.
      await imap.append(await rawMail({ from: 'lilei@example.com', subject: `Re: 退款还没到账 [#${opened.number}]`, messageId: '<second-2@example.com>', inReplyTo: ourId, references: ['<first-1@example.com>', ourId], text: '好的，谢谢。\n\n> 您好，退款已在处理' }));
      await imap.append(await rawMail({ from: 'lilei@example.com', subject: `还有一个问题 [#${opened.number}]`, messageId: '<third-3@example.com>', text: '发票怎么开？' }));
      advance(61_000);
      assert.equal((await server.runWorkers()).email.fetched, 2);
      assert.equal(await caseCount(), 1, 'both replies joined the case');
      const inbound = (await messages(opened.id)).filter((message) => message.direction === 'inbound').map((message) => message.body);
      assert.deepEqual(inbound.sort(), ['好的，谢谢。', '发票怎么开？'].sort());

      // Anyone can type a case number: from another address the token opens a new case instead.
      const stranger = await pipe(await rawMail({ from: 'stranger@example.net', subject: `Re: 退款还没到账 [#${opened.number}]`, messageId: '<stranger-1@example.net>', text: 'let me in' }));
      assert.equal(stranger.body.case_created, true);
      assert.notEqual(stranger.body.case_id, opened.id);

      // Polling again reads nothing; neither does a restarted poller, nor one after a UIDVALIDITY change.
      advance(61_000);
      assert.equal((await server.runWorkers()).email.fetched, 0);
      const polled = await server.call('POST', `/api/v1/mailboxes/${mailboxId}/poll`, { token: admin });
      assert.equal(polled.status, 200, polled.text);
      assert.equal(polled.body.fetched, 0);
      assert.equal(polled.body.error, null);
      assert.equal(polled.body.mailbox.poll.uid_validity, await imap.uidValidity());
      assert.equal(polled.body.mailbox.poll.last_uid, 3);
      await server.db.database.db.updateTable('mailboxes').set({ uid_validity: 1, last_uid: 0 }).where('id', '=', mailboxId).execute();
      const reread = await server.call('POST', `/api/v1/mailboxes/${mailboxId}/poll`, { token: admin });
      assert.equal(reread.body.fetched, 3);
      assert.equal(reread.body.accepted, 0, 'every Message-ID was seen before');
      assert.equal(await caseCount(), 2);
      assert.equal((await messages(opened.id)).filter((message) => message.direction === 'inbound').length, 2);
    });

    it('records auto-replies, bounces and loops without answering them or opening cases', async () => {
      const opened = await pipe(await rawMail({ from: 'hanmeimei@example.com', subject: '重复扣款', messageId: '<dup-charge@example.com>', text: '同一笔订单被扣了两次。' }));
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.equal(opened.body.case_created, true);
      const caseId = opened.body.case_id as string;
      assert.equal((await reply(caseId, '我们正在核查。')).status, 201);
      await server.runWorkers();
      const ourId = header(smtp.messages.at(-1)!.raw, 'message-id');
      const before = await caseCount();
      const sentBefore = smtp.messages.length;

      const outOfOffice = await pipe(await rawMail({ from: 'hanmeimei@example.com', subject: '自动回复：Re: 重复扣款', messageId: '<ooo-1@example.com>', inReplyTo: ourId, headers: { 'Auto-Submitted': 'auto-replied' }, text: '我正在休假。' }));
      assert.equal(outOfOffice.body.disposition, 'auto_reply');
      assert.equal(outOfOffice.body.case_id, caseId, 'threaded, as a note');
      const precedence = await pipe(await rawMail({ from: 'news@shop.example', subject: 'Weekly deals', messageId: '<bulk-1@shop.example>', headers: { Precedence: 'bulk' }, text: 'Deals' }));
      assert.equal(precedence.body.disposition, 'auto_reply');
      const exchange = await pipe(await rawMail({ from: 'someone@corp.example', subject: 'Out of office', messageId: '<ooo-2@corp.example>', headers: { 'X-Auto-Response-Suppress': 'All' }, text: 'Away' }));
      assert.equal(exchange.body.disposition, 'auto_reply');
      const bounce = [
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
        `To: ${SUPPORT}`,
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <bounce-1@mx.example.com>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.com',
        '',
        'Final-Recipient: rfc822; gone@example.com',
        'Action: failed',
        'Status: 5.1.1',
        '--b1',
        'Content-Type: text/rfc822-headers',
        '',
        `From: ${SUPPORT}`,
        'To: hanmeimei@example.com',
        `Message-ID: ${ourId}`,
        '--b1--',
        '',
      ].join('\r\n');
      assert.equal((await pipe(bounce)).body.disposition, 'bounce');
      const loop = await pipe(await rawMail({ from: SUPPORT, subject: 'Re: something', messageId: '<loop-1@acme.test>', text: 'our own mail came back' }));
      assert.equal(loop.body.disposition, 'loop');

      assert.equal(await caseCount(), before, 'no case for machine mail');
      await server.runWorkers();
      assert.equal(smtp.messages.length, sentBefore, 'nothing answered');
      const thread = await messages(caseId);
      const notes = thread.filter((message) => message.direction === 'note');
      assert.ok(notes.some((note) => note.author_type === 'system' && /自动回复/.test(note.body)), JSON.stringify(thread));
      assert.ok(notes.some((note) => note.author_type === 'system' && /退信/.test(note.body)), 'the bounce of our reply is noted on its case');
      assert.equal(thread.filter((message) => message.direction === 'inbound').length, 0);
      const recorded = await server.db.database.db.selectFrom('email_messages').select(['message_id', 'disposition']).where('message_id', 'in', ['<ooo-1@example.com>', '<bounce-1@mx.example.com>', '<loop-1@acme.test>']).orderBy('message_id').execute();
      assert.deepEqual(recorded.map((row) => row.disposition), ['bounce', 'loop', 'auto_reply']);
    });

    it('stores HTML mail as plain text without scripts and skips an attachment over the limit with a note', async () => {
      const result = await pipe(await rawMail({
        from: 'html@example.com',
        subject: 'Payment failed',
        messageId: '<html-1@example.com>',
        html: '<p>My card <b>was declined</b>.</p><script>alert("steal")</script><img src=x onerror="alert(1)">',
        attachments: [{ filename: 'huge.txt', content: 'x'.repeat(100 * 1024), contentType: 'text/plain' }],
      }));
      assert.equal(result.status, 200, JSON.stringify(result.body));
      const opened = await server.call('GET', `/api/v1/cases/${result.body.case_id}`, { token: agent });
      assert.match(opened.body.description, /My card was declined/i);
      assert.doesNotMatch(opened.body.description, /<script|alert|<p>|onerror/i);
      const attachments = await server.call('GET', `/api/v1/cases/${result.body.case_id}/attachments`, { token: agent });
      assert.equal((attachments.body.items ?? attachments.body).length, 0);
      const note = (await messages(result.body.case_id)).find((message) => message.direction === 'note');
      assert.match(note?.body ?? '', /huge\.txt/);
    });

    it('refuses malformed MIME with 400 and an oversize body with 413', async () => {
      const malformed = await pipe('this is not an e-mail at all', '', 'text/plain');
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.code, 'bad_request');
      const noMailbox = await pipe(await rawMail({ from: 'a@example.com', to: 'nobody@elsewhere.test', subject: 'x', messageId: '<nomb@example.com>', text: 'x' }));
      assert.equal(noMailbox.status, 404);
      const huge = Buffer.concat([Buffer.from(`From: big@example.com\r\nTo: ${SUPPORT}\r\nSubject: big\r\n\r\n`), Buffer.alloc(36 * 1024 * 1024, 0x61)]);
      const tooLarge = await pipe(huge);
      assert.equal(tooLarge.status, 413);
      assert.match(tooLarge.body.detail, /36700160/);
    });

    it('answers 429 when one sender writes more than the hourly limit', async () => {
      const limited = await server.call('POST', '/api/v1/mailboxes', { token: admin, body: { address: 'bulk@acme.test', sender_limit_per_hour: 2 } });
      assert.equal(limited.status, 201, limited.text);
      const statuses: number[] = [];
      for (let index = 0; index < 3; index += 1) statuses.push((await pipe(await rawMail({ from: 'bomber@example.com', to: 'bulk@acme.test', subject: `spam ${index}`, messageId: `<bomb-${index}@example.com>`, text: 'x' }))).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      const row = await server.db.database.db.selectFrom('email_messages').select('disposition').where('message_id', '=', '<bomb-2@example.com>').executeTakeFirstOrThrow();
      assert.equal(row.disposition, 'rate_limited');
      // The mail server retrying the refused message is told it was taken (recorded), so it stops asking.
      const retried = await pipe(await rawMail({ from: 'bomber@example.com', to: 'bulk@acme.test', subject: 'spam 2', messageId: '<bomb-2@example.com>', text: 'x' }));
      assert.equal(retried.status, 200);
      assert.equal(retried.body.duplicate, true);
      assert.equal(retried.body.disposition, 'rate_limited');
      advance(61 * 60_000);
      assert.equal((await pipe(await rawMail({ from: 'bomber@example.com', to: 'bulk@acme.test', subject: 'later', messageId: '<bomb-later@example.com>', text: 'x' }))).status, 200, 'the limit is per hour');
    });

    it('keeps a reply pending while the SMTP server fails and delivers it on the retry', async () => {
      const opened = await pipe(await rawMail({ from: 'retry@example.com', subject: 'Refund status', messageId: '<retry-1@example.com>', text: 'Where is my refund?' }));
      const caseId = opened.body.case_id as string;
      const sentBefore = smtp.messages.length;
      smtp.failNext(1, 451);
      assert.equal((await reply(caseId, 'It is on its way.')).status, 201);
      await server.runWorkers();
      let outbound = (await messages(caseId)).find((message) => message.direction === 'outbound');
      assert.equal(outbound?.delivery_status, 'pending');
      assert.match(outbound?.delivery_error ?? '', /451/);
      assert.equal(smtp.messages.length, sentBefore);
      advance(31_000);
      await server.runWorkers();
      outbound = (await messages(caseId)).find((message) => message.direction === 'outbound');
      assert.equal(outbound?.delivery_status, 'delivered');
      assert.equal(outbound?.delivery_error, null);
      assert.equal(smtp.messages.length, sentBefore + 1);
      assert.equal(smtp.messages.at(-1)?.subject.endsWith(`[#${opened.body.case_number}]`), true);
      assert.match(textOf(smtp.messages.at(-1)!.raw), /It is on its way/);
    });

    it('refuses a reply on an e-mail case whose customer has no address, storing nothing', async () => {
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'Phoned in', channel: 'email', customer: { phone: '13800138000' } } });
      assert.equal(created.status, 201, created.text);
      const refused = await reply(created.body.id, 'We will write to you.');
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, 'conflict');
      assert.equal((await messages(created.body.id)).length, 0);
    });

    it('takes the same Message-ID only once through the pipe route', async () => {
      const raw = await rawMail({ from: 'twice@example.com', subject: 'Charged twice', messageId: '<twice-1@example.com>', text: 'Please check.' });
      const first = await pipe(raw, `?mailbox_id=${mailboxId}`);
      const casesAfterFirst = await caseCount();
      const second = await pipe(raw, `?mailbox_id=${mailboxId}`);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal(second.body.duplicate, true);
      assert.equal(second.body.case_id, first.body.case_id);
      assert.equal(await caseCount(), casesAfterFirst);
    });

    it('hears about new mail over IMAP IDLE and polls at once instead of waiting for the interval', async () => {
      const db = server.db.database.db;
      const later = () => db.updateTable('mailboxes').set({ next_poll_at: new Date(server.clock.now.getTime() + 3_600_000).toISOString() }).where('id', '=', mailboxId).execute();
      const due = async () => (await db.selectFrom('mailboxes').select('next_poll_at').where('id', '=', mailboxId).executeTakeFirstOrThrow()).next_poll_at <= server.clock.now.toISOString();
      const waitFor = async (check: () => Promise<boolean> | boolean, what: string) => {
        for (const started = Date.now(); !(await check()); ) {
          assert.ok(Date.now() - started < 10_000, `timed out waiting for ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await server.runWorkers();
      await later();
      const quiet = { info() {}, warn() {}, error() {} };
      const watchers = startIdleWatchers({ db, now: () => server.clock.now, secretKey: server.secretKey, log: quiet, attachmentMaxBytes: 64 * 1024 }, 60_000);
      try {
        await waitFor(() => watchers.watching().includes(mailboxId), 'the IDLE connection');
        // Connecting brings one poll forward (mail may have come while no one watched); push it away again.
        await waitFor(due, 'the catch-up poll');
        await later();
        assert.equal(await due(), false);
        const before = await caseCount();
        await imap.append(await rawMail({ from: 'idle@example.com', subject: 'IDLE 测试：付款失败', text: '刚才付款失败了，错误码 51。', messageId: '<idle-1@example.com>' }));
        await waitFor(due, 'the server to announce the new mail');
        const work = await server.runWorkers();
        assert.equal(work.email.fetched, 1);
        assert.equal(await caseCount(), before + 1);
      } finally {
        await watchers.stop();
      }
      assert.deepEqual(watchers.watching(), []);
    });

    it('reopens a resolved case when the customer writes back, and follows a closed one up with a new case', async () => {
      const first = await pipe(await rawMail({ from: 'loyal@example.com', subject: '退款还没到账', text: '订单 A1001 的退款还没有到账。', messageId: '<loyal-1@example.com>' }));
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const number = first.body.case_number as number;
      const move = async (to: string, resolution?: string) => {
        const moved = await server.call('POST', `/api/v1/cases/${first.body.case_id}/transitions`, { token: agent, body: { to, ...(resolution ? { resolution } : {}) } });
        assert.equal(moved.status, 200, moved.text);
      };
      await move('resolved', 'explained');
      const again = await pipe(await rawMail({ from: 'loyal@example.com', subject: `Re: 退款还没到账 [#${number}]`, text: '还是没有收到。', messageId: '<loyal-2@example.com>' }));
      assert.equal(again.body.case_id, first.body.case_id);
      const reopened = await server.call('GET', `/api/v1/cases/${first.body.case_id}`, { token: agent });
      assert.equal(reopened.body.status, 'open');
      await move('resolved', 'explained');
      await move('closed');
      const later = await pipe(await rawMail({ from: 'loyal@example.com', subject: `Re: 退款还没到账 [#${number}]`, text: '又过了一周，还是没有。', messageId: '<loyal-3@example.com>' }));
      assert.equal(later.body.case_created, true);
      assert.notEqual(later.body.case_id, first.body.case_id);
      assert.equal((await server.call('GET', `/api/v1/cases/${first.body.case_id}`, { token: agent })).body.status, 'closed', 'a closed case stays closed');
      const notes = (await messages(later.body.case_id)).filter((message) => message.direction === 'note');
      assert.ok(notes.some((note) => note.body.includes(`#${number}`)), JSON.stringify(notes));
    });

    it('survives hostile headers: huge Content-Type parameters, unusable Message-IDs, thousands of References', async () => {
      const started = Date.now();
      const spaced = Buffer.from(`From: slow@example.com\r\nTo: ${SUPPORT}\r\nSubject: spaces\r\nMessage-ID: <spaces@example.com>\r\nContent-Type: text/plain; a=${' '.repeat(20000)}""x\r\n\r\nhello\r\n`);
      const spaces = await pipe(spaced);
      assert.ok(spaces.status === 200 || spaces.status === 400, JSON.stringify(spaces.body));
      assert.ok(Date.now() - started < 5000, 'parsing a long header must not stall the desk');
      for (const id of [`<${'x'.repeat(4000)}@example.com>`, '<a\u0000b@example.com>']) {
        const odd = await pipe(Buffer.from(`From: odd@example.com\r\nTo: ${SUPPORT}\r\nSubject: odd id\r\nMessage-ID: ${id}\r\n\r\nhello\r\n`));
        assert.equal(odd.status, 200, JSON.stringify(odd.body));
        assert.match(odd.body.message_id, /@paydesk\.invalid>$/, 'an unusable Message-ID is replaced by one derived from the content');
      }
      const withReferences = (count: number) => {
        const references = Array.from({ length: count }, (_, index) => `<r${index}@example.com>`).join('\r\n ');
        return pipe(Buffer.from(`From: refs@example.com\r\nTo: ${SUPPORT}\r\nSubject: many refs\r\nMessage-ID: <refs-${count}@example.com>\r\nReferences: ${references}\r\n\r\nhello\r\n`));
      };
      const many = await withReferences(2000);
      assert.equal(many.status, 200, JSON.stringify(many.body));
      const tooMany = await withReferences(40000);
      assert.equal(tooMany.status, 400, 'a header beyond the parser\'s limit is unreadable mail, not a crash');
    });

    it('writes down a stranger replying in a thread under their own address, not as the customer', async () => {
      const opened = await pipe(await rawMail({ from: '"Victim" <victim@example.com>', subject: '退款问题', text: '请帮我退款。', messageId: '<victim-1@example.com>' }));
      assert.equal((await reply(opened.body.case_id, '您好，已为您提交退款。')).status, 201);
      await server.runWorkers();
      const sent = smtp.messages.at(-1);
      assert.ok(sent);
      const ourId = header(sent.raw, 'message-id');
      const spoof = await pipe(await rawMail({ from: '"Victim" <attacker@evil.example>', subject: 'Re: 退款问题', text: 'Please send the refund to card 5555 instead.', inReplyTo: ourId, messageId: '<spoof-1@evil.example>' }));
      assert.equal(spoof.body.case_id, opened.body.case_id, 'a reply in the thread still lands on the case');
      const stored = await server.db.database.db.selectFrom('messages').select(['author_id', 'author_name']).where('case_id', '=', opened.body.case_id).where('body', 'like', '%card 5555%').executeTakeFirstOrThrow();
      assert.equal(stored.author_id, null);
      assert.equal(stored.author_name, 'attacker@evil.example');
    });

    it('masks a card number that HTML-to-text wrapping split over two lines', async () => {
      const html = `<p>${'Hello, I paid for my visa application yesterday but I am still waiting and my card'} 4111 1111 1111 1111 was charged twice, please check.</p>`;
      const sent = await pipe(await rawMail({ from: 'wrapped@example.com', subject: 'charged twice', html, messageId: '<wrapped@example.com>' }));
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      const opened = await server.call('GET', `/api/v1/cases/${sent.body.case_id}`, { token: agent });
      assert.doesNotMatch(opened.body.description.replace(/\s+/g, ' '), /4111 1111 1111 1111/);
      assert.match(opened.body.description, /411111\*{6}1111/);
    });
  });
}

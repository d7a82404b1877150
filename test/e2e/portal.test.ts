import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { promisesRefund } from '../../src/bot/bot.js';
import { createLogger } from '../../src/http/redact.js';
import { csatSummary, portalCaseCount } from '../../src/portal/portal.service.js';
import { expandStatusLinks, STATUS_LINK_MARK } from '../../src/portal/portal.hooks.js';
import { startSmtpPeer, type SmtpPeer } from '../fakes/smtp-peer.js';
import { dialects, seedTenant, startTestServer, type TestServer } from '../helpers/harness.js';

// A real 1×1 PNG (signature, IHDR, IDAT, IEND).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const CARD = '4111 1111 1111 1111';
const DAY_MS = 24 * 60 * 60 * 1000;
const refundPromise = /保证.{0,6}退款|一定.{0,6}退|马上.{0,4}退款|will (be )?refund|guarantee.{0,20}refund/i;

type Opened = { case_number: number; status_url: string; token: string; expires_at: string; answer: { text: string; article: unknown } };

/** The text part of a raw message nodemailer sent (quoted-printable or base64 decoded). */
function mailText(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  return body;
}

async function eventually<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const dialect of dialects) {
  describe(`customer portal [${dialect}]`, () => {
    let server: TestServer;
    let smtp: SmtpPeer;
    let agent: string;
    const logLines: string[] = [];
    // Each step a second later, as in life: messages are ordered by time.
    const tick = () => (server.clock.now = new Date(server.clock.now.getTime() + 1000));
    const status = (token: string, locale = 'zh-CN') => server.call('GET', `/public/v1/portal/status/${token}?locale=${locale}`);
    const upload = async (token: string, data: Buffer | string, type: string, filename: string) => {
      tick();
      const form = new FormData();
      form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type }), filename);
      const response = await fetch(`${server.baseUrl}/public/v1/portal/status/${token}/attachments`, { method: 'POST', body: form });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const open = (body: Record<string, unknown>, tenant = 'acme', headers: Record<string, string> = {}) => tick() && server.call('POST', `/public/v1/${tenant}/portal/cases`, { body, headers });
    const customerSays = (token: string, body: string, headers: Record<string, string> = {}) => tick() && server.call('POST', `/public/v1/portal/status/${token}/messages`, { body: { body }, headers });
    const agentSays = (caseId: string, direction: 'outbound' | 'note', body: string) => tick() && server.call('POST', `/api/v1/cases/${caseId}/messages`, { token: agent, body: { direction, body } });
    const caseByNumber = async (number: number) => {
      const found = await server.call('GET', `/api/v1/cases?q=%23${number}`, { token: agent });
      const item = found.body.items.find((entry: { number: number }) => entry.number === number);
      assert.ok(item, `case #${number}`);
      return item as Record<string, any>;
    };

    before(async () => {
      const sink = new Writable({ write(chunk, _encoding, done) { logLines.push(String(chunk)); done(); } });
      server = await startTestServer(dialect, {}, { logger: createLogger('info', sink) });
      agent = server.tenant.seats.agent.token;
      smtp = await startSmtpPeer();
      const mailbox = await server.call('POST', '/api/v1/mailboxes', { token: server.tenant.seats.admin.token, body: { address: 'support@acme.test', display_name: 'Acme 客服', locale: 'zh-CN', smtp: { host: '127.0.0.1', port: smtp.port, secure: false } } });
      assert.equal(mailbox.status, 201, mailbox.text);
    });
    after(async () => {
      await smtp?.close();
      await server?.close();
    });

    it('lets a customer open a case in zh-CN with a guided form, follow it, talk to an agent and rate the help', async () => {
      const desk = await server.call('GET', '/public/v1/default-tenant');
      assert.equal(desk.status, 200, desk.text);
      assert.deepEqual(desk.body, { slug: 'acme', name: 'acme' });

      const config = await server.call('GET', '/public/v1/acme/portal?locale=zh-CN');
      assert.equal(config.status, 200, config.text);
      const problem = config.body.problems.find((item: { category: string }) => item.category === 'payment_failed.insufficient_funds');
      assert.deepEqual(problem, { category: 'payment_failed.insufficient_funds', label: '支付失败·余额不足', group: 'payment' });
      assert.equal(config.body.problems.find((item: { category: string }) => item.category === 'pos.printer').group, 'pos');
      assert.equal(config.body.problems.find((item: { category: string }) => item.category === 'refund.delayed').group, 'refund');
      assert.ok(Array.isArray(config.body.broadcasts));

      const form = await server.call('GET', '/public/v1/acme/portal/form?category=payment_failed.insufficient_funds&locale=zh-CN');
      assert.equal(form.status, 200, form.text);
      const field = (key: string) => form.body.fields.find((item: { key: string }) => item.key === key);
      assert.deepEqual(field('transaction_id'), { key: 'transaction_id', label: field('transaction_id').label, kind: 'text', required: true, ref: 'transaction_id' });
      assert.match(field('transaction_id').label, /[\u4e00-\u9fff]/, 'labels in Chinese');
      assert.equal(field('amount').kind, 'amount');
      assert.equal(field('screenshot').kind, 'upload');
      assert.equal(field('error_code').required, false);
      assert.equal(field('description').required, true);
      assert.equal(field('email').required, false);

      const opened = await open({
        category: 'payment_failed.insufficient_funds',
        locale: 'zh-CN',
        description: `昨天晚上用银行卡付款 128.50 元失败，提示余额不足，可是卡里明明有钱。卡号 ${CARD}。`,
        name: '李雷',
        email: 'LiLei@Example.com',
        fields: { transaction_id: '4200001234202603020001', error_code: '51', payment_time: '2026-03-01 20:15', card_type: '' },
        amount: { value: '128.50', currency: 'CNY' },
      });
      assert.equal(opened.status, 201, opened.text);
      const created = opened.body as Opened;
      assert.match(created.token, /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
      assert.match(created.status_url, /^https?:\/\/[^/]+\/portal\/status\//);
      assert.ok(created.status_url.endsWith(`/portal/status/${created.token}`));
      assert.equal(new Date(created.expires_at).getTime() - server.clock.now.getTime(), 30 * DAY_MS);
      assert.ok(created.answer.text.length > 20, 'the bot answered');
      assert.match(created.answer.text, /自动助手|机器人/, 'the bot says it is a bot');
      assert.doesNotMatch(created.answer.text, refundPromise);
      assert.equal(promisesRefund(created.answer.text), false);

      // What the desk sees.
      const kase = await caseByNumber(created.case_number);
      assert.equal(kase.channel, 'portal');
      assert.equal(kase.category, 'payment_failed.insufficient_funds');
      assert.deepEqual(kase.refs, { transaction_id: '4200001234202603020001', error_code: '51' });
      assert.equal(kase.amount, 12850);
      assert.equal(kase.currency, 'CNY');
      assert.equal(kase.status, 'new', 'the bot answer does not open the case');
      assert.equal(kase.first_response_at, null, 'nor count as the first reply');
      assert.ok(!kase.description.includes(CARD), 'card number masked');
      assert.match(kase.description, /2026-03-01 20:15/, 'answers without a case field are kept in the description');
      const customer = await server.call('GET', `/api/v1/customers/${kase.customer_id}`, { token: agent });
      assert.equal(customer.body.email, 'lilei@example.com');
      assert.equal(customer.body.name, '李雷');
      const apiMessages = (await server.call('GET', `/api/v1/cases/${kase.id}/messages`, { token: agent })).body.items;
      assert.equal(apiMessages.length, 1);
      assert.equal(apiMessages[0].author_type, 'bot');
      assert.equal(apiMessages[0].direction, 'outbound');

      // Files: a real PNG is kept, text dressed up as a PNG is refused.
      const png = await upload(created.token, PNG, 'image/png', '付款截图.png');
      assert.equal(png.status, 201, JSON.stringify(png.body));
      assert.equal(png.body.content_type, 'image/png');
      assert.equal(png.body.size, PNG.length);
      const forged = await upload(created.token, 'this is not a picture', 'image/png', 'fake.png');
      assert.equal(forged.status, 415);

      const note = await agentSays(kase.id, 'note', '内部备注：疑似风控拦截，勿告知客户');
      assert.equal(note.status, 201, note.text);

      // An agent's own upload (internal evidence) is neither listed for the customer nor downloadable by them.
      const evidence = new FormData();
      evidence.append('file', new Blob(['bank statement, internal'], { type: 'text/plain' }), '内部证据.txt');
      const staffUpload = await fetch(`${server.baseUrl}/api/v1/cases/${kase.id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent}` }, body: evidence });
      assert.equal(staffUpload.status, 201);
      const staffFileId = ((await staffUpload.json()) as { id: string }).id;
      assert.equal((await server.call('GET', `/public/v1/portal/status/${created.token}/attachments/${staffFileId}`)).status, 404);

      let page = await status(created.token);
      assert.equal(page.status, 200, page.text);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.equal(page.body.case.number, created.case_number);
      assert.equal(page.body.case.category_label, '支付失败·余额不足');
      assert.equal(page.body.locale, 'zh-CN');
      assert.deepEqual(page.body.messages.map((message: { from: string }) => message.from), ['bot']);
      assert.equal(page.body.messages[0].body, created.answer.text);
      assert.deepEqual(page.body.attachments.map((item: { filename: string }) => item.filename), ['付款截图.png']);
      assert.ok(!page.text.includes('内部备注'), 'internal notes never reach the customer');
      assert.equal(page.body.can_rate, false);
      assert.equal(page.body.csat, null);

      const download = await fetch(`${server.baseUrl}/public/v1/portal/status/${created.token}/attachments/${png.body.id}`);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'image/png');
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment;/);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);

      const answer = await agentSays(kase.id, 'outbound', '您好，我们已查到这笔交易被发卡行拒绝，请联系发卡行确认额度。');
      assert.equal(answer.status, 201, answer.text);
      page = await status(created.token);
      const agentMessage = page.body.messages.at(-1);
      assert.equal(agentMessage.from, 'agent');
      assert.equal(agentMessage.author_name, 'agent of acme');
      assert.ok(!page.text.includes(server.tenant.seats.agent.userId), 'no agent ids on the page');

      // The customer gave an address and the desk has a mailbox: the answer is also e-mailed, in their
      // language, with their status link, and their e-mailed answer threads back onto the case.
      assert.equal(answer.body.delivery_status, 'pending');
      await server.runWorkers();
      const answerMail = await eventually(() => smtp.messages.find((message) => mailText(message.raw).includes('发卡行拒绝')));
      assert.deepEqual(answerMail.to, ['lilei@example.com']);
      assert.match(answerMail.subject, new RegExp(`\\[#${created.case_number}\\]$`));
      const answerText = mailText(answerMail.raw);
      assert.match(answerText, /李雷，您好/);
      assert.ok(answerText.includes(created.status_url), 'the mail carries the customer’s own status link');
      const queued = await server.db.database.db.selectFrom('email_deliveries').select('text_body').where('case_id', '=', kase.id).execute();
      assert.equal(queued.length, 1);
      assert.ok(queued[0]!.text_body.includes(STATUS_LINK_MARK) && !queued[0]!.text_body.includes(created.token.split('.')[1]!), 'the queue keeps a mark, never the token');
      const answerId = /^message-id:\s*(<[^>]+>)/im.exec(answerMail.raw)?.[1] ?? '';
      assert.match(answerId, /@acme\.test>$/);
      const byMail = [`From: 李雷 <lilei@example.com>`, 'To: support@acme.test', `Subject: Re: ${answerMail.subject}`, 'Message-ID: <lilei-answer-1@example.com>', `In-Reply-To: ${answerId}`, `References: ${answerId}`, 'Content-Type: text/plain; charset=utf-8', '', '银行说额度没问题。', '', '---------- 原始邮件 ----------', ...answerText.split(/\r?\n/)].join('\r\n');
      server.clock.now = new Date(server.clock.now.getTime() + 60_000);
      const piped = await fetch(`${server.baseUrl}/api/v1/inbound/email`, { method: 'POST', headers: { authorization: `Bearer ${server.tenant.seats.admin.token}`, 'content-type': 'message/rfc822' }, body: Buffer.from(byMail, 'utf8') });
      const pipedBody = (await piped.json()) as { case_id: string; case_created: boolean };
      assert.equal(piped.status, 200, JSON.stringify(pipedBody));
      assert.deepEqual([pipedBody.case_id, pipedBody.case_created], [kase.id, false]);
      page = await status(created.token);
      const [ours, theirs] = page.body.messages.slice(-2) as Array<{ from: string; body: string }>;
      assert.deepEqual([ours?.from, ours?.body], ['agent', '您好，我们已查到这笔交易被发卡行拒绝，请联系发卡行确认额度。']);
      assert.equal(theirs?.from, 'customer');
      assert.ok(theirs?.body.startsWith('银行说额度没问题。'), theirs?.body);
      // Quoted without '>' (as many mail clients do), our mail came back with the link: it is stored masked.
      const stored = (await server.call('GET', `/api/v1/cases/${kase.id}/messages?limit=200`, { token: agent })).text;
      assert.ok(!stored.includes(created.token.split('.')[1]!), 'the token is not kept on the case');
      assert.ok(theirs?.body.includes('/portal/status/[redacted]') || !theirs?.body.includes('/portal/status/'), theirs?.body);

      const early = await server.call('POST', `/public/v1/portal/status/${created.token}/csat`, { body: { score: 5 } });
      assert.equal(early.status, 409, 'no rating before the case is resolved');

      const customerReply = await customerSays(created.token, '好的，我去问问银行，谢谢！');
      assert.equal(customerReply.status, 201, customerReply.text);
      page = await status(created.token);
      assert.deepEqual(page.body.messages.map((message: { from: string }) => message.from), ['bot', 'agent', 'customer', 'customer']);
      assert.equal(page.body.messages.at(-1).author_name, '李雷');

      const resolved = await server.call('POST', `/api/v1/cases/${kase.id}/transitions`, { token: agent, body: { to: 'resolved', resolution: 'explained' } });
      assert.equal(resolved.status, 200, resolved.text);
      page = await status(created.token);
      assert.equal(page.body.case.status, 'resolved');
      assert.equal(page.body.case.resolution, 'explained');
      assert.equal(page.body.can_rate, true);

      const rated = await server.call('POST', `/public/v1/portal/status/${created.token}/csat`, { body: { score: 5, comment: '处理很快，很满意' } });
      assert.equal(rated.status, 201, rated.text);
      assert.equal(rated.body.score, 5);
      const again = await server.call('POST', `/public/v1/portal/status/${created.token}/csat`, { body: { score: 1 } });
      assert.equal(again.status, 409, 'one rating per case');
      page = await status(created.token);
      assert.deepEqual([page.body.csat.score, page.body.csat.comment, page.body.can_rate], [5, '处理很快，很满意', false]);
      const csat = await server.call('GET', `/api/v1/cases/${kase.id}/csat`, { token: agent });
      assert.equal(csat.status, 200, csat.text);
      assert.deepEqual([csat.body.score, csat.body.source], [5, 'portal']);
      const timeline = (await server.call('GET', `/api/v1/cases/${kase.id}/timeline?limit=200`, { token: agent })).body.items as Array<{ type: string; payload: Record<string, unknown> }>;
      assert.equal(timeline.filter((event) => event.type === 'csat.rated').length, 1);
      const range = { from: new Date(server.clock.now.getTime() - DAY_MS), to: new Date(server.clock.now.getTime() + DAY_MS) };
      assert.deepEqual(await csatSummary(server.db.database.db, server.tenant.tenantId, range), { count: 1, average: 5, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } });
      assert.equal(await portalCaseCount(server.db.database.db, server.tenant.tenantId, range), 1);

      // Writing back to a resolved case reopens it, as an e-mail would; a closed case takes nothing more.
      const reopen = await customerSays(created.token, '银行说没有拒绝，还是付不了。');
      assert.equal(reopen.status, 201, reopen.text);
      assert.equal((await server.call('GET', `/api/v1/cases/${kase.id}`, { token: agent })).body.status, 'open');
      for (const to of [{ to: 'resolved', resolution: 'fixed' }, { to: 'closed' }]) {
        assert.equal((await server.call('POST', `/api/v1/cases/${kase.id}/transitions`, { token: agent, body: to })).status, 200);
      }
      const closed = await customerSays(created.token, '还在吗？', { 'accept-language': 'zh-CN' });
      assert.equal(closed.status, 409);
      assert.match(closed.body.detail, /已关闭/);

      // Agents see the link, never its token; revoking it closes the page.
      const links = await server.call('GET', `/api/v1/cases/${kase.id}/portal-links`, { token: agent });
      assert.equal(links.status, 200, links.text);
      assert.equal(links.body.items.length, 1);
      assert.equal(links.body.items[0].created_by, 'portal');
      assert.equal(links.body.items[0].status, 'active');
      assert.ok(links.body.items[0].last_used_at, 'last use recorded');
      assert.ok(!links.text.includes(created.token.split('.')[1]!), 'no signature in the list');
      const revoked = await server.call('DELETE', `/api/v1/cases/${kase.id}/portal-links/${links.body.items[0].id}`, { token: agent });
      assert.equal(revoked.status, 200, revoked.text);
      assert.equal(revoked.body.status, 'revoked');
      // A reply still waiting in the queue when its link is revoked goes out without the link paragraph.
      const waiting = await server.db.database.db.selectFrom('email_deliveries').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
      const expand = expandStatusLinks({ secretKey: server.secretKey, publicUrl: 'https://desk.example', now: () => server.clock.now });
      const unlinked = await expand(server.db.database.db, waiting);
      assert.ok(unlinked.includes('发卡行拒绝') && !unlinked.includes('/portal/status/') && !unlinked.includes(STATUS_LINK_MARK) && !unlinked.includes('进度页面'), unlinked);
      const gone = await server.call('GET', `/public/v1/portal/status/${created.token}`, { headers: { 'accept-language': 'zh-CN' } });
      assert.equal(gone.status, 410);
      assert.equal(gone.body.code, 'gone');
      assert.match(gone.body.detail, /撤销/);
      const goneEn = await server.call('GET', `/public/v1/portal/status/${created.token}`, { headers: { 'accept-language': 'en' } });
      assert.match(goneEn.body.detail, /withdrawn/);

      // The e-mail with the link reached a real SMTP server, in Chinese.
      const mail = await eventually(() => smtp.messages.find((message) => message.to.includes('lilei@example.com')));
      assert.equal(mail.subject, `您的问题已受理 [#${created.case_number}]`);
      const text = mailText(mail.raw);
      assert.ok(text.includes(created.status_url), 'the mail carries the status link');
      assert.match(text, new RegExp(`#${created.case_number}`));
    });

    it('expires links, hides forged ones, keeps desks apart and never logs a token', async () => {
      const opened = await open({ category: 'other', description: 'My payment page shows a blank screen.', locale: 'en' });
      assert.equal(opened.status, 201, opened.text);
      const created = opened.body as Opened;
      assert.match(created.answer.text, /automatic assistant|bot/i);
      const kase = await caseByNumber(created.case_number);
      const png = await upload(created.token, PNG, 'image/png', 'screen.png');
      assert.equal(png.status, 201);

      // An agent's one-day link.
      const made = await server.call('POST', `/api/v1/cases/${kase.id}/portal-links`, { token: agent, body: { days: 1 } });
      assert.equal(made.status, 201, made.text);
      const agentToken = (made.body.url as string).split('/portal/status/')[1]!;
      assert.equal((await status(agentToken, 'en')).status, 200);
      const listed = await server.call('GET', `/api/v1/cases/${kase.id}/portal-links`, { token: agent });
      assert.equal(listed.body.items.length, 2);
      assert.ok(!listed.text.includes(agentToken.split('.')[1]!));

      // Forged, tampered and malformed tokens are simply not found.
      const [linkId, signature] = created.token.split('.') as [string, string];
      const flipped = `${linkId}.${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
      for (const bad of [flipped, `${linkId}.${'A'.repeat(43)}`, `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.${signature}`, 'not-a-token', `${linkId}`]) {
        const response = await status(bad, 'en');
        assert.equal(response.status, 404, bad);
        assert.equal(response.body.code, 'not_found');
        assert.ok(!response.text.includes(signature), 'the answer never echoes a token');
      }
      assert.equal((await server.call('POST', `/public/v1/portal/status/${flipped}/messages`, { body: { body: 'hi' } })).status, 404);

      // Past the expiry, the agent's link is gone while the 30-day one still works.
      server.clock.now = new Date(server.clock.now.getTime() + 2 * DAY_MS);
      const expired = await status(agentToken, 'en');
      assert.equal(expired.status, 410);
      assert.equal(expired.body.code, 'gone');
      assert.match(expired.body.detail, /expired/);
      assert.equal((await status(created.token, 'en')).status, 200);
      const later = await server.call('GET', `/api/v1/cases/${kase.id}/portal-links`, { token: agent });
      assert.deepEqual(later.body.items.map((item: { status: string }) => item.status).sort(), ['active', 'expired']);

      // Another desk: its link reads nothing of ours, its agents see nothing of ours.
      const other = await seedTenant(server.db.database, 'globex', server.clock.now);
      const theirs = await open({ category: 'other', description: 'Globex customer here.' }, 'globex');
      assert.equal(theirs.status, 201, theirs.text);
      const theirToken = (theirs.body as Opened).token;
      const cross = await server.call('GET', `/public/v1/portal/status/${theirToken}/attachments/${png.body.id}`);
      assert.equal(cross.status, 404, 'our file is not found through their link');
      const theirPage = await status(theirToken, 'en');
      assert.equal(theirPage.body.case.number, 1, 'their numbering');
      assert.ok(!theirPage.text.includes('blank screen'));
      const swapped = `${linkId}.${theirToken.split('.')[1]}`;
      assert.equal((await status(swapped, 'en')).status, 404, 'a signature is bound to its link');
      assert.equal((await server.call('GET', `/api/v1/cases/${kase.id}/portal-links`, { token: other.seats.agent.token })).status, 404);
      assert.equal((await server.call('DELETE', `/api/v1/cases/${kase.id}/portal-links/${made.body.id}`, { token: other.seats.agent.token })).status, 404);
      assert.equal((await server.call('GET', `/api/v1/cases/${kase.id}/csat`, { token: other.seats.agent.token })).status, 404);
      assert.equal((await server.call('GET', `/api/v1/cases/${kase.id}/csat`, { token: agent })).status, 404, 'not rated yet');
      assert.equal((await server.call('POST', `/api/v1/cases/${kase.id}/portal-links`, { token: server.tenant.seats.viewer.token, body: {} })).status, 403);

      // The page a customer opens from the e-mail, and a mistyped API path, log the path without the token.
      const page = await fetch(`${server.baseUrl}/portal/status/${created.token}`, { headers: { accept: 'text/html' } });
      await page.arrayBuffer();
      const mistyped = await server.call('GET', `/public/v1/portal/status/${created.token}/nothing-here`);
      assert.equal(mistyped.status, 404);
      assert.ok(!mistyped.text.includes(created.token.split('.')[1]!), 'the problem detail leaves the token out');
      // The request log saw these requests but none of the tokens.
      const log = logLines.join('');
      assert.ok(log.includes('/portal/status/[redacted]'), 'the status page request is logged, redacted');
      assert.ok(log.includes('/public/v1/acme/portal/cases'), 'requests are logged');
      for (const token of [created.token, agentToken, theirToken, flipped]) assert.ok(!log.includes(token.split('.')[1]!), 'no token in the log');
    });

    it('checks what customers send: required fields, sizes, amounts, robots and hostile text', async () => {
      const base = { category: 'payment_failed.insufficient_funds', locale: 'zh-CN', description: '付款失败' };
      const missing = await open({ ...base, fields: { error_code: '51' } });
      assert.equal(missing.status, 400, missing.text);
      assert.equal(missing.body.code, 'validation_failed');
      const transaction = missing.body.errors.find((error: { field: string }) => error.field === 'body.fields.transaction_id');
      assert.ok(transaction, missing.text);
      assert.match(transaction.message, /^请填写/);

      const unknown = await open({ ...base, fields: { transaction_id: 'T1', favourite_colour: 'blue' } });
      assert.equal(unknown.status, 400);
      assert.deepEqual(unknown.body.errors.map((error: { field: string }) => error.field), ['body.fields.favourite_colour']);

      const badEmail = await open({ ...base, email: 'not-an-address', fields: { transaction_id: 'T1' } });
      assert.equal(badEmail.status, 400);
      assert.ok(badEmail.body.errors.some((error: { field: string }) => error.field === 'body.email'), badEmail.text);

      const noDescription = await open({ ...base, description: '   ', fields: { transaction_id: 'T1' } });
      assert.equal(noDescription.status, 400);

      const badAmount = await open({ ...base, fields: { transaction_id: 'T1' }, amount: { value: '12.345', currency: 'CNY' } });
      assert.equal(badAmount.status, 400);
      assert.deepEqual(badAmount.body.errors.map((error: { field: string }) => error.field), ['body.amount.value']);
      const yen = await open({ ...base, fields: { transaction_id: 'T-yen' }, amount: { value: '1200', currency: 'JPY' }, email: '', phone: '+81 90-1234-5678' });
      assert.equal(yen.status, 201, yen.text);
      const yenCase = await caseByNumber((yen.body as Opened).case_number);
      assert.deepEqual([yenCase.amount, yenCase.currency], [1200, 'JPY']);

      const before = (await server.call('GET', '/api/v1/cases?channel=portal&limit=200', { token: agent })).body.items.length;
      const robot = await open({ ...base, fields: { transaction_id: 'T1' }, website: 'http://spam.example' });
      assert.equal(robot.status, 400);
      assert.equal(robot.body.code, 'bad_request');
      const huge = await open({ ...base, fields: { transaction_id: 'T1' }, description: 'x'.repeat(1_100_000) });
      assert.equal(huge.status, 413);
      const long = await open({ ...base, fields: { transaction_id: 'T1' }, description: '长'.repeat(5001) });
      assert.equal(long.status, 400, 'descriptions are capped at 5000 characters');
      assert.equal((await server.call('GET', '/api/v1/cases?channel=portal&limit=200', { token: agent })).body.items.length, before, 'nothing was created');

      const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> 付款失败';
      const xss = await open({ ...base, description: hostile, fields: { transaction_id: '<b>T2</b>' } });
      assert.equal(xss.status, 201, xss.text);
      const token = (xss.body as Opened).token;
      const said = await customerSays(token, hostile);
      assert.equal(said.status, 201);
      const page = await status(token);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(page.body.messages.at(-1).body, hostile, 'text comes back as text, as it was written');
      assert.ok(page.body.case.subject.includes('<script>alert(1)</script>'));

      assert.equal((await open(base, 'no-such-desk')).status, 404);
      assert.equal((await server.call('GET', '/public/v1/acme/portal/form?category=not.a.category')).status, 400);
      assert.equal((await server.call('GET', '/public/v1/no-such-desk/portal')).status, 404);
    });

    it('puts the notice of an open incident on the start page and first in the bot answer', async () => {
      const at = server.clock.now.toISOString();
      const notice = { 'zh-CN': '部分银行卡支付出现延迟，我们正在处理。', en: 'Some card payments are delayed; we are working on it.' };
      await server.db.database.db
        .insertInto('incidents')
        .values({ id: randomUUID(), tenant_id: server.tenant.tenantId, kind: 'complaint_flood', status: 'open', title: 'card delays', details: '{}', case_count: 0, started_at: at, last_case_at: at, resolved_at: null, created_at: at, updated_at: at, broadcast: JSON.stringify(notice) })
        .execute();
      const config = await server.call('GET', '/public/v1/acme/portal?locale=en');
      assert.deepEqual(config.body.broadcasts.map((item: { text: string }) => item.text), [notice.en]);
      const opened = await open({ category: 'payment_failed.network_timeout', locale: 'zh-CN', description: '付款一直转圈，最后超时了', fields: { transaction_id: 'T-notice' } });
      assert.equal(opened.status, 201, opened.text);
      const answer = (opened.body as Opened).answer.text;
      assert.ok(answer.startsWith(`【服务公告】${notice['zh-CN']}`), answer);
      assert.match(answer, /机器人/);
    });
  });

  describe(`customer portal limits [${dialect}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect, { PAYDESK_PUBLIC_WRITES_PER_MINUTE: '4', PAYDESK_ATTACHMENT_MAX_BYTES: '2048' });
    });
    after(async () => server?.close());

    it('answers 429 with Retry-After once an address sends too many writes (one budget across routes), and 413 for an oversize file', async () => {
      const send = () => server.call('POST', '/public/v1/acme/portal/cases', { body: { category: 'other', description: 'hello' }, headers: { 'accept-language': 'en' } });
      const tokens: string[] = [];
      for (let index = 0; index < 3; index += 1) {
        const sent = await send();
        assert.equal(sent.status, 201, sent.text);
        tokens.push((sent.body as Opened).token);
      }
      const upload = () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(Buffer.concat([PNG, Buffer.alloc(3000)]))], { type: 'image/png' }), 'big.png');
        return fetch(`${server.baseUrl}/public/v1/portal/status/${tokens[0]}/attachments`, { method: 'POST', body: form });
      };
      // The fourth write is an upload: too big.
      const big = await upload();
      assert.equal(big.status, 413);
      assert.equal(((await big.json()) as { code: string }).code, 'payload_too_large');
      const limited = await send();
      assert.equal(limited.status, 429);
      assert.equal(limited.body.code, 'rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.equal((await upload()).status, 429, 'the budget is per address, not per route');
      assert.equal((await server.call('GET', '/public/v1/acme/portal')).status, 200, 'reads have their own budget');
    });
  });
}

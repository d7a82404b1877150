import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../src/auth/roles.js';
import { dialects, startTestServer, type TestServer } from '../helpers/harness.js';
import { MCHID, setupWechatPay, type WechatPaySetup } from '../helpers/wechatpay.js';
import { setupStripe, type StripeSetup } from '../helpers/stripe.js';

const everyone: Role[] = ['admin', 'supervisor', 'agent', 'viewer'];
const writers: Role[] = ['admin', 'supervisor', 'agent'];
const adminOnly: Role[] = ['admin'];

type Row = { method: string; path: string; allowed: Role[]; body?: () => unknown; multipart?: boolean; headers?: Record<string, string>; stream?: boolean };

for (const dialect of dialects) {
  describe(`role matrix over every API route [${dialect}]`, () => {
    let server: TestServer;
    let caseId: string;
    let customerId: string;
    let attachmentId: string;
    let userId: string;
    let calendarId: string;
    let policyId: string;
    let channelId: string;
    let outboxId: string;
    let followUpId: string;
    let complaintCaseId: string;
    let incidentId: string;
    let wx: WechatPaySetup;
    let stripe: StripeSetup;
    let disputeCaseId: string;
    let callId: string;
    let mailboxId: string;
    let spareMailboxes: string[] = [];
    let incidentFlip = false;
    let articleId: string;
    let linkId: string;
    let ratedCaseId: string;
    let chatId: string;
    let closedChatId: string;
    let chatFileId: string;
    let spareCalendars: string[] = [];
    let sparePolicies: string[] = [];
    let spareChannels: string[] = [];
    const victims: string[] = [];
    // Each allowed transition call flips the case between two statuses so every role's call is legal.
    let flip = false;
    let escalateFlip = false;

    before(async () => {
      server = await startTestServer(dialect);
      const admin = server.tenant.seats.admin.token;
      const created = await server.call('POST', '/api/v1/cases', { token: admin, body: { subject: 'matrix', customer: { email: 'm@example.com' } } });
      caseId = created.body.id;
      customerId = created.body.customer_id;
      const form = new FormData();
      form.append('file', new Blob(['receipt text'], { type: 'text/plain' }), 'receipt.txt');
      const uploaded = await fetch(`${server.baseUrl}/api/v1/cases/${caseId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
      attachmentId = ((await uploaded.json()) as { id: string }).id;
      userId = server.tenant.seats.viewer.userId;
      for (let index = 0; index < 2; index += 1) {
        const token = await server.call('POST', '/api/v1/tokens', { token: admin, body: { name: `victim ${index}`, role: 'viewer' } });
        victims.push(token.body.id);
      }
      const calendar = (name: string) => server.call('POST', '/api/v1/calendars', { token: admin, body: { name, timezone: 'Asia/Shanghai' } });
      calendarId = (await calendar('main')).body.id;
      const policy = (name: string) => server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name, enabled: false, targets: [{ name: 'resolution', kind: 'elapsed', hours: 8 }] } });
      policyId = (await policy('main')).body.id;
      const channel = (name: string) => server.call('POST', '/api/v1/notification-channels', { token: admin, body: { name, config: { kind: 'slack', url: 'http://127.0.0.1:9/hooks' } } });
      channelId = (await channel('main')).body.id;
      // Victims for the DELETE rows (only admins may delete, so one each is enough).
      spareCalendars = [(await calendar('spare')).body.id];
      sparePolicies = [(await policy('spare')).body.id];
      spareChannels = [(await channel('spare')).body.id];
      followUpId = (await server.call('POST', `/api/v1/cases/${caseId}/follow-ups`, { token: admin, body: { due_at: '2026-03-03T10:00:00+08:00', note: 'call back' } })).body.id;
      const outboxRow = { id: randomUUID(), tenant_id: server.tenant.tenantId, channel_id: channelId, event: 'test', case_id: null, message: JSON.stringify({ title: 't', text: 't', markdown: 't', event: 'test', id: 'x', payload: {} }), state: 'dead', attempts: 8, next_attempt_at: server.clock.now.toISOString(), locked_until: null, last_error: 'x', created_at: server.clock.now.toISOString(), sent_at: null };
      await server.db.database.db.insertInto('notification_outbox').values(outboxRow).execute();
      outboxId = outboxRow.id;
      wx = await setupWechatPay(server);
      complaintCaseId = (await wx.open({})).caseId;
      stripe = await setupStripe(server);
      const disputed = stripe.dispute();
      stripe.fake.addDispute(disputed);
      assert.equal((await stripe.send('charge.dispute.created', disputed)).status, 200);
      disputeCaseId = (await stripe.caseOf(disputed.id)).id;
      callId = (await server.call('POST', `/api/v1/cases/${caseId}/calls`, { token: admin, body: { direction: 'outbound', callee: '13800138000', started_at: '2026-03-02T09:00:00+08:00', summary: 'matrix', outcome: 'no_answer' } })).body.id;
      const mailbox = (address: string) => server.call('POST', '/api/v1/mailboxes', { token: admin, body: { address, imap: { host: '127.0.0.1', port: 1, secure: false, user: 'u', password: 'p' }, smtp: { host: '127.0.0.1', port: 1 } } });
      mailboxId = (await mailbox('support@acme.test')).body.id;
      spareMailboxes = [(await mailbox('spare@acme.test')).body.id];
      incidentId = randomUUID();
      const at = server.clock.now.toISOString();
      await server.db.database.db.insertInto('incidents').values({ id: incidentId, tenant_id: server.tenant.tenantId, kind: 'complaint_flood', status: 'open', title: 'matrix', details: '{}', case_count: 0, started_at: at, last_case_at: at, resolved_at: null, created_at: at, updated_at: at }).execute();
      articleId = (await server.call('POST', '/api/v1/kb/articles', { token: admin, body: { slug: 'matrix', locale: 'en', title: 'Matrix', body_markdown: 'Refunds take a few days.', status: 'published' } })).body.id;
      linkId = (await server.call('POST', `/api/v1/cases/${caseId}/portal-links`, { token: admin, body: { days: 7 } })).body.id;
      // A case opened on the portal, resolved and rated, for the CSAT row.
      const opened = await server.call('POST', `/public/v1/${server.tenant.slug}/portal/cases`, { body: { category: 'other', description: 'matrix', locale: 'en' } });
      assert.equal(opened.status, 201, opened.text);
      const rated = await server.call('GET', `/public/v1/portal/status/${opened.body.token}`);
      ratedCaseId = (await server.call('GET', `/api/v1/cases?q=%23${rated.body.case.number}`, { token: admin })).body.items[0].id;
      assert.equal((await server.call('POST', `/api/v1/cases/${ratedCaseId}/transitions`, { token: admin, body: { to: 'resolved', resolution: 'explained' } })).status, 200);
      assert.equal((await server.call('POST', `/public/v1/portal/status/${opened.body.token}/csat`, { body: { score: 5 } })).status, 201);
      // Two web chats: one agents answer (the first answer hands it off), one they close; a visitor's file.
      const startChat = async () => (await server.call('POST', `/public/v1/${server.tenant.slug}/chat/conversations`, { body: { locale: 'en' } })).body as { id: string; visitor_token: string };
      const chat = await startChat();
      chatId = chat.id;
      closedChatId = (await startChat()).id;
      const chatForm = new FormData();
      chatForm.append('file', new Blob(['receipt text'], { type: 'text/plain' }), 'receipt.txt');
      const chatUpload = await fetch(`${server.baseUrl}/public/v1/chat/conversations/${chat.id}/attachments`, { method: 'POST', headers: { 'x-visitor-token': chat.visitor_token }, body: chatForm });
      assert.equal(chatUpload.status, 201);
      chatFileId = ((await chatUpload.json()) as { id: string }).id;
    });
    after(async () => {
      await wx.close();
      await stripe.close();
      await server.close();
    });
    const wechatPayBody = () => ({
      mchid: MCHID,
      merchant_serial_no: wx.keys.merchantSerialNo,
      platform_public_keys: [{ id: wx.keys.platformKeyId, pem: wx.keys.platformPublicKeyPem }],
      api_base_url: wx.fake.baseUrl,
    });

    const rows = (): Row[] => [
      { method: 'GET', path: '/api/v1/me', allowed: everyone },
      { method: 'GET', path: '/api/v1/cases', allowed: everyone },
      { method: 'POST', path: '/api/v1/cases', allowed: writers, body: () => ({ subject: 'rbac' }) },
      { method: 'GET', path: `/api/v1/cases/${caseId}`, allowed: everyone },
      { method: 'PATCH', path: `/api/v1/cases/${caseId}`, allowed: writers, body: () => ({ priority: 'high' }) },
      { method: 'GET', path: `/api/v1/cases/${caseId}/messages`, allowed: everyone },
      { method: 'POST', path: `/api/v1/cases/${caseId}/messages`, allowed: writers, body: () => ({ direction: 'note', body: 'n' }) },
      { method: 'POST', path: `/api/v1/cases/${caseId}/messages/check`, allowed: writers, body: () => ({ body: '您好，退款已提交。' }) },
      { method: 'POST', path: `/api/v1/cases/${caseId}/transitions`, allowed: writers, body: () => ({ to: (flip = !flip) ? 'pending_internal' : 'open' }) },
      { method: 'GET', path: `/api/v1/cases/${caseId}/timeline`, allowed: everyone },
      { method: 'GET', path: `/api/v1/cases/${caseId}/attachments`, allowed: everyone },
      { method: 'POST', path: `/api/v1/cases/${caseId}/attachments`, allowed: writers, multipart: true },
      { method: 'GET', path: `/api/v1/attachments/${attachmentId}`, allowed: everyone },
      { method: 'GET', path: '/api/v1/customers', allowed: everyone },
      { method: 'POST', path: '/api/v1/customers', allowed: writers, body: () => ({ email: 'c@example.com' }) },
      { method: 'GET', path: `/api/v1/customers/${customerId}`, allowed: everyone },
      { method: 'GET', path: '/api/v1/users', allowed: everyone },
      { method: 'POST', path: '/api/v1/users', allowed: adminOnly, body: () => ({ name: `u${Math.random()}`, role: 'agent' }) },
      { method: 'PATCH', path: `/api/v1/users/${userId}`, allowed: adminOnly, body: () => ({ team: 'L2' }) },
      { method: 'GET', path: '/api/v1/teams', allowed: everyone },
      { method: 'GET', path: '/api/v1/tokens', allowed: adminOnly },
      { method: 'POST', path: '/api/v1/tokens', allowed: adminOnly, body: () => ({ name: 'made in matrix', role: 'viewer' }) },
      { method: 'DELETE', path: `/api/v1/tokens/${victims[0]}`, allowed: adminOnly },
      { method: 'GET', path: '/api/v1/audit/verify', allowed: ['admin', 'supervisor'] },
      { method: 'GET', path: '/api/v1/calendars', allowed: everyone },
      { method: 'POST', path: '/api/v1/calendars', allowed: adminOnly, body: () => ({ name: 'c', timezone: 'Asia/Shanghai' }) },
      { method: 'GET', path: `/api/v1/calendars/${calendarId}`, allowed: everyone },
      { method: 'PUT', path: `/api/v1/calendars/${calendarId}`, allowed: adminOnly, body: () => ({ name: 'main', timezone: 'Asia/Shanghai', holiday_regions: ['CN'] }) },
      { method: 'DELETE', path: `/api/v1/calendars/${spareCalendars[0]}`, allowed: adminOnly },
      { method: 'POST', path: `/api/v1/calendars/${calendarId}/dates`, allowed: adminOnly, body: () => ({ date: '2026-12-24', type: 'holiday' }) },
      { method: 'DELETE', path: `/api/v1/calendars/${calendarId}/dates/2026-12-24`, allowed: adminOnly },
      { method: 'GET', path: `/api/v1/calendars/${calendarId}/deadline?start=2026-03-02T10:00:00%2B08:00&hours=2`, allowed: everyone },
      { method: 'PUT', path: '/api/v1/teams/L1/calendar', allowed: adminOnly, body: () => ({ calendar_id: null }) },
      { method: 'GET', path: '/api/v1/sla-policies', allowed: everyone },
      { method: 'POST', path: '/api/v1/sla-policies', allowed: adminOnly, body: () => ({ name: 'p', enabled: false, targets: [{ name: 'first_reply', kind: 'elapsed', hours: 1 }] }) },
      { method: 'GET', path: `/api/v1/sla-policies/${policyId}`, allowed: everyone },
      { method: 'PUT', path: `/api/v1/sla-policies/${policyId}`, allowed: adminOnly, body: () => ({ name: 'main', enabled: false, targets: [{ name: 'resolution', kind: 'elapsed', hours: 9 }] }) },
      { method: 'DELETE', path: `/api/v1/sla-policies/${sparePolicies[0]}`, allowed: adminOnly },
      { method: 'GET', path: '/api/v1/notification-channels', allowed: ['admin', 'supervisor'] },
      { method: 'POST', path: '/api/v1/notification-channels', allowed: adminOnly, body: () => ({ name: 'n', config: { kind: 'slack', url: 'http://127.0.0.1:9/x' } }) },
      { method: 'GET', path: `/api/v1/notification-channels/${channelId}`, allowed: ['admin', 'supervisor'] },
      { method: 'PUT', path: `/api/v1/notification-channels/${channelId}`, allowed: adminOnly, body: () => ({ name: 'main', config: { kind: 'slack', url: 'http://127.0.0.1:9/hooks' } }) },
      { method: 'DELETE', path: `/api/v1/notification-channels/${spareChannels[0]}`, allowed: adminOnly },
      { method: 'POST', path: `/api/v1/notification-channels/${channelId}/test`, allowed: adminOnly },
      { method: 'GET', path: '/api/v1/notifications/outbox', allowed: ['admin', 'supervisor'] },
      { method: 'POST', path: `/api/v1/notifications/outbox/${outboxId}/retry`, allowed: adminOnly },
      { method: 'GET', path: '/api/v1/escalation-paths', allowed: everyone },
      { method: 'PUT', path: '/api/v1/escalation-paths', allowed: adminOnly, body: () => ({}) },
      { method: 'GET', path: '/api/v1/teams/L1/schedule', allowed: everyone },
      { method: 'PUT', path: '/api/v1/teams/L1/schedule', allowed: ['admin', 'supervisor'], body: () => ({ shifts: [] }) },
      { method: 'GET', path: '/api/v1/handover?team=L1', allowed: everyone },
      { method: 'POST', path: `/api/v1/cases/${caseId}/escalate`, allowed: writers, body: () => ({ reason: 'matrix', team: (escalateFlip = !escalateFlip) ? 'L2' : 'L1' }) },
      { method: 'GET', path: `/api/v1/cases/${caseId}/follow-ups`, allowed: everyone },
      { method: 'POST', path: `/api/v1/cases/${caseId}/follow-ups`, allowed: writers, body: () => ({ due_at: '2026-03-03T10:00:00+08:00', note: 'n' }) },
      { method: 'POST', path: `/api/v1/cases/${caseId}/follow-ups/${followUpId}/done`, allowed: writers },
      { method: 'GET', path: '/api/v1/integrations/wechatpay', allowed: ['admin', 'supervisor'] },
      { method: 'PUT', path: '/api/v1/integrations/wechatpay', allowed: adminOnly, body: wechatPayBody },
      { method: 'POST', path: '/api/v1/integrations/wechatpay/test', allowed: adminOnly },
      { method: 'POST', path: '/api/v1/integrations/wechatpay/notification-url', allowed: adminOnly, body: () => ({ url: 'https://desk.example.com/webhooks/wechatpay/acme' }) },
      { method: 'POST', path: '/api/v1/integrations/wechatpay/sync', allowed: ['admin', 'supervisor'], body: () => ({}) },
      { method: 'GET', path: `/api/v1/cases/${complaintCaseId}/wechatpay`, allowed: everyone },
      { method: 'POST', path: `/api/v1/cases/${complaintCaseId}/refund-decision`, allowed: writers, body: () => ({ action: 'APPROVE', launch_refund_day: 1 }) },
      { method: 'GET', path: '/api/v1/metrics/platform-complaints?platform=wechatpay&as_of=2026-03-02', allowed: everyone },
      { method: 'GET', path: '/api/v1/analytics/dashboard?from=2026-02-01&to=2026-03-02', allowed: ['admin', 'supervisor', 'viewer'] },
      { method: 'GET', path: '/api/v1/analytics/self-service?from=2026-02-01&to=2026-03-02', allowed: ['admin', 'supervisor', 'viewer'] },
      { method: 'POST', path: '/api/v1/transactions/daily-counts', allowed: adminOnly, body: () => [{ date: '2026-03-01', mchid: MCHID, count: 10 }] },
      { method: 'GET', path: '/api/v1/integrations/stripe', allowed: ['admin', 'supervisor'] },
      { method: 'PUT', path: '/api/v1/integrations/stripe', allowed: adminOnly, body: () => ({ api_base_url: stripe.fake.baseUrl }) },
      { method: 'GET', path: `/api/v1/cases/${disputeCaseId}/dispute`, allowed: everyone },
      { method: 'POST', path: `/api/v1/cases/${disputeCaseId}/dispute/evidence`, allowed: writers, body: () => ({ evidence: { uncategorized_text: 'staged in the matrix' }, submit: false }) },
      { method: 'GET', path: `/api/v1/cases/${caseId}/calls`, allowed: everyone },
      { method: 'POST', path: `/api/v1/cases/${caseId}/calls`, allowed: writers, body: () => ({ direction: 'outbound', callee: '13800138000', started_at: '2026-03-02T09:00:00+08:00', summary: 'matrix', outcome: 'no_answer' }) },
      { method: 'POST', path: '/api/v1/calls', allowed: writers, body: () => ({ direction: 'inbound', caller: '13800138001', started_at: '2026-03-02T09:00:00+08:00', summary: 'matrix', outcome: 'no_answer' }) },
      { method: 'GET', path: `/api/v1/calls/${callId}`, allowed: everyone },
      { method: 'GET', path: '/api/v1/incidents', allowed: everyone },
      { method: 'GET', path: `/api/v1/incidents/${incidentId}`, allowed: everyone },
      { method: 'PATCH', path: `/api/v1/incidents/${incidentId}`, allowed: ['admin', 'supervisor'], body: () => ({ status: (incidentFlip = !incidentFlip) ? 'resolved' : 'open' }) },
      { method: 'GET', path: `/api/v1/incidents/${incidentId}/evidence`, allowed: ['admin', 'supervisor'] },
      { method: 'GET', path: `/api/v1/cases/${complaintCaseId}/evidence`, allowed: ['admin', 'supervisor'] },
      { method: 'GET', path: '/api/v1/settings/conduct', allowed: everyone },
      { method: 'GET', path: '/api/v1/stream', allowed: everyone, stream: true },
      { method: 'POST', path: '/api/v1/diagnose', allowed: everyone, body: () => ({ text: '打印机不出纸' }) },
      { method: 'GET', path: '/api/v1/error-codes?scheme=iso8583&code=51', allowed: everyone },
      { method: 'GET', path: '/api/v1/playbooks/pos.printer', allowed: everyone },
      { method: 'PUT', path: '/api/v1/settings/conduct', allowed: adminOnly, body: () => ({ modes: { contact_details: 'warn' } }) },
      { method: 'GET', path: '/api/v1/mailboxes', allowed: ['admin', 'supervisor'] },
      { method: 'POST', path: '/api/v1/mailboxes', allowed: adminOnly, body: () => ({ address: `m${Math.random().toString(36).slice(2)}@acme.test` }) },
      { method: 'GET', path: `/api/v1/mailboxes/${mailboxId}`, allowed: ['admin', 'supervisor'] },
      { method: 'PUT', path: `/api/v1/mailboxes/${mailboxId}`, allowed: adminOnly, body: () => ({ address: 'support@acme.test', imap: { host: '127.0.0.1', port: 1, secure: false, user: 'u' }, smtp: { host: '127.0.0.1', port: 1 } }) },
      { method: 'DELETE', path: `/api/v1/mailboxes/${spareMailboxes[0]}`, allowed: adminOnly },
      { method: 'POST', path: `/api/v1/mailboxes/${mailboxId}/poll`, allowed: ['admin', 'supervisor'] },
      { method: 'GET', path: '/api/v1/kb/articles?q=refund', allowed: everyone },
      { method: 'POST', path: '/api/v1/kb/articles', allowed: writers, body: () => ({ slug: `m-${randomUUID().slice(0, 8)}`, locale: 'en', title: 'Draft', body_markdown: 'text', status: 'draft' }) },
      { method: 'GET', path: `/api/v1/kb/articles/${articleId}`, allowed: everyone },
      { method: 'PATCH', path: `/api/v1/kb/articles/${articleId}`, allowed: writers, body: () => ({ title: `Matrix ${randomUUID().slice(0, 6)}` }) },
      { method: 'GET', path: `/api/v1/kb/articles/${articleId}/versions`, allowed: everyone },
      { method: 'DELETE', path: `/api/v1/kb/articles/${articleId}`, allowed: writers },
      { method: 'GET', path: `/api/v1/cases/${caseId}/kb-suggestions`, allowed: everyone },
      { method: 'GET', path: `/api/v1/cases/${caseId}/portal-links`, allowed: everyone },
      { method: 'POST', path: `/api/v1/cases/${caseId}/portal-links`, allowed: writers, body: () => ({ days: 7 }) },
      { method: 'DELETE', path: `/api/v1/cases/${caseId}/portal-links/${linkId}`, allowed: writers },
      { method: 'GET', path: `/api/v1/cases/${ratedCaseId}/csat`, allowed: everyone },
      { method: 'GET', path: '/api/v1/chats', allowed: everyone },
      { method: 'GET', path: `/api/v1/chats/${chatId}`, allowed: everyone },
      { method: 'GET', path: `/api/v1/chats/${chatId}/attachments/${chatFileId}`, allowed: everyone },
      { method: 'POST', path: `/api/v1/chats/${chatId}/messages`, allowed: writers, body: () => ({ body: 'Hello from the matrix' }) },
      { method: 'POST', path: `/api/v1/chats/${chatId}/typing`, allowed: writers, body: () => ({ typing: true }) },
      { method: 'POST', path: `/api/v1/chats/${chatId}/read`, allowed: writers, body: () => ({ seq: 0 }) },
      { method: 'POST', path: `/api/v1/chats/${closedChatId}/close`, allowed: writers },
      { method: 'POST', path: '/api/v1/inbound/email', allowed: adminOnly, headers: { 'content-type': 'message/rfc822' }, body: () => 'From: rbac@example.com\r\nTo: support@acme.test\r\nSubject: matrix\r\nMessage-ID: <rbac-matrix@example.com>\r\n\r\nhello\r\n' },
    ];

    const send = (row: Row, token?: string) => {
      // A live stream never ends: take the status, then hang up (node:http really closes the socket).
      if (row.stream) {
        return new Promise<{ status: number }>((resolve, reject) => {
          const request = httpRequest(`${server.baseUrl}${row.path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, agent: false }, (response) => {
            response.on('error', () => {});
            resolve({ status: response.statusCode ?? 0 });
            response.destroy();
          });
          request.on('error', reject);
          request.end();
        });
      }
      if (row.multipart) {
        const form = new FormData();
        form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
        return fetch(`${server.baseUrl}${row.path}`, { method: row.method, headers: token ? { authorization: `Bearer ${token}` } : {}, body: form }).then((r) => ({ status: r.status }));
      }
      return server.call(row.method, row.path, { token, body: row.body?.(), headers: row.headers });
    };

    it('covers every API route the OpenAPI document lists', async () => {
      const spec = await server.call('GET', '/openapi.json');
      const listed = Object.entries(spec.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      const template = (path: string) =>
        [caseId, complaintCaseId, disputeCaseId, ratedCaseId, articleId, chatId, closedChatId, callId, incidentId, customerId, attachmentId, userId, victims[0] ?? '', calendarId, policyId, channelId, outboxId, mailboxId, ...spareCalendars, ...sparePolicies, ...spareChannels, ...spareMailboxes]
          .reduce((text, id) => text.replace(id, '{id}'), path.split('?')[0] ?? path)
          .replace(followUpId, '{followUpId}')
          .replace(linkId, '{linkId}')
          .replace(chatFileId, '{aid}')
          .replace('/teams/L1/', '/teams/{code}/')
          .replace(/\/dates\/\d{4}-\d{2}-\d{2}$/, '/dates/{date}')
          .replace('/playbooks/pos.printer', '/playbooks/{category}');
      const covered = new Set(rows().map((row) => `${row.method} ${template(row.path)}`));
      const apiRoutes = listed.filter((route) => route.includes(' /api/'));
      assert.ok(apiRoutes.length >= rows().length, `OpenAPI lists ${apiRoutes.length} API routes`);
      const uncovered = apiRoutes.filter((route) => !covered.has(route));
      assert.deepEqual(uncovered, []);
    });

    it('asks for a token on every API route', async () => {
      for (const row of rows()) {
        const response = await send(row);
        assert.equal(response.status, 401, `${row.method} ${row.path} without a token`);
      }
      const forged = await server.call('GET', '/api/v1/cases', { token: 'pdk_forged' });
      assert.equal(forged.status, 401);
    });

    for (const role of everyone) {
      it(`lets ${role} do exactly what the role allows`, async () => {
        const token = server.tenant.seats[role].token;
        for (const row of rows()) {
          const response = await send(row, token);
          if (row.allowed.includes(role)) assert.ok(response.status < 400, `${role} ${row.method} ${row.path} → ${response.status}`);
          else assert.equal(response.status, 403, `${role} ${row.method} ${row.path}`);
        }
      });
    }

    it('stops accepting a revoked token and records who used a token last', async () => {
      const admin = server.tenant.seats.admin.token;
      const made = await server.call('POST', '/api/v1/tokens', { token: admin, body: { name: 'short-lived', role: 'agent' } });
      assert.match(made.body.token, /^pdk_/);
      assert.equal((await server.call('GET', '/api/v1/me', { token: made.body.token })).status, 200);
      const listed = await server.call('GET', '/api/v1/tokens', { token: admin });
      const entry = listed.body.items.find((item: { id: string }) => item.id === made.body.id);
      assert.equal(entry.last_used_at, server.clock.now.toISOString());
      assert.equal(entry.token, undefined, 'the secret is never listed');
      const revoked = await server.call('DELETE', `/api/v1/tokens/${made.body.id}`, { token: admin });
      assert.equal(revoked.body.revoked_at, server.clock.now.toISOString());
      assert.equal((await server.call('GET', '/api/v1/me', { token: made.body.token })).status, 401);
      const self = await server.call('GET', '/api/v1/me', { token: admin });
      const selfRevoke = await server.call('DELETE', `/api/v1/tokens/${self.body.token_id}`, { token: admin });
      assert.equal(selfRevoke.status, 409);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, seedTenant, startTestServer, type TestServer } from '../../test/helpers/harness.js';

for (const dialect of dialects) {
  describe(`cases over HTTP [${dialect}]`, () => {
    let server: TestServer;
    let agent: string;
    let viewer: string;
    before(async () => {
      server = await startTestServer(dialect);
      agent = server.tenant.seats.agent.token;
      viewer = server.tenant.seats.viewer.token;
    });
    after(async () => server.close());

    const newCase = (body: Record<string, unknown> = {}) =>
      server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'Payment failed at checkout', ...body } });

    it('creates a case, takes a reply, resolves it and shows the whole story on the timeline', async () => {
      const created = await newCase({
        description: '支付时提示错误码 51',
        category: 'payment_failed.insufficient_funds',
        priority: 'high',
        channel: 'web_chat',
        customer: { email: 'Li.Lei@example.cn', name: '李雷' },
        refs: { transaction_id: '4200001234202603020001', error_code: '51' },
        amount: 12900,
        currency: 'CNY',
        tags: ['vip', 'vip', 'checkout'],
      });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('location'), `/api/v1/cases/${created.body.id}`);
      assert.equal(created.body.status, 'new');
      assert.equal(created.body.number, 1);
      assert.deepEqual(created.body.refs, { transaction_id: '4200001234202603020001', error_code: '51' });
      assert.deepEqual(created.body.tags, ['checkout', 'vip']);
      assert.equal(created.body.amount, 12900);
      const id = created.body.id as string;

      const reply = await server.call('POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { direction: 'outbound', body: '您好，请确认银行卡余额后重试。' } });
      assert.equal(reply.status, 201);
      assert.equal(reply.body.author_type, 'agent');
      const afterReply = await server.call('GET', `/api/v1/cases/${id}`, { token: viewer });
      assert.equal(afterReply.body.status, 'open', 'the first human reply opens a new case');
      assert.equal(afterReply.body.first_response_at, server.clock.now.toISOString());

      const resolved = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'resolved', resolution: 'explained' } });
      assert.equal(resolved.status, 200);
      assert.equal(resolved.body.status, 'resolved');
      assert.equal(resolved.body.resolution, 'explained');

      const timeline = await server.call('GET', `/api/v1/cases/${id}/timeline`, { token: viewer });
      assert.equal(timeline.status, 200);
      const types = timeline.body.items.map((item: { type: string }) => item.type);
      assert.deepEqual(types, ['case.created', 'message.added', 'case.status_changed', 'case.status_changed']);
      for (let index = 1; index < timeline.body.items.length; index += 1) {
        assert.match(timeline.body.items[index].hash, /^[0-9a-f]{64}$/);
      }
      assert.equal(timeline.body.items[1].payload.body, '您好，请确认银行卡余额后重试。');
    });

    it('answers an impossible status change with 409 naming the allowed ones', async () => {
      const created = await newCase();
      const response = await server.call('POST', `/api/v1/cases/${created.body.id}/transitions`, { token: agent, body: { to: 'closed' } });
      assert.equal(response.status, 409);
      assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(response.body.code, 'invalid_transition');
      assert.deepEqual(response.body.allowed, ['open', 'pending_customer', 'pending_internal', 'resolved']);
      assert.match(response.body.detail, /"new" cannot move to "closed"/);
    });

    it('refuses to resolve without a resolution code and only pauses platform complaints', async () => {
      const created = await newCase();
      const id = created.body.id as string;
      const noCode = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'resolved' } });
      assert.equal(noCode.status, 400);
      assert.equal(noCode.body.errors[0].field, 'body.resolution');
      await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'open' } });
      const pause = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'paused' } });
      assert.equal(pause.status, 409);
      const complaint = await newCase({ channel: 'wechatpay', refs: { platform_complaint_id: '200000020261101000001' } });
      await server.call('POST', `/api/v1/cases/${complaint.body.id}/transitions`, { token: agent, body: { to: 'open' } });
      const paused = await server.call('POST', `/api/v1/cases/${complaint.body.id}/transitions`, { token: agent, body: { to: 'paused', reason: '3 close attempts, user unsatisfied' } });
      assert.equal(paused.status, 200);
      assert.equal(paused.body.status, 'paused');
    });

    it('reopens a resolved case and clears its resolution', async () => {
      const created = await newCase();
      const id = created.body.id as string;
      await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'resolved', resolution: 'fixed' } });
      const reopened = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'open', reason: 'customer says still broken' } });
      assert.equal(reopened.body.status, 'open');
      assert.equal(reopened.body.resolution, null);
      const timeline = await server.call('GET', `/api/v1/cases/${id}/timeline`, { token: agent });
      assert.equal(timeline.body.items.at(-1).type, 'case.reopened');
    });

    it('masks card numbers in subject, description and messages before storing them', async () => {
      const created = await newCase({ subject: 'Card 4111 1111 1111 1111 declined', description: 'tried 5500-0000-0000-0004 and 4111111111111112 too' });
      assert.equal(created.body.subject, 'Card 411111******1111 declined');
      assert.equal(created.body.description, 'tried 550000******0004 and 4111111111111112 too', 'a Luhn-invalid number is left alone');
      const message = await server.call('POST', `/api/v1/cases/${created.body.id}/messages`, { token: agent, body: { direction: 'inbound', body: '卡号6222021234567890128' } });
      assert.equal(message.body.body, '卡号622202*********0128');
      const search = await server.call('GET', '/api/v1/cases?q=4111%201111%201111%201111', { token: agent });
      assert.equal(search.body.items.length, 0, 'the full number is stored nowhere');
    });

    it('lists with filters, text search over messages, references and keyset pages', async () => {
      const own = await seedTenant(server.db.database, `list-${dialect}`);
      const token = own.seats.agent.token;
      const make = (body: Record<string, unknown>) => server.call('POST', '/api/v1/cases', { token, body: { subject: 'x', ...body } });
      const ids: string[] = [];
      for (let index = 0; index < 7; index += 1) {
        server.clock.now = new Date(Date.UTC(2026, 2, 3, 0, index));
        const created = await make({
          subject: `Refund ${index}`,
          category: index % 2 === 0 ? 'refund.delayed' : 'payment_failed.network_timeout',
          priority: index === 3 ? 'urgent' : 'normal',
          refs: { order_id: `SO-${index}` },
          tags: index === 5 ? ['vip'] : [],
        });
        ids.push(created.body.id);
      }
      await server.call('POST', `/api/v1/cases/${ids[2]}/messages`, { token, body: { direction: 'inbound', body: '我的退款还没有到账 please help' } });

      const page1 = await server.call('GET', '/api/v1/cases?limit=3', { token });
      assert.deepEqual(page1.body.items.map((c: { id: string }) => c.id), [ids[6], ids[5], ids[4]]);
      const page2 = await server.call('GET', `/api/v1/cases?limit=3&cursor=${page1.body.next_cursor}`, { token });
      assert.deepEqual(page2.body.items.map((c: { id: string }) => c.id), [ids[3], ids[2], ids[1]]);
      const page3 = await server.call('GET', `/api/v1/cases?limit=3&cursor=${page2.body.next_cursor}`, { token });
      assert.deepEqual(page3.body.items.map((c: { id: string }) => c.id), [ids[0]]);
      assert.equal(page3.body.next_cursor, null);

      const prefix = await server.call('GET', '/api/v1/cases?category=payment_failed.*', { token });
      assert.equal(prefix.body.items.length, 3);
      const urgentFirst = await server.call('GET', '/api/v1/cases?sort=-priority&limit=2', { token });
      assert.equal(urgentFirst.body.items[0].id, ids[3]);
      const byRef = await server.call('GET', '/api/v1/cases?order_id=SO-4', { token });
      assert.deepEqual(byRef.body.items.map((c: { id: string }) => c.id), [ids[4]]);
      const byText = await server.call('GET', `/api/v1/cases?q=${encodeURIComponent('退款还没有')}`, { token });
      assert.deepEqual(byText.body.items.map((c: { id: string }) => c.id), [ids[2]]);
      const third = await server.call('GET', `/api/v1/cases/${ids[2]}`, { token });
      for (const q of [`#${third.body.number}`, String(third.body.number)]) {
        const byNumber = await server.call('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, { token });
        assert.ok(byNumber.body.items.some((c: { id: string }) => c.id === ids[2]), `q=${q} finds case number ${third.body.number}`);
      }
      const noSuchNumber = await server.call('GET', '/api/v1/cases?q=%23999999', { token });
      assert.deepEqual(noSuchNumber.body.items, []);
      const byTag = await server.call('GET', '/api/v1/cases?tag=vip', { token });
      assert.deepEqual(byTag.body.items.map((c: { id: string }) => c.id), [ids[5]]);
      const statuses = await server.call('GET', '/api/v1/cases?status=new,open&channel=api', { token });
      assert.equal(statuses.body.items.length, 7);

      const badCursor = await server.call('GET', `/api/v1/cases?sort=number&cursor=${page1.body.next_cursor}`, { token });
      assert.equal(badCursor.status, 400);
      assert.equal(badCursor.body.errors[0].field, 'querystring.cursor');
      const badStatus = await server.call('GET', '/api/v1/cases?status=opened', { token });
      assert.equal(badStatus.status, 400);
      assert.match(badStatus.body.errors[0].field, /^querystring\.status/);
    });

    it('links a case from the same customer about the same payment within 30 days as a repeat', async () => {
      const customer = { phone: '+86 138 0013 8000', name: '王芳' };
      const first = await newCase({ customer, refs: { transaction_id: 'T-REPEAT-1' } });
      server.clock.now = new Date(server.clock.now.getTime() + 5 * 86_400_000);
      const second = await newCase({ customer, refs: { transaction_id: 'T-REPEAT-1' } });
      assert.equal(second.body.repeat_of, first.body.id);
      assert.equal(second.body.customer_id, first.body.customer_id);
      const other = await newCase({ customer, refs: { transaction_id: 'T-OTHER' } });
      assert.equal(other.body.repeat_of, null);
      server.clock.now = new Date(server.clock.now.getTime() + 31 * 86_400_000);
      const late = await newCase({ customer, refs: { transaction_id: 'T-REPEAT-1' } });
      assert.equal(late.body.repeat_of, null, 'older than 30 days is not a repeat');

      const profile = await server.call('GET', `/api/v1/customers/${first.body.customer_id}`, { token: viewer });
      assert.equal(profile.status, 200);
      assert.equal(profile.body.phone, '+8613800138000');
      assert.equal(profile.body.cases.length, 4);
    });

    it('patches fields, assignment and tags, each on the timeline, and validates the assignee', async () => {
      const created = await newCase();
      const id = created.body.id as string;
      const supervisorId = server.tenant.seats.supervisor.userId;
      const patched = await server.call('PATCH', `/api/v1/cases/${id}`, { token: agent, body: { priority: 'urgent', assignee_id: supervisorId, team: 'L2', tags: ['escalated'], refs: { merchant_no: '898310048990001' } } });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.priority, 'urgent');
      assert.equal(patched.body.assignee_id, supervisorId);
      assert.equal(patched.body.team, 'L2');
      assert.deepEqual(patched.body.refs, { merchant_no: '898310048990001' });
      const timeline = await server.call('GET', `/api/v1/cases/${id}/timeline`, { token: agent });
      assert.deepEqual(timeline.body.items.map((item: { type: string }) => item.type), ['case.created', 'case.updated', 'case.assigned', 'case.tags_changed']);
      assert.deepEqual(timeline.body.items[2].payload.changes.assignee_id, [null, supervisorId]);

      const unknownUser = await server.call('PATCH', `/api/v1/cases/${id}`, { token: agent, body: { assignee_id: '00000000-0000-4000-8000-000000000000' } });
      assert.equal(unknownUser.status, 400);
      assert.equal(unknownUser.body.errors[0].field, 'body.assignee_id');
      const unknownTeam = await server.call('PATCH', `/api/v1/cases/${id}`, { token: agent, body: { team: 'L9' } });
      assert.equal(unknownTeam.status, 400);
      const statusViaPatch = await server.call('PATCH', `/api/v1/cases/${id}`, { token: agent, body: { status: 'closed' } });
      assert.equal(statusViaPatch.status, 400);
      const empty = await server.call('PATCH', `/api/v1/cases/${id}`, { token: agent, body: {} });
      assert.equal(empty.status, 400);
    });

    it('rejects malformed input with problem responses that name each field', async () => {
      const response = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '', priority: 'asap', amount: 12.5, currency: 'cny', channel: 'fax' }, headers: { 'accept-language': 'zh-CN' } });
      assert.equal(response.status, 400);
      assert.equal(response.body.type, 'urn:paydesk:problem:validation_failed');
      assert.equal(response.body.title, '请求内容不合法');
      const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
      assert.deepEqual(fields, ['body.amount', 'body.channel', 'body.currency', 'body.priority', 'body.subject']);

      const notJson = await server.call('POST', '/api/v1/cases', { token: agent, body: '{"subject": ', headers: { 'content-type': 'application/json' } });
      assert.equal(notJson.status, 400);
      assert.equal(notJson.body.code, 'bad_request');
      const wrongType = await server.call('POST', '/api/v1/cases', { token: agent, body: 'subject=x', headers: { 'content-type': 'text/csv' } });
      assert.equal(wrongType.status, 415);
      const huge = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'x', description: 'y'.repeat(1_100_000) } });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.code, 'payload_too_large');
      const badId = await server.call('GET', '/api/v1/cases/not-a-uuid', { token: agent });
      assert.equal(badId.status, 400);
      const missing = await server.call('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', { token: agent });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 'not_found');
      const noRoute = await server.call('GET', '/api/v1/nothing-here', { token: agent });
      assert.equal(noRoute.status, 404);
      assert.equal(noRoute.body.code, 'route_not_found');
      const alive = await server.call('GET', '/healthz');
      assert.deepEqual(alive.body, { status: 'ok' });
    });

    it('replays a write with the same Idempotency-Key and refuses the key for a different body', async () => {
      const headers = { 'idempotency-key': `key-${dialect}-1` };
      const first = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'Charged twice' }, headers });
      const again = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'Charged twice' }, headers });
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.equal(again.body.id, first.body.id);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      const list = await server.call('GET', '/api/v1/cases?q=Charged%20twice', { token: agent });
      assert.equal(list.body.items.length, 1, 'the retry created nothing');
      const different = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'Something else' }, headers });
      assert.equal(different.status, 422);
      assert.equal(different.body.code, 'idempotency_key_reused');
      const invalid = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '' }, headers: { 'idempotency-key': `key-${dialect}-2` } });
      assert.equal(invalid.status, 400);
      const corrected = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'Fixed body' }, headers: { 'idempotency-key': `key-${dialect}-2` } });
      assert.equal(corrected.status, 201, 'a rejected request does not burn its key');
    });

    it('never shows another tenant’s case: 404, not 403', async () => {
      const created = await newCase({ subject: 'Acme secret' });
      const other = await seedTenant(server.db.database, `other-${dialect}`);
      const token = other.seats.admin.token;
      for (const [method, path, body] of [
        ['GET', `/api/v1/cases/${created.body.id}`, undefined],
        ['PATCH', `/api/v1/cases/${created.body.id}`, { priority: 'low' }],
        ['POST', `/api/v1/cases/${created.body.id}/messages`, { direction: 'note', body: 'x' }],
        ['POST', `/api/v1/cases/${created.body.id}/transitions`, { to: 'open' }],
        ['GET', `/api/v1/cases/${created.body.id}/timeline`, undefined],
        ['GET', `/api/v1/customers/${created.body.customer_id ?? '00000000-0000-4000-8000-000000000000'}`, undefined],
      ] as const) {
        const response = await server.call(method, path, { token, body });
        assert.equal(response.status, 404, `${method} ${path}`);
      }
      const list = await server.call('GET', '/api/v1/cases?q=Acme%20secret', { token });
      assert.equal(list.body.items.length, 0);
    });
  });
}

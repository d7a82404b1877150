import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestServer, type TestServer } from '../helpers/harness.js';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

for (const dialect of dialects) {
  describe(`hostile and odd input gets a 4xx problem, never a 500 [${dialect}]`, () => {
    let server: TestServer;
    let token: string;
    let caseId: string;
    before(async () => {
      server = await startTestServer(dialect);
      token = server.tenant.seats.agent.token;
      const created = await server.call('POST', '/api/v1/cases', { token, body: { subject: 'target', customer: { email: 'odd@example.com' } } });
      caseId = created.body.id;
    });
    after(async () => server.close());

    it('refuses forged cursors for every paged list', async () => {
      const forged = [
        `/api/v1/cases?cursor=${forge({ s: '-created_at', v: ['garbage', 'x'] })}`,
        `/api/v1/cases?sort=number&cursor=${forge({ s: 'number', v: ['abc', 'x'] })}`,
        `/api/v1/cases?sort=-priority&cursor=${forge({ s: '-priority', v: [1e300, '2026-01-01T00:00:00.000Z', 'x'] })}`,
        `/api/v1/cases/${caseId}/timeline?cursor=${forge({ s: 'timeline', v: [1e300] })}`,
        `/api/v1/cases/${caseId}/messages?cursor=${forge({ s: 'messages', v: ['yesterday', "' or 1=1"] })}`,
        `/api/v1/customers?cursor=${forge({ s: 'customers', v: [{}, []] })}`,
        '/api/v1/cases?cursor=%E2%98%83%E2%98%83',
      ];
      for (const path of forged) {
        const response = await server.call('GET', path, { token });
        assert.equal(response.status, 400, path);
        assert.equal(response.body.errors[0].field, 'querystring.cursor');
      }
    });

    it('answers paths the router refuses with a problem in the caller’s language', async () => {
      const long = await server.call('GET', `/public/v1/${'a'.repeat(101)}/kb/articles`, { headers: { 'accept-language': 'zh-CN' } });
      assert.equal(long.status, 414);
      assert.match(long.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(long.body.code, 'uri_too_long');
      assert.equal(long.body.title, '请求路径过长');
      assert.match(long.body.detail, /100/);
      const broken = await server.call('GET', `/api/v1/cases/%E0%A4%A`, { token });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.code, 'bad_request');
      const socket = await server.call('GET', '/public/v1/chat/ws');
      assert.equal(socket.status, 426);
      assert.equal(socket.body.code, 'upgrade_required');
      assert.equal(socket.headers.get('upgrade'), 'websocket');
      const fine = await server.call('GET', `/public/v1/${'a'.repeat(63)}/kb/articles`);
      assert.equal(fine.status, 404, 'a long but valid slug is routed and simply not found');
      assert.equal(fine.body.code, 'not_found');
    });

    it('words field errors in the caller’s language, zod’s checks and ours alike', async () => {
      const admin = server.tenant.seats.admin.token;
      const body = { name: 'x'.repeat(201), targets: [{ name: 'first_reply', kind: 'elapsed', hours: 1 }, { name: 'first_reply', kind: 'business' }], reminders: { percents: [0] } };
      const zh = await server.call('POST', '/api/v1/sla-policies', { token: admin, body, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
      const en = await server.call('POST', '/api/v1/sla-policies', { token: admin, body, headers: { 'accept-language': 'en' } });
      assert.equal(zh.status, 400);
      const byField = (response: typeof zh) => Object.fromEntries(response.body.errors.map((error: { field: string; message: string }) => [error.field, error.message]));
      const zhErrors = byField(zh);
      const enErrors = byField(en);
      assert.deepEqual(Object.keys(zhErrors).sort(), Object.keys(enErrors).sort(), 'the same fields in both languages');
      assert.equal(zhErrors['body.name'], '最多 200 个字符');
      assert.match(enErrors['body.name'], /200/);
      assert.equal(zhErrors['body.targets.1.hours'], 'business 时钟须填写小时数');
      assert.equal(enErrors['body.targets.1.hours'], 'required for a business clock');
      assert.equal(zhErrors['body.reminders.percents.0'], '不能小于 1');
      assert.ok(Object.values(zhErrors).every((message) => /\p{Script=Han}/u.test(String(message))), JSON.stringify(zhErrors));
      assert.ok(zh.body.errors.every((error: object) => Object.keys(error).sort().join() === 'field,message'), 'nothing but field and message is sent');
    });

    it('refuses NUL characters in bodies and query strings, naming the field', async () => {
      const body = await server.call('POST', '/api/v1/cases', { token, body: { subject: 'a\u0000b', refs: { order_id: 'SO\u00001' } } });
      assert.equal(body.status, 400);
      assert.deepEqual(body.body.errors.map((error: { field: string }) => error.field).sort(), ['body.refs.order_id', 'body.subject']);
      const query = await server.call('GET', '/api/v1/cases?q=%00x', { token });
      assert.equal(query.status, 400);
      assert.equal(query.body.errors[0].field, 'querystring.q');
    });

    it('keeps instants within years 1970–9999 and returns what was stored', async () => {
      for (const due of ['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z']) {
        const response = await server.call('PATCH', `/api/v1/cases/${caseId}`, { token, body: { due_at: due } });
        assert.equal(response.status, 400, due);
      }
      const far = await server.call('GET', `/api/v1/cases?due_before=${encodeURIComponent('9999-12-31T23:59:59-14:00')}`, { token });
      assert.equal(far.status, 400);
      const ok = await server.call('PATCH', `/api/v1/cases/${caseId}`, { token, body: { due_at: '1999-03-04T05:06:07+08:00' } });
      assert.equal(ok.body.due_at, '1999-03-03T21:06:07.000Z');
      const again = await server.call('GET', `/api/v1/cases/${caseId}`, { token });
      assert.equal(again.body.due_at, '1999-03-03T21:06:07.000Z');
    });

    it('answers a broken multipart upload with 400', async () => {
      const url = `${server.baseUrl}/api/v1/cases/${caseId}/attachments`;
      const headers = { authorization: `Bearer ${token}` };
      const noBoundary = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'multipart/form-data' }, body: 'x' });
      assert.ok([400, 415].includes(noBoundary.status), `no boundary → ${noBoundary.status}`);
      const truncated = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhalf a file' });
      assert.equal(truncated.status, 400);
      assert.equal(((await truncated.json()) as { code: string }).code, 'bad_request');
    });

    it('refuses a resolution code on a move that is not a resolve', async () => {
      const response = await server.call('POST', `/api/v1/cases/${caseId}/transitions`, { token, body: { to: 'pending_customer', resolution: 'full_refund' } });
      assert.equal(response.status, 400);
      assert.equal(response.body.errors[0].field, 'body.resolution');
    });

    it('masks a card number typed into a reference or tag, and still finds the case by the raw value', async () => {
      const created = await server.call('POST', '/api/v1/cases', { token, body: { subject: 'pasted card', refs: { order_id: '4111111111111111' }, tags: ['4111-1111-1111-1111'] } });
      assert.equal(created.body.refs.order_id, '411111******1111');
      assert.deepEqual(created.body.tags, ['411111******1111']);
      const found = await server.call('GET', '/api/v1/cases?order_id=4111111111111111', { token });
      assert.deepEqual(found.body.items.map((item: { id: string }) => item.id), [created.body.id]);
    });

    it('searches text case-insensitively beyond ASCII', async () => {
      const created = await server.call('POST', '/api/v1/cases', { token, body: { subject: 'Ärger mit der Rückerstattung' } });
      for (const q of ['ärger', 'ÄRGER', 'rückerstattung']) {
        const found = await server.call('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, { token });
        assert.deepEqual(found.body.items.map((item: { id: string }) => item.id), [created.body.id], q);
      }
    });
  });

  describe(`tokens follow their users [${dialect}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => server.close());

    it('stops a deactivated user’s token and never grants more than the user’s role', async () => {
      const admin = server.tenant.seats.admin.token;
      const user = await server.call('POST', '/api/v1/users', { token: admin, body: { name: '赵敏', role: 'agent', team: 'L1' } });
      const issued = await server.call('POST', '/api/v1/tokens', { token: admin, body: { name: 'over-privileged', role: 'admin', user_id: user.body.id } });
      const me = await server.call('GET', '/api/v1/me', { token: issued.body.token });
      assert.equal(me.body.role, 'agent', 'an admin token of an agent acts as an agent');
      assert.equal(me.body.name, '赵敏');
      assert.equal((await server.call('GET', '/api/v1/tokens', { token: issued.body.token })).status, 403);
      await server.call('PATCH', `/api/v1/users/${user.body.id}`, { token: admin, body: { active: false } });
      assert.equal((await server.call('GET', '/api/v1/me', { token: issued.body.token })).status, 401);
    });

    it('does not store or replay a new token’s secret for an Idempotency-Key', async () => {
      const admin = server.tenant.seats.admin.token;
      const headers = { 'idempotency-key': 'token-once' };
      const first = await server.call('POST', '/api/v1/tokens', { token: admin, body: { name: 'ci', role: 'viewer' }, headers });
      const second = await server.call('POST', '/api/v1/tokens', { token: admin, body: { name: 'ci', role: 'viewer' }, headers });
      assert.notEqual(first.body.token, second.body.token);
      const stored = await server.db.database.db.selectFrom('idempotency_keys').select('response_body').execute();
      assert.ok(stored.every((row) => !(row.response_body ?? '').includes(first.body.token)));
    });

    it('answers two simultaneous sign-ups with the same e-mail with one 201 and 409s', async () => {
      const admin = server.tenant.seats.admin.token;
      const responses = await Promise.all(Array.from({ length: 5 }, () => server.call('POST', '/api/v1/users', { token: admin, body: { name: 'Dup', email: 'dup@example.com', role: 'agent' } })));
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409, 409]);
    });

    it('keeps Idempotency-Keys apart between two tokens of one tenant', async () => {
      const headers = { 'idempotency-key': 'shared-key' };
      const one = await server.call('POST', '/api/v1/cases', { token: server.tenant.seats.agent.token, body: { subject: 'from integration A' }, headers });
      const two = await server.call('POST', '/api/v1/cases', { token: server.tenant.seats.supervisor.token, body: { subject: 'from integration B' }, headers });
      assert.equal(one.status, 201);
      assert.equal(two.status, 201);
      assert.notEqual(one.body.id, two.body.id);
    });
  });
}

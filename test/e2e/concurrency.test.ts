import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { verifyChain } from '../../src/audit/audit.service.js';
import { buildApp } from '../../src/http/app.js';
import { dialects, startTestServer, testConfig, type TestServer } from '../helpers/harness.js';

for (const dialect of dialects) {
  describe(`writes at the same time [${dialect}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => server.close());

    it('numbers 40 cases created at once without gaps or duplicates, and keeps the chain intact', async () => {
      const token = server.tenant.seats.agent.token;
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, index) => server.call('POST', '/api/v1/cases', { token, body: { subject: `burst ${index}`, customer: { email: `c${index % 5}@example.com` } } })),
      );
      assert.deepEqual(responses.map((response) => response.status), Array(40).fill(201));
      const numbers = responses.map((response) => response.body.number as number).sort((a, b) => a - b);
      assert.deepEqual(numbers, Array.from({ length: 40 }, (_, index) => index + 1));
      const chain = await verifyChain(server.db.database.db, server.tenant.tenantId);
      assert.equal(chain.ok, true);
    });

    it('takes messages, edits and status changes on one case at the same time without failing any', async () => {
      const token = server.tenant.seats.agent.token;
      const created = await server.call('POST', '/api/v1/cases', { token, body: { subject: 'busy case', customer: { email: 'busy@example.com' } } });
      const id = created.body.id as string;
      const writes = Array.from({ length: 30 }, (_, index) => {
        if (index % 3 === 0) return server.call('POST', `/api/v1/cases/${id}/messages`, { token, body: { direction: index % 2 ? 'inbound' : 'outbound', body: `m${index}` } });
        if (index % 3 === 1) return server.call('PATCH', `/api/v1/cases/${id}`, { token, body: { tags: [`t${index}`] } });
        return server.call('POST', '/api/v1/cases', { token, body: { subject: `neighbour ${index}`, customer: { email: 'busy@example.com' } } });
      });
      const statuses = (await Promise.all(writes)).map((response) => response.status);
      assert.deepEqual(statuses.filter((status) => status >= 300), []);
      const messages = await server.call('GET', `/api/v1/cases/${id}/messages`, { token });
      assert.equal(messages.body.items.length, 10);
      assert.equal((await verifyChain(server.db.database.db, server.tenant.tenantId)).ok, true);
    });

    it('mixes new customers, known customers, repeats and replies at once without a deadlock', async () => {
      const token = server.tenant.seats.agent.token;
      const seeds = await Promise.all(Array.from({ length: 10 }, (_, index) => server.call('POST', '/api/v1/cases', { token, body: { subject: `seed ${index}`, customer: { email: `mix${index}@example.com` }, refs: { order_id: `MIX-${index}` } } })));
      const writes = seeds.flatMap((seed, index) => [
        server.call('POST', '/api/v1/cases', { token, body: { subject: 'by email, adds phone', customer: { email: `mix${index}@example.com`, phone: `+86 139 0000 ${String(1000 + index)}` }, refs: { order_id: `MIX-${index}` } } }),
        server.call('POST', '/api/v1/cases', { token, body: { subject: 'by id', customer_id: seed.body.customer_id, refs: { order_id: `MIX-${index}` } } }),
        server.call('POST', `/api/v1/cases/${seed.body.id}/messages`, { token, body: { direction: 'outbound', body: 'we are on it' } }),
        server.call('PATCH', `/api/v1/cases/${seed.body.id}`, { token, body: { priority: 'high' } }),
      ]);
      const responses = await Promise.all(writes);
      assert.deepEqual(responses.filter((response) => response.status >= 300).map((response) => response.text), []);
      const repeats = responses.filter((response) => response.body.repeat_of);
      assert.equal(repeats.length, 20, 'every follow-up about the same order is linked');
      assert.equal((await verifyChain(server.db.database.db, server.tenant.tenantId)).ok, true);
    });

    it('lets exactly one of two simultaneous requests with the same Idempotency-Key create a case', async () => {
      const token = server.tenant.seats.agent.token;
      const headers = { 'idempotency-key': 'simultaneous' };
      const [first, second] = await Promise.all([
        server.call('POST', '/api/v1/cases', { token, body: { subject: 'double click' }, headers }),
        server.call('POST', '/api/v1/cases', { token, body: { subject: 'double click' }, headers }),
      ]);
      const statuses = [first?.status, second?.status].sort();
      assert.ok(statuses[0] === 201 && (statuses[1] === 201 || statuses[1] === 409), `got ${statuses.join(', ')}`);
      const list = await server.call('GET', '/api/v1/cases?q=double%20click', { token });
      assert.equal(list.body.items.length, 1);
    });
  });
}

describe('request logs', () => {
  it('are JSON lines that record rejected input and never contain a token', async () => {
    const server = await startTestServer('sqlite');
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done(); } });
    const app = await buildApp({ database: server.db.database, config: testConfig(server.db.dataDir), now: () => new Date(), secretKey: server.secretKey, fetch: globalThis.fetch }, { logger: pino({ level: 'info', redact: ['req.headers.authorization'] }, sink) });
    try {
      const token = server.tenant.seats.agent.token;
      const ok = await app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` } });
      assert.equal(ok.statusCode, 200);
      const bad = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { subject: '' } });
      assert.equal(bad.statusCode, 400);
      const parsed = lines.map((line) => JSON.parse(line) as { msg?: string; code?: string });
      assert.ok(parsed.some((entry) => entry.msg === 'request rejected' && entry.code === 'validation_failed'));
      assert.ok(!lines.join('\n').includes(token), 'the bearer token appears in no log line');
    } finally {
      await app.close();
      await server.close();
    }
  });
});

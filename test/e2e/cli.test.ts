import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runCli, startServe } from '../helpers/cli.js';
import { dialects, openTestDatabase, type TestDatabase } from '../helpers/harness.js';

for (const dialect of dialects) describe(`paydesk from the command line [${dialect}]`, () => {
  let test: TestDatabase;
  let env: Record<string, string>;
  before(async () => {
    // A fresh, empty store: its own SQLite folder, or its own PostgreSQL schema.
    test = await openTestDatabase(dialect);
    env = test.url ? { PAYDESK_DATA_DIR: test.dataDir, PAYDESK_DATABASE_URL: test.url, PAYDESK_DATABASE_SCHEMA: test.schema ?? '' } : { PAYDESK_DATA_DIR: test.dataDir };
  });
  after(async () => test.cleanup());

  it('first start prints an admin token once, and curl-style calls run a case from open to resolved', async () => {
    const served = await startServe(env);
    try {
      const token = /^ {2}(pdk_\S+)$/m.exec(served.stdout())?.[1];
      assert.ok(token, `no token in: ${served.stdout()}`);
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${served.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: response.status, body: (await response.json()) as Record<string, any> };
      };
      const health = await fetch(`${served.baseUrl}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const me = await call('GET', '/api/v1/me');
      assert.equal(me.body.tenant.slug, 'default');
      assert.equal(me.body.tenant.timezone, 'Asia/Shanghai');
      const created = await call('POST', '/api/v1/cases', { subject: '退款 3 天未到账', category: 'refund.delayed' });
      assert.equal(created.status, 201);
      assert.equal((await call('POST', `/api/v1/cases/${created.body.id}/messages`, { direction: 'outbound', body: '已为您查询，预计 1-3 个工作日到账。' })).status, 201);
      const resolved = await call('POST', `/api/v1/cases/${created.body.id}/transitions`, { to: 'resolved', resolution: 'explained' });
      assert.equal(resolved.body.status, 'resolved');
      const timeline = await call('GET', `/api/v1/cases/${created.body.id}/timeline`);
      assert.ok(timeline.body.items.length >= 4);
      const bad = await call('POST', '/api/v1/cases', { subject: 42 });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].field, 'body.subject');
      const metrics = await (await fetch(`${served.baseUrl}/metrics`)).text();
      assert.match(metrics, /paydesk_cases\{status="resolved"\} 1/);
      assert.match(metrics, /paydesk_http_requests_total\{method="POST",route="\/api\/v1\/cases",status="201"\} 1/);
      const docs = await fetch(`${served.baseUrl}/docs`, { redirect: 'follow' });
      assert.equal(docs.status, 200);
      assert.match(await docs.text(), /swagger/i);
    } finally {
      served.child.kill('SIGTERM');
      assert.equal(await served.exited, 0);
    }
    const second = await startServe(env);
    second.child.kill('SIGTERM');
    await second.exited;
    assert.doesNotMatch(second.stdout(), /pdk_/, 'the token is shown only on the very first start');
  });

  it('creates tokens (printing only the token) and tenants, and explains mistakes', async () => {
    const token = await runCli(['token', 'create', '--tenant', 'default', '--role', 'agent', '--name', 'CRM bridge'], env);
    assert.equal(token.code, 0);
    assert.match(token.stdout, /^pdk_[A-Za-z0-9_-]{43}\n$/);
    const badRole = await runCli(['token', 'create', '--tenant', 'default', '--role', 'root', '--name', 'x'], env);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /--role must be one of admin, supervisor, agent, viewer/);
    const noTenant = await runCli(['token', 'create', '--tenant', 'nope', '--role', 'agent', '--name', 'x'], env);
    assert.equal(noTenant.code, 1);
    const tenant = await runCli(['tenant', 'create', 'shop-sg', '--name', 'Shop SG', '--timezone', 'Asia/Singapore'], env);
    assert.equal(tenant.code, 0, tenant.stderr);
    assert.match(tenant.stdout, /created tenant shop-sg \(Asia\/Singapore\)/);
    const duplicate = await runCli(['tenant', 'create', 'shop-sg', '--name', 'again'], env);
    assert.equal(duplicate.code, 1);
    const badZone = await runCli(['tenant', 'create', 'mars', '--timezone', 'Mars/Olympus'], env);
    assert.equal(badZone.code, 1);
    assert.match(badZone.stderr, /timezone: unknown time zone "Mars\/Olympus"/);
    const unknown = await runCli(['frobnicate'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Usage: paydesk/);
  });

  it('refuses to start with a bad variable and names every one', async () => {
    const result = await runCli(['serve'], { ...env, PAYDESK_PORT: 'eighty', PAYDESK_DATABASE_URL: 'mysql://x' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /PAYDESK_PORT/);
    assert.match(result.stderr, /PAYDESK_DATABASE_URL: must be a postgres:\/\/ URL/);
  });

  it('loses no acknowledged case when killed with SIGKILL under load, and seals its events after restart', async () => {
    const served = await startServe(env);
    const token = (await runCli(['token', 'create', '--tenant', 'default', '--role', 'agent', '--name', 'crash'], env)).stdout.trim();
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (worker: number) => {
      for (let index = 0; !stop; index += 1) {
        try {
          const response = await fetch(`${served.baseUrl}/api/v1/cases`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ subject: `crash ${worker}-${index}` }) });
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 4 }, (_, worker) => writer(worker));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    served.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await served.exited;
    assert.ok(acknowledged.length > 10, `only ${acknowledged.length} creates before the kill`);

    const restarted = await startServe(env);
    try {
      for (const id of acknowledged) {
        const response = await fetch(`${restarted.baseUrl}/api/v1/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(response.status, 200, `acknowledged case ${id} is gone`);
      }
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
    const verified = await runCli(['audit', 'verify'], env);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  });

  it('finishes an in-flight request on SIGTERM before exiting', async () => {
    const served = await startServe(env);
    const token = (await runCli(['token', 'create', '--tenant', 'default', '--role', 'agent', '--name', 'shutdown'], env)).stdout.trim();
    const created = await fetch(`${served.baseUrl}/api/v1/cases`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'slow upload' }) });
    const caseId = ((await created.json()) as { id: string }).id;
    const boundary = 'paydeskboundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="late.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const content = 'bank transfer receipt';
    const url = new URL(`${served.baseUrl}/api/v1/cases/${caseId}/attachments`);
    const status = new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': Buffer.byteLength(head + content + tail) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(head);
      setTimeout(() => {
        served.child.kill('SIGTERM');
        setTimeout(() => req.end(content + tail), 300);
      }, 300);
    });
    assert.equal(await status, 201);
    assert.equal(await served.exited, 0);
  });
});

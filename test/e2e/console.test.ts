import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startTestServer } from '../helpers/harness.js';

// A stand-in build: the serving rules do not depend on what Vite wrote.
const webRoot = mkdtempSync(join(tmpdir(), 'paydesk-console-'));
mkdirSync(join(webRoot, 'assets'));
writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Paydesk console</title><script type="module" src="/assets/app-abc123.js"></script>');
writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), 'console.log("paydesk")');
after(() => rmSync(webRoot, { recursive: true, force: true }));
const html = { accept: 'text/html,application/xhtml+xml' };

test('the console is served at / and at every client-side route a browser navigates to, with a strict CSP', async () => {
  const server = await startTestServer('sqlite', {}, { webRoot });
  try {
    for (const path of ['/', '/cases/6f7c1e1a-0000-4000-8000-000000000000', '/dashboard', '/settings/users?x=1']) {
      const page = await server.call('GET', path, { headers: html });
      assert.equal(page.status, 200, path);
      assert.match(page.text, /Paydesk console/);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self';/);
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
      assert.equal(page.headers.get('cache-control'), 'no-cache');
    }
    const asset = await server.call('GET', '/assets/app-abc123.js');
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  } finally {
    await server.close();
  }
});

test('API, webhook and unknown asset paths stay JSON problems even for a browser; non-HTML requests are never the console', async () => {
  const server = await startTestServer('sqlite', {}, { webRoot });
  try {
    for (const path of ['/api/v1/nope', '/webhooks/nowhere/acme', '/assets/missing.js', '/docsx/../api/v1/x']) {
      const response = await server.call('GET', path, { headers: html });
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/, path);
    }
    const json = await server.call('GET', '/dashboard', { headers: { accept: 'application/json' } });
    assert.equal(json.status, 404);
    assert.equal(json.body.code, 'route_not_found');
    const post = await server.call('POST', '/dashboard', { headers: html, body: {} });
    assert.equal(post.status, 404);
    // The API itself is untouched.
    const me = await server.call('GET', '/api/v1/me', { token: server.tenant.seats.viewer.token, headers: html });
    assert.equal(me.status, 200);
    assert.equal(me.body.role, 'viewer');
  } finally {
    await server.close();
  }
});

test('without a build the console path explains how to build it, in both languages', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'paydesk-console-empty-'));
  const server = await startTestServer('sqlite', {}, { webRoot: empty });
  try {
    const page = await server.call('GET', '/', { headers: html });
    assert.equal(page.status, 503);
    assert.match(page.text, /npm run build:web/);
    assert.match(page.text, /控制台尚未构建/);
    // Built while the server runs (npm run build:web): served at once, assets included.
    mkdirSync(join(empty, 'assets'));
    writeFileSync(join(empty, 'index.html'), '<!doctype html><title>Paydesk console</title>');
    writeFileSync(join(empty, 'assets', 'late-1.js'), 'console.log(1)');
    assert.equal((await server.call('GET', '/', { headers: html })).status, 200);
    const late = await server.call('GET', '/assets/late-1.js');
    assert.equal(late.status, 200);
    assert.equal(late.text, 'console.log(1)');
  } finally {
    await server.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startTestServer } from '../helpers/harness.js';

// A stand-in build with both pages and the widget loader: the serving rules do not depend on Vite.
const webRoot = mkdtempSync(join(tmpdir(), 'paydesk-portal-web-'));
mkdirSync(join(webRoot, 'assets'));
mkdirSync(join(webRoot, 'portal'));
writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Paydesk console</title>');
writeFileSync(join(webRoot, 'portal', 'index.html'), '<!doctype html><title>Paydesk portal</title>');
writeFileSync(join(webRoot, 'widget.js'), '(function(){window.PaydeskWidget={open(){},close(){}}})();');
after(() => rmSync(webRoot, { recursive: true, force: true }));
const html = { accept: 'text/html,application/xhtml+xml' };

test('portal navigations get the portal page; only its chat page may be framed by other sites', async () => {
  const server = await startTestServer('sqlite', {}, { webRoot });
  try {
    for (const path of ['/portal', '/portal/', '/portal/articles/refund-timeline?locale=zh-CN', '/portal/new?category=card_declined', '/portal/status/abc.def']) {
      const page = await server.call('GET', path, { headers: html });
      assert.equal(page.status, 200, path);
      assert.match(page.text, /Paydesk portal/, path);
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self';/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/, path);
      assert.equal(page.headers.get('x-frame-options'), 'DENY', path);
    }
    for (const path of ['/portal/chat', '/portal/chat?tenant=acme&embed=1&locale=en']) {
      const chat = await server.call('GET', path, { headers: html });
      assert.equal(chat.status, 200, path);
      assert.match(chat.text, /Paydesk portal/);
      const csp = chat.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors \*/);
      assert.match(csp, /script-src 'self';/);
      assert.match(csp, /connect-src 'self' ws:/);
      assert.equal(chat.headers.get('x-frame-options'), null);
    }
    // The console keeps its own page and its strict rules; a path that merely starts like the portal is the console's.
    for (const path of ['/', '/portalx', '/cases/1']) {
      const page = await server.call('GET', path, { headers: html });
      assert.match(page.text, /Paydesk console/, path);
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
    }
  } finally {
    await server.close();
  }
});

test('/widget.js is the loader, readable and cacheable from any merchant site', async () => {
  const server = await startTestServer('sqlite', {}, { webRoot });
  try {
    const widget = await server.call('GET', '/widget.js', { headers: { origin: 'https://shop.example.com', accept: '*/*' } });
    assert.equal(widget.status, 200);
    assert.match(widget.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(widget.headers.get('access-control-allow-origin'), '*');
    assert.equal(widget.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(widget.headers.get('x-content-type-options'), 'nosniff');
    assert.match(widget.headers.get('cache-control') ?? '', /max-age=300/);
    assert.match(widget.text, /PaydeskWidget/);
  } finally {
    await server.close();
  }
});

test('before a build the widget path is still harmless JavaScript, and the portal explains how to build', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'paydesk-portal-empty-'));
  const server = await startTestServer('sqlite', {}, { webRoot: empty });
  try {
    const widget = await server.call('GET', '/widget.js');
    assert.equal(widget.status, 503);
    assert.match(widget.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(widget.text, /^console\.warn\(/);
    const portal = await server.call('GET', '/portal/', { headers: html });
    assert.equal(portal.status, 503);
    assert.match(portal.text, /npm run build:web/);
  } finally {
    await server.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

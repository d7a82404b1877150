import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, startServe } from '../helpers/cli.js';

// The README's path: `npm start` in one terminal, `npx paydesk demo` in another, on the same
// SQLite file, while agents keep writing. Two processes must queue for the write lock, not fail.
test('paydesk demo loads into the SQLite file of a running desk that is taking writes', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paydesk-demo-live-'));
  const served = await startServe({ PAYDESK_DATA_DIR: dataDir, PAYDESK_TIMER_INTERVAL_MS: '50' });
  try {
    const token = /\b(pdk_[A-Za-z0-9_-]+)/.exec(served.stdout())?.[1];
    assert.ok(token);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const response = await fetch(`${served.baseUrl}/api/v1/cases`, { method: 'POST', headers, body: JSON.stringify({ subject: `支付失败 ${written}`, description: '银行卡扣款但订单未支付' }) });
        assert.equal(response.status, 201, await response.text());
        written += 1;
      }
    })();
    const demo = await runCli(['demo', '--cases', '80'], { PAYDESK_DATA_DIR: dataDir });
    writing = false;
    await writer;
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /demo: created 80 cases/);
    assert.ok(written > 0);
    const list = await fetch(`${served.baseUrl}/api/v1/cases?limit=200&status=new,open,pending_customer,pending_internal,paused,resolved,closed`, { headers });
    const body = (await list.json()) as { items: unknown[] };
    assert.ok(body.items.length >= Math.min(200, 80 + written));
  } finally {
    served.child.kill('SIGTERM');
    await served.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

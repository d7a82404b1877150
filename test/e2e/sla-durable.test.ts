import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/database.js';
import { deliverDue } from '../../src/notify/outbox.worker.js';
import { linksFor } from '../../src/runtime.js';
import { fireDueTimers } from '../../src/sla/timers.worker.js';
import { startFakeWecom } from '../fakes/wecom.js';
import { startServe } from '../helpers/cli.js';
import { dialects, openTestDatabase, startTestServer, testConfig } from '../helpers/harness.js';

const quiet = { error() {}, warn() {}, info() {} };

async function waitFor(check: () => boolean, ms: number) {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await sleep(100);
}

for (const dialect of dialects) {
  describe(`durable SLA timers across a restart [${dialect}]`, () => {
    it('sends reminders that fell due while the desk was down once (the latest only) when it comes back, then the breach once', async () => {
      const test = await openTestDatabase(dialect);
      const wecom = await startFakeWecom();
      after(async () => {
        await wecom.close();
        await test.cleanup();
      });
      const env: Record<string, string> = test.url ? { PAYDESK_DATA_DIR: test.dataDir, PAYDESK_DATABASE_URL: test.url, PAYDESK_DATABASE_SCHEMA: test.schema ?? '' } : { PAYDESK_DATA_DIR: test.dataDir };
      const booting = Date.now();
      const first = await startServe(env);
      // The deadline is set from how long this machine takes to start the desk (migrations and the
      // classifier's training), so a loaded machine gets a longer race instead of a lost one.
      const windowMs = Math.max(40_000, 4 * (Date.now() - booting));
      const token = /^ {2}(pdk_\S+)$/m.exec(first.stdout())?.[1] ?? '';
      const call = async (base: string, path: string, body: unknown) => {
        const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const text = await response.text();
        assert.ok(response.status < 300, `${path}: ${response.status} ${text}`);
        return JSON.parse(text) as { id: string; number: number; clocks: Array<{ due_at: string }> };
      };
      await call(first.baseUrl, '/api/v1/notification-channels', { name: 'robot', config: { kind: 'wecom', url: wecom.url } });
      // Reminders at 15 % and 30 % of the window and the breach at its end: the desk is stopped before the
      // first, stays down past the second, and has the remaining 70 % of the window to come back.
      const hours = Math.ceil(windowMs / 360) / 10_000;
      await call(first.baseUrl, '/api/v1/sla-policies', { name: 'tight', targets: [{ name: 'first_reply', kind: 'elapsed', hours }], reminders: { percents: [15, 30], before_minutes: [] }, breach_actions: ['notify'] });
      const created = await call(first.baseUrl, '/api/v1/cases', { subject: 'terminal offline', category: 'pos.network' });
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
      assert.equal(wecom.received.length, 0, 'nothing was due before the stop');

      const due = Date.parse(created.clocks[0]?.due_at ?? '');
      // Down past both reminder points; back before the deadline.
      await sleep(Math.max(0, due - hours * 3_600_000 * 0.7 - Date.now()) + 500);
      const second = await startServe(env);
      try {
        await waitFor(() => wecom.received.length >= 1, Math.max(0, due - Date.now()));
        assert.ok(Date.now() < due, 'the desk was back before the deadline');
        const reminder = wecom.received.map((message) => message.markdown?.content ?? '');
        assert.equal(reminder.length, 1, `the missed reminders went out as one: ${reminder.join('\n---\n')}`);
        assert.match(reminder[0] ?? '', /提醒/);
        await waitFor(() => wecom.received.length >= 2, Math.max(0, due - Date.now()) + 5_000);
        await sleep(1500);
        const texts = wecom.received.map((message) => message.markdown?.content ?? '');
        assert.equal(texts.length, 2, texts.join('\n---\n'));
        assert.match(texts[1] ?? '', /超时/);
        assert.ok(texts.every((text) => text.includes(String(created.number))));
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    });
  });
}

if (dialects.includes('postgres')) {
  describe('two nodes on one PostgreSQL', () => {
    it('fire every timer exactly once and send every reminder once', async () => {
      const server = await startTestServer('postgres');
      const wecom = await startFakeWecom();
      const second = openDatabase({ kind: 'postgres', url: server.db.url ?? '', schema: server.db.schema ?? undefined, maxConnections: 5 });
      after(async () => {
        await second.destroy();
        await wecom.close();
        await server.close();
      });
      const admin = server.tenant.seats.admin.token;
      await server.call('POST', '/api/v1/notification-channels', { token: admin, body: { name: 'robot', config: { kind: 'wecom', url: wecom.url, format: 'text' } } });
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'p', targets: [{ name: 'first_reply', kind: 'elapsed', hours: 4 }], reminders: { percents: [50], before_minutes: [] }, breach_actions: [] } });
      const numbers: number[] = [];
      for (let index = 0; index < 60; index += 1) {
        numbers.push((await server.call('POST', '/api/v1/cases', { token: admin, body: { subject: `case ${index}`, category: 'other' } })).body.number);
      }
      server.clock.now = new Date(server.clock.now.getTime() + 3 * 3600_000);
      const nodes = [server.db.database, second];
      const links = linksFor(testConfig(server.db.dataDir));
      const now = () => server.clock.now;
      // Both nodes poll at once with small batches, so they keep reaching for the same rows.
      await Promise.all(nodes.map(async (node) => {
        while ((await fireDueTimers(node.db, { now, links, log: quiet }, 3)) > 0);
      }));
      await Promise.all(nodes.map(async (node) => {
        while ((await deliverDue(node.db, { now, fetch: globalThis.fetch, secretKey: server.secretKey, log: quiet })) > 0);
      }));
      const fired = await server.db.database.db.selectFrom('sla_timers').select(['state']).where('kind', '=', 'reminder').execute();
      assert.equal(fired.filter((row) => row.state === 'fired').length, 60);
      const perCase = new Map<number, number>();
      for (const message of wecom.received) {
        const number = numbers.find((candidate) => new RegExp(`#${candidate}\\b`).test(message.text?.content ?? ''));
        assert.ok(number !== undefined, message.text?.content);
        perCase.set(number, (perCase.get(number) ?? 0) + 1);
      }
      assert.equal(wecom.received.length, 60);
      assert.ok([...perCase.values()].every((count) => count === 1));
      assert.equal(perCase.size, 60);
    });
  });
}

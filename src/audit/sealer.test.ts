import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { openDatabase } from '../db/database.js';
import { dialects, openTestDatabase, type TestDatabase } from '../../test/helpers/harness.js';
import { createTenant } from '../tenants/tenants.service.js';
import { appendEvent, sealTenant, systemActor, verifyChain } from './audit.service.js';
import { startSealer } from './sealer.js';

for (const dialect of dialects) {
  describe(`sealing audit events into the chain [${dialect}]`, () => {
    let test: TestDatabase;
    before(async () => {
      test = await openTestDatabase(dialect);
    });
    after(async () => test.cleanup());

    const pendingCount = async (tenantId: string) =>
      Number((await test.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('seq', 'is', null).executeTakeFirstOrThrow()).n);

    it('seals events in the background within moments, in the order they were written', async () => {
      const tenant = await createTenant(test.database.db, { slug: 'sealed', name: 'S', timezone: 'Asia/Shanghai' }, systemActor, new Date());
      for (let index = 0; index < 25; index += 1) {
        await appendEvent(test.database.db, { tenantId: tenant.id, actor: systemActor, type: 'test.event', payload: { index }, at: new Date().toISOString() });
      }
      assert.equal(await pendingCount(tenant.id), 26, 'written events wait for the sealer (tenant.created too)');
      const sealer = startSealer(test.database.db, pino({ level: 'silent' }), 20);
      try {
        for (let attempt = 0; attempt < 100 && (await pendingCount(tenant.id)) > 0; attempt += 1) await sleep(20);
      } finally {
        await sealer.stop();
      }
      assert.equal(await pendingCount(tenant.id), 0);
      const rows = await test.database.db.selectFrom('audit_events').select(['seq', 'payload']).where('tenant_id', '=', tenant.id).where('type', '=', 'test.event').orderBy('seq').execute();
      assert.deepEqual(rows.map((row) => (JSON.parse(row.payload) as { index: number }).index), Array.from({ length: 25 }, (_, index) => index));
      assert.deepEqual(await verifyChain(test.database.db, tenant.id), { ok: true, events: 26 });
    });

    it('lets two nodes seal the same tenant at once without sealing an event twice', async () => {
      const tenant = await createTenant(test.database.db, { slug: 'two-nodes', name: 'T', timezone: 'UTC' }, systemActor, new Date());
      const other = test.url ? openDatabase({ kind: 'postgres', url: test.url, schema: test.schema ?? undefined, maxConnections: 2 }) : test.database;
      try {
        for (let round = 0; round < 5; round += 1) {
          await Promise.all(Array.from({ length: 40 }, (_, index) => appendEvent(index % 2 ? other.db : test.database.db, { tenantId: tenant.id, actor: systemActor, type: 'test.burst', payload: { round, index }, at: new Date().toISOString() })));
          const [first, second] = await Promise.all([sealTenant(test.database.db, tenant.id), sealTenant(other.db, tenant.id)]);
          assert.equal(first + second, round === 0 ? 41 : 40, 'each event sealed exactly once');
        }
        assert.deepEqual(await verifyChain(test.database.db, tenant.id), { ok: true, events: 201 });
      } finally {
        if (other !== test.database) await other.destroy();
      }
    });
  });
}

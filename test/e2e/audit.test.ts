import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyChain } from '../../src/audit/audit.service.js';
import { createCase } from '../../src/cases/cases.service.js';
import { addMessage } from '../../src/cases/messages.service.js';
import { transitionCase } from '../../src/cases/transitions.service.js';
import { createCaseBody } from '../../src/cases/cases.schema.js';
import type { AuthContext } from '../../src/auth/auth.service.js';
import { runCli } from '../helpers/cli.js';
import { dialects, openTestDatabase, seedTenant, type TestDatabase } from '../helpers/harness.js';

for (const dialect of dialects) {
  describe(`audit hash chain and \`paydesk audit verify\` [${dialect}]`, () => {
    let test: TestDatabase;
    let tenantId: string;
    let env: Record<string, string>;
    before(async () => {
      test = await openTestDatabase(dialect);
      const seats = await seedTenant(test.database, 'audited');
      tenantId = seats.tenantId;
      const auth: AuthContext = { tenantId, tenantSlug: 'audited', tenantTimezone: 'Asia/Shanghai', tokenId: 't', userId: seats.seats.agent.userId, role: 'agent', name: 'agent' };
      const now = new Date('2026-05-01T08:00:00Z');
      for (let index = 0; index < 3; index += 1) {
        const created = await createCase(test.database.db, auth, createCaseBody.parse({ subject: `POS 无法开机 ${index}`, category: 'pos.power' }), now);
        await addMessage(test.database.db, auth, created.id, { direction: 'outbound', body: '请检查电源适配器。' }, now, 'zh-CN');
        await transitionCase(test.database.db, auth, created.id, { to: 'resolved', resolution: 'fixed' }, now, 'zh-CN');
      }
      env = test.url ? { PAYDESK_DATABASE_URL: test.url, PAYDESK_DATABASE_SCHEMA: test.schema ?? '' } : { PAYDESK_DATA_DIR: test.dataDir };
    });
    after(async () => test.cleanup());

    const verify = () => runCli(['audit', 'verify', '--tenant', 'audited'], env);

    it('reports an intact chain', async () => {
      const result = await verify();
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /ok +audited: \d+ events, chain intact/);
    });

    it('names the first edited event when a row is changed in the database', async () => {
      const { db } = test.database;
      const original = await db.selectFrom('audit_events').select(['seq', 'payload']).where('tenant_id', '=', tenantId).where('type', '=', 'message.added').orderBy('seq').executeTakeFirstOrThrow();
      const promise = original.payload.replace('请检查电源适配器', '我们会全额退款');
      assert.notEqual(promise, original.payload);
      await db.updateTable('audit_events').set({ payload: promise }).where('tenant_id', '=', tenantId).where('seq', '=', original.seq).execute();
      const result = await verify();
      assert.equal(result.code, 1);
      assert.match(result.stdout, new RegExp(`BROKEN +audited: event seq=${original.seq} id=\\d+: content does not match its hash \\(edited\\)`));
      const direct = await verifyChain(db, tenantId);
      assert.equal(direct.ok, false);
      await db.updateTable('audit_events').set({ payload: original.payload }).where('tenant_id', '=', tenantId).where('seq', '=', original.seq).execute();
      assert.equal((await verify()).code, 0, 'restoring the row heals the chain');
    });

    it('notices a deleted event in the middle and at the end', async () => {
      const { db } = test.database;
      const rows = await db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).orderBy('seq').execute();
      const middle = rows[8];
      const last = rows.at(-1);
      assert.ok(middle && last);
      await db.deleteFrom('audit_events').where('id', '=', middle.id).execute();
      const gap = await verify();
      assert.equal(gap.code, 1);
      assert.match(gap.stdout, new RegExp(`event seq=${middle.seq}: event ${middle.seq} is missing`));
      await db.insertInto('audit_events').values(middle).execute();
      await db.deleteFrom('audit_events').where('id', '=', last.id).execute();
      const tail = await verify();
      assert.equal(tail.code, 1);
      assert.match(tail.stdout, /tail removed/);
      await db.insertInto('audit_events').values(last).execute();
      assert.equal((await verify()).code, 0);
    });
  });
}

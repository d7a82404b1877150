import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';

const pgUrl = process.env.PAYDESK_TEST_DATABASE_URL;

if (pgUrl) {
  describe('migrations on a PostgreSQL shared with others [postgres]', () => {
    const admin = new pg.Client({ connectionString: pgUrl });
    const made: string[] = [];
    const schemaName = (prefix: string) => {
      const name = `${prefix}_${randomBytes(5).toString('hex')}`;
      made.push(name);
      return name;
    };
    before(() => admin.connect());
    after(async () => {
      for (const name of made) await admin.query(`drop schema if exists ${name} cascade`);
      await admin.end();
    });

    it('migrates while other schemas are created and dropped next to it', async () => {
      // Another tenant of the server keeps making and dropping schemas with serial columns, which
      // is what made the stock introspector fail with "schema … does not exist".
      let churning = true;
      let churned = 0;
      const churn = (async () => {
        while (churning) {
          const name = schemaName('churn');
          await admin.query(`create schema ${name}; create table ${name}.things (id serial primary key, label text); create table ${name}.more (id bigserial primary key)`);
          await admin.query(`drop schema ${name} cascade`);
          churned += 1;
        }
      })();
      const databases = Array.from({ length: 4 }, () => openDatabase({ kind: 'postgres', url: pgUrl, schema: schemaName('mig'), maxConnections: 2 }));
      try {
        const applied = await Promise.all(databases.map((database) => migrateToLatest(database)));
        assert.ok(applied.every((names) => names.length > 0 && names.length === applied[0]!.length), 'every schema got every migration');
        assert.deepEqual(await migrateToLatest(databases[0]!), [], 'a second run applies nothing');
      } finally {
        churning = false;
        await churn;
        await Promise.all(databases.map((database) => database.destroy()));
      }
      assert.ok(churned > 0, 'the other schemas really came and went during the migrations');
    });

    it('introspects only its own schema, and tells serial columns apart', async () => {
      const own = schemaName('own');
      const other = schemaName('other');
      await admin.query(`create schema ${own}; create table ${own}.counted (id serial primary key, note text not null default 'x', ident int generated always as identity)`);
      await admin.query(`create schema ${other}; create table ${other}.foreign_table (id int)`);
      const database = openDatabase({ kind: 'postgres', url: pgUrl, schema: own, maxConnections: 1 });
      try {
        const tables = await database.db.introspection.getTables();
        assert.deepEqual(tables.map((table) => `${table.schema}.${table.name}`), [`${own}.counted`]);
        const columns = Object.fromEntries(tables[0]!.columns.map((column) => [column.name, column]));
        assert.equal(columns.id?.isAutoIncrementing, true);
        assert.equal(columns.ident?.isAutoIncrementing, true);
        assert.equal(columns.note?.isAutoIncrementing, false);
        assert.equal(columns.note?.hasDefaultValue, true);
        assert.equal(columns.note?.isNullable, false);
        assert.equal(columns.note?.dataType, 'text');
        assert.deepEqual((await database.db.introspection.getSchemas()).map((schema) => schema.name), [own]);
      } finally {
        await database.destroy();
      }
    });
  });
}

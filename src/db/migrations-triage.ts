import type { Kysely, Migration } from 'kysely';
import { columnTypes, type DialectName } from './dialect.js';

type AnyDb = Kysely<unknown>;

/** Auto-triage: how a case got its category, and agents' corrections kept as training data. */
export function triageMigration(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      // 'auto' when the classifier chose the category, 'manual' when a person or an integration did.
      await db.schema.alterTable('cases').addColumn('category_source', 'text').execute();
      await db.schema.alterTable('cases').addColumn('category_confidence', 'real').execute();
      await db.schema
        .createTable('classifier_corrections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('from_category', 'text', (c) => c.notNull())
        .addColumn('to_category', 'text', (c) => c.notNull())
        .addColumn('confidence', 'real')
        .addColumn('corrected_by', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('classifier_corrections_tenant').on('classifier_corrections').columns(['tenant_id', 'created_at']).execute();
    },
  };
}

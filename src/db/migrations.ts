import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { columnTypes, type DialectName } from './dialect.js';
import { platformMigration } from './migrations-platform.js';
import { triageMigration } from './migrations-triage.js';
import { channelsMigration } from './migrations-channels.js';
import { slaMigration } from './migrations-sla.js';
import { selfServiceMigration } from './migrations-selfservice.js';

// Migrations describe tables, not the typed schema, so they see the database untyped.
type AnyDb = Kysely<unknown>;

function initial(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('case_seq', t.bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('audit_seq', t.bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('audit_head', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('teams')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tier', 'integer')
        .addPrimaryKeyConstraint('teams_pk', ['tenant_id', 'code'])
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('team', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_tenant_email').on('users').columns(['tenant_id', 'email']).unique().execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('user_id', 'text', (c) => c.references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('token_prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_used_at', t.timestamp)
        .addColumn('revoked_at', t.timestamp)
        .execute();
      await db.schema.createIndex('api_tokens_tenant').on('api_tokens').columns(['tenant_id', 'created_at']).execute();

      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('external_id', 'text')
        .addColumn('locale', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      for (const column of ['email', 'phone', 'external_id']) {
        await db.schema
          .createIndex(`customers_tenant_${column}`)
          .on('customers')
          .columns(['tenant_id', column])
          .unique()
          .execute();
      }

      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('number', t.bigint, (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('priority_rank', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
        .addColumn('team', 'text')
        .addColumn('tier', 'integer')
        .addColumn('transaction_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('refund_id', 'text')
        .addColumn('dispute_id', 'text')
        .addColumn('platform_complaint_id', 'text')
        .addColumn('merchant_no', 'text')
        .addColumn('terminal_serial', 'text')
        .addColumn('error_code', 'text')
        .addColumn('amount', t.bigint)
        .addColumn('currency', 'text')
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('repeat_of', 'text', (c) => c.references('cases.id'))
        .addColumn('due_at', t.timestamp)
        .addColumn('first_response_at', t.timestamp)
        .addColumn('resolved_at', t.timestamp)
        .addColumn('closed_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cases_tenant_number').on('cases').columns(['tenant_id', 'number']).unique().execute();
      // Keyset pagination: every list sort ends in (…, id) so these indexes serve the common filters.
      const listIndexes: Record<string, string[]> = {
        cases_tenant_created: ['tenant_id', 'created_at', 'id'],
        cases_tenant_updated: ['tenant_id', 'updated_at', 'id'],
        cases_tenant_status_created: ['tenant_id', 'status', 'created_at', 'id'],
        cases_tenant_assignee_created: ['tenant_id', 'assignee_id', 'created_at', 'id'],
        cases_tenant_category_created: ['tenant_id', 'category', 'created_at', 'id'],
        cases_tenant_team_created: ['tenant_id', 'team', 'created_at', 'id'],
        cases_tenant_customer_created: ['tenant_id', 'customer_id', 'created_at', 'id'],
        cases_tenant_priority: ['tenant_id', 'priority_rank', 'created_at', 'id'],
      };
      for (const [name, columns] of Object.entries(listIndexes)) {
        await db.schema.createIndex(name).on('cases').columns(columns).execute();
      }
      // Most cases carry only one or two references: partial indexes cost nothing for the others.
      const sparse = ['due_at', 'transaction_id', 'order_id', 'refund_id', 'dispute_id', 'platform_complaint_id', 'merchant_no', 'terminal_serial', 'error_code'];
      for (const column of sparse) {
        await db.schema
          .createIndex(`cases_tenant_${column}`)
          .on('cases')
          .columns(column === 'due_at' ? ['tenant_id', 'due_at', 'id'] : ['tenant_id', column])
          .where(sql.ref(column), 'is not', null)
          .execute();
      }

      await db.schema
        .createTable('case_tags')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('tag', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_tags_pk', ['case_id', 'tag'])
        .execute();
      await db.schema.createIndex('case_tags_tenant_tag').on('case_tags').columns(['tenant_id', 'tag', 'case_id']).execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('author_type', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text')
        .addColumn('author_name', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('messages_case').on('messages').columns(['case_id', 'created_at']).execute();

      await db.schema
        .createTable('attachment_blobs')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', t.blob, (c) => c.notNull())
        .addPrimaryKeyConstraint('attachment_blobs_pk', ['tenant_id', 'sha256'])
        .execute();
      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachments_case').on('attachments').columns(['case_id', 'created_at']).execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', t.serial, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        // seq, prev_hash and hash stay null until the sealer links the event into its tenant's chain.
        .addColumn('seq', t.bigint)
        .addColumn('case_id', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('prev_hash', 'text')
        .addColumn('hash', 'text')
        .execute();
      await db.schema.createIndex('audit_events_tenant_seq').on('audit_events').columns(['tenant_id', 'seq']).unique().execute();
      await db.schema.createIndex('audit_events_case').on('audit_events').columns(['case_id', 'seq']).execute();
      await db.schema.createIndex('audit_events_pending').on('audit_events').columns(['tenant_id', 'id']).where(sql.ref('seq'), 'is', null).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'key'])
        .execute();
    },
  };
}

/** The one migration set; each entry may branch on the dialect for column types. */
export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      return { '0001_initial': initial(dialect), '0002_sla': slaMigration(dialect), '0003_platform': platformMigration(dialect), '0004_triage': triageMigration(dialect), '0005_channels': channelsMigration(dialect), '0006_selfservice': selfServiceMigration(dialect) };
    },
  };
}

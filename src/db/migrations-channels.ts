import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, type DialectName } from './dialect.js';

type AnyDb = Kysely<unknown>;

/**
 * Every door in: Stripe disputes (integration, received events, disputes), e-mail (mailboxes,
 * threaded messages, outbound deliveries) and phone call logs.
 */
export function channelsMigration(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('stripe_integrations')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
        // {webhook_secret, api_key?}: AES-256-GCM encrypted JSON.
        .addColumn('secrets_enc', 'text', (c) => c.notNull())
        .addColumn('api_base_url', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      // Every verified event once (idempotency on event.id).
      await db.schema
        .createTable('stripe_events')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('dispute_id', 'text')
        .addColumn('created', t.bigint, (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('received_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('stripe_events_pk', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('stripe_disputes')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('dispute_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('charge_id', 'text')
        .addColumn('payment_intent', 'text')
        .addColumn('amount', t.bigint, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('evidence_due_by', t.timestamp)
        .addColumn('has_evidence', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('submission_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('funds', 'text', (c) => c.notNull().defaultTo('held'))
        // Unix seconds of the newest event applied: older events never move the dispute back.
        .addColumn('last_event_created', t.bigint, (c) => c.notNull())
        .addColumn('evidence_submitted_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('stripe_disputes_pk', ['tenant_id', 'dispute_id'])
        .execute();
      await db.schema.createIndex('stripe_disputes_case').on('stripe_disputes').columns(['case_id']).execute();

      await db.schema
        .createTable('mailboxes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text')
        // {imap: {host, port, secure, user, password}?, smtp: {host, port, secure, user?, password?}?}: encrypted JSON.
        .addColumn('secrets_enc', 'text', (c) => c.notNull())
        // Non-secret settings (hosts, ports, locale, signature, limits) as JSON.
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('uid_validity', t.bigint)
        .addColumn('last_uid', t.bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('next_poll_at', t.timestamp, (c) => c.notNull())
        .addColumn('locked_until', t.timestamp)
        .addColumn('lease', 'text')
        .addColumn('last_polled_at', t.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mailboxes_address').on('mailboxes').columns(['tenant_id', 'address']).unique().execute();

      // Each e-mail seen or sent, by its Message-ID: threading and "never read twice".
      await db.schema
        .createTable('email_messages')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('mailbox_id', 'text')
        .addColumn('case_id', 'text')
        .addColumn('case_message_id', 'text')
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('from_address', 'text')
        .addColumn('subject', 'text')
        // accepted, auto_reply, bounce, loop, rate_limited, rejected
        .addColumn('disposition', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('email_messages_pk', ['tenant_id', 'message_id'])
        .execute();
      await db.schema.createIndex('email_messages_sender').on('email_messages').columns(['tenant_id', 'from_address', 'created_at']).execute();
      await db.schema.createIndex('email_messages_case').on('email_messages').columns(['case_id']).execute();

      // Outbound e-mail replies waiting for (or done with) SMTP.
      await db.schema
        .createTable('email_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('case_message_id', 'text', (c) => c.notNull())
        .addColumn('mailbox_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('in_reply_to', 'text')
        .addColumn('references', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
        .addColumn('locked_until', t.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('sent_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('email_deliveries_due').on('email_deliveries').columns(['next_attempt_at']).where(sql.ref('state'), '=', 'pending').execute();

      await db.schema
        .createTable('calls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('caller', 'text')
        .addColumn('callee', 'text')
        .addColumn('agent_id', 'text')
        .addColumn('agent_name', 'text', (c) => c.notNull())
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('ended_at', t.timestamp)
        .addColumn('duration_seconds', 'integer')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('follow_up_id', 'text')
        .addColumn('transferred_to_team', 'text')
        .addColumn('transferred_to_tier', 'integer')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('calls_case').on('calls').columns(['tenant_id', 'case_id', 'started_at']).execute();
    },
  };
}

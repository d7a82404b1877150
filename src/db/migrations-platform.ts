import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, type DialectName } from './dialect.js';

type AnyDb = Kysely<unknown>;

/**
 * Payment-platform complaints (WeChat Pay): the integration, received callbacks and their nonces,
 * complaints and their imported history, outbound platform actions, the reconciliation job,
 * transaction counts for the complaint rate, and incidents (complaint floods).
 */
export function platformMigration(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('wechatpay_integrations')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
        .addColumn('mchid', 'text', (c) => c.notNull())
        .addColumn('merchant_serial_no', 'text', (c) => c.notNull())
        .addColumn('api_base_url', 'text', (c) => c.notNull())
        // APIv3 key and merchant private key: AES-256-GCM encrypted JSON.
        .addColumn('secrets_enc', 'text', (c) => c.notNull())
        // Platform public keys (not secret): [{id, pem, fingerprint}].
        .addColumn('platform_keys', 'text', (c) => c.notNull())
        // Thresholds, sync interval and burst settings as JSON.
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('wechatpay_notifications')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('complaint_id', 'text', (c) => c.notNull())
        .addColumn('action_type', 'text', (c) => c.notNull())
        .addColumn('create_time', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
        .addColumn('locked_until', t.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('received_at', t.timestamp, (c) => c.notNull())
        .addColumn('processed_at', t.timestamp)
        .addPrimaryKeyConstraint('wechatpay_notifications_pk', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('wechatpay_notifications_due').on('wechatpay_notifications').columns(['next_attempt_at']).where(sql.ref('state'), '=', 'pending').execute();

      await db.schema
        .createTable('wechatpay_nonces')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('seen_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('wechatpay_nonces_pk', ['tenant_id', 'nonce'])
        .execute();
      await db.schema.createIndex('wechatpay_nonces_seen').on('wechatpay_nonces').columns(['seen_at']).execute();

      await db.schema
        .createTable('wechatpay_complaints')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('complaint_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('mchid', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('problem_type', 'text')
        .addColumn('complaint_time', t.timestamp, (c) => c.notNull())
        // The creation day in Asia/Shanghai (yyyy-MM-dd): the platform's metric windows count days there.
        .addColumn('complaint_date', 'text', (c) => c.notNull())
        .addColumn('user_complaint_times', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('full_refunded', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('refunded_at', t.timestamp)
        .addColumn('withdrawn_at', t.timestamp)
        .addColumn('first_completed_at', t.timestamp)
        .addColumn('completed_at', t.timestamp)
        .addColumn('close_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unsatisfied', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('malicious', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('agreement_message_id', 'text')
        .addColumn('refund_decision', 'text')
        .addColumn('platform_service', 'text')
        .addColumn('payer_openid', 'text')
        .addColumn('payer_phone_enc', 'text')
        // The platform's detail as last fetched, without the encrypted phone.
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('synced_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('wechatpay_complaints_pk', ['tenant_id', 'complaint_id'])
        .execute();
      await db.schema.createIndex('wechatpay_complaints_date').on('wechatpay_complaints').columns(['tenant_id', 'complaint_date', 'mchid']).execute();
      await db.schema.createIndex('wechatpay_complaints_time').on('wechatpay_complaints').columns(['tenant_id', 'complaint_time']).execute();
      await db.schema.createIndex('wechatpay_complaints_case').on('wechatpay_complaints').columns(['case_id']).execute();

      await db.schema
        .createTable('wechatpay_history')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('complaint_id', 'text', (c) => c.notNull())
        .addColumn('log_id', 'text', (c) => c.notNull())
        .addColumn('operate_type', 'text', (c) => c.notNull())
        .addColumn('operate_time', 'text')
        .addColumn('message_id', 'text')
        .addPrimaryKeyConstraint('wechatpay_history_pk', ['tenant_id', 'complaint_id', 'log_id'])
        .execute();

      await db.schema
        .createTable('platform_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('complaint_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
        .addColumn('locked_until', t.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('done_at', t.timestamp)
        .execute();
      await db.schema.createIndex('platform_actions_due').on('platform_actions').columns(['next_attempt_at']).where(sql.ref('state'), 'in', sql`('pending', 'sending')`).execute();
      await db.schema.createIndex('platform_actions_case').on('platform_actions').columns(['case_id', 'created_at']).execute();

      await db.schema.alterTable('messages').addColumn('delivery_status', 'text').execute();
      await db.schema.alterTable('messages').addColumn('delivery_error', 'text').execute();

      await db.schema
        .createTable('platform_sync_jobs')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('next_run_at', t.timestamp, (c) => c.notNull())
        .addColumn('locked_until', t.timestamp)
        .addColumn('lease', 'text')
        .addColumn('last_started_at', t.timestamp)
        .addColumn('last_finished_at', t.timestamp)
        .addColumn('last_result', 'text')
        .addColumn('last_error', 'text')
        .addPrimaryKeyConstraint('platform_sync_jobs_pk', ['tenant_id', 'platform'])
        .execute();

      await db.schema
        .createTable('platform_transaction_counts')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('mchid', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('count', t.bigint, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('platform_transaction_counts_pk', ['tenant_id', 'platform', 'mchid', 'date'])
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('case_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_case_at', t.timestamp, (c) => c.notNull())
        .addColumn('resolved_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_tenant').on('incidents').columns(['tenant_id', 'status', 'created_at']).execute();

      await db.schema
        .createTable('incident_cases')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('added_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_cases_pk', ['incident_id', 'case_id'])
        .execute();
      await db.schema.createIndex('incident_cases_case').on('incident_cases').columns(['case_id']).execute();
    },
  };
}

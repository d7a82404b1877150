import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, type DialectName } from './dialect.js';

type AnyDb = Kysely<unknown>;

/** Calendars, SLA policies, case clocks, durable timers, notification outbox, shifts, follow-ups. */
export function slaMigration(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('calendars')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        // Weekly hours, holiday regions, custom dates and exceptions as one JSON document.
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('calendars_tenant').on('calendars').columns(['tenant_id', 'name']).execute();

      await db.schema.alterTable('teams').addColumn('calendar_id', 'text').execute();
      // On-duty shifts as JSON: [{name, days, start, end, members}] in the schedule's time zone.
      await db.schema.alterTable('teams').addColumn('schedule', 'text').execute();

      await db.schema
        .createTable('sla_policies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('calendar_id', 'text')
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sla_policies_tenant').on('sla_policies').columns(['tenant_id', 'position']).execute();

      await db.schema
        .createTable('case_clocks')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('policy_id', 'text')
        // The clock's rule as JSON: seconds or days, calendar, time zone, pausing, reminders, breach actions.
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('cycle', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('due_at', t.timestamp, (c) => c.notNull())
        .addColumn('paused_since', t.timestamp)
        .addColumn('paused_seconds', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('paused_work_seconds', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('stopped_at', t.timestamp)
        .addColumn('breached_at', t.timestamp)
        .addPrimaryKeyConstraint('case_clocks_pk', ['case_id', 'name'])
        .execute();
      await db.schema.createIndex('case_clocks_tenant_due').on('case_clocks').columns(['tenant_id', 'due_at']).where(sql.ref('stopped_at'), 'is', null).execute();

      await db.schema
        .createTable('sla_timers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('team', 'text')
        .addColumn('clock_name', 'text')
        .addColumn('cycle', 'integer')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('fire_at', t.timestamp, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('fired_at', t.timestamp)
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .execute();
      // The worker's only hot query: pending timers in due order.
      await db.schema.createIndex('sla_timers_due').on('sla_timers').columns(['fire_at']).where(sql.ref('state'), '=', 'pending').execute();
      await db.schema.createIndex('sla_timers_case').on('sla_timers').columns(['case_id', 'clock_name']).where(sql.ref('state'), '=', 'pending').execute();

      await db.schema
        .createTable('notification_channels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        // Webhook URLs, keys and passwords: AES-256-GCM encrypted JSON.
        .addColumn('config_enc', 'text', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('teams', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notification_channels_tenant').on('notification_channels').columns(['tenant_id']).execute();

      await db.schema
        .createTable('notification_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
        .addColumn('locked_until', t.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('sent_at', t.timestamp)
        .execute();
      await db.schema.createIndex('notification_outbox_due').on('notification_outbox').columns(['next_attempt_at']).where(sql.ref('state'), 'in', sql`('pending', 'sending')`).execute();
      await db.schema.createIndex('notification_outbox_tenant').on('notification_outbox').columns(['tenant_id', 'state', 'created_at']).execute();

      await db.schema
        .createTable('follow_ups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('due_at', t.timestamp, (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('done_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('follow_ups_tenant_due').on('follow_ups').columns(['tenant_id', 'due_at']).where(sql.ref('done_at'), 'is', null).execute();

      await db.schema
        .createTable('tenant_settings')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('tenant_settings_pk', ['tenant_id', 'key'])
        .execute();
    },
  };
}

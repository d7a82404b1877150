import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { postgresPoolSize, type BenchStore } from './store.js';

/**
 * The floor we compare against: a bare Fastify app with no auth, validation, ORM, audit or
 * presenter. It writes one row with one prepared insert, and reads 50 cases with one indexed
 * select shaped like the one Paydesk runs, on the same database and pool size.
 */

/** Filters the baseline list understands; each mirrors a Paydesk list query. */
export type BaselineFilter = {
  statuses?: string[];
  categoryPrefix?: string;
  assigneeId?: string;
  /** Keyset position: rows strictly before this (created_at, id), newest first. */
  before?: { createdAt: string; id: string };
};

export type BaselineRow = { id: string; tenantId: string; subject: string; payload: string; createdAt: string };

export type BaselineStore = {
  insert(row: BaselineRow): Promise<void>;
  list(tenantId: string, filter: BaselineFilter): Promise<unknown[]>;
  close(): Promise<void>;
};

const caseColumns = [
  'id', 'tenant_id', 'number', 'subject', 'description', 'channel', 'customer_id', 'category', 'priority', 'priority_rank',
  'status', 'resolution', 'assignee_id', 'team', 'tier', 'transaction_id', 'order_id', 'refund_id', 'dispute_id',
  'platform_complaint_id', 'merchant_no', 'terminal_serial', 'error_code', 'amount', 'currency', 'tags', 'repeat_of',
  'due_at', 'first_response_at', 'resolved_at', 'closed_at', 'created_at', 'updated_at',
].join(', ');

const pageSize = 50;

/** The list statement, with `?` (SQLite) or `$n` (PostgreSQL) placeholders. */
function listStatement(tenantId: string, filter: BaselineFilter, placeholder: (position: number) => string) {
  const values: (string | number)[] = [];
  const bind = (value: string | number) => {
    values.push(value);
    return placeholder(values.length);
  };
  const conditions = [`tenant_id = ${bind(tenantId)}`];
  if (filter.statuses) conditions.push(`status in (${filter.statuses.map(bind).join(', ')})`);
  if (filter.categoryPrefix !== undefined) conditions.push(`category like ${bind(`${filter.categoryPrefix}%`)}`);
  if (filter.assigneeId) conditions.push(`assignee_id = ${bind(filter.assigneeId)}`);
  if (filter.before) conditions.push(`(created_at, id) < (${bind(filter.before.createdAt)}, ${bind(filter.before.id)})`);
  const text = `select ${caseColumns} from cases where ${conditions.join(' and ')} order by created_at desc, id desc limit ${bind(pageSize)}`;
  return { text, values };
}

function openSqliteBaseline(file: string): BaselineStore {
  // Its own connection with the app's pragmas, so neither waits on the other's mutex.
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.exec(`create table if not exists bench_baseline_cases (
    id text primary key, tenant_id text not null, subject text not null, payload text not null, created_at text not null)`);
  connection.exec('create index if not exists bench_baseline_cases_tenant_created on bench_baseline_cases (tenant_id, created_at)');
  const insert = connection.prepare('insert into bench_baseline_cases (id, tenant_id, subject, payload, created_at) values (?, ?, ?, ?, ?)');
  const prepared = new Map<string, SQLite.Statement>();
  return {
    async insert(row) {
      insert.run(row.id, row.tenantId, row.subject, row.payload, row.createdAt);
    },
    async list(tenantId, filter) {
      const { text, values } = listStatement(tenantId, filter, () => '?');
      let statement = prepared.get(text);
      if (!statement) {
        statement = connection.prepare(text);
        prepared.set(text, statement);
      }
      return statement.all(...values);
    },
    async close() {
      connection.close();
    },
  };
}

async function openPostgresBaseline(url: string, schema: string): Promise<BaselineStore> {
  const pool = new pg.Pool({ connectionString: url, max: postgresPoolSize, options: `-c search_path=${schema}` });
  await pool.query(`create table if not exists bench_baseline_cases (
    id text primary key, tenant_id text not null, subject text not null, payload text not null, created_at timestamptz not null)`);
  await pool.query('create index if not exists bench_baseline_cases_tenant_created on bench_baseline_cases (tenant_id, created_at)');
  return {
    async insert(row) {
      await pool.query('insert into bench_baseline_cases (id, tenant_id, subject, payload, created_at) values ($1, $2, $3, $4, $5)', [
        row.id, row.tenantId, row.subject, row.payload, row.createdAt,
      ]);
    },
    async list(tenantId, filter) {
      const { text, values } = listStatement(tenantId, filter, (position) => `$${position}`);
      return (await pool.query<Record<string, unknown>>(text, values)).rows;
    },
    close: () => pool.end(),
  };
}

/** The baseline's storage next to Paydesk's, in the same SQLite file or PostgreSQL schema. */
export async function openBaselineStore(store: BenchStore): Promise<BaselineStore> {
  const location = store.location;
  if (location.dialect === 'sqlite') return openSqliteBaseline(location.file);
  return openPostgresBaseline(location.url, location.schema);
}

type BaselineQuery = { status?: string; category_prefix?: string; assignee?: string; before_created_at?: string; before_id?: string };

function filterOf(query: BaselineQuery): BaselineFilter {
  return {
    ...(query.status ? { statuses: query.status.split(',') } : {}),
    ...(query.category_prefix ? { categoryPrefix: query.category_prefix } : {}),
    ...(query.assignee ? { assigneeId: query.assignee } : {}),
    ...(query.before_created_at && query.before_id ? { before: { createdAt: query.before_created_at, id: query.before_id } } : {}),
  };
}

function subjectOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'subject' in body && typeof body.subject === 'string') return body.subject;
  return '';
}

/** POST and GET /baseline/cases for one tenant; ready, not yet listening. */
export async function buildBaselineApp(store: BaselineStore, tenantId: string, now: () => Date): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, forceCloseConnections: 'idle' });
  app.post('/baseline/cases', async (request, reply) => {
    const id = randomUUID();
    await store.insert({ id, tenantId, subject: subjectOf(request.body), payload: JSON.stringify(request.body), createdAt: now().toISOString() });
    return reply.code(201).send({ id });
  });
  app.get<{ Querystring: BaselineQuery }>('/baseline/cases', async (request) => ({
    items: await store.list(tenantId, filterOf(request.query)),
    next_cursor: null,
  }));
  await app.ready();
  return app;
}

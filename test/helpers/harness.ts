import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { systemActor } from '../../src/audit/audit.service.js';
import { createToken, createUser } from '../../src/auth/auth.service.js';
import type { Role } from '../../src/auth/roles.js';
import { loadConfig, type Config } from '../../src/config.js';
import { migrateToLatest, openDatabase, type Database } from '../../src/db/database.js';
import type { DialectName } from '../../src/db/dialect.js';
import { buildApp, type BuildOptions } from '../../src/http/app.js';
import type { App } from '../../src/http/context.js';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { deliverDue } from '../../src/notify/outbox.worker.js';
import { runPlatformWork, type PlatformWork } from '../../src/channels/wechatpay/worker.js';
import { runEmailWork, type EmailWork } from '../../src/channels/email/worker.js';
import { emailDepsFor, linksFor } from '../../src/runtime.js';
import { fireDueTimers } from '../../src/sla/timers.worker.js';
import { startFakeWecom, type FakeWecom } from '../fakes/wecom.js';

const pgUrl = process.env.PAYDESK_TEST_DATABASE_URL;

/** SQLite always; PostgreSQL too when PAYDESK_TEST_DATABASE_URL is set (then it must be reachable). */
export const dialects: DialectName[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export type TestDatabase = { database: Database; dataDir: string; url: string | null; schema: string | null; cleanup(): Promise<void> };

/** A fresh, migrated database: a new SQLite file, or a new schema in the test PostgreSQL. */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paydesk-test-'));
  if (dialect === 'sqlite') {
    const database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'paydesk.sqlite') });
    await migrateToLatest(database);
    return {
      database,
      dataDir,
      url: null,
      schema: null,
      async cleanup() {
        await database.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (!pgUrl) throw new Error('PAYDESK_TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ kind: 'postgres', url: pgUrl, schema, maxConnections: 5 });
  await migrateToLatest(database);
  return {
    database,
    dataDir,
    url: pgUrl,
    schema,
    async cleanup() {
      await database.destroy();
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(dataDir: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({ PAYDESK_DATA_DIR: dataDir, PAYDESK_LOG_LEVEL: 'silent', ...overrides });
}

export type Seat = { token: string; userId: string; role: Role };
export type TenantSeats = { tenantId: string; slug: string; seats: Record<Role, Seat> };

/** A tenant with one user and token per role. */
export async function seedTenant(database: Database, slug: string, now = new Date()): Promise<TenantSeats> {
  const tenant = await createTenant(database.db, { slug, name: slug, timezone: 'Asia/Shanghai' }, systemActor, now);
  const seats = {} as Record<Role, Seat>;
  for (const role of ['admin', 'supervisor', 'agent', 'viewer'] as const) {
    const user = await createUser(database.db, tenant.id, { name: `${role} of ${slug}`, role, team: role === 'agent' ? 'L1' : null }, systemActor, now);
    const { token } = await createToken(database.db, tenant.id, { name: `${role} token`, role, userId: user.id }, systemActor, now);
    seats[role] = { token, userId: user.id, role };
  }
  return { tenantId: tenant.id, slug, seats };
}

export type CallOptions = { token?: string; body?: unknown; headers?: Record<string, string> };
export type CallResult<T = any> = { status: number; headers: Headers; body: T; text: string };

export type TestServer = {
  app: App;
  baseUrl: string;
  db: TestDatabase;
  tenant: TenantSeats;
  clock: { now: Date };
  secretKey: Buffer;
  /** Fires every due SLA timer and delivers every due notification at the current test time. */
  runWorkers(): Promise<{ timers: number; deliveries: number; platform: PlatformWork; email: EmailWork }>;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  close(): Promise<void>;
};

/** The real app on a loopback port over a fresh database, with a tenant `acme` and a movable clock. */
export async function startTestServer(dialect: DialectName, configOverrides: Record<string, string> = {}, buildOptions: BuildOptions = {}): Promise<TestServer> {
  const db = await openTestDatabase(dialect);
  const clock = { now: new Date('2026-03-02T02:00:00.000Z') };
  const config = testConfig(db.dataDir, configOverrides);
  const tenant = await seedTenant(db.database, 'acme', clock.now);
  const secretKey = randomBytes(32);
  const app = await buildApp({ database: db.database, config, now: () => clock.now, secretKey, fetch: globalThis.fetch }, buildOptions);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    db,
    tenant,
    clock,
    secretKey,
    async runWorkers() {
      const log = process.env.PAYDESK_TEST_WORKER_LOG ? { error: console.error, warn: console.warn, info() {} } : { error() {}, warn() {}, info() {} };
      const now = () => clock.now;
      let timers = 0;
      for (let fired = -1; fired !== 0; ) timers += fired = await fireDueTimers(db.database.db, { now, links: linksFor(config), log });
      const platform = await runPlatformWork({ db: db.database.db, now, fetch: globalThis.fetch, secretKey, log, publicUrl: config.publicUrl });
      let deliveries = 0;
      for (let sent = -1; sent !== 0; ) deliveries += sent = await deliverDue(db.database.db, { now, fetch: globalThis.fetch, secretKey, log });
      const email = await runEmailWork(emailDepsFor({ db: db.database.db, config, now, secretKey, log }));
      return { timers, deliveries, platform, email };
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
      return { status: response.status, headers: response.headers, body: parsed as any, text };
    },
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}

/** The test server with a fake WeCom group robot registered as the tenant's "L1 群" notification channel (zh-CN). */
export async function startWithWecomRobot(dialect: DialectName): Promise<{ server: TestServer; wecom: FakeWecom; channel: Record<string, unknown> }> {
  const server = await startTestServer(dialect);
  const wecom = await startFakeWecom();
  const channel = await server.call('POST', '/api/v1/notification-channels', { token: server.tenant.seats.admin.token, body: { name: 'L1 群', config: { kind: 'wecom', url: wecom.url }, locale: 'zh-CN' } });
  assert.equal(channel.status, 201, channel.text);
  return { server, wecom, channel: channel.body as Record<string, unknown> };
}

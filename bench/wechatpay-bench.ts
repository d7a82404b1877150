/**
 * WeChat Pay complaint callbacks per second through Paydesk's whole path, next to a bare Fastify
 * insert measured in the same run. Each callback is signed and encrypted by a fake WeChat Pay that
 * runs in the load process; the desk verifies it, checks timestamp and nonce, decrypts it, commits
 * the notification, fetches the complaint and its history from the fake with signed requests,
 * opens the case with its SLA clocks (and runs flood detection), and answers 204. When the desk
 * leaves that work to its WeChat Pay worker (under a flood), the run also waits for the worker.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { systemActor } from '../src/audit/audit.service.js';
import { createToken, createUser } from '../src/auth/auth.service.js';
import { fakeOptionsFor, generateWechatPayKeys, integrationBodyFor, type WechatPayTestKeys } from '../src/channels/wechatpay/fake.js';
import { progressBar } from '../src/cli/progress.js';
import type { Database } from '../src/db/database.js';
import type { DialectName } from '../src/db/dialect.js';
import { createTenant } from '../src/tenants/tenants.service.js';
import { startDeskAndBaseline } from './desk.js';
import { machineInfo, type Machine } from './result.js';
import type { WechatPaySettings } from './settings.js';
import { openBenchStore, type BenchTarget } from './store.js';
import type { BaselineJob, CallbackBatch, CallbackJob, FakeKeys, FakeStats, FireStats, LoadPhase, WechatPayLoadJob, WechatPayLoadReply } from './wechatpay-load.js';

/** From the compass: at least 10,000 complaint events a second on a 2-core machine. */
export const wechatPayTargets = { minEventsPerSecond: 10_000, cores: 2 } as const;

const MCHID = '1900000109';
const TENANT_SLUG = 'bench-wechatpay';

/** Did every acknowledged callback open exactly one case? Read back from the database. */
export type ExactlyOnce = {
  /** 204 answers, warm-up included. */
  acknowledged: number;
  cases: number;
  /** Distinct platform complaint ids among those cases. */
  distinctComplaints: number;
  complaints: number;
  notifications: { processed: number; pending: number; failed: number };
  /** SLA clocks on the WeChat Pay cases. */
  clocks: number;
  ok: boolean;
};

/** What one dialect's run writes to bench/results/wechatpay-<dialect>.json. */
export type WechatPayResult = {
  name: string;
  dialect: DialectName;
  date: string;
  machine: Machine;
  node: string;
  settings: WechatPaySettings;
  targets: typeof wechatPayTargets;
  /** Callbacks answered 204, as the load generator saw them. */
  ours: FireStats;
  /**
   * From the first measured callback sent to the last of their cases opened: the same as `ours`
   * while every callback is applied before its 204, longer when the desk leaves work to the worker.
   */
  endToEnd: { eventsPerSecond: number; seconds: number; drainSeconds: number };
  baseline: FireStats;
  warmup: { ours: FireStats; baseline: FireStats };
  /** Paydesk's end-to-end events per second divided by the baseline's (higher is better). */
  ratio: number;
  exactlyOnce: ExactlyOnce;
  /** Flood detection treats a few thousand complaints in seconds as a flood; this is what it did. */
  flood: { incidents: number; linkedCases: number };
  callbackBytes: number;
  baselineBytes: number;
  signingSeconds: number;
  /** Callbacks the load process signed again during the run, having waited too long to be fresh. */
  resigned: number;
  /** API calls the fake WeChat Pay answered over the whole run (two per case: detail and history), and refused. */
  fake: FakeStats;
  /** The end-to-end rate reaches the target, nothing failed, and every 204 opened exactly one case. */
  pass: boolean;
};

// ---- the load process ----

type Progress = (phase: LoadPhase, done: number, total: number) => void;
type Pending = { onProgress: Progress; resolve(reply: WechatPayLoadReply): void; reject(error: Error): void };

export type WechatPayLoad = {
  /** Starts a fresh fake WeChat Pay in the load process; returns its base URL. */
  startFake(keys: FakeKeys): Promise<string>;
  callbacks(job: Omit<CallbackJob, 'kind'>, onProgress: Progress): Promise<CallbackBatch>;
  baseline(job: Omit<BaselineJob, 'kind'>, onProgress: Progress): Promise<FireStats>;
  fakeStats(): Promise<FakeStats>;
  stopFake(): Promise<void>;
  close(): void;
};

/** Forks bench/wechatpay-load.ts through the bench's TypeScript runner; one job at a time. */
export function startWechatPayLoad(): WechatPayLoad {
  const runner = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const entry = fileURLToPath(new URL('./wechatpay-load.ts', import.meta.url));
  const child: ChildProcess = fork(runner, [entry], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending: Pending | null = null;

  child.on('message', (message: unknown) => {
    const reply = message as WechatPayLoadReply;
    if (!pending) return;
    if (reply.kind === 'progress') return pending.onProgress(reply.phase, reply.done, reply.total);
    const settled = pending;
    pending = null;
    if (reply.kind === 'failed') settled.reject(new Error(`wechatpay load: ${reply.message}`));
    else settled.resolve(reply);
  });
  child.on('exit', (code) => {
    pending?.reject(new Error(`wechatpay load process exited (code ${code ?? 'none'}) during a job`));
    pending = null;
  });

  function ask(job: WechatPayLoadJob, onProgress: Progress = () => undefined): Promise<WechatPayLoadReply> {
    if (pending) return Promise.reject(new Error('wechatpay load process is busy'));
    return new Promise((resolve, reject) => {
      pending = { onProgress, resolve, reject };
      child.send(job);
    });
  }

  return {
    async startFake(keys) {
      const reply = await ask({ kind: 'start', keys });
      if (reply.kind !== 'started') throw new Error(`expected the fake's address, got ${reply.kind}`);
      return reply.baseUrl;
    },
    async callbacks(job, onProgress) {
      const reply = await ask({ ...job, kind: 'callbacks' }, onProgress);
      if (reply.kind !== 'callbacks') throw new Error(`expected callback results, got ${reply.kind}`);
      return reply.batch;
    },
    async baseline(job, onProgress) {
      const reply = await ask({ ...job, kind: 'baseline' }, onProgress);
      if (reply.kind !== 'baseline') throw new Error(`expected baseline results, got ${reply.kind}`);
      return reply.stats;
    },
    async fakeStats() {
      const reply = await ask({ kind: 'fake-stats' });
      if (reply.kind !== 'fake-stats') throw new Error(`expected the fake's counts, got ${reply.kind}`);
      return reply.fake;
    },
    async stopFake() {
      await ask({ kind: 'stop' });
    },
    close() {
      if (child.connected) child.disconnect();
    },
  };
}

// ---- the desk ----

/** A tenant and an admin token, through the real services. */
async function seedTenant(database: Database, now: Date): Promise<{ tenantId: string; adminToken: string }> {
  const tenant = await createTenant(database.db, { slug: TENANT_SLUG, name: 'Bench WeChat Pay merchant', timezone: 'Asia/Shanghai' }, systemActor, now);
  const admin = await createUser(database.db, tenant.id, { name: 'Bench admin', role: 'admin', team: null }, systemActor, now);
  const { token } = await createToken(database.db, tenant.id, { name: 'bench admin', role: 'admin', userId: admin.id }, systemActor, now);
  return { tenantId: tenant.id, adminToken: token };
}

/** Configures the integration the way an admin does: PUT /api/v1/integrations/wechatpay. */
async function configureWechatPay(deskUrl: string, adminToken: string, keys: WechatPayTestKeys, fakeUrl: string): Promise<void> {
  const response = await fetch(`${deskUrl}/api/v1/integrations/wechatpay`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(integrationBodyFor(keys, MCHID, fakeUrl)),
  });
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`PUT /api/v1/integrations/wechatpay answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
}

/** The fake's half of the keys: it verifies the merchant and signs as the platform. */
function fakeKeysOf(keys: WechatPayTestKeys): FakeKeys {
  return fakeOptionsFor(keys, MCHID);
}

// ---- checking the outcome ----

const asCount = (value: unknown) => Number(value ?? 0);

/** Counts what the callbacks left in the database and compares it with the 204s. */
async function checkExactlyOnce(database: Database, tenantId: string, acknowledged: number): Promise<ExactlyOnce> {
  const { db } = database;
  const cases = await db
    .selectFrom('cases')
    .where('tenant_id', '=', tenantId)
    .where('channel', '=', 'wechatpay')
    .select((eb) => [eb.fn.countAll().as('cases'), eb.fn.count('platform_complaint_id').distinct().as('distinct')])
    .executeTakeFirstOrThrow();
  const complaints = await db.selectFrom('wechatpay_complaints').where('tenant_id', '=', tenantId).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  const states = await db.selectFrom('wechatpay_notifications').where('tenant_id', '=', tenantId).select((eb) => ['state', eb.fn.countAll().as('count')]).groupBy('state').execute();
  const clocks = await db.selectFrom('case_clocks').where('tenant_id', '=', tenantId).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  const byState = (state: string) => asCount(states.find((row) => row.state === state)?.count);
  const result: Omit<ExactlyOnce, 'ok'> = {
    acknowledged,
    cases: asCount(cases.cases),
    distinctComplaints: asCount(cases.distinct),
    complaints: asCount(complaints.count),
    notifications: { processed: byState('processed'), pending: byState('pending'), failed: byState('failed') },
    clocks: asCount(clocks.count),
  };
  const ok =
    result.cases === acknowledged &&
    result.distinctComplaints === acknowledged &&
    result.complaints === acknowledged &&
    result.notifications.processed === acknowledged &&
    result.notifications.pending + result.notifications.failed === 0;
  return { ...result, ok };
}

async function countFlood(database: Database, tenantId: string): Promise<WechatPayResult['flood']> {
  const { db } = database;
  const incidents = await db.selectFrom('incidents').where('tenant_id', '=', tenantId).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  const linked = await db.selectFrom('incident_cases').where('tenant_id', '=', tenantId).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return { incidents: asCount(incidents.count), linkedCases: asCount(linked.count) };
}

// ---- one dialect ----

export type WechatPayBenchOptions = {
  target: BenchTarget;
  settings: WechatPaySettings;
  load: WechatPayLoad;
  /** Status lines (stderr); stdout is left for the report. */
  log: (line: string) => void;
};

/** One progress bar per phase of the load process, on stderr. */
function phaseBars(label: string): { update: Progress; stop(): void } {
  let current: { phase: LoadPhase; bar: ReturnType<typeof progressBar> } | null = null;
  return {
    update(phase, done, total) {
      if (current?.phase !== phase) {
        current?.bar.stop();
        current = { phase, bar: progressBar(`${label}: ${phase}`, total) };
      }
      current.bar.update(done);
    },
    stop: () => current?.bar.stop(),
  };
}

function failureNote(name: string, stats: FireStats): string | null {
  if (stats.ok === stats.sent) return null;
  const first = stats.firstFailure ? ` first: ${stats.firstFailure.status} ${stats.firstFailure.body}` : '';
  return `${name}: ${stats.sent - stats.ok} of ${stats.sent} not 2xx (${JSON.stringify(stats.statuses)}).${first}`;
}

const DRAIN_POLL_MS = 100;
/** A drain that makes no progress for this long is given up (notifications left pending count as failures). */
const DRAIN_STALL_MS = 60_000;

type Drain = { seconds: number; pending: number; lastProcessedAt: number | null };

const epochMs = (value: unknown) => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

/**
 * Waits until none of the tenant's notifications is pending any more: when the desk defers a
 * callback's work to the WeChat Pay worker (as it may under a flood), the case opens only then.
 */
async function drain(database: Database, tenantId: string): Promise<Drain> {
  const started = Date.now();
  let pending = Number.POSITIVE_INFINITY;
  let progressAt = started;
  for (;;) {
    const row = await database.db.selectFrom('wechatpay_notifications').where('tenant_id', '=', tenantId).where('state', '=', 'pending').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    const now = Date.now();
    if (asCount(row.count) < pending) [pending, progressAt] = [asCount(row.count), now];
    if (pending === 0 || now - progressAt > DRAIN_STALL_MS) break;
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
  }
  const last = await database.db.selectFrom('wechatpay_notifications').where('tenant_id', '=', tenantId).select((eb) => eb.fn.max('processed_at').as('last')).executeTakeFirst();
  return { seconds: Math.round((Date.now() - started) / 100) / 10, pending, lastProcessedAt: last?.last ? epochMs(last.last) : null };
}

/** The desk's throughput counted to the last case opened, not just to the last 204. */
function endToEnd(batch: CallbackBatch, drained: Drain): WechatPayResult['endToEnd'] {
  const finished = Math.max(batch.startedAt + batch.stats.durationSeconds * 1000, drained.lastProcessedAt ?? 0);
  const seconds = (finished - batch.startedAt) / 1000;
  return {
    eventsPerSecond: seconds > 0 ? Math.round((batch.stats.ok / seconds) * 10) / 10 : 0,
    seconds: Math.round(seconds * 1000) / 1000,
    drainSeconds: drained.seconds,
  };
}

type Servers = { desk: string; baseline: string; stopWorkers(): Promise<void> };

/**
 * Warm-up, then the measured callbacks, each waited on until the worker has nothing left pending;
 * then the workers stop and the baseline runs alone; then the outcome is read back.
 */
async function measure(options: WechatPayBenchOptions, database: Database, tenantId: string, servers: Servers) {
  const { settings, load, log } = options;
  const bars = phaseBars(`wechatpay ${database.dialect}`);
  const runTag = `5000${Date.now()}`;
  const callbacks = async (phase: CallbackJob['phase'], count: number, tag: string) => {
    const batch = await load.callbacks({ phase, url: `${servers.desk}/webhooks/wechatpay/${TENANT_SLUG}`, count, connections: settings.connections, runTag: `${runTag}${tag}` }, bars.update);
    bars.stop();
    const drained = await drain(database, tenantId);
    if (drained.seconds > 1) log(`${phase}: the worker opened the last cases ${drained.seconds} s after the last 204${drained.pending > 0 ? `; ${drained.pending} still pending` : ''}`);
    return { batch, drained };
  };
  try {
    const warmup = await callbacks('warm-up', settings.warmup, 'w');
    const measured = await callbacks('callbacks', settings.events, 'm');
    await servers.stopWorkers();
    const fake = await load.fakeStats();
    const baselineJob = { url: `${servers.baseline}/baseline/cases`, bytes: measured.batch.bytes, connections: settings.connections };
    const baselineWarmup = await load.baseline({ ...baselineJob, phase: 'baseline warm-up', count: settings.warmup }, bars.update);
    const baseline = await load.baseline({ ...baselineJob, phase: 'baseline', count: settings.events }, bars.update);
    for (const [name, stats] of [['warm-up', warmup.batch.stats], ['callbacks', measured.batch.stats], ['baseline', baseline]] as const) {
      const note = failureNote(name, stats);
      if (note) log(note);
    }
    const acknowledged = (warmup.batch.stats.statuses['204'] ?? 0) + (measured.batch.stats.statuses['204'] ?? 0);
    const exactlyOnce = await checkExactlyOnce(database, tenantId, acknowledged);
    const flood = await countFlood(database, tenantId);
    return { warmup: warmup.batch, ours: measured.batch, endToEnd: endToEnd(measured.batch, measured.drained), baseline, baselineWarmup, exactlyOnce, flood, fake };
  } finally {
    bars.stop();
  }
}

function toResult(dialect: DialectName, date: string, settings: WechatPaySettings, measured: Awaited<ReturnType<typeof measure>>): WechatPayResult {
  const { ours, baseline, exactlyOnce, flood } = measured;
  const rate = measured.endToEnd.eventsPerSecond;
  const ratio = baseline.eventsPerSecond > 0 ? Math.round((rate / baseline.eventsPerSecond) * 10_000) / 10_000 : 0;
  const clean = ours.stats.ok === ours.stats.sent && baseline.ok === baseline.sent;
  return {
    name: `wechatpay-${dialect}`,
    dialect,
    date,
    machine: machineInfo(),
    node: process.version,
    settings,
    targets: wechatPayTargets,
    ours: ours.stats,
    endToEnd: measured.endToEnd,
    baseline,
    warmup: { ours: measured.warmup.stats, baseline: measured.baselineWarmup },
    ratio,
    exactlyOnce,
    flood,
    callbackBytes: ours.bytes,
    baselineBytes: ours.bytes,
    signingSeconds: ours.signingSeconds,
    resigned: measured.warmup.resigned + ours.resigned,
    fake: measured.fake,
    pass: clean && exactlyOnce.ok && rate >= wechatPayTargets.minEventsPerSecond,
  };
}

/** Keeps the reconciliation job (which would open cases for the pre-added complaints by itself) a day away. */
async function postponeReconciliation(database: Database, tenantId: string): Promise<void> {
  const later = new Date(Date.now() + 86_400_000).toISOString();
  await database.db.updateTable('platform_sync_jobs').set({ next_run_at: later }).where('tenant_id', '=', tenantId).where('platform', '=', 'wechatpay').execute();
}

/**
 * One dialect: a fresh store, the desk (with the audit sealer and the background workers, as
 * `paydesk serve` runs them) and the baseline side by side on loopback, a fresh fake WeChat Pay in
 * the load process, the integration configured through the API; then the measured callbacks, the
 * baseline, and the check.
 */
export async function runWechatPayBench(options: WechatPayBenchOptions): Promise<WechatPayResult> {
  const { settings, load } = options;
  const now = () => new Date();
  const date = now().toISOString();
  const store = await openBenchStore(options.target);
  try {
    const { tenantId, adminToken } = await seedTenant(store.database, now());
    const servers = await startDeskAndBaseline(store, tenantId, now);
    try {
      const desk = servers.deskUrl;
      const baseline = servers.baselineUrl;
      const keys = generateWechatPayKeys();
      const fakeUrl = await load.startFake(fakeKeysOf(keys));
      try {
        await configureWechatPay(desk, adminToken, keys, fakeUrl);
        await postponeReconciliation(store.database, tenantId);
        servers.startWorkers();
        const measured = await measure(options, store.database, tenantId, { desk, baseline, stopWorkers: servers.stopWorkers });
        return toResult(store.database.dialect, date, settings, measured);
      } finally {
        await load.stopFake();
      }
    } finally {
      await servers.close();
    }
  } finally {
    await store.cleanup();
  }
}

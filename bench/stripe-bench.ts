/**
 * Stripe dispute events per second through Paydesk's webhook, next to a bare Fastify insert
 * measured in the same run: new disputes (each opens a case), updates of those disputes (each
 * moves the evidence deadline, and the case's clock with it), and the same events delivered again
 * (acknowledged as duplicates). Every event is signed like Stripe signs it, in the load process,
 * before the phase's clock starts; the desk answers 200 only after its commit.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { systemActor } from '../src/audit/audit.service.js';
import { createToken, createUser } from '../src/auth/auth.service.js';
import { progressBar } from '../src/cli/progress.js';
import type { Database } from '../src/db/database.js';
import type { DialectName } from '../src/db/dialect.js';
import { startDeskAndBaseline } from './desk.js';
import { machineInfo, type Machine } from './result.js';
import { seedTenant } from './seed.js';
import { openBenchStore, type BenchTarget } from './store.js';
import type { PhaseStats, StripeLoadJob, StripeLoadReply, StripePhase, StripePhaseJob } from './stripe-load.js';

const TENANT_SLUG = 'bench-stripe';
/** At most this many events are built and signed for a phase (memory: about 1 KiB each). */
const MAX_POOL = 200_000;
const WEBHOOK_SECRET = `whsec_bench${randomBytes(16).toString('hex')}`;

// ---- settings ----

const envSchema = z.object({
  /** Seconds of each measured phase (new, updated, duplicate, baseline). Default 4. */
  BENCH_STRIPE_SECONDS: z.coerce.number().min(1).max(60).default(4),
  /** Seconds of new disputes (and of baseline POSTs) before measuring, not counted. Default 1; 0 skips it. */
  BENCH_STRIPE_WARMUP: z.coerce.number().min(0).max(30).default(1),
  /** Concurrent keep-alive connections of the load process. Default 16. */
  BENCH_STRIPE_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(16),
  /** Events pre-signed per second of a phase; a phase that sends them all ends early. Default 10000. */
  BENCH_STRIPE_MAX_RATE: z.coerce.number().int().min(100).max(100_000).default(10_000),
});

export type StripeSettings = { seconds: number; warmupSeconds: number; connections: number; maxRate: number };

export function loadStripeSettings(env: NodeJS.ProcessEnv = process.env): StripeSettings {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) throw new Error(`invalid bench settings:\n${parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  const values = parsed.data;
  return { seconds: values.BENCH_STRIPE_SECONDS, warmupSeconds: values.BENCH_STRIPE_WARMUP, connections: values.BENCH_STRIPE_CONNECTIONS, maxRate: values.BENCH_STRIPE_MAX_RATE };
}

// ---- results ----

/** One of the desk's phases beside the baseline. */
export type StripePhaseResult = {
  path: string;
  ours: PhaseStats;
  /** Paydesk's events per second divided by the baseline's (higher is better). */
  ratio: number;
  /** Paydesk's latency divided by the baseline's (lower is better). */
  p50Ratio: number;
  p99Ratio: number;
};

/** Read back from the database after the run, against the answers the load process counted. */
export type StripeExactlyOnce = {
  /** New disputes answered `duplicate: false`, warm-up included. */
  newAccepted: number;
  updatesAccepted: number;
  duplicatesAcknowledged: number;
  disputes: number;
  cases: number;
  /** Rows in stripe_events by outcome. */
  events: { applied: number; unchanged: number; ignored: number };
  ok: boolean;
};

export type StripeResult = {
  name: string;
  dialect: DialectName;
  date: string;
  machine: Machine;
  node: string;
  settings: StripeSettings;
  created: StripePhaseResult;
  updated: StripePhaseResult;
  duplicate: StripePhaseResult;
  baseline: PhaseStats;
  warmup: { ours: PhaseStats | null; baseline: PhaseStats | null };
  exactlyOnce: StripeExactlyOnce;
  /** Every request answered as expected and the read-back matches. */
  clean: boolean;
};

// ---- the load process ----

type Progress = (phase: StripePhase, done: number, total: number) => void;

export type StripeLoad = {
  phase(job: Omit<StripePhaseJob, 'kind'>, onProgress: Progress): Promise<PhaseStats>;
  /** Forgets the disputes of the previous dialect's run. */
  reset(): Promise<void>;
  close(): void;
};

/** Forks bench/stripe-load.ts through the bench's TypeScript runner; one job at a time. */
export function startStripeLoad(): StripeLoad {
  const runner = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const child = fork(runner, [fileURLToPath(new URL('./stripe-load.ts', import.meta.url))], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (job: StripeLoadJob, onProgress: Progress = () => undefined) =>
    new Promise<StripeLoadReply>((resolve, reject) => {
      const listen = (message: unknown) => {
        const reply = message as StripeLoadReply;
        if (reply.kind === 'progress') return onProgress(reply.phase, reply.done, reply.total);
        child.off('message', listen).off('exit', exited);
        if (reply.kind === 'failed') reject(new Error(`stripe load: ${reply.message}`));
        else resolve(reply);
      };
      const exited = (code: number | null) => reject(new Error(`stripe load process exited (code ${code ?? 'none'}) during a job`));
      child.on('message', listen).once('exit', exited);
      child.send(job);
    });
  return {
    async phase(job, onProgress) {
      const reply = await ask({ ...job, kind: 'phase' }, onProgress);
      if (reply.kind !== 'phase') throw new Error(`expected phase stats, got ${reply.kind}`);
      return reply.stats;
    },
    async reset() {
      await ask({ kind: 'reset' });
    },
    close: () => (child.connected ? child.disconnect() : undefined),
  };
}

// ---- one dialect ----

export type StripeBenchOptions = { target: BenchTarget; settings: StripeSettings; load: StripeLoad; log: (line: string) => void };

/** The bench tenant, and an admin (the cases bench's seed gives agents only) to configure Stripe. */
async function seedAdmin(database: Database, now: Date): Promise<{ tenantId: string; adminToken: string }> {
  const { tenantId } = await seedTenant(database.db, now, TENANT_SLUG);
  const admin = await createUser(database.db, tenantId, { name: 'Bench admin', role: 'admin', team: null }, systemActor, now);
  const { token } = await createToken(database.db, tenantId, { name: 'bench admin', role: 'admin', userId: admin.id }, systemActor, now);
  return { tenantId, adminToken: token };
}

/** As an admin does: PUT /api/v1/integrations/stripe with the endpoint's signing secret. */
async function configureStripe(deskUrl: string, adminToken: string): Promise<void> {
  const response = await fetch(`${deskUrl}/api/v1/integrations/stripe`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ webhook_secret: WEBHOOK_SECRET }),
  });
  if (response.status !== 200 && response.status !== 201) throw new Error(`PUT /api/v1/integrations/stripe answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
}

const count = (value: unknown) => Number(value ?? 0);

async function readBack(database: Database, tenantId: string, answers: Omit<StripeExactlyOnce, 'disputes' | 'cases' | 'events' | 'ok'>): Promise<StripeExactlyOnce> {
  const { db } = database;
  const disputes = await db.selectFrom('stripe_disputes').where('tenant_id', '=', tenantId).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const cases = await db.selectFrom('cases').where('tenant_id', '=', tenantId).where('channel', '=', 'stripe').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const outcomes = await db.selectFrom('stripe_events').where('tenant_id', '=', tenantId).select((eb) => ['outcome', eb.fn.countAll().as('n')]).groupBy('outcome').execute();
  const outcome = (name: string) => count(outcomes.find((row) => row.outcome === name)?.n);
  const events = { applied: outcome('applied'), unchanged: outcome('unchanged'), ignored: outcome('ignored') };
  const result = { ...answers, disputes: count(disputes.n), cases: count(cases.n), events };
  const ok = result.disputes === answers.newAccepted && result.cases === answers.newAccepted && events.applied === answers.newAccepted + answers.updatesAccepted && events.unchanged + events.ignored === 0;
  return { ...result, ok };
}

const ratio = (ours: number, base: number) => (base > 0 ? Math.round((ours / base) * 10_000) / 10_000 : 0);

function beside(path: string, ours: PhaseStats, baseline: PhaseStats): StripePhaseResult {
  return {
    path,
    ours,
    ratio: ratio(ours.eventsPerSecond, baseline.eventsPerSecond),
    p50Ratio: ratio(ours.latencyMs.p50, baseline.latencyMs.p50),
    p99Ratio: ratio(ours.latencyMs.p99, baseline.latencyMs.p99),
  };
}

const failedOf = (stats: PhaseStats) => stats.sent - stats.ok;

/**
 * One dialect: a fresh store; the desk (with the audit sealer and the background workers, as
 * `paydesk serve` runs them) and the baseline on loopback; Stripe configured through the API; then
 * warm-up, new disputes, updates and duplicates against the desk, the workers stopped, the
 * baseline's warm-up and run, and the read-back.
 */
export async function runStripeBench(options: StripeBenchOptions): Promise<StripeResult> {
  const { settings, load, log } = options;
  const now = () => new Date();
  const date = now().toISOString();
  const store = await openBenchStore(options.target);
  const dialect = store.database.dialect;
  // One progress bar per phase, on stderr.
  const shown: { phase: StripePhase | null; bar: ReturnType<typeof progressBar> | null } = { phase: null, bar: null };
  const stopBar = () => {
    shown.bar?.stop();
    [shown.phase, shown.bar] = [null, null];
  };
  const onProgress: Progress = (phase, done, total) => {
    if (shown.phase !== phase) {
      stopBar();
      [shown.phase, shown.bar] = [phase, progressBar(`stripe ${dialect}: ${phase}`, total)];
    }
    shown.bar?.update(done);
  };
  const runTag = `b${Date.now().toString(36)}`;
  try {
    const { tenantId, adminToken } = await seedAdmin(store.database, now());
    const servers = await startDeskAndBaseline(store, tenantId, now);
    try {
      const desk = servers.deskUrl;
      const baselineUrl = `${servers.baselineUrl}/baseline/cases`;
      await configureStripe(desk, adminToken);
      servers.startWorkers();
      await load.reset();
      const webhook = `${desk}/webhooks/stripe/${TENANT_SLUG}`;
      const run = async (phase: StripePhase, seconds: number, url = webhook, bytes?: number) => {
        if (seconds <= 0) return null;
        const stats = await load.phase({ phase, url, seconds, connections: settings.connections, pool: Math.min(MAX_POOL, Math.ceil(settings.maxRate * seconds)), secret: WEBHOOK_SECRET, runTag, ...(bytes ? { bytes } : {}) }, onProgress);
        stopBar();
        if (failedOf(stats) > 0) log(`${phase}: ${failedOf(stats)} of ${stats.sent} not as expected (${JSON.stringify(stats.statuses)}, ${stats.unexpected} with the wrong duplicate flag); first: ${JSON.stringify(stats.firstFailure)}`);
        if (stats.exhausted) log(`${phase}: all ${stats.pool} pre-signed events sent before the ${seconds} s were up (raise BENCH_STRIPE_MAX_RATE)`);
        return stats;
      };
      const warmup = await run('warm-up', settings.warmupSeconds);
      const created = (await run('created', settings.seconds)) as PhaseStats;
      const updated = (await run('updated', settings.seconds)) as PhaseStats;
      const duplicate = (await run('duplicate', settings.seconds)) as PhaseStats;
      await servers.stopWorkers();
      const baselineWarmup = await run('baseline warm-up', settings.warmupSeconds, baselineUrl, created.bytes);
      const baseline = (await run('baseline', settings.seconds, baselineUrl, created.bytes)) as PhaseStats;
      const exactlyOnce = await readBack(store.database, tenantId, {
        newAccepted: (warmup?.ok ?? 0) + created.ok,
        updatesAccepted: updated.ok,
        duplicatesAcknowledged: duplicate.ok,
      });
      const phases = [warmup, created, updated, duplicate, baselineWarmup, baseline].filter((stats): stats is PhaseStats => stats !== null);
      return {
        name: `stripe-${dialect}`,
        dialect,
        date,
        machine: machineInfo(),
        node: process.version,
        settings,
        created: beside('POST /webhooks/stripe/:tenant charge.dispute.created (new dispute → case)', created, baseline),
        updated: beside('POST /webhooks/stripe/:tenant charge.dispute.updated (deadline moves)', updated, baseline),
        duplicate: beside('POST /webhooks/stripe/:tenant same event id again', duplicate, baseline),
        baseline,
        warmup: { ours: warmup, baseline: baselineWarmup },
        exactlyOnce,
        clean: exactlyOnce.ok && phases.every((stats) => failedOf(stats) === 0),
      };
    } finally {
      stopBar();
      await servers.close();
    }
  } finally {
    await store.cleanup();
  }
}

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { progressBar } from '../src/cli/progress.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { linksFor } from '../src/runtime.js';
import { startLoop } from '../src/shared/loop.js';
import { fireDueTimers, type TimerDeps } from '../src/sla/timers.worker.js';
import { openBulkWriter, type BulkWriter } from './bulk-insert.js';
import { seededRandom } from './random.js';
import { machineInfo } from './result.js';
import type { BenchSettings } from './settings.js';
import { distribution, histogram, slaTargets, type BaselineQuery, type SlaResult, type WorkerRun } from './sla-result.js';
import { seedSlaDesk, type SlaDesk } from './sla-seed.js';
import { openBenchStore, postgresPoolSize, type BenchStore, type BenchTarget } from './store.js';

export type SlaBenchOptions = {
  target: BenchTarget;
  settings: BenchSettings;
  /** Status lines (stderr); stdout is left for the report. */
  log: (line: string) => void;
};

// Fixed so every run seeds the same cases (the timer ids are random UUIDs, as in the app).
const seedOfData = 20260417;
// fireDueTimers' default batch, which the server's worker uses; a full batch runs again at once.
const batch = 200;
// After the last due timer has fired, the worker keeps ticking this long (idle ticks are measured too).
const tailMs = 5000;
// Paced baseline queries, one per tick interval (about as many as a run has idle ticks).
const pacedRepetitions = 40;
// A run that has not fired everything this long after the last due time is cut off (and fails).
const overtimeMs = 60_000;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function seed(store: BenchStore, writer: BulkWriter, options: SlaBenchOptions, windows: number): Promise<{ desk: SlaDesk; seconds: number }> {
  const { sla } = options.settings;
  const started = performance.now();
  const bar = progressBar(`seeding ${store.database.dialect} (open cases, each with a clock and a timer)`, sla.cases);
  const desk = await seedSlaDesk(store, writer, {
    cases: sla.cases,
    windowSize: sla.dueTimers,
    windows,
    now: new Date(),
    random: seededRandom(seedOfData),
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  if (store.database.dialect === 'postgres') {
    // Autovacuum would analyze the fresh rows within a minute anyway; doing it now keeps runs alike.
    await sql`vacuum analyze customers, cases, case_clocks, sla_timers`.execute(store.database.db);
  }
  const settled = performance.now();
  const note = await writer.settle();
  options.log(`seeded rows put on disk in ${((performance.now() - settled) / 1000).toFixed(1)} s: ${note}`);
  return { desk, seconds: (performance.now() - started) / 1000 };
}

/**
 * The floor: the worker's claim as one bare indexed select, no transaction, no lock, no handling.
 * Back to back (`pauseMs` 0, after a tenth as many for warm-up), or paced like the worker's ticks.
 */
async function timeBaseline(db: Kysely<DB>, now: string, repetitions: number, pauseMs = 0): Promise<BaselineQuery> {
  const query = () => sql<{ id: string }>`select id from sla_timers where state = 'pending' and fire_at <= ${now} order by fire_at limit ${batch}`.execute(db);
  const warmup = pauseMs > 0 ? 1 : Math.ceil(repetitions / 10);
  for (let index = 0; index < warmup; index++) await query();
  const samples: number[] = [];
  let rows = 0;
  for (let index = 0; index < repetitions; index++) {
    if (pauseMs > 0) await sleep(pauseMs);
    const started = performance.now();
    const result = await query();
    samples.push(performance.now() - started);
    rows = result.rows.length;
  }
  return { sql: `select id from sla_timers where state = 'pending' and fire_at <= $now order by fire_at limit ${batch}`, rows, ms: distribution(samples, 3) };
}

async function measureBaseline(db: Kysely<DB>, repetitions: number, intervalMs: number, log: (line: string) => void) {
  const empty = await timeBaseline(db, new Date().toISOString(), repetitions);
  log(`baseline, nothing due: p50 ${empty.ms.p50} ms, p99 ${empty.ms.p99} ms (${empty.rows} rows)`);
  // An idle worker's tick comes every interval to a database (and a CPU) that has gone quiet meanwhile.
  const emptyPaced = await timeBaseline(db, new Date().toISOString(), pacedRepetitions, intervalMs);
  log(`baseline, nothing due, one every ${intervalMs} ms: p50 ${emptyPaced.ms.p50} ms, p99 ${emptyPaced.ms.p99} ms`);
  // A "now" weeks ahead, where exactly one batch of the seeded timers is due.
  const edge = await db.selectFrom('sla_timers').select('fire_at').where('state', '=', 'pending').orderBy('fire_at').limit(1).offset(batch - 1).executeTakeFirstOrThrow();
  const fullBatch = await timeBaseline(db, edge.fire_at, repetitions);
  log(`baseline, a full batch due: p50 ${fullBatch.ms.p50} ms, p99 ${fullBatch.ms.p99} ms (${fullBatch.rows} rows)`);
  if (fullBatch.rows !== batch) throw new Error(`baseline found ${fullBatch.rows} due rows, expected ${batch}`);
  return { empty, emptyPaced, fullBatch };
}

type Window = { start: number; end: number };

/** Makes a window's timers come due one after another, evenly over the spread, starting `leadMs` from now. */
async function arm(writer: BulkWriter, ids: string[], leadMs: number, spreadMs: number): Promise<Window> {
  const start = Date.now() + leadMs;
  const step = ids.length > 1 ? spreadMs / (ids.length - 1) : 0;
  const fireAt = ids.map((_, index) => new Date(start + Math.round(index * step)).toISOString());
  await writer.setTimerFireAt(ids, fireAt);
  return { start, end: start + Math.round((ids.length - 1) * step) };
}

type Tick = { worker: number; now: number; ms: number; handled: number; committed: number };

/**
 * Runs the timer worker as the server does (src/shared/loop.ts, the configured interval, a full
 * batch goes again at once) on each database, one loop per database, timing every fireDueTimers
 * call, until every armed timer has been handled and a few idle seconds have passed.
 */
async function runWorkers(databases: Database[], window: Window, due: number, intervalMs: number, links: TimerDeps['links'], log: (line: string) => void) {
  const ticks: Tick[] = [];
  let problems = 0;
  const logger = pino({ level: 'warn' }, {
    write(line: string) {
      problems += 1;
      process.stderr.write(line);
    },
  });
  const loops = databases.map((database, worker) => {
    let lastNow = new Date(0);
    const deps: TimerDeps = { now: () => (lastNow = new Date()), links, log: logger };
    const work = async () => {
      const started = performance.now();
      const handled = await fireDueTimers(database.db, deps, batch);
      ticks.push({ worker, now: lastNow.getTime(), ms: performance.now() - started, handled, committed: Date.now() });
      return handled === batch;
    };
    return startLoop(`SLA timers (bench worker ${worker + 1})`, work, logger, intervalMs);
  });
  const started = Date.now();
  log(`${databases.length} worker(s) started; ${due} timers come due from ${((window.start - started) / 1000).toFixed(1)} s to ${((window.end - started) / 1000).toFixed(1)} s`);
  const bar = progressBar('timers handled', due);
  let allHandledAt: number | null = null;
  for (;;) {
    await sleep(100);
    const handled = ticks.reduce((sum, tick) => sum + tick.handled, 0);
    bar.update(Math.min(handled, due));
    const now = Date.now();
    if (handled >= due && now >= window.end) {
      allHandledAt ??= now;
      if (now - allHandledAt >= tailMs) break;
    }
    if (now > window.end + overtimeMs) {
      log(`stopping: ${due - handled} timers still not handled ${overtimeMs / 1000} s after the last due time`);
      break;
    }
  }
  await Promise.all(loops.map((loop) => loop.stop()));
  bar.stop();
  return { ticks: ticks.filter((tick) => tick.now >= started), problems, started };
}

/** Reads the window's timers back and puts the run's figures together. */
async function analyse(db: Kysely<DB>, workers: number, window: Window, due: number, run: Awaited<ReturnType<typeof runWorkers>>, intervalMs: number): Promise<WorkerRun> {
  const { ticks } = run;
  const startIso = new Date(window.start).toISOString();
  const endIso = new Date(window.end).toISOString();
  const rows = await db.selectFrom('sla_timers').select(['fire_at', 'fired_at', 'state']).where('fire_at', '>=', startIso).where('fire_at', '<=', endIso).execute();
  // Anything else this run touched would be a timer fired early or twice.
  const strays = await db
    .selectFrom('sla_timers')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('state', '!=', 'pending')
    .where('fired_at', '>=', new Date(run.started).toISOString())
    .where((eb) => eb.or([eb('fire_at', '<', startIso), eb('fire_at', '>', endIso)]))
    .executeTakeFirstOrThrow();
  const states = { fired: 0, skipped: 0, failed: 0, pending: 0 };
  for (const row of rows) {
    const state = row.state as keyof typeof states;
    states[state] = (states[state] ?? 0) + 1;
  }
  // fired_at is the batch's "now"; the batch committed when its fireDueTimers call returned.
  const committedAt = new Map<number, number>();
  for (const tick of ticks) committedAt.set(tick.now, Math.max(committedAt.get(tick.now) ?? 0, tick.committed));
  const lags: number[] = [];
  const commitLags: number[] = [];
  const bySecond = new Map<number, number[]>();
  let lastCommit = window.start;
  for (const row of rows) {
    if (row.state !== 'fired' || !row.fired_at) continue;
    const fireAt = Date.parse(row.fire_at);
    const firedAt = Date.parse(row.fired_at);
    const committed = committedAt.get(firedAt) ?? firedAt;
    lags.push(firedAt - fireAt);
    commitLags.push(committed - fireAt);
    lastCommit = Math.max(lastCommit, committed);
    const second = Math.floor((fireAt - window.start) / 1000);
    const list = bySecond.get(second) ?? [];
    list.push(committed - fireAt);
    bySecond.set(second, list);
  }
  const lagOverTime = [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([second, values]) => {
      const stats = distribution(values, 0);
      return { second, due: values.length, commitLagP50: stats.p50, commitLagMax: stats.max };
    });
  const slowestTicks = [...ticks]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((tick) => ({ worker: tick.worker + 1, atSeconds: round((tick.now - window.start) / 1000, 2), ms: round(tick.ms, 1), handled: tick.handled }));
  const handledTicks = ticks.filter((tick) => tick.handled > 0);
  const handled = ticks.reduce((sum, tick) => sum + tick.handled, 0);
  const busyMs = handledTicks.reduce((sum, tick) => sum + tick.ms, 0);
  const perWorker = Array.from({ length: workers }, (_, worker) => ticks.filter((tick) => tick.worker === worker).reduce((sum, tick) => sum + tick.handled, 0));
  return {
    workers,
    due,
    fired: states.fired,
    skipped: states.skipped,
    failed: states.failed,
    pending: states.pending,
    handled,
    perWorker,
    exactlyOnce: rows.length === due && states.fired === due && handled === due && Number(strays.count) === 0 && run.problems === 0,
    loggedProblems: run.problems,
    lagMs: distribution(lags, 1),
    commitLagMs: distribution(commitLags, 1),
    commitLagHistogram: histogram(commitLags),
    lagOverTime,
    slowestTicks,
    firedPerSecond: round(states.fired / Math.max(0.001, (lastCommit - window.start) / 1000), 0),
    capacityPerSecond: round(handled / Math.max(0.001, busyMs / 1000), 0),
    ticks: {
      intervalMs,
      batch,
      emptyMs: distribution(ticks.filter((tick) => tick.handled === 0).map((tick) => tick.ms), 3),
      emptyBeforeMs: distribution(ticks.filter((tick) => tick.handled === 0 && tick.now < window.start).map((tick) => tick.ms), 3),
      emptyAfterMs: distribution(ticks.filter((tick) => tick.handled === 0 && tick.now > window.end).map((tick) => tick.ms), 3),
      busyMs: distribution(handledTicks.map((tick) => tick.ms), 3),
      timersPerBusyTick: round(handledTicks.length > 0 ? handled / handledTicks.length : 0, 1),
      msPerTimer: round(handled > 0 ? busyMs / handled : 0, 3),
    },
  };
}

function describe(label: string, run: WorkerRun, log: (line: string) => void) {
  log(
    `${label}: ${run.fired}/${run.due} fired (${run.perWorker.join(' + ')} handled), lag p50 ${run.lagMs.p50} ms, p99 ${run.lagMs.p99} ms; ` +
      `to commit p50 ${run.commitLagMs.p50} ms, p99 ${run.commitLagMs.p99} ms; ticks: empty p50 ${run.ticks.emptyMs.p50} ms, busy p50 ${run.ticks.busyMs.p50} ms; ` +
      `${run.exactlyOnce ? 'each fired exactly once' : 'NOT exactly once'}`,
  );
}

/**
 * One dialect: seed a fresh store with open cases, each with a running clock and a pending timer;
 * time the bare due-timers select (baseline); then make a window of timers come due over the next
 * seconds and let the real worker fire them on a real clock. PostgreSQL also runs two workers, each
 * with its own pool, over a second window, and checks that every timer fired exactly once.
 */
export async function runSlaBench(options: SlaBenchOptions): Promise<SlaResult> {
  const { settings, log } = options;
  const { sla } = settings;
  const date = new Date().toISOString();
  const store = await openBenchStore(options.target);
  const writer = openBulkWriter(store);
  let writerOpen = true;
  const closeWriter = async () => {
    if (writerOpen) {
      writerOpen = false;
      await writer.close();
    }
  };
  try {
    const postgres = store.location.dialect === 'postgres' ? store.location : null;
    const { desk, seconds } = await seed(store, writer, options, postgres ? 2 : 1);
    log(`seeded ${desk.customers} customers and ${desk.cases} open cases with clocks and timers in ${seconds.toFixed(1)} s`);
    const { db } = store.database;
    const config = loadConfig({ PAYDESK_DATA_DIR: store.dataDir, PAYDESK_LOG_LEVEL: 'silent' });
    const links = linksFor(config);
    const intervalMs = config.timerIntervalMs;
    const baseline = await measureBaseline(db, sla.baselineQueries, intervalMs, log);

    const [firstWindow, secondWindow] = desk.windows;
    if (!firstWindow) throw new Error('no window of timers seeded');

    const window = await arm(writer, firstWindow, sla.leadSeconds * 1000, sla.spreadSeconds * 1000);
    if (!postgres) await closeWriter();
    const single = await runWorkers([store.database], window, firstWindow.length, intervalMs, links, log);
    const run = await analyse(db, 1, window, firstWindow.length, single, intervalMs);
    describe('one worker', run, log);

    let twoWorkers: WorkerRun | null = null;
    if (postgres && secondWindow) {
      const other = openDatabase({ kind: 'postgres', url: postgres.url, schema: postgres.schema, maxConnections: postgresPoolSize });
      try {
        const second = await arm(writer, secondWindow, sla.leadSeconds * 1000, sla.spreadSeconds * 1000);
        await closeWriter();
        const both = await runWorkers([store.database, other], second, secondWindow.length, intervalMs, links, log);
        twoWorkers = await analyse(db, 2, second, secondWindow.length, both, intervalMs);
        describe('two workers', twoWorkers, log);
      } finally {
        await other.destroy();
      }
    }

    const ratio = (value: number, base: number) => (base > 0 ? round(value / base, 1) : 0);
    return {
      name: `sla-${store.database.dialect}`,
      dialect: store.database.dialect,
      date,
      machine: machineInfo(),
      node: process.version,
      settings: {
        cases: sla.cases,
        dueTimers: sla.dueTimers,
        spreadSeconds: sla.spreadSeconds,
        leadSeconds: sla.leadSeconds,
        tickIntervalMs: intervalMs,
        batch,
        baselineQueries: sla.baselineQueries,
      },
      targets: slaTargets,
      seed: { cases: desk.cases, customers: desk.customers, timers: desk.timers, seconds: round(seconds, 1) },
      baseline,
      ratios: {
        emptyTickP50: ratio(run.ticks.emptyMs.p50, baseline.empty.ms.p50),
        emptyTickP99: ratio(run.ticks.emptyMs.p99, baseline.empty.ms.p99),
        emptyTickP50VsPaced: ratio(run.ticks.emptyMs.p50, baseline.emptyPaced.ms.p50),
        emptyTickP99VsPaced: ratio(run.ticks.emptyMs.p99, baseline.emptyPaced.ms.p99),
        busyTickP50: ratio(run.ticks.busyMs.p50, baseline.fullBatch.ms.p50),
        busyTickP99: ratio(run.ticks.busyMs.p99, baseline.fullBatch.ms.p99),
      },
      run,
      twoWorkers,
      pass: run.exactlyOnce && run.commitLagMs.p99 < slaTargets.lagMaxP99Ms && (twoWorkers?.exactlyOnce ?? true),
    };
  } finally {
    await closeWriter();
    await store.cleanup();
  }
}

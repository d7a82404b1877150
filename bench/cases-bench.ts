import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { progressBar } from '../src/cli/progress.js';
import { loadConfig } from '../src/config.js';
import { startSealer } from '../src/audit/sealer.js';
import { buildApp } from '../src/http/app.js';
import { buildBaselineApp, openBaselineStore } from './baseline.js';
import { getList, listQueries, type ListQuery } from './list-queries.js';
import type { LoadClient } from './load.js';
import type { LatencyStats } from './load-protocol.js';
import { seededRandom } from './random.js';
import { targets, type BenchResult, type CreationResult, type ListQueryResult } from './result.js';
import { customerCountFor, seedDesk, type SeededDesk } from './seed.js';
import type { BenchSettings } from './settings.js';
import { openBenchStore, type BenchStore, type BenchTarget } from './store.js';

export type CasesBenchOptions = {
  target: BenchTarget;
  settings: BenchSettings;
  load: LoadClient;
  now: () => Date;
  /** Status lines (stderr); stdout is left for the report. */
  log: (line: string) => void;
};

// Fixed so every run seeds the same cases.
const seedOfData = 20260302;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

async function seed(store: BenchStore, options: CasesBenchOptions): Promise<{ desk: SeededDesk; seconds: number }> {
  const started = performance.now();
  const total = customerCountFor(options.settings.cases) + options.settings.cases;
  const bar = progressBar(`seeding ${store.database.dialect} (customers, then cases)`, total);
  const desk = await seedDesk(store.database, {
    cases: options.settings.cases,
    now: options.now(),
    random: seededRandom(seedOfData),
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  if (store.database.dialect === 'postgres') {
    // Autovacuum would analyze the fresh rows within a minute anyway; doing it now keeps runs alike.
    await sql`vacuum analyze cases, customers, case_tags`.execute(store.database.db);
  }
  return { desk, seconds: (performance.now() - started) / 1000 };
}

/** Both servers must return the same rows, or the comparison would be meaningless. */
async function checkSameRows(query: ListQuery, oursUrl: string, baselineUrl: string, headers: Record<string, string>) {
  const ours = await getList(oursUrl, query.path, headers);
  const baseline = await getList(baselineUrl, query.baselinePath, {});
  const oursIds = ours.items.map((item) => item.id).join(',');
  const baselineIds = baseline.items.map((item) => item.id).join(',');
  if (oursIds !== baselineIds) throw new Error(`baseline for "${query.name}" returns other rows than Paydesk`);
  return ours.items.length;
}

async function measureList(options: CasesBenchOptions, queries: ListQuery[], oursUrl: string, baselineUrl: string, headers: Record<string, string>) {
  const { settings, load, log } = options;
  const results: ListQueryResult[] = [];
  for (const query of queries) {
    const rows = await checkSameRows(query, oursUrl, baselineUrl, headers);
    if (rows < 50) log(`note: "${query.name}" returns only ${rows} rows with ${settings.cases} cases`);
    // A few seconds each, so one line per run says enough about progress.
    const timed = async (label: string, url: string, path: string, requestHeaders: Record<string, string>): Promise<LatencyStats> => {
      const warmupRequests = Math.ceil(settings.listRequests / 10);
      const stats = await load.latency({ url, path, headers: requestHeaders, warmupRequests, requests: settings.listRequests }, () => undefined);
      log(`list ${query.name}, ${label}: p50 ${stats.p50Ms.toFixed(2)} ms, p99 ${stats.p99Ms.toFixed(2)} ms`);
      return stats;
    };
    const baseline = await timed('baseline', baselineUrl, query.baselinePath, {});
    const ours = await timed('Paydesk', oursUrl, query.path, headers);
    results.push({
      name: query.name,
      path: query.path,
      baselinePath: query.baselinePath,
      ours,
      baseline,
      p50Ratio: Math.round((ours.p50Ms / baseline.p50Ms) * 100) / 100,
      p99Ratio: Math.round((ours.p99Ms / baseline.p99Ms) * 100) / 100,
      pass: ours.failed === 0 && ours.p99Ms < targets.listMaxP99Ms,
    });
  }
  return results;
}

async function postOnce(url: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'bench check', customer: { email: 'bench-check@example.com' } }),
  });
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
}

async function measureCreation(options: CasesBenchOptions, desk: SeededDesk, oursUrl: string, baselineUrl: string, headers: Record<string, string>): Promise<CreationResult> {
  const { settings, load } = options;
  const path = '/api/v1/cases';
  await postOnce(`${oursUrl}${path}`, headers);
  await postOnce(`${baselineUrl}/baseline/cases`, {});
  const runTag = options.now().getTime().toString(36);
  const run = async (label: string, url: string, target: string, requestHeaders: Record<string, string>) => {
    const bar = progressBar(`creating cases, ${label} (s)`, settings.warmupSeconds + settings.durationSeconds);
    const stats = await load.throughput(
      {
        url,
        path: target,
        headers: requestHeaders,
        connections: settings.connections,
        warmupSeconds: settings.warmupSeconds,
        durationSeconds: settings.durationSeconds,
        bodies: { runTag: `${runTag}${label.toLowerCase()}`, seededCustomers: desk.customers, seed: seedOfData },
      },
      (done) => bar.update(done),
    );
    bar.stop();
    return stats;
  };
  const baseline = await run('baseline', baselineUrl, '/baseline/cases', {});
  const ours = await run('Paydesk', oursUrl, path, headers);
  const ratio = Math.round((ours.requestsPerSecond / baseline.requestsPerSecond) * 1000) / 1000;
  return { path, ours, baseline, ratio, pass: ours.non2xx === 0 && ours.errors === 0 && ratio >= targets.creationMinRatio };
}

/**
 * One dialect: seed a fresh store, start Paydesk and the baseline side by side on loopback,
 * measure list latency (on exactly the seeded cases) and then creation throughput.
 */
export async function runCasesBench(options: CasesBenchOptions): Promise<BenchResult> {
  const { settings, log } = options;
  const date = options.now().toISOString();
  const store = await openBenchStore(options.target);
  try {
    const { desk, seconds } = await seed(store, options);
    log(`seeded ${desk.customers} customers and ${desk.cases} cases in ${seconds.toFixed(1)} s`);
    const config = loadConfig({ PAYDESK_DATA_DIR: store.dataDir, PAYDESK_LOG_LEVEL: 'silent' });
    const app = await buildApp({ database: store.database, config, now: options.now, secretKey: randomBytes(32), fetch: globalThis.fetch });
    // As in `paydesk serve`: the audit sealer runs beside the API and its work counts.
    const sealer = startSealer(store.database.db, app.log);
    const baselineStore = await openBaselineStore(store);
    const baselineApp = await buildBaselineApp(baselineStore, desk.tenantId, options.now);
    try {
      const oursUrl = await listen(app);
      const baselineUrl = await listen(baselineApp);
      const headers = { authorization: `Bearer ${desk.agentToken}` };
      const agent = desk.agents[0];
      if (!agent) throw new Error('no agent seeded');
      const queries = await listQueries(oursUrl, headers, agent.id);
      const list = await measureList(options, queries, oursUrl, baselineUrl, headers);
      const creation = await measureCreation(options, desk, oursUrl, baselineUrl, headers);
      return {
        name: `cases-${store.database.dialect}`,
        dialect: store.database.dialect,
        date,
        machine: {
          cores: availableParallelism(),
          cpu: cpus()[0]?.model.trim() ?? 'unknown',
          memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
          platform: process.platform,
          arch: process.arch,
        },
        node: process.version,
        settings: {
          cases: settings.cases,
          connections: settings.connections,
          durationSeconds: settings.durationSeconds,
          warmupSeconds: settings.warmupSeconds,
          listRequests: settings.listRequests,
        },
        targets,
        seed: { cases: desk.cases, customers: desk.customers, seconds: Math.round(seconds * 10) / 10 },
        list,
        creation,
        pass: creation.pass && list.every((query) => query.pass),
      };
    } finally {
      await app.close();
      await sealer.stop();
      await baselineApp.close();
      await baselineStore.close();
    }
  } finally {
    await store.cleanup();
  }
}

/**
 * `npm run bench [cases] [sla] [wechatpay] [stripe] [classifier]`: case creation throughput and list
 * latency of Paydesk, SLA timer lag, WeChat Pay complaint callbacks and Stripe dispute events per
 * second, on SQLite and PostgreSQL, each next to a baseline measured in the same run, and the
 * classifier's accuracy (all benches when none is named). See bench/README.md.
 */
import { fileURLToPath } from 'node:url';
import { runCasesBench } from './cases-bench.js';
import { classifierReport, runClassifierBench } from './classifier-bench.js';
import { report, summary } from './format.js';
import { startLoadClient } from './load.js';
import { resultsDir, writeResult, type BenchResult } from './result.js';
import { defaultPostgresUrl, loadSettings, type BenchSettings } from './settings.js';
import { runSlaBench } from './sla-bench.js';
import { slaReport, slaSummary } from './sla-format.js';
import type { SlaResult } from './sla-result.js';
import { postgresAnswers, type BenchTarget } from './store.js';
import { loadStripeSettings, runStripeBench, startStripeLoad, type StripeResult } from './stripe-bench.js';
import { stripeReport, stripeSummary } from './stripe-format.js';
import { runWechatPayBench, startWechatPayLoad, type WechatPayResult } from './wechatpay-bench.js';
import { wechatPayReport, wechatPaySummary } from './wechatpay-format.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** PostgreSQL given by URL must answer; the default one is used only if it happens to. */
async function postgresTarget(explicitUrl: string | null): Promise<BenchTarget | null> {
  if (explicitUrl) {
    if (!(await postgresAnswers(explicitUrl))) throw new Error(`PostgreSQL at ${explicitUrl} does not answer`);
    return { dialect: 'postgres', url: explicitUrl };
  }
  if (await postgresAnswers(defaultPostgresUrl)) return { dialect: 'postgres', url: defaultPostgresUrl };
  log(`skipping PostgreSQL: nothing answers at ${defaultPostgresUrl} (set PAYDESK_BENCH_DATABASE_URL to use another server)`);
  return null;
}

const benches = ['cases', 'sla', 'wechatpay', 'stripe', 'classifier'] as const;
type BenchName = (typeof benches)[number];

/** Bench names from the command line (`npm run bench -- sla`); none means all. */
function selectedBenches(args: string[]): BenchName[] {
  const unknown = args.filter((arg) => !(benches as readonly string[]).includes(arg));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.map((arg) => `"${arg}"`).join(', ')}; choose from ${benches.join(', ')}`);
  const chosen = benches.filter((name) => args.includes(name));
  return chosen.length > 0 ? chosen : [...benches];
}

async function runCases(settings: BenchSettings, targets: BenchTarget[]) {
  log(`bench: ${settings.cases} cases; creation ${settings.connections} connections × ${settings.durationSeconds} s (+${settings.warmupSeconds} s warm-up); ${settings.listRequests} requests per list query`);
  const load = startLoadClient();
  const results: BenchResult[] = [];
  try {
    for (const target of targets) {
      log(`── cases, ${target.dialect}`);
      const result = await runCasesBench({ target, settings, load, now: () => new Date(), log });
      const file = writeResult(fileURLToPath(resultsDir), result);
      log(`wrote ${file}`);
      process.stdout.write(`\n${report(result)}\n`);
      results.push(result);
    }
  } finally {
    load.close();
  }
  if (results.length > 1) process.stdout.write(`${summary(results)}\n`);
}

async function runSla(settings: BenchSettings, targets: BenchTarget[]) {
  const { sla } = settings;
  log(`bench sla: ${sla.cases} open cases with timers; ${sla.dueTimers} timers due over ${sla.spreadSeconds} s, from ${sla.leadSeconds} s after the worker starts; ${sla.baselineQueries} baseline queries`);
  const results: SlaResult[] = [];
  for (const target of targets) {
    log(`── sla, ${target.dialect}`);
    const result = await runSlaBench({ target, settings, log });
    const file = writeResult(fileURLToPath(resultsDir), result);
    log(`wrote ${file}`);
    process.stdout.write(`\n${slaReport(result)}\n`);
    results.push(result);
  }
  if (results.length > 1) process.stdout.write(`${slaSummary(results)}\n`);
}

async function runWechatPay(settings: BenchSettings, targets: BenchTarget[]) {
  const { events, warmup, connections } = settings.wechatpay;
  log(`bench wechatpay: ${events} signed complaint callbacks (after ${warmup} not counted) over ${connections} keep-alive connections, then as many unsigned baseline POSTs`);
  const load = startWechatPayLoad();
  const results: WechatPayResult[] = [];
  try {
    for (const target of targets) {
      log(`── wechatpay, ${target.dialect}`);
      const result = await runWechatPayBench({ target, settings: settings.wechatpay, load, log });
      const file = writeResult(fileURLToPath(resultsDir), result);
      log(`wrote ${file}`);
      process.stdout.write(`\n${wechatPayReport(result)}\n`);
      results.push(result);
    }
  } finally {
    load.close();
  }
  if (results.length > 0) process.stdout.write(`${wechatPaySummary(results)}\n`);
}

async function runStripe(targets: BenchTarget[]) {
  const settings = loadStripeSettings();
  log(`bench stripe: new disputes, updates and duplicate deliveries, ${settings.seconds} s each (after ${settings.warmupSeconds} s of new disputes), over ${settings.connections} keep-alive connections, then the baseline`);
  const load = startStripeLoad();
  const results: StripeResult[] = [];
  try {
    for (const target of targets) {
      log(`── stripe, ${target.dialect}`);
      const result = await runStripeBench({ target, settings, load, log });
      log(`wrote ${writeResult(fileURLToPath(resultsDir), result)}`);
      process.stdout.write(`\n${stripeReport(result)}\n`);
      results.push(result);
    }
  } finally {
    load.close();
  }
  if (results.length > 0) process.stdout.write(`${stripeSummary(results)}\n`);
}

function runClassifier() {
  const result = runClassifierBench(log);
  const file = writeResult(fileURLToPath(resultsDir), result);
  log(`wrote ${file}`);
  process.stdout.write(`\n${classifierReport(result)}\n`);
}

async function main() {
  const chosen = selectedBenches(process.argv.slice(2));
  const settings = loadSettings();
  const targets: BenchTarget[] = [];
  for (const dialect of settings.dialects) {
    if (dialect === 'sqlite') targets.push({ dialect: 'sqlite' });
    else {
      const target = await postgresTarget(settings.postgresUrl);
      if (target) targets.push(target);
    }
  }
  if (chosen.includes('cases')) await runCases(settings, targets);
  if (chosen.includes('sla')) await runSla(settings, targets);
  if (chosen.includes('wechatpay')) await runWechatPay(settings, targets);
  if (chosen.includes('stripe')) await runStripe(targets);
  if (chosen.includes('classifier')) runClassifier();
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});

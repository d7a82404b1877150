/**
 * `npm run bench`: case creation throughput and list latency of Paydesk on SQLite and PostgreSQL,
 * each next to a bare-Fastify baseline measured in the same run. See bench/README.md.
 */
import { fileURLToPath } from 'node:url';
import { runCasesBench } from './cases-bench.js';
import { report, summary } from './format.js';
import { startLoadClient } from './load.js';
import { resultsDir, writeResult, type BenchResult } from './result.js';
import { defaultPostgresUrl, loadSettings } from './settings.js';
import { postgresAnswers, type BenchTarget } from './store.js';

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

async function main() {
  const settings = loadSettings();
  const targets: BenchTarget[] = [];
  for (const dialect of settings.dialects) {
    if (dialect === 'sqlite') targets.push({ dialect: 'sqlite' });
    else {
      const target = await postgresTarget(settings.postgresUrl);
      if (target) targets.push(target);
    }
  }
  log(`bench: ${settings.cases} cases; creation ${settings.connections} connections × ${settings.durationSeconds} s (+${settings.warmupSeconds} s warm-up); ${settings.listRequests} requests per list query`);
  const load = startLoadClient();
  const results: BenchResult[] = [];
  try {
    for (const target of targets) {
      log(`── ${target.dialect}`);
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

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});

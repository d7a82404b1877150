import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultWebRoot } from './http/console.js';
import { createLogger } from './http/redact.js';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { startSealer } from './audit/sealer.js';
import { buildApp } from './http/app.js';
import { classifier } from './diagnosis/classifier.js';
import { bootstrapFirstRun } from './tenants/bootstrap.js';
import { secretKeyFor, startWorkers } from './runtime.js';

/** Starts the desk: migrate, first-run setup, listen; stops gracefully on SIGTERM/SIGINT. */
export async function serve(config: Config, out: (line: string) => void): Promise<void> {
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  const token = await bootstrapFirstRun(database.db, config.defaultTimezone, new Date());
  if (token) {
    out('');
    out('Paydesk is set up. Admin token for tenant "default" (shown once, store it now):');
    out('Paydesk 已初始化。租户 "default" 的管理员令牌（仅显示一次，请妥善保存）：');
    out(`  ${token}`);
    out('');
  }
  // The triage classifier trains on the shipped corpus (about a second) before the desk takes
  // requests, so the first new case is not the one that waits for it.
  const trained = classifier();
  logger.info({ examples: trained.examples, temperature: trained.temperature }, 'classifier trained');
  const ctx = { database, config, now: () => new Date(), secretKey: secretKeyFor(config), fetch: globalThis.fetch };
  const app = await buildApp(ctx, { logger });
  const sealer = startSealer(database.db, logger);
  const workers = startWorkers({ ...ctx, log: app.log });
  await app.listen({ port: config.http.port, host: config.http.host });
  out(`Paydesk listening on http://localhost:${config.http.port} (${database.dialect}) — console at /, help centre for customers at /portal/, API docs at /docs`);
  if (!existsSync(join(defaultWebRoot, 'index.html'))) out('The web console is not built yet: run `npm run build:web` (npm install and npm start do it).');


  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    try {
      await app.close();
      await workers.stop();
      await sealer.stop();
      await database.destroy();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

import { randomBytes } from 'node:crypto';
import { startSealer } from '../src/audit/sealer.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { startWorkers } from '../src/runtime.js';
import { buildBaselineApp, openBaselineStore } from './baseline.js';
import type { BenchStore } from './store.js';

/**
 * The desk as `paydesk serve` runs it (the app, the audit sealer and, once started, the background
 * workers) and the baseline app beside it, both listening on loopback. Shared by the WeChat Pay and
 * Stripe benches.
 */
export async function startDeskAndBaseline(store: BenchStore, tenantId: string, now: () => Date) {
  const config = loadConfig({ PAYDESK_DATA_DIR: store.dataDir, PAYDESK_LOG_LEVEL: 'silent' });
  const context = { database: store.database, config, now, secretKey: randomBytes(32), fetch: globalThis.fetch };
  const app = await buildApp(context);
  const sealer = startSealer(store.database.db, app.log);
  const baselineStore = await openBaselineStore(store);
  const baselineApp = await buildBaselineApp(baselineStore, tenantId, now);
  let workers: { stop(): Promise<void> } | null = null;
  const stopWorkers = async () => {
    await workers?.stop();
    workers = null;
  };
  const close = async () => {
    await app.close();
    await stopWorkers();
    await sealer.stop();
    await baselineApp.close();
    await baselineStore.close();
  };
  try {
    const deskUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const baselineUrl = await baselineApp.listen({ port: 0, host: '127.0.0.1' });
    return { deskUrl, baselineUrl, startWorkers: () => void (workers ??= startWorkers({ ...context, log: app.log })), stopWorkers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

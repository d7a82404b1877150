import type { FastifyBaseLogger } from 'fastify';
import type { Links } from './cases/case-summary.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { startPlatformWorker } from './channels/wechatpay/worker.js';
import { startEmailWorker } from './channels/email/worker.js';
import { startOutboxWorker } from './notify/outbox.worker.js';
import { loadSecretKey } from './shared/secrets.js';
import { startTimerWorker } from './sla/timers.worker.js';

export function linksFor(config: Pick<Config, 'publicUrl'>): Links {
  return {
    caseUrl: (caseId) => `${config.publicUrl}/cases/${caseId}`,
    teamUrl: (team) => `${config.publicUrl}/queue?team=${encodeURIComponent(team)}`,
  };
}

export function secretKeyFor(config: Pick<Config, 'secretKey' | 'dataDir'>): Buffer {
  return loadSecretKey({ envKey: config.secretKey, dataDir: config.dataDir });
}

export type WorkerDeps = { database: Database; config: Config; now: () => Date; secretKey: Buffer; fetch: typeof globalThis.fetch; log: FastifyBaseLogger };

/** The in-process background work, all from durable tables: SLA timers, notifications, WeChat Pay calls and reconciliation. */
export function startWorkers(deps: WorkerDeps) {
  const { db } = deps.database;
  const timers = startTimerWorker(db, { now: deps.now, links: linksFor(deps.config), log: deps.log }, deps.config.timerIntervalMs);
  const outbox = startOutboxWorker(db, { now: deps.now, fetch: deps.fetch, secretKey: deps.secretKey, log: deps.log }, Math.max(deps.config.timerIntervalMs, 250));
  const email = startEmailWorker({ db, now: deps.now, secretKey: deps.secretKey, log: deps.log, attachmentMaxBytes: deps.config.attachmentMaxBytes }, Math.max(deps.config.timerIntervalMs, 1000));
  const platform = startPlatformWorker({ db, now: deps.now, fetch: deps.fetch, secretKey: deps.secretKey, log: deps.log, publicUrl: deps.config.publicUrl }, Math.max(deps.config.timerIntervalMs, 1000));
  return {
    async stop() {
      await timers.stop();
      await outbox.stop();
      await platform.stop();
      await email.stop();
    },
  };
}

import type { FastifyBaseLogger } from 'fastify';
import type { Links } from './cases/case-summary.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { startPlatformWorker } from './channels/wechatpay/worker.js';
import { startEmailWorker, type EmailDeps } from './channels/email/worker.js';
import { expandStatusLinks } from './portal/portal.hooks.js';
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

/** What the e-mail work needs: polling, sending, and the status links filled in as replies go out. */
export function emailDepsFor(deps: { db: Database['db']; config: Config; now: () => Date; secretKey: Buffer; log: EmailDeps['log'] }): EmailDeps {
  const { db, config, now, secretKey, log } = deps;
  return { db, now, secretKey, log, attachmentMaxBytes: config.attachmentMaxBytes, expandText: expandStatusLinks({ secretKey, publicUrl: config.publicUrl, now }) };
}

export type WorkerDeps = { database: Database; config: Config; now: () => Date; secretKey: Buffer; fetch: typeof globalThis.fetch; log: FastifyBaseLogger };

/** The in-process background work, all from durable tables: SLA timers, notifications, WeChat Pay calls and reconciliation. */
export function startWorkers(deps: WorkerDeps) {
  const { db } = deps.database;
  const timers = startTimerWorker(db, { now: deps.now, links: linksFor(deps.config), log: deps.log }, deps.config.timerIntervalMs);
  const outbox = startOutboxWorker(db, { now: deps.now, fetch: deps.fetch, secretKey: deps.secretKey, log: deps.log }, Math.max(deps.config.timerIntervalMs, 250));
  const email = startEmailWorker(emailDepsFor({ db, config: deps.config, now: deps.now, secretKey: deps.secretKey, log: deps.log }), Math.max(deps.config.timerIntervalMs, 1000));
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

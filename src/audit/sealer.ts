import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../db/database.js';
import { sealAll } from './audit.service.js';

/**
 * Seals new audit events into their tenants' chains every `intervalMs`. Several nodes may run
 * one each: the chain lock makes them take turns. Reads that need the chain seal on their own,
 * so this only bounds how long an event stays unsealed.
 */
export function startSealer(db: Executor, log: FastifyBaseLogger, intervalMs = 250) {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sealAll(db)
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error }, 'audit sealing failed; will retry'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    /** Stops the timer and waits for a round in progress, then seals what is left. */
    async stop() {
      clearInterval(timer);
      if (running) await running;
      await sealAll(db);
    },
  };
}

import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../db/database.js';
import { startLoop } from '../shared/loop.js';
import { sealAll } from './audit.service.js';

/**
 * Seals new audit events into their tenants' chains every `intervalMs`. Several nodes may run
 * one each: the chain lock makes them take turns. Reads that need the chain seal on their own,
 * so this only bounds how long an event stays unsealed.
 */
export function startSealer(db: Executor, log: FastifyBaseLogger, intervalMs = 250) {
  const loop = startLoop('audit sealing', async () => void (await sealAll(db)), log, intervalMs);
  return {
    /** Stops the timer and waits for a round in progress, then seals what is left. */
    async stop() {
      await loop.stop();
      await sealAll(db);
    },
  };
}

import { recomputeOpenCases } from '../cases/case-clocks.js';
import type { Executor } from '../db/database.js';
import { continuePolicySync, schedulePolicySync } from './timers.service.js';

/** How policy and calendar changes reach open cases. */
export type Deps = { now: () => Date; inlineRecompute: number };

/** A re-sync that starts by itself a minute after the change, should the inline pass not finish. */
const SAFETY_DELAY_MS = 60_000;

/** Inside the change's transaction: plan the durable re-sync, so a crash after commit cannot skip it. */
export async function planResync(trx: Executor, tenantId: string, now: Date): Promise<string> {
  return schedulePolicySync(trx, tenantId, '', new Date(now.getTime() + SAFETY_DELAY_MS));
}

/**
 * After commit: re-match the first open cases at once (so a normal desk sees the change in the
 * response), then drop the planned job, or hand it the rest to do now.
 */
export async function followChange(db: Executor, tenantId: string, jobId: string, deps: Deps): Promise<void> {
  const rest = await recomputeOpenCases(db, tenantId, null, deps.inlineRecompute, deps.now);
  await continuePolicySync(db, jobId, rest, deps.now());
}

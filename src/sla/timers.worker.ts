import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { appendEvent, systemActor } from '../audit/audit.service.js';
import { caseSummary, type Links } from '../cases/case-summary.js';
import { lockCaseIfFree, requireCase } from '../cases/cases.service.js';
import { escalateCaseRow, raisePriority } from '../cases/escalation.service.js';
import { findFollowUp } from '../cases/follow-ups.service.js';
import { recomputeOpenCases } from '../cases/case-clocks.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { DB, TimerRow } from '../db/schema.js';
import { enqueueNotification } from '../notify/outbox.service.js';
import type { SlaClock } from '../notify/templates/index.js';
import { startLoop } from '../shared/loop.js';
import { runHandover } from '../teams/handover.service.js';
import { tenantTimezone } from '../tenants/tenants.service.js';
import { parseRule } from './clock-rules.js';
import { findClock, markBreached, otherClockBreached } from './clocks.repository.js';
import { claimDueTimers, failTimer, finishTimers } from './timers.repository.js';
import { emptyBatch, loadTimerBatch, type TimerBatch } from './timer-batch.js';
import { schedulePolicySync } from './timers.service.js';

export type TimerDeps = { now: () => Date; links: Links; log: Pick<FastifyBaseLogger, 'error' | 'warn'> };

/** Does what one due timer asks for; 'skipped' when its clock has moved on, 'later' when its case changed in this batch. */
async function handleTimer(trx: Executor, timer: TimerRow, now: Date, deps: TimerDeps, batch: TimerBatch): Promise<'fired' | 'skipped' | 'later'> {
  if (timer.kind === 'handover') {
    if (timer.team) await runHandover(trx, timer.tenant_id, timer.team, now, deps.links.teamUrl(timer.team));
    return 'fired';
  }
  if (timer.kind === 'follow_up') return remindFollowUp(trx, timer, now, deps);
  if (batch.frozen) return 'later';
  if (timer.kind === 'policy_sync') {
    // It rewrites clocks and timers of many cases: what this batch read before is no longer trusted.
    batch.frozen = true;
    const next = await recomputeOpenCases(trx, timer.tenant_id, timer.label || null, POLICY_SYNC_CHUNK, () => now, { skipBusy: true });
    if (next) await schedulePolicySync(trx, timer.tenant_id, next, now);
    return 'fired';
  }
  if (!timer.case_id || !timer.clock_name) return 'skipped';
  if (batch.dirty.has(timer.case_id)) return 'later';
  const clock = batch.clock(timer) ?? (await findClock(trx, timer.case_id, timer.clock_name));
  if (!clock || clock.tenant_id !== timer.tenant_id || clock.cycle !== timer.cycle || clock.stopped_at || clock.paused_since) return 'skipped';
  const current = batch.caseOf(timer) ?? (await requireCase(trx, timer.tenant_id, timer.case_id));
  const notice = {
    ...(await caseSummary(trx, current, deps.links, batch.customerName(current))),
    clock: clock.name as SlaClock,
    due_at: clock.due_at,
    seconds_left: Math.round((Date.parse(clock.due_at) - now.getTime()) / 1000),
    timezone: await tenantTimezone(trx, timer.tenant_id),
  };
  const scope = { team: current.team, caseId: current.id };
  const channels = batch.channels(timer.tenant_id);
  if (timer.kind === 'reminder') {
    // After a stop, a reminder may come due only after its deadline: the breach notice says it better.
    if (notice.seconds_left <= 0) return 'skipped';
    await enqueueNotification(trx, timer.tenant_id, { event: 'sla.reminder', data: notice }, scope, now, channels);
    return 'fired';
  }
  // A breach changes the case: lock it first (or come back next round if a request holds it) and
  // judge the clock as it is now, not as the batch read it.
  const locked = await lockCaseIfFree(trx, timer.tenant_id, timer.case_id);
  if (!locked) return 'later';
  const fresh = await findClock(trx, timer.case_id, timer.clock_name);
  if (!fresh || fresh.cycle !== timer.cycle || fresh.stopped_at || fresh.paused_since || fresh.breached_at || Date.parse(fresh.due_at) > now.getTime()) return 'skipped';
  batch.dirty.add(locked.id);
  await markBreached(trx, locked.id, fresh.name, fresh.due_at);
  await appendEvent(trx, { tenantId: timer.tenant_id, caseId: locked.id, actor: systemActor, type: 'sla.breached', payload: { clock: fresh.name, due_at: fresh.due_at, policy_id: fresh.policy_id }, at: now.toISOString() });
  const { breachActions } = parseRule(fresh);
  const breachNotice = { ...notice, priority: locked.priority, due_at: fresh.due_at, seconds_left: Math.round((Date.parse(fresh.due_at) - now.getTime()) / 1000) };
  if (breachActions.includes('notify')) await enqueueNotification(trx, timer.tenant_id, { event: 'sla.breached', data: breachNotice }, { team: locked.team, caseId: locked.id }, now, channels);
  // Deadlines often fall together (first reply and the platform reply): one of them moves the case up,
  // another breaching within the hour only notifies, so a case does not jump L1 → L3 in a second.
  const firstBreach = !(await otherClockBreached(trx, locked.id, fresh.name, new Date(Date.parse(fresh.due_at) - ESCALATION_QUIET_MS).toISOString()));
  if (breachActions.includes('raise_priority') && firstBreach) await raisePriority(trx, locked, systemActor, now, `SLA ${fresh.name} breached`);
  if (breachActions.includes('escalate') && firstBreach) {
    const latest = await requireCase(trx, timer.tenant_id, locked.id);
    await escalateCaseRow(trx, latest, { reason: `SLA ${fresh.name} breached`, strict: false }, systemActor, now, deps.links);
  }
  return 'fired';
}

async function remindFollowUp(trx: Executor, timer: TimerRow, now: Date, deps: TimerDeps): Promise<'fired' | 'skipped'> {
  const promise = await findFollowUp(trx, timer.tenant_id, timer.label);
  if (!promise || promise.done_at || !timer.case_id) return 'skipped';
  const current = await requireCase(trx, timer.tenant_id, timer.case_id);
  const data = { ...(await caseSummary(trx, current, deps.links)), note: promise.note, due_at: promise.due_at, timezone: await tenantTimezone(trx, timer.tenant_id) };
  await enqueueNotification(trx, timer.tenant_id, { event: 'follow_up.due', data }, { team: current.team, caseId: current.id }, now);
  return 'fired';
}

/** Several reminders of one clock due at once (the desk was down or busy): only the latest goes out. */
function supersededReminders(timers: TimerRow[]): Set<string> {
  const latest = new Map<string, TimerRow>();
  const superseded = new Set<string>();
  for (const timer of timers) {
    if (timer.kind !== 'reminder') continue;
    const key = `${timer.case_id}/${timer.clock_name}/${timer.cycle}`;
    const seen = latest.get(key);
    if (!seen) latest.set(key, timer);
    else if (timer.fire_at >= seen.fire_at) {
      superseded.add(seen.id);
      latest.set(key, timer);
    } else superseded.add(timer.id);
  }
  return superseded;
}

const BATCH = 200;
const POLICY_SYNC_CHUNK = 200;
const ESCALATION_QUIET_MS = 60 * 60_000;

/**
 * Fires due timers: a batch per transaction, so marking a timer fired and queuing its notification
 * commit together (a crash before commit leaves the timer pending for the next round or node).
 * If one timer's work fails, the batch is replayed one timer at a time and the bad one is set aside.
 */
export async function fireDueTimers(db: Kysely<DB>, deps: TimerDeps, limit = BATCH): Promise<number> {
  const now = deps.now();
  try {
    return await inTransaction(db, async (trx) => {
      const timers = await claimDueTimers(trx, now.toISOString(), limit);
      const batch = await loadTimerBatch(trx, timers);
      const done: Record<'fired' | 'skipped' | 'later', string[]> = { fired: [], skipped: [], later: [] };
      const superseded = supersededReminders(timers);
      for (const timer of timers) done[superseded.has(timer.id) ? 'skipped' : await handleTimer(trx, timer, now, deps, batch)].push(timer.id);
      await finishTimers(trx, done.fired, 'fired', now.toISOString());
      await finishTimers(trx, done.skipped, 'skipped', now.toISOString());
      // Timers left for later stay pending and are read afresh next round.
      return timers.length - done.later.length;
    });
  } catch (batchError) {
    deps.log.warn({ err: batchError }, 'a timer failed; firing this batch one by one');
    let handled = 0;
    for (let index = 0; index < limit; index += 1) {
      let failing: TimerRow | undefined;
      const took = await inTransaction(db, async (trx) => {
        const [timer] = await claimDueTimers(trx, now.toISOString(), 1);
        if (!timer) return false;
        failing = timer;
        const outcome = await handleTimer(trx, timer, now, deps, emptyBatch());
        // A timer waiting on a busy case would be claimed again at once: end the round there.
        if (outcome === 'later') return false;
        await finishTimers(trx, [timer.id], outcome, now.toISOString());
        return true;
      }).catch(async (error: unknown) => {
        if (!failing) throw error;
        deps.log.error({ err: error, timer: failing.id, case: failing.case_id }, 'timer failed; set aside');
        await failTimer(db, failing.id, error instanceof Error ? error.message : String(error), now);
        return true;
      });
      if (!took) break;
      handled += 1;
    }
    return handled;
  }
}

export function startTimerWorker(db: Kysely<DB>, deps: TimerDeps, intervalMs = 250) {
  return startLoop('SLA timers', async () => (await fireDueTimers(db, deps)) === BATCH, deps.log, intervalMs);
}

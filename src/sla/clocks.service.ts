import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { CaseRow, ClockRow, NewTimer } from '../db/schema.js';
import { businessSecondsBetween, type CalendarSpec } from './calendar/calendar.js';
import { resolveCaseCalendar } from './calendars.service.js';
import { computeDue, isPausable, parseRule, planTimers, presentClock, type ClockRule } from './clock-rules.js';
import * as repo from './clocks.repository.js';
import { reminderSettings, type ClockName, type ClockResponse } from './policies.schema.js';
import { listPolicies } from './policies.repository.js';
import { wantedClocks } from './policy-match.js';

/** What happened to the case, as far as its clocks care. */
export type ClockEvent =
  /** `replan`: the priority changed, so reminder plans change even where deadlines do not. */
  | { type: 'recompute'; replan?: boolean }
  | { type: 'agent_reply' }
  | { type: 'customer_message' }
  | { type: 'status'; from: string; to: string };

const replyClocks: ClockName[] = ['first_reply', 'platform_reply', 'next_reply'];
const doneStatuses = ['resolved', 'closed'];
const ms = (iso: string) => Date.parse(iso);
const wholeSeconds = (from: number, to: number) => Math.max(0, Math.round((to - from) / 1000));

type Working = { row: ClockRow; rule: ClockRule; before: string | null; restarted?: boolean };

/**
 * Brings a case's clocks up to date after something happened to it, inside the caller's transaction:
 * applies the event (reply, status change), re-matches policies, recomputes deadlines and replaces the
 * pending timers of every clock that changed. Returns the nearest running deadline (null if none,
 * undefined when the case has no clocks at all) for the case's `due_at`.
 */
export async function syncClocks(trx: Executor, caseRow: CaseRow, tenantTimezone: string, event: ClockEvent, now: Date): Promise<string | null | undefined> {
  const at = now.toISOString();
  const tags = JSON.parse(caseRow.tags) as string[];
  const wanted = wantedClocks(await listPolicies(trx, caseRow.tenant_id, true), { channel: caseRow.channel, category: caseRow.category, priority: caseRow.priority, tags });
  const clocks = new Map<string, Working>();
  for (const row of await repo.listCaseClocks(trx, caseRow.id)) clocks.set(row.name, { row, rule: parseRule(row), before: JSON.stringify(row) });

  const calendars = new Map<string | null, CalendarSpec>();
  const calendarFor = async (rule: ClockRule) => {
    let spec = calendars.get(rule.calendarId);
    if (!spec) {
      spec = (await resolveCaseCalendar(trx, caseRow.tenant_id, tenantTimezone, caseRow.team, rule.calendarId)).spec;
      calendars.set(rule.calendarId, spec);
    }
    return spec;
  };
  const resumeFrom = async (clock: Working, since: string) => {
    clock.row.paused_seconds += wholeSeconds(ms(since), now.getTime());
    if (clock.rule.kind === 'business') clock.row.paused_work_seconds += Math.round(businessSecondsBetween(await calendarFor(clock.rule), new Date(since), now));
  };
  // A clock stopped while paused is judged with the pause counted: its deadline moves first.
  const stop = async (clock: Working) => {
    if (clock.row.stopped_at) return;
    if (clock.row.paused_since) {
      await resumeFrom(clock, clock.row.paused_since);
      clock.row.paused_since = null;
      clock.row.due_at = computeDue(clock.row, clock.rule, await calendarFor(clock.rule)).toISOString();
    }
    clock.row.stopped_at = at;
  };
  const restart = (clock: Working) => {
    Object.assign(clock.row, { cycle: clock.row.cycle + 1, started_at: at, paused_since: null, paused_seconds: 0, paused_work_seconds: 0, stopped_at: null, breached_at: null });
    clock.restarted = true;
  };
  const hadClocks = clocks.size > 0;

  // 1. What the event does to the clocks already running.
  if (event.type === 'agent_reply') {
    for (const name of replyClocks) {
      const clock = clocks.get(name);
      if (clock) await stop(clock);
    }
  } else if (event.type === 'customer_message') {
    const want = wanted.get('next_reply');
    const clock = clocks.get('next_reply');
    if (want && caseRow.first_response_at && !doneStatuses.includes(caseRow.status)) {
      if (!clock) clocks.set('next_reply', { row: newClock(caseRow, 'next_reply', want.policyId, want.rule, at), rule: want.rule, before: null });
      else if (clock.row.stopped_at) restart(clock);
    }
  } else if (event.type === 'status') {
    const reopened = doneStatuses.includes(event.from) && !doneStatuses.includes(event.to);
    for (const clock of clocks.values()) {
      // A platform's fixed deadline (a dispute's evidence due date) is stopped by that platform, not by the case status.
      if (doneStatuses.includes(event.to) && clock.rule.kind !== 'fixed') await stop(clock);
      else if (reopened && clock.row.stopped_at && clock.row.name === 'resolution') {
        if (clock.rule.reopen === 'restart') restart(clock);
        else {
          await resumeFrom(clock, clock.row.stopped_at);
          clock.row.stopped_at = null;
        }
      }
    }
  }

  // 2. Match the policies: add wanted clocks, take the new rules, drop running clocks no policy wants.
  for (const [name, want] of wanted) {
    const clock = clocks.get(name);
    if (!clock) {
      if (name === 'next_reply') continue;
      const row = newClock(caseRow, name, want.policyId, want.rule, caseRow.created_at);
      const stoppedAt = name === 'first_reply' || name === 'platform_reply' ? caseRow.first_response_at : (caseRow.resolved_at ?? caseRow.closed_at);
      if (stoppedAt || doneStatuses.includes(caseRow.status)) row.stopped_at = stoppedAt ?? at;
      clocks.set(name, { row, rule: want.rule, before: null });
    } else if (!clock.row.stopped_at) {
      clock.rule = want.rule;
      clock.row.rule = JSON.stringify(want.rule);
      clock.row.policy_id = want.policyId;
      clock.row.kind = want.rule.kind;
    }
  }
  for (const [name, clock] of clocks) {
    // Fixed deadlines belong to the platform that set them, not to any policy.
    if (wanted.has(name as ClockName) || clock.row.stopped_at || clock.before === null || clock.rule.kind === 'fixed') continue;
    clocks.delete(name);
    await repo.deleteClock(trx, caseRow.id, name);
    await repo.deletePendingTimers(trx, caseRow.id, name);
  }
  // 3. Pause or resume every running clock by the case's status and the clock's current rule.
  for (const clock of clocks.values()) {
    if (clock.row.stopped_at) continue;
    const shouldPause = isPausable(clock.rule) && clock.rule.pauseStatuses.includes(caseRow.status);
    if (shouldPause && !clock.row.paused_since) clock.row.paused_since = at;
    if (!shouldPause && clock.row.paused_since) {
      await resumeFrom(clock, clock.row.paused_since);
      clock.row.paused_since = null;
    }
  }

  // 4. Deadlines, storage and timers for whatever changed.
  let nearest: number | null = null;
  for (const clock of clocks.values()) {
    const calendar = await calendarFor(clock.rule);
    if (!clock.row.stopped_at) clock.row.due_at = computeDue(clock.row, clock.rule, calendar).toISOString();
    if (!clock.row.stopped_at && !clock.row.paused_since) nearest = Math.min(nearest ?? Infinity, ms(clock.row.due_at));
    const after = JSON.stringify(clock.row);
    if (after === clock.before && !(event.type === 'recompute' && event.replan && !clock.row.stopped_at)) continue;
    if (clock.before === null) await repo.insertClock(trx, clock.row);
    else await repo.updateClock(trx, clock.row, clock.restarted === true);
    await repo.deletePendingTimers(trx, caseRow.id, clock.row.name);
    const timers = planTimers(clock.row, clock.rule, calendar, caseRow.priority, now).map(
      (timer): NewTimer => ({
        id: randomUUID(),
        tenant_id: caseRow.tenant_id,
        case_id: caseRow.id,
        team: null,
        clock_name: clock.row.name,
        cycle: clock.row.cycle,
        kind: timer.kind,
        label: timer.label,
        fire_at: timer.fireAt.toISOString(),
        state: 'pending',
        fired_at: null,
        error: null,
      }),
    );
    await repo.insertTimers(trx, timers);
  }
  if (clocks.size === 0) return hadClocks ? null : undefined;
  return nearest === null ? null : new Date(nearest).toISOString();
}

function newClock(caseRow: CaseRow, name: ClockName, policyId: string | null, rule: ClockRule, startedAt: string): ClockRow {
  return {
    tenant_id: caseRow.tenant_id,
    case_id: caseRow.id,
    name,
    kind: rule.kind,
    policy_id: policyId,
    rule: JSON.stringify(rule),
    cycle: 1,
    started_at: startedAt,
    due_at: startedAt,
    paused_since: null,
    paused_seconds: 0,
    paused_work_seconds: 0,
    stopped_at: null,
    breached_at: null,
  };
}

/**
 * Sets (or moves) a deadline a platform fixed, such as a Stripe dispute's evidence due date; `due`
 * null stops it (evidence submitted, dispute closed). Writes the clock row only: the caller then
 * refreshes the case's clocks with a replan, which plans its reminders and breach and keeps the
 * case's due_at on the nearest deadline.
 */
export async function setFixedClock(trx: Executor, caseRow: CaseRow, name: ClockName, due: string | null, now: Date): Promise<void> {
  const existing = await repo.findClock(trx, caseRow.id, name);
  const at = now.toISOString();
  if (due === null) {
    if (existing && !existing.stopped_at) {
      await repo.updateClock(trx, { ...existing, stopped_at: at }, false);
      await repo.deletePendingTimers(trx, caseRow.id, name);
    }
    return;
  }
  const rule: ClockRule = { kind: 'fixed', dueAt: due, calendarId: null, pauseStatuses: [], reopen: 'resume', platform: true, reminders: fixedDeadlineReminders, breachActions: ['notify', 'raise_priority'] };
  if (!existing) {
    await repo.insertClock(trx, { ...newClock(caseRow, name, null, rule, at), due_at: due });
  } else if (existing.due_at !== due || existing.stopped_at) {
    // A new due date is a new run: reminders and the breach are planned again from now.
    await repo.updateClock(trx, { ...existing, rule: JSON.stringify(rule), kind: 'fixed', due_at: due, stopped_at: null, breached_at: null, cycle: existing.cycle + 1, started_at: at }, true);
  }
}

/** A platform deadline is days away: remind a day, six hours, two hours and 30 minutes before, then every 30 minutes in the last two hours. */
const fixedDeadlineReminders = reminderSettings.parse({ percents: [50], before_minutes: [1440, 360, 120, 30], repeat_every_minutes: 30, repeat_within_minutes: 120 });

/** Clocks of several cases for their JSON, keyed by case id. */
export async function clocksOfCases(db: Executor, tenantId: string, caseIds: string[], now: Date): Promise<Map<string, ClockResponse[]>> {
  const byCase = new Map<string, ClockResponse[]>();
  for (const row of await repo.listClocksOfCases(db, tenantId, caseIds)) {
    const list = byCase.get(row.case_id) ?? [];
    list.push(presentClock(row, now));
    byCase.set(row.case_id, list);
  }
  return byCase;
}

/** Deadlines a shift has to watch: running clocks of a team's cases due before `before`. */
export const teamDeadlines = repo.teamDeadlines;

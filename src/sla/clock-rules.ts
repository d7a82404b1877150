import type { ClockRow } from '../db/schema.js';
import { addBusinessSeconds, endOfLocalDayPlus, type CalendarSpec } from './calendar/calendar.js';
import type { BreachAction, ClockKind, ClockName, ClockResponse, ReminderSettings } from './policies.schema.js';

/** A clock's rule, frozen onto the case when the clock is set so timers never need the policy again. */
export type ClockRule = {
  kind: ClockKind;
  /** Target for business and elapsed clocks. */
  seconds?: number;
  /** calendar_day_end: days after the creation day, in `timezone`. */
  days?: number;
  timezone?: string;
  /** fixed: the deadline itself (ISO instant), set by a platform. */
  dueAt?: string;
  /** Fallback calendar of the policy (the case's team calendar comes first). */
  calendarId: string | null;
  pauseStatuses: string[];
  reopen: 'restart' | 'resume';
  /** Platform deadlines: never paused, always repeat reminders near the end. */
  platform: boolean;
  reminders: ReminderSettings;
  breachActions: BreachAction[];
};

export function parseRule(row: Pick<ClockRow, 'rule'>): ClockRule {
  return JSON.parse(row.rule) as ClockRule;
}

/** Platform deadlines and calendar-day deadlines run on regardless of the case status. */
export function isPausable(rule: ClockRule): boolean {
  return !rule.platform && rule.kind !== 'calendar_day_end' && rule.kind !== 'fixed';
}

/** The deadline of a clock run, given what it has spent paused. */
export function computeDue(row: Pick<ClockRow, 'started_at' | 'paused_seconds' | 'paused_work_seconds'>, rule: ClockRule, calendar: CalendarSpec): Date {
  const started = new Date(row.started_at);
  switch (rule.kind) {
    case 'business':
      try {
        return addBusinessSeconds(calendar, started, (rule.seconds ?? 0) + row.paused_work_seconds);
      } catch (error) {
        // A big target on a sparse calendar (or one closed for years) lies beyond the engine's
        // ten-year horizon: cap the deadline there rather than fail the case.
        if (error instanceof Error) return new Date(started.getTime() + BUSINESS_HORIZON_MS);
        throw error;
      }
    case 'elapsed':
      return new Date(started.getTime() + ((rule.seconds ?? 0) + row.paused_seconds) * 1000);
    case 'calendar_day_end':
      return endOfLocalDayPlus(rule.timezone ?? calendar.timezone, started, rule.days ?? 0);
    case 'fixed':
      return new Date(rule.dueAt ?? row.started_at);
  }
}

const seconds = (ms: number) => Math.round(ms / 1000);

/** The calendar engine looks ten years ahead at most; deadlines beyond that are capped there. */
export const BUSINESS_HORIZON_MS = 3660 * 24 * 3600_000;

export function presentClock(row: ClockRow, now: Date): ClockResponse {
  const due = Date.parse(row.due_at);
  const pausedSince = row.paused_since ? Date.parse(row.paused_since) : null;
  const stopped = row.stopped_at ? Date.parse(row.stopped_at) : null;
  // A clock is judged at the moment it stopped or paused, else now.
  const judgedAt = stopped ?? pausedSince ?? now.getTime();
  const breached = row.breached_at !== null || judgedAt > due;
  return {
    name: row.name as ClockName,
    kind: row.kind as ClockKind,
    policy_id: row.policy_id,
    due_at: pausedSince !== null && stopped === null ? null : row.due_at,
    started_at: row.started_at,
    paused: pausedSince !== null && stopped === null,
    paused_seconds: row.paused_seconds + (pausedSince !== null && stopped === null ? Math.max(0, seconds(now.getTime() - pausedSince)) : 0),
    stopped_at: row.stopped_at,
    breached,
    breached_at: breached ? (row.breached_at ?? row.due_at) : null,
    remaining_seconds: stopped !== null ? null : seconds(due - (pausedSince ?? now.getTime())),
  };
}

export type PlannedTimer = { kind: 'reminder' | 'breach'; label: string; fireAt: Date };

/**
 * Reminder and breach instants for a running clock: shares of the target, fixed lead times, and a
 * repeat every N minutes near the end for urgent cases and platform deadlines. Past instants are dropped,
 * except a breach that is already due, which fires now.
 */
export function planTimers(row: ClockRow, rule: ClockRule, calendar: CalendarSpec, priority: string, now: Date): PlannedTimer[] {
  if (row.stopped_at || row.paused_since) return [];
  const due = new Date(row.due_at);
  const started = new Date(row.started_at);
  const planned = new Map<number, PlannedTimer>();
  const remind = (at: Date, label: string) => {
    const time = at.getTime();
    if (time > now.getTime() && time < due.getTime() && time > started.getTime() && !planned.has(time)) planned.set(time, { kind: 'reminder', label, fireAt: at });
  };
  const { reminders } = rule;
  for (const percent of reminders.percents) {
    const at =
      rule.kind === 'business'
        ? computeDue(row, { ...rule, seconds: Math.round(((rule.seconds ?? 0) + row.paused_work_seconds) * percent / 100) - row.paused_work_seconds }, calendar)
        : new Date(started.getTime() + ((due.getTime() - started.getTime()) * percent) / 100);
    remind(at, `${percent}%`);
  }
  for (const minutes of reminders.before_minutes) remind(new Date(due.getTime() - minutes * 60_000), `${minutes}m`);
  if (rule.platform || reminders.repeat_priorities.includes(priority as never)) {
    for (let minutes = reminders.repeat_within_minutes; minutes > 0; minutes -= reminders.repeat_every_minutes) {
      remind(new Date(due.getTime() - minutes * 60_000), `${minutes}m`);
    }
  }
  const timers = [...planned.values()].sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
  if (!row.breached_at) timers.push({ kind: 'breach', label: 'breach', fireAt: due.getTime() > now.getTime() ? due : now });
  return timers;
}

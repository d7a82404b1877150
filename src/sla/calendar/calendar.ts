import { DateTime } from 'luxon';
import { compileCalendar } from './compiled.js';
import type { CalendarSpec } from './types.js';

export type { CalendarSpec, Interval, Weekday } from './types.js';
export { weekdays } from './types.js';
export { validateCalendar, type FieldError } from './validate.js';
export { calendarFromRegion, regionTimezones } from './regions.js';
export { compileCalendar } from './compiled.js';

/** Give up after this many consecutive local dates without working time. */
const MAX_CLOSED_DAYS = 3 * 366;
/** And never look further ahead than this; a deadline a decade away is a bug upstream. */
const MAX_DAYS = 10 * 366;

function instantOf(value: Date, name: string): number {
  const instant = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(instant)) throw new RangeError(`${name} must be a valid Date`);
  return instant;
}

/**
 * The instant at which `seconds` of working time have elapsed since `start`.
 *
 * Counting starts at `start` when it is working time, otherwise at the next working instant; so
 * `seconds = 0` returns the next working instant at or after `start` (`start` itself when it is
 * working time). A deadline can fall exactly at the end of an interval (e.g. 12:00 before lunch).
 * Millisecond exact. Throws RangeError for an invalid calendar or arguments (or a deadline over a
 * decade away), and Error when the calendar has no working time for about three years in a row.
 */
export function addBusinessSeconds(spec: CalendarSpec, start: Date, seconds: number): Date {
  const calendar = compileCalendar(spec);
  let at = instantOf(start, 'start');
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('seconds must be a finite number >= 0');
  let remaining = Math.round(seconds * 1000);
  let day = calendar.dayOf(at);
  for (let scanned = 0, closed = 0; scanned < MAX_DAYS; scanned++, day++) {
    const plan = calendar.plan(day);
    if (plan.work === 0) {
      if (++closed > MAX_CLOSED_DAYS) {
        throw new Error(`calendar (${spec.timezone}) has no working time in ${MAX_CLOSED_DAYS} consecutive days (checked up to ${new Date(plan.start).toISOString()})`);
      }
      continue;
    }
    closed = 0;
    // Whole days that cannot hold the deadline are skipped without looking at their intervals.
    if (at <= plan.start && remaining > plan.work) {
      remaining -= plan.work;
      at = plan.end;
      continue;
    }
    const pieces = plan.pieces;
    for (let i = 0; i < pieces.length; i += 2) {
      const end = pieces[i + 1] ?? 0;
      if (end <= at) continue;
      const from = Math.max(pieces[i] ?? 0, at);
      if (remaining <= end - from) return new Date(from + remaining);
      remaining -= end - from;
      at = end;
    }
  }
  throw new RangeError(`deadline of ${seconds} working seconds is more than ${MAX_DAYS} days after ${start.toISOString()}`);
}

/** Working seconds in [from, to); 0 when `to` is not after `from`. Fractional only if the inputs carry milliseconds. */
export function businessSecondsBetween(spec: CalendarSpec, from: Date, to: Date): number {
  const calendar = compileCalendar(spec);
  const start = instantOf(from, 'from');
  const end = instantOf(to, 'to');
  if (end <= start) return 0;
  let total = 0;
  for (let day = calendar.dayOf(start); ; day++) {
    const plan = calendar.plan(day);
    if (plan.start >= end) break;
    if (plan.start >= start && plan.end <= end) {
      total += plan.work;
      continue;
    }
    const pieces = plan.pieces;
    for (let i = 0; i < pieces.length; i += 2) {
      const a = Math.max(pieces[i] ?? 0, start);
      const b = Math.min(pieces[i + 1] ?? 0, end);
      if (a < b) total += b - a;
    }
  }
  return total / 1000;
}

/** Whether `at` is inside a working interval (start inclusive, end exclusive). */
export function isWorkingTime(spec: CalendarSpec, at: Date): boolean {
  const calendar = compileCalendar(spec);
  const instant = instantOf(at, 'at');
  const pieces = calendar.plan(calendar.dayOf(instant)).pieces;
  for (let i = 0; i < pieces.length; i += 2) {
    if (instant < (pieces[i] ?? 0)) return false;
    if (instant < (pieces[i + 1] ?? 0)) return true;
  }
  return false;
}

/**
 * "By 24:00 of the creation day + N" in a time zone: the first instant of local date
 * (date of `from` + days + 1). WeChat Pay, for example: reply by the end of creation day + 1,
 * complete by the end of creation day + 3, Asia/Shanghai.
 */
export function endOfLocalDayPlus(timezone: string, from: Date, days: number): Date {
  if (!Number.isInteger(days)) throw new RangeError('days must be an integer');
  const local = DateTime.fromMillis(instantOf(from, 'from'), { zone: timezone });
  if (!local.isValid) throw new RangeError(`unknown IANA time zone: ${timezone}`);
  // Calendar-day arithmetic on the local date; startOf('day') lands on the first real instant
  // even where midnight itself is skipped by a DST change.
  return local.startOf('day').plus({ days: days + 1 }).startOf('day').toJSDate();
}

import type { CalendarSpec, Interval } from './types.js';
import { weekdays } from './types.js';
import { calendarErrors, parseClock } from './validate.js';
import { DAY, MINUTE, firstInstantAt, instantsOf, zoneClock, type ZoneClock } from './zone.js';

/** One local date in real instants (epoch ms). */
export type DayPlan = {
  /** First instant of the local date. */
  start: number;
  /** First instant of the next local date. */
  end: number;
  /** Working time as sorted, disjoint [a, b) pairs, flattened: a0, b0, a1, b1, … */
  pieces: number[];
  /** Total working ms in `pieces`. */
  work: number;
};

/** Local dates kept per calendar; three years of days fit, so a benchmark over 2025–2027 stays warm. */
const PLAN_CACHE_SIZE = 2048;

/** Flattened [startMinute, endMinute, …] sorted by start. */
function minutesOf(intervals: readonly Interval[] | undefined): number[] {
  const pairs = (intervals ?? []).map((interval) => [parseClock(interval.start) ?? 0, parseClock(interval.end) ?? 0] as const);
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
}

/** A spec parsed once, with a per-date cache of its working instants. */
export class CompiledCalendar {
  readonly clock: ZoneClock;
  private readonly weekly: number[][];
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;
  private readonly workdayMinutes: number[];
  private readonly exceptions: ReadonlyMap<string, number[]>;
  private readonly plans = new Map<number, DayPlan>();
  /** Offset last seen, to guess the local date of an instant without asking the zone database. */
  private offsetHint: number | undefined;

  constructor(spec: CalendarSpec) {
    const errors = calendarErrors(spec, false);
    if (errors.length > 0) {
      throw new RangeError(`invalid calendar: ${errors.map((error) => `${error.field}: ${error.message}`).join('; ')}`);
    }
    this.clock = zoneClock(spec.timezone);
    this.weekly = weekdays.map((weekday) => minutesOf(spec.hours[weekday]));
    this.holidays = new Set(spec.holidays);
    this.workdays = new Set(spec.workdays);
    this.workdayMinutes = minutesOf(spec.workdayHours ?? spec.hours.mon);
    this.exceptions = new Map(spec.exceptions.map((exception) => [exception.date, minutesOf(exception.intervals)]));
  }

  /** Working minutes of a local date (days since 1970-01-01), by precedence. */
  private minutesFor(day: number): number[] {
    const date = new Date(day * DAY).toISOString().slice(0, 10);
    const exception = this.exceptions.get(date);
    if (exception) return exception;
    if (this.holidays.has(date)) return [];
    if (this.workdays.has(date)) return this.workdayMinutes;
    return this.weekly[(((day + 4) % 7) + 7) % 7] ?? [];
  }

  private build(day: number): DayPlan {
    const wall = day * DAY;
    const segments = this.clock.segments(wall, wall + DAY);
    const minutes = this.minutesFor(day);
    const ranges: number[][] = [];
    for (let i = 0; i < minutes.length; i += 2) {
      instantsOf(segments, wall + (minutes[i] ?? 0) * MINUTE, wall + (minutes[i + 1] ?? 0) * MINUTE, ranges);
    }
    // On a fall-back day the repeated hour makes ranges of different intervals interleave.
    ranges.sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0));
    const pieces: number[] = [];
    let work = 0;
    for (const [a = 0, b = 0] of ranges) {
      work += b - a;
      if (pieces.length > 0 && pieces[pieces.length - 1] === a) pieces[pieces.length - 1] = b;
      else pieces.push(a, b);
    }
    return { start: firstInstantAt(segments, wall), end: firstInstantAt(segments, wall + DAY), pieces, work };
  }

  /** The plan of a local date, from the cache when possible. */
  plan(day: number): DayPlan {
    let plan = this.plans.get(day);
    if (plan === undefined) {
      plan = this.build(day);
      // Oldest-first eviction: Map keeps insertion order.
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value ?? day);
      this.plans.set(day, plan);
    }
    return plan;
  }

  /** The local date (days since 1970-01-01) an instant falls on. */
  dayOf(instant: number): number {
    const hint = this.offsetHint ?? this.clock.offsetAt(instant);
    let day = Math.floor((instant + hint) / DAY);
    let plan = this.plan(day);
    while (instant < plan.start) plan = this.plan(--day);
    while (instant >= plan.end) plan = this.plan(++day);
    this.offsetHint = day * DAY - plan.start;
    return day;
  }
}

const compiled = new WeakMap<CalendarSpec, CompiledCalendar>();

/**
 * The compiled form of a spec, cached by object identity: treat specs as immutable values and
 * build a new object to change a calendar. Throws RangeError for an unusable spec.
 */
export function compileCalendar(spec: CalendarSpec): CompiledCalendar {
  let calendar = compiled.get(spec);
  if (!calendar) {
    calendar = new CompiledCalendar(spec);
    compiled.set(spec, calendar);
  }
  return calendar;
}

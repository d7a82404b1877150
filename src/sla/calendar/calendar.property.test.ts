import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { addBusinessSeconds, businessSecondsBetween, isWorkingTime, validateCalendar, type CalendarSpec, type Interval, type Weekday } from './calendar.js';

const DAY = 86_400_000;
const RANGE_START = Date.UTC(2025, 0, 1);
const RANGE_END = Date.UTC(2028, 0, 1);
const RUNS = 200;

// Fixed-offset zones, ordinary DST, 30-minute DST (Lord Howe), DST at midnight (Santiago) and a
// 45-minute base offset with DST (Chatham).
const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC'];

/** Local dates (as day numbers) on which each zone's offset changes, 2025–2027. */
const transitionDays = new Map(
  zones.map((name) => {
    const zone = IANAZone.create(name);
    const days: number[] = [];
    for (let t = RANGE_START; t < RANGE_END; t += DAY) if (zone.offset(t) !== zone.offset(t + DAY)) days.push(Math.floor(t / DAY));
    return [name, days] as const;
  }),
);

const clock = (minutes: number) => (minutes === 1440 ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

/** Up to three disjoint intervals on 5-minute boundaries, possibly touching, possibly up to 24:00. */
const dayIntervals = (minLength = 0): fc.Arbitrary<Interval[]> =>
  fc.uniqueArray(fc.integer({ min: 0, max: 288 }), { minLength: minLength * 2, maxLength: 6 }).map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals: Interval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push({ start: clock((sorted[i] ?? 0) * 5), end: clock((sorted[i + 1] ?? 0) * 5) });
    return intervals;
  });

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const localDate = fc.integer({ min: Math.floor(RANGE_START / DAY) - 30, max: Math.floor(RANGE_END / DAY) + 30 }).map((day) => new Date(day * DAY).toISOString().slice(0, 10));

const weekdayKeys: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const calendarArb: fc.Arbitrary<CalendarSpec> = fc
  .record({
    timezone: fc.constantFrom(...zones),
    week: fc.tuple(...weekdayKeys.map(() => dayIntervals())),
    holidays: fc.uniqueArray(localDate, { maxLength: 40 }),
    workdays: fc.uniqueArray(localDate, { maxLength: 15 }),
    workdayHours: fc.option(dayIntervals(1), { nil: undefined }),
    exceptions: fc.uniqueArray(fc.record({ date: localDate, intervals: dayIntervals() }), { maxLength: 12, selector: (exception) => exception.date }),
  })
  // At least an hour of work a week: 200 working hours then fit well inside the ten-year reach of a deadline.
  .filter(({ week }) => week.flat().reduce((total, interval) => total + minutesOf(interval.end) - minutesOf(interval.start), 0) >= 60)
  .map(({ timezone, week, holidays, workdays, workdayHours, exceptions }) => {
    const hours: Partial<Record<Weekday, Interval[]>> = {};
    weekdayKeys.forEach((key, index) => {
      hours[key] = week[index] ?? [];
    });
    const holidaySet = new Set(holidays);
    return {
      timezone,
      hours,
      holidays,
      workdays: workdays.filter((date) => !holidaySet.has(date)),
      workdayHours: workdayHours ?? [{ start: '09:00', end: '17:00' }],
      exceptions,
    };
  });

/** A start instant: anywhere in 2025–2027, or within a day of one of the zone's DST changes. */
const startFor = (spec: CalendarSpec): fc.Arbitrary<number> => {
  const anywhere = fc.integer({ min: RANGE_START, max: RANGE_END - 1 });
  const days = transitionDays.get(spec.timezone) ?? [];
  if (days.length === 0) return anywhere;
  const nearChange = fc.tuple(fc.constantFrom(...days), fc.integer({ min: -DAY, max: 2 * DAY })).map(([day, offset]) => day * DAY + offset);
  return fc.oneof(anywhere, nearChange);
};

/** Up to 200 working hours, in whole seconds; small values often. */
const workSeconds = fc.oneof(fc.integer({ min: 0, max: 4 * 3600 }), fc.integer({ min: 0, max: 200 * 3600 }));

const scenario = calendarArb.chain((spec) => fc.record({ spec: fc.constant(spec), start: startFor(spec), seconds: workSeconds }));

describe('business calendar properties (random calendars, zones and starts)', () => {
  it('generates only calendars that validate', () => {
    fc.assert(
      fc.property(calendarArb, (spec) => {
        assert.deepEqual(validateCalendar(spec), []);
      }),
      { numRuns: RUNS },
    );
  });

  it('never lands a deadline in non-working time', () => {
    fc.assert(
      fc.property(scenario, ({ spec, start, seconds }) => {
        const due = addBusinessSeconds(spec, new Date(start), seconds).getTime();
        assert.ok(due >= start);
        // The millisecond before a positive deadline was worked; a zero-length one is itself working time.
        if (seconds > 0) assert.ok(isWorkingTime(spec, new Date(due - 1)), `due ${new Date(due).toISOString()} not preceded by work`);
        else assert.ok(isWorkingTime(spec, new Date(due)));
      }),
      { numRuns: RUNS },
    );
  });

  it('counts back exactly the seconds it added', () => {
    fc.assert(
      fc.property(scenario, ({ spec, start, seconds }) => {
        const due = addBusinessSeconds(spec, new Date(start), seconds);
        assert.equal(businessSecondsBetween(spec, new Date(start), due), seconds);
      }),
      { numRuns: RUNS },
    );
  });

  it('never gives an earlier deadline for more work', () => {
    fc.assert(
      fc.property(scenario, workSeconds, ({ spec, start, seconds }, extra) => {
        const shorter = addBusinessSeconds(spec, new Date(start), seconds).getTime();
        const longer = addBusinessSeconds(spec, new Date(start), seconds + extra).getTime();
        assert.ok(longer >= shorter);
        if (extra > 0) assert.ok(longer > shorter);
      }),
      { numRuns: RUNS },
    );
  });

  it('never shortens a deadline by pausing, and resuming at once changes nothing', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 20 * DAY }), ({ spec, start, seconds }, split, pause) => {
        const due = addBusinessSeconds(spec, new Date(start), seconds).getTime();
        const pausedAt = start + Math.floor((due - start) * split);
        const consumed = businessSecondsBetween(spec, new Date(start), new Date(pausedAt));
        const resumed = addBusinessSeconds(spec, new Date(pausedAt + pause), seconds - consumed).getTime();
        assert.ok(resumed >= due, `paused deadline ${new Date(resumed).toISOString()} before ${new Date(due).toISOString()}`);
        if (consumed < seconds) assert.equal(addBusinessSeconds(spec, new Date(pausedAt), seconds - consumed).getTime(), due);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Independent model: step minute by minute, asking luxon for the wall clock and applying the precedence rules. */
function workedMinutes(spec: CalendarSpec, from: number, to: number): number {
  const toMinutes = (value: string) => (value === '24:00' ? 1440 : Number(value.slice(0, 2)) * 60 + Number(value.slice(3)));
  let minutes = 0;
  for (let t = from; t < to; t += 60_000) {
    const local = DateTime.fromMillis(t, { zone: spec.timezone });
    const date = local.toISODate() ?? '';
    const exception = spec.exceptions.find((entry) => entry.date === date);
    const intervals = exception
      ? exception.intervals
      : spec.holidays.includes(date)
        ? []
        : spec.workdays.includes(date)
          ? (spec.workdayHours ?? spec.hours.mon ?? [])
          : (spec.hours[weekdayKeys[local.weekday - 1] ?? 'mon'] ?? []);
    const minute = local.hour * 60 + local.minute;
    if (intervals.some((interval) => toMinutes(interval.start) <= minute && minute < toMinutes(interval.end))) minutes++;
  }
  return minutes;
}

describe('business calendar against a minute-by-minute model', () => {
  it('agrees on working time in any 2-day window, DST changes included', () => {
    fc.assert(
      fc.property(
        calendarArb.chain((spec) => fc.record({ spec: fc.constant(spec), start: startFor(spec), length: fc.integer({ min: 0, max: 2 * 24 * 60 }) })),
        ({ spec, start, length }) => {
          const from = Math.floor(start / 60_000) * 60_000;
          const to = from + length * 60_000;
          assert.equal(businessSecondsBetween(spec, new Date(from), new Date(to)), workedMinutes(spec, from, to) * 60);
        },
      ),
      { numRuns: 60 },
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addBusinessSeconds, businessSecondsBetween, isWorkingTime, type CalendarSpec, type Interval } from './calendar.js';

const HOUR = 3600;
const at = (iso: string) => new Date(iso);

/** A calendar that works on `date` in `intervals`, and otherwise only a token Wednesday hour (so it is valid). */
function oneDay(timezone: string, date: string, intervals: Interval[]): CalendarSpec {
  return { timezone, hours: { wed: [{ start: '09:00', end: '10:00' }] }, holidays: [], workdays: [], exceptions: [{ date, intervals }] };
}

/** Working seconds of one weekend local date: the UTC window covers it in any offset and reaches no Wednesday. */
const onDate = (spec: CalendarSpec, date: string) => businessSecondsBetween(spec, new Date(Date.parse(`${date}T00:00:00Z`) - 14 * 3_600_000), new Date(Date.parse(`${date}T00:00:00Z`) + 38 * 3_600_000));

describe('America/New_York DST', () => {
  it('gives 01:00–03:00 only one real hour on spring-forward day (8 March 2026)', () => {
    const spec = oneDay('America/New_York', '2026-03-08', [{ start: '01:00', end: '03:00' }]);
    assert.equal(onDate(spec, '2026-03-08'), HOUR);
    // 01:00 EST is 06:00Z; an hour later the clock reads 03:00 EDT and the interval is over.
    assert.equal(addBusinessSeconds(spec, at('2026-03-08T06:00:00Z'), HOUR).toISOString(), '2026-03-08T07:00:00.000Z');
    assert.ok(isWorkingTime(spec, at('2026-03-08T06:59:59Z')));
    assert.ok(!isWorkingTime(spec, at('2026-03-08T07:00:00Z')));
  });

  it('skips local times that do not exist', () => {
    const spec = oneDay('America/New_York', '2026-03-08', [{ start: '02:15', end: '02:45' }, { start: '10:00', end: '11:00' }]);
    assert.equal(onDate(spec, '2026-03-08'), HOUR);
    assert.equal(addBusinessSeconds(spec, at('2026-03-08T06:00:00Z'), 0).toISOString(), '2026-03-08T14:00:00.000Z');
  });

  it('counts the repeated hour on fall-back day (1 November 2026)', () => {
    assert.equal(onDate(oneDay('America/New_York', '2026-11-01', [{ start: '00:30', end: '02:30' }]), '2026-11-01'), 3 * HOUR);
    // 01:00–01:30 happens twice: 05:00–05:30Z (EDT) and 06:00–06:30Z (EST), not in between.
    const twice = oneDay('America/New_York', '2026-11-01', [{ start: '01:00', end: '01:30' }]);
    assert.equal(onDate(twice, '2026-11-01'), HOUR);
    assert.ok(isWorkingTime(twice, at('2026-11-01T05:15:00Z')));
    assert.ok(!isWorkingTime(twice, at('2026-11-01T05:45:00Z')));
    assert.ok(isWorkingTime(twice, at('2026-11-01T06:15:00Z')));
    assert.equal(addBusinessSeconds(twice, at('2026-11-01T05:00:00Z'), 45 * 60).toISOString(), '2026-11-01T06:15:00.000Z');
  });

  it('orders the pieces of several intervals that interleave in the repeated hour', () => {
    // 01:00–01:30 twice (05:00–05:30Z, 06:00–06:30Z) and 01:45–03:00 from 05:45Z (EDT) to 08:00Z (EST).
    const spec = oneDay('America/New_York', '2026-11-01', [{ start: '01:00', end: '01:30' }, { start: '01:45', end: '03:00' }]);
    assert.equal(onDate(spec, '2026-11-01'), 2.5 * HOUR);
    assert.ok(isWorkingTime(spec, at('2026-11-01T05:50:00Z')), '01:50 EDT');
    assert.ok(isWorkingTime(spec, at('2026-11-01T06:10:00Z')), '01:10 EST');
    assert.ok(!isWorkingTime(spec, at('2026-11-01T06:40:00Z')), '01:40 EST');
    assert.equal(addBusinessSeconds(spec, at('2026-11-01T05:00:00Z'), 1.5 * HOUR).toISOString(), '2026-11-01T07:00:00.000Z');
  });

  it('keeps office hours at 09:00 local on both sides of the change', () => {
    const office = [{ start: '09:00', end: '17:00' }];
    const spec: CalendarSpec = { timezone: 'America/New_York', hours: { fri: office, mon: office }, holidays: [], workdays: [], exceptions: [] };
    // Friday 6 March 16:00 EST + 2 h → Monday 9 March 10:00 EDT = 14:00Z.
    assert.equal(addBusinessSeconds(spec, at('2026-03-06T21:00:00Z'), 2 * HOUR).toISOString(), '2026-03-09T14:00:00.000Z');
  });
});

describe('Europe/London DST', () => {
  it('has 2 working hours in 00:00–03:00 on 29 March 2026 and 4 on 25 October 2026', () => {
    const night = [{ start: '00:00', end: '03:00' }];
    assert.equal(onDate(oneDay('Europe/London', '2026-03-29', night), '2026-03-29'), 2 * HOUR);
    assert.equal(onDate(oneDay('Europe/London', '2026-10-25', night), '2026-10-25'), 4 * HOUR);
  });
});

describe('Australia/Lord_Howe half-hour DST', () => {
  it('loses half an hour on 4 October 2026 and gains it back on 5 April 2026', () => {
    const night = [{ start: '01:00', end: '03:00' }];
    assert.equal(onDate(oneDay('Australia/Lord_Howe', '2026-10-04', night), '2026-10-04'), 1.5 * HOUR);
    assert.equal(onDate(oneDay('Australia/Lord_Howe', '2026-04-05', night), '2026-04-05'), 2.5 * HOUR);
  });
});

describe('America/Santiago DST at midnight', () => {
  it('has a 23-hour 6 September 2026 and a 25-hour 4 April 2026', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    assert.equal(onDate(oneDay('America/Santiago', '2026-09-06', allDay), '2026-09-06'), 23 * HOUR);
    assert.equal(onDate(oneDay('America/Santiago', '2026-04-04', allDay), '2026-04-04'), 25 * HOUR);
  });
});

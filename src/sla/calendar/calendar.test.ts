import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addBusinessSeconds, businessSecondsBetween, calendarFromRegion, endOfLocalDayPlus, isWorkingTime, type CalendarSpec } from './calendar.js';

const HOUR = 3600;
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('CN calendar with a lunch break (Asia/Shanghai, UTC+8)', () => {
  const cn = calendarFromRegion('CN');

  it('carries a case raised at 17:00 on 30 September over the National Day holiday', () => {
    // 1 h on 09-30 (17:00–18:00), 10-01…10-08 off, then 3 h from 09:00 on 10-09: due 12:00 sharp,
    // at the start of the lunch break rather than after it.
    assert.equal(iso(addBusinessSeconds(cn, at('2025-09-30T09:00:00Z'), 4 * HOUR)), '2025-10-09T04:00:00.000Z');
    // Half an hour more and the lunch break is skipped: 13:30 + 0:30 = 14:00.
    assert.equal(iso(addBusinessSeconds(cn, at('2025-09-30T09:00:00Z'), 4.5 * HOUR)), '2025-10-09T06:00:00.000Z');
  });

  it('skips the lunch break: 11:30 plus one hour is 14:00', () => {
    assert.equal(iso(addBusinessSeconds(cn, at('2025-10-09T03:30:00Z'), HOUR)), '2025-10-09T06:00:00.000Z');
  });

  it('works on make-up Sundays and Saturdays (调休上班) with the weekday hours', () => {
    assert.ok(isWorkingTime(cn, at('2025-09-28T02:00:00Z')), 'Sunday 2025-09-28 10:00 is working time');
    assert.ok(!isWorkingTime(cn, at('2025-09-28T04:30:00Z')), 'but not during lunch');
    assert.ok(!isWorkingTime(cn, at('2025-09-21T02:00:00Z')), 'an ordinary Sunday is not');
    // Saturday 10:00 → Sunday 09:00–12:00 and 13:30–14:30.
    assert.equal(iso(addBusinessSeconds(cn, at('2025-09-27T02:00:00Z'), 4 * HOUR)), '2025-09-28T06:30:00.000Z');
    // Friday 10-10 17:00: one hour that day, one on make-up Saturday 10-11.
    assert.equal(iso(addBusinessSeconds(cn, at('2025-10-10T09:00:00Z'), 2 * HOUR)), '2025-10-11T02:00:00.000Z');
  });

  it('counts 7.5 working hours on a full day and none on the Spring Festival', () => {
    assert.equal(businessSecondsBetween(cn, at('2026-02-12T16:00:00Z'), at('2026-02-13T16:00:00Z')), 7.5 * HOUR);
    assert.equal(businessSecondsBetween(cn, at('2026-02-14T16:00:00Z'), at('2026-02-23T16:00:00Z')), 0);
    assert.equal(businessSecondsBetween(cn, at('2026-02-13T16:00:00Z'), at('2026-02-14T16:00:00Z')), 7.5 * HOUR, 'make-up Saturday 02-14');
  });

  it('ends a deadline that uses up a whole working day at that day\'s close, not the next morning', () => {
    assert.equal(iso(addBusinessSeconds(cn, at('2025-10-09T01:00:00Z'), 7.5 * HOUR)), '2025-10-09T10:00:00.000Z');
    // From Friday 18:00 the whole of Monday is consumed: Monday 18:00.
    assert.equal(iso(addBusinessSeconds(cn, at('2025-10-17T10:00:00Z'), 7.5 * HOUR)), '2025-10-20T10:00:00.000Z');
    assert.equal(iso(addBusinessSeconds(cn, at('2025-10-17T10:00:00Z'), 15 * HOUR)), '2025-10-21T10:00:00.000Z');
  });

  it('treats zero seconds as "the next working instant at or after start"', () => {
    assert.equal(iso(addBusinessSeconds(cn, at('2025-10-09T02:00:00Z'), 0)), '2025-10-09T02:00:00.000Z', 'already working: start itself');
    assert.equal(iso(addBusinessSeconds(cn, at('2025-10-09T04:30:00Z'), 0)), '2025-10-09T05:30:00.000Z', 'lunch: 13:30');
    assert.equal(iso(addBusinessSeconds(cn, at('2025-10-17T10:00:00Z'), 0)), '2025-10-20T01:00:00.000Z', 'Friday 18:00: Monday 09:00');
    assert.equal(iso(addBusinessSeconds(cn, at('2025-09-30T10:00:00Z'), 0)), '2025-10-09T01:00:00.000Z', 'eve of National Day');
  });
});

describe('US and GB holidays in the engine', () => {
  it('skips US Thanksgiving 2026', () => {
    const us = calendarFromRegion('US');
    assert.ok(!isWorkingTime(us, at('2026-11-26T15:00:00Z')), 'Thursday 26 November 10:00 EST');
    // Wednesday 17:00 EST + 2 h: one hour Wednesday, Thursday off, Friday 09:00–10:00.
    assert.equal(iso(addBusinessSeconds(us, at('2026-11-25T22:00:00Z'), 2 * HOUR)), '2026-11-27T15:00:00.000Z');
  });

  it('skips the GB 2026 Christmas bank holiday and the Boxing Day substitute on Monday 28 December', () => {
    const gb = calendarFromRegion('GB');
    assert.equal(iso(addBusinessSeconds(gb, at('2026-12-24T17:00:00Z'), 2 * HOUR)), '2026-12-29T10:00:00.000Z');
    assert.equal(businessSecondsBetween(gb, at('2026-12-24T00:00:00Z'), at('2026-12-31T00:00:00Z')), 27 * HOUR);
  });

  it('uses another zone when given one, keeping the region dates', () => {
    const us = calendarFromRegion('US', 'America/Los_Angeles');
    assert.equal(us.timezone, 'America/Los_Angeles');
    assert.ok(!isWorkingTime(us, at('2026-11-26T18:00:00Z')), 'Thanksgiving 10:00 PST');
    assert.ok(isWorkingTime(us, at('2026-11-27T18:00:00Z')));
  });
});

describe('precedence per local date', () => {
  const office = [{ start: '09:00', end: '18:00' }];
  const spec: CalendarSpec = {
    timezone: 'UTC',
    hours: { mon: office, tue: office, wed: office, thu: office, fri: office },
    holidays: ['2026-03-02', '2026-03-03', '2026-03-07'],
    // 03-07 is also a holiday: the holiday wins (the engine tolerates the conflict validation reports).
    workdays: ['2026-03-07', '2026-03-08'],
    workdayHours: [{ start: '10:00', end: '12:00' }],
    exceptions: [
      { date: '2026-03-03', intervals: [{ start: '14:00', end: '15:00' }] },
      { date: '2026-03-04', intervals: [] },
    ],
  };
  const worked = (date: string) => businessSecondsBetween(spec, at(`${date}T00:00:00Z`), new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000)) / HOUR;

  it('applies exception > holiday > make-up day > weekly hours', () => {
    assert.equal(worked('2026-03-02'), 0, 'holiday');
    assert.equal(worked('2026-03-03'), 1, 'exception beats holiday');
    assert.equal(worked('2026-03-04'), 0, 'empty exception closes a weekday');
    assert.equal(worked('2026-03-05'), 9, 'weekly hours');
    assert.equal(worked('2026-03-07'), 0, 'holiday beats make-up day');
    assert.equal(worked('2026-03-08'), 2, 'make-up day uses workdayHours');
  });
});

describe('endOfLocalDayPlus', () => {
  it('returns the start of local day (creation date + N + 1)', () => {
    // 2026-11-26T15:30Z is 23:30 on 26 November in Shanghai; end of 27 November local = 16:00Z.
    assert.equal(iso(endOfLocalDayPlus('Asia/Shanghai', at('2026-11-26T15:30:00Z'), 1)), '2026-11-27T16:00:00.000Z');
    assert.equal(iso(endOfLocalDayPlus('Asia/Shanghai', at('2026-11-26T15:30:00Z'), 3)), '2026-11-29T16:00:00.000Z');
    assert.equal(iso(endOfLocalDayPlus('Asia/Shanghai', at('2026-11-26T15:30:00Z'), 0)), '2026-11-26T16:00:00.000Z');
    // Half an hour later it is already 27 November in Shanghai.
    assert.equal(iso(endOfLocalDayPlus('Asia/Shanghai', at('2026-11-26T16:30:00Z'), 1)), '2026-11-28T16:00:00.000Z');
  });

  it('follows DST: calendar days, not 24-hour steps', () => {
    // Saturday 7 March 2026 in New York; DST starts on the 8th.
    assert.equal(iso(endOfLocalDayPlus('America/New_York', at('2026-03-07T17:00:00Z'), 0)), '2026-03-08T05:00:00.000Z');
    assert.equal(iso(endOfLocalDayPlus('America/New_York', at('2026-03-07T17:00:00Z'), 1)), '2026-03-09T04:00:00.000Z');
    // In Santiago midnight of 6 September 2026 does not exist; the day starts at 01:00 (-03).
    assert.equal(iso(endOfLocalDayPlus('America/Santiago', at('2026-09-05T15:00:00Z'), 0)), '2026-09-06T04:00:00.000Z');
  });

  it('rejects an unknown zone or a fractional day count', () => {
    assert.throws(() => endOfLocalDayPlus('Nowhere/City', at('2026-01-01T00:00:00Z'), 1), RangeError);
    assert.throws(() => endOfLocalDayPlus('UTC', at('2026-01-01T00:00:00Z'), 1.5), RangeError);
  });
});

describe('arguments and termination', () => {
  const cn = calendarFromRegion('CN');

  it('counts nothing when the range is empty or reversed, and keeps milliseconds', () => {
    assert.equal(businessSecondsBetween(cn, at('2025-10-09T02:00:00Z'), at('2025-10-09T02:00:00Z')), 0);
    assert.equal(businessSecondsBetween(cn, at('2025-10-09T03:00:00Z'), at('2025-10-09T02:00:00Z')), 0);
    assert.equal(businessSecondsBetween(cn, at('2025-10-09T02:00:00.000Z'), at('2025-10-09T02:00:01.500Z')), 1.5);
  });

  it('throws RangeError for an invalid calendar, date or duration', () => {
    assert.throws(() => addBusinessSeconds({ ...cn, timezone: 'Mars/Base' }, at('2025-10-09T02:00:00Z'), 60), /timezone/);
    assert.throws(() => addBusinessSeconds({ ...cn, hours: {} }, at('2025-10-09T02:00:00Z'), 60), RangeError);
    assert.throws(() => addBusinessSeconds(cn, new Date('garbage'), 60), RangeError);
    assert.throws(() => addBusinessSeconds(cn, at('2025-10-09T02:00:00Z'), -1), RangeError);
    assert.throws(() => addBusinessSeconds(cn, at('2025-10-09T02:00:00Z'), Number.NaN), RangeError);
  });

  it('refuses a deadline more than ten years of days away instead of scanning on', () => {
    assert.throws(() => addBusinessSeconds(cn, at('2026-01-01T00:00:00Z'), 1e12), /more than 3660 days/);
  });

  it('gives up with a clear error when no working time comes for three years', () => {
    // Only Mondays work, and every Monday of 2026–2029 is closed by an exception.
    const mondays: { date: string; intervals: [] }[] = [];
    for (let day = Date.UTC(2026, 0, 5); day < Date.UTC(2030, 0, 1); day += 7 * 86_400_000) mondays.push({ date: new Date(day).toISOString().slice(0, 10), intervals: [] });
    const spec: CalendarSpec = { timezone: 'UTC', hours: { mon: [{ start: '09:00', end: '10:00' }] }, holidays: [], workdays: [], exceptions: mondays };
    assert.throws(() => addBusinessSeconds(spec, at('2026-01-01T00:00:00Z'), 60), /no working time in 1098 consecutive days/);
    // A closure shorter than that ends at the first open Monday.
    const shorter = { ...spec, exceptions: mondays.filter((monday) => monday.date < '2028-06-01') };
    assert.equal(iso(addBusinessSeconds(shorter, at('2026-01-01T00:00:00Z'), 60)), '2028-06-05T09:01:00.000Z');
  });
});

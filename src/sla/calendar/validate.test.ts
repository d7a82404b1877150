import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarFromRegion, validateCalendar, type CalendarSpec } from './calendar.js';
import { holidayRegions } from './holidays.js';

const office = { start: '09:00', end: '18:00' };
const base = (): CalendarSpec => ({ timezone: 'Asia/Shanghai', hours: { mon: [office], tue: [office] }, holidays: [], workdays: [], exceptions: [] });
const fields = (spec: unknown) => validateCalendar(spec).map((error) => error.field);

describe('validateCalendar', () => {
  it('accepts a sound calendar and every shipped region calendar', () => {
    assert.deepEqual(validateCalendar(base()), []);
    for (const region of holidayRegions) assert.deepEqual(validateCalendar(calendarFromRegion(region)), [], region);
  });

  it('rejects an unknown time zone', () => {
    assert.deepEqual(fields({ ...base(), timezone: 'Mars/Olympus_Mons' }), ['timezone']);
    assert.deepEqual(fields({ ...base(), timezone: '' }), ['timezone']);
  });

  it('points at the malformed end of the second Monday interval', () => {
    const spec = { ...base(), hours: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:60' }] } };
    assert.deepEqual(validateCalendar(spec), [{ field: 'hours.mon[1].end', message: 'expected local time HH:MM from 00:00 to 24:00' }]);
  });

  it('rejects malformed times, a 24:00 start and intervals that end before they start', () => {
    const spec = { ...base(), hours: { mon: [{ start: '9:00', end: '12:00' }], tue: [{ start: '24:00', end: '24:00' }], wed: [{ start: '18:00', end: '09:00' }], thu: [{ start: '10:00', end: '10:00' }] } };
    assert.deepEqual(fields(spec), ['hours.mon[0].start', 'hours.tue[0].start', 'hours.wed[0].end', 'hours.thu[0].end']);
  });

  it('allows an interval to run to 24:00 and two intervals to touch', () => {
    const spec = { ...base(), hours: { fri: [{ start: '13:00', end: '24:00' }, { start: '00:00', end: '13:00' }] } };
    assert.deepEqual(validateCalendar(spec), []);
  });

  it('rejects overlapping intervals in weekly hours, make-up day hours and exceptions', () => {
    const spec = {
      ...base(),
      hours: { mon: [{ start: '09:00', end: '18:00' }, { start: '08:00', end: '08:30' }, { start: '12:00', end: '13:00' }] },
      workdayHours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '14:00' }],
      exceptions: [{ date: '2026-02-16', intervals: [{ start: '10:00', end: '11:00' }, { start: '10:30', end: '10:45' }] }],
    };
    assert.deepEqual(validateCalendar(spec), [
      { field: 'hours.mon[2]', message: 'overlaps hours.mon[0]' },
      { field: 'workdayHours[1]', message: 'overlaps workdayHours[0]' },
      { field: 'exceptions[0].intervals[1]', message: 'overlaps exceptions[0].intervals[0]' },
    ]);
  });

  it('rejects dates that do not exist or are not YYYY-MM-DD', () => {
    const spec = { ...base(), holidays: ['2026-01-01', '2026-02-28', '2025-02-29', '2026-02-30', '2026-1-5'], workdays: ['2026-13-01'], exceptions: [{ date: '2026-04-31', intervals: [] }] };
    assert.deepEqual(fields(spec), ['holidays[2]', 'holidays[3]', 'holidays[4]', 'workdays[0]', 'exceptions[0].date']);
  });

  it('knows leap years', () => {
    const spec = { ...base(), holidays: ['2024-02-29', '2000-02-29', '2100-02-29', '2026-04-30', '2026-04-31', '2026-00-10', '2026-12-00'] };
    assert.deepEqual(fields(spec), ['holidays[2]', 'holidays[4]', 'holidays[5]', 'holidays[6]']);
  });

  it('rejects a date that is both a holiday and a make-up working day', () => {
    const spec = { ...base(), holidays: ['2026-02-14'], workdays: ['2026-02-28', '2026-02-14'] };
    assert.deepEqual(validateCalendar(spec), [{ field: 'workdays[1]', message: '2026-02-14 is also listed in holidays' }]);
  });

  it('rejects a week without any working time, even with make-up days or exceptions', () => {
    const spec = { ...base(), hours: { sat: [] }, workdays: ['2026-02-14'], workdayHours: [office], exceptions: [{ date: '2026-02-16', intervals: [office] }] };
    assert.deepEqual(fields(spec), ['hours']);
  });

  it('rejects make-up days that would have no hours', () => {
    const spec = { ...base(), hours: { tue: [office] }, workdays: ['2026-02-14'] };
    assert.deepEqual(fields(spec), ['workdayHours']);
    assert.deepEqual(validateCalendar({ ...spec, workdayHours: [office] }), []);
  });

  it('rejects duplicate exception dates, unknown weekdays and wrong shapes', () => {
    const spec = { ...base(), hours: { mon: [office], monday: [office] }, exceptions: [{ date: '2026-02-16', intervals: [] }, { date: '2026-02-16', intervals: 'closed' }] };
    assert.deepEqual(validateCalendar(spec), [
      { field: 'hours.monday', message: 'unknown weekday; use mon, tue, wed, thu, fri, sat or sun' },
      { field: 'exceptions[1].date', message: 'duplicate of exceptions[0].date' },
      { field: 'exceptions[1].intervals', message: 'must be a list of {start, end} intervals' },
    ]);
    assert.deepEqual(fields(null), ['calendar']);
    assert.deepEqual(fields({ timezone: 'UTC', hours: [], holidays: 'none', workdays: [], exceptions: {} }), ['hours', 'holidays', 'exceptions']);
  });
});

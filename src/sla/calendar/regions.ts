import { holidaySet, type HolidayRegion } from './holidays.js';
import type { CalendarSpec, Interval, Weekday } from './types.js';

/** The zone each region's business hours are usually kept in. */
export const regionTimezones: Record<HolidayRegion, string> = {
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  SG: 'Asia/Singapore',
  US: 'America/New_York',
  GB: 'Europe/London',
};

function mondayToFriday(day: () => Interval[]): Partial<Record<Weekday, Interval[]>> {
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day() };
}

/** Mon–Fri 09:00–18:00; in CN with the usual 12:00–13:30 lunch break. */
function defaultHours(region: HolidayRegion): Partial<Record<Weekday, Interval[]>> {
  return region === 'CN'
    ? mondayToFriday(() => [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }])
    : mondayToFriday(() => [{ start: '09:00', end: '18:00' }]);
}

/**
 * A calendar prefilled with a region's shipped holidays (and CN make-up working days, which use
 * Monday's hours), in the region's zone unless another is given. A new object on every call.
 */
export function calendarFromRegion(region: HolidayRegion, timezone?: string, hours?: Partial<Record<Weekday, Interval[]>>): CalendarSpec {
  const set = holidaySet(region);
  return {
    timezone: timezone ?? regionTimezones[region],
    hours: hours ?? defaultHours(region),
    holidays: set.holidays.map((entry) => entry.date),
    workdays: set.workdays.map((entry) => entry.date),
    exceptions: [],
  };
}

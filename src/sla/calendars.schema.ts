import { z } from 'zod';
import { holidayRegions } from './calendar/holidays.js';

/** Local wall-clock time, 00:00–24:00. */
const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'local time as HH:MM (00:00–24:00)');
/** A local date. */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

export const interval = z.strictObject({
  /** Start of a working interval, local time (inclusive). */
  start: clockTime,
  /** End of the interval, local time (exclusive); 24:00 means midnight. */
  end: clockTime,
});
const dayIntervals = z.array(interval).max(12);

export const weeklyHours = z.strictObject({
  /** Working intervals on Mondays, e.g. [{start: "09:00", end: "12:00"}, {start: "13:30", end: "18:00"}]. */
  mon: dayIntervals.optional(),
  /** Tuesdays. */
  tue: dayIntervals.optional(),
  /** Wednesdays. */
  wed: dayIntervals.optional(),
  /** Thursdays. */
  thu: dayIntervals.optional(),
  /** Fridays. */
  fri: dayIntervals.optional(),
  /** Saturdays. */
  sat: dayIntervals.optional(),
  /** Sundays. */
  sun: dayIntervals.optional(),
});

const namedDate = z.strictObject({
  /** Local date. */
  date: localDate,
  /** What the date is, e.g. 春节 / Spring Festival. */
  name: z.string().trim().max(100).optional(),
});
const dateException = z.strictObject({
  /** Local date. */
  date: localDate,
  /** Working intervals on that date only; empty means closed. */
  intervals: dayIntervals,
  /** Why, e.g. "stocktake: half day". */
  name: z.string().trim().max(100).optional(),
});

export const calendarBody = z.strictObject({
  /** Display name. */
  name: z.string().trim().min(1).max(200),
  /** IANA time zone the hours are in, e.g. Asia/Shanghai. */
  timezone: z.string().min(1).max(64),
  /** Weekly working hours; several intervals per day allow a lunch break. Default Mon–Fri 09:00–18:00. */
  hours: weeklyHours.optional(),
  /** Shipped public-holiday sets to include (CN includes 调休 make-up working days). */
  holiday_regions: z.array(z.enum(holidayRegions)).max(5).default([]),
  /** Extra days off. */
  holidays: z.array(namedDate).max(1000).default([]),
  /** Extra working days on a weekend (make-up days); they use `workday_hours`. */
  workdays: z.array(namedDate).max(1000).default([]),
  /** Hours on a make-up working day; default: Monday's hours. */
  workday_hours: dayIntervals.optional(),
  /** Per-date hours that override everything else. */
  exceptions: z.array(dateException).max(1000).default([]),
});
export type CalendarBody = z.infer<typeof calendarBody>;

export const calendarResponse = calendarBody.extend({
  id: z.uuid(),
  hours: weeklyHours,
  /** Years covered by the shipped holiday sets in use. */
  covered_years: z.array(z.number().int()),
  /** Years whose shipped dates are projected and must be checked against the official notice. */
  provisional_years: z.array(z.number().int()),
  /** Teams whose business-hours clocks use this calendar. */
  teams: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type CalendarResponse = z.infer<typeof calendarResponse>;

export const calendarDateBody = z.strictObject({
  /** Local date to change. */
  date: localDate,
  /** holiday = day off; workday = make-up working day; hours = these intervals only (empty = closed). */
  type: z.enum(['holiday', 'workday', 'hours']),
  /** Working intervals when type is `hours`. */
  intervals: dayIntervals.optional(),
  /** What the date is. */
  name: z.string().trim().max(100).optional(),
});

export const deadlineQuery = z.object({
  /** When the clock starts (ISO instant with offset). */
  start: z.iso.datetime({ offset: true }),
  /** Working hours to add. */
  hours: z.coerce.number().positive().max(24 * 366),
});
export const deadlineResponse = z.object({
  start: z.string(),
  hours: z.number(),
  /** When that much working time has passed on this calendar. */
  due_at: z.string(),
});

export const teamCalendarBody = z.strictObject({
  /** Calendar for this team's business-hours clocks; null falls back to the policy's or the tenant default. */
  calendar_id: z.uuid().nullable(),
});

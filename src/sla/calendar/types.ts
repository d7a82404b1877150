/** Local wall-clock working interval 'HH:MM'–'HH:MM'; start inclusive, end exclusive, end may be '24:00'. */
export type Interval = { start: string; end: string };

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** In JavaScript's getUTCDay() order (Sunday first), so a day number maps straight to a key. */
export const weekdays: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * When work happens, in one IANA time zone. Per local date the first rule that applies wins:
 * an exception, then a holiday (closed), then a make-up working day, then the weekly hours.
 */
export type CalendarSpec = {
  timezone: string;
  /** Several intervals per day allow a lunch break, e.g. 09:00–12:00 and 13:30–18:00. */
  hours: Partial<Record<Weekday, Interval[]>>;
  /** 'YYYY-MM-DD' local dates with no working time. */
  holidays: string[];
  /** Make-up working days (调休上班): they use `workdayHours`. */
  workdays: string[];
  /** Intervals on a make-up working day; default: Monday's intervals. */
  workdayHours?: Interval[];
  /** Per-date override (empty intervals = closed); wins over everything else. */
  exceptions: { date: string; intervals: Interval[] }[];
};

import { DateTime } from 'luxon';
import { AppError } from '../http/errors.js';
import { DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS } from './analytics.schema.js';

/** Local days `from`…`to` (inclusive) and the UTC instants they span: [start, end). */
export type DayRange = { from: string; to: string; timezone: string; start: Date; end: Date };

const rangeError = (field: string, message: string) =>
  new AppError('validation_failed', { key: 'detail.analytics_range', params: { days: MAX_RANGE_DAYS } }, [{ field: `querystring.${field}`, message }]);

const day = (date: string, timezone: string) => DateTime.fromISO(date, { zone: timezone }).startOf('day');

/** The report range in the tenant's time zone: `to` defaults to today, `from` to 29 days before `to`. */
export function resolveRange(query: { from?: string; to?: string }, timezone: string, now: Date): DayRange {
  const to = query.to ?? DateTime.fromJSDate(now, { zone: timezone }).toISODate();
  if (!to) throw new Error(`cannot date ${now.toISOString()} in ${timezone}`);
  const from = query.from ?? day(to, timezone).minus({ days: DEFAULT_RANGE_DAYS - 1 }).toISODate() ?? to;
  if (from > to) throw rangeError('from', `${from} is after ${to}`);
  const start = day(from, timezone);
  const last = day(to, timezone);
  const days = Math.round(last.diff(start, 'days').days) + 1;
  if (days > MAX_RANGE_DAYS) throw rangeError('to', `${days} days; at most ${MAX_RANGE_DAYS}`);
  return { from, to, timezone, start: start.toJSDate(), end: last.plus({ days: 1 }).toJSDate() };
}

/** Every local date of the range, in order. */
export function datesOf(range: Pick<DayRange, 'from' | 'to'>): string[] {
  const dates: string[] = [];
  // Plain calendar arithmetic: the zone does not matter for naming days.
  for (let date = DateTime.fromISO(range.from, { zone: 'UTC' }); ; date = date.plus({ days: 1 })) {
    const name = date.toISODate();
    if (!name || name > range.to) break;
    dates.push(name);
  }
  return dates;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/** A stretch of time during which a zone keeps one UTC offset; `until` is exclusive, null = open-ended. */
export type OffsetSpan = { until: string | null; offsetMinutes: number };

const DAY_MS = 86_400_000;

/**
 * The zone's UTC offsets over [start, end): one span per offset change (daylight saving), so the
 * database can turn instants into local times without a time-zone table (SQLite has none).
 */
export function offsetSpans(timezone: string, start: Date, end: Date): OffsetSpan[] {
  const offsetAt = (seconds: number) => DateTime.fromMillis(seconds * 1000, { zone: timezone }).offset;
  const spans: OffsetSpan[] = [];
  const last = Math.floor(end.getTime() / 1000);
  let cursor = Math.floor(start.getTime() / 1000);
  let current = offsetAt(cursor);
  while (cursor < last) {
    const next = Math.min(cursor + DAY_MS / 1000, last);
    if (offsetAt(next) === current) {
      cursor = next;
      continue;
    }
    // Offsets change at most once a day: find the first second of the new offset.
    let before = cursor;
    let after = next;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (offsetAt(middle) === current) before = middle;
      else after = middle;
    }
    spans.push({ until: new Date(after * 1000).toISOString(), offsetMinutes: current });
    current = offsetAt(after);
    cursor = after;
  }
  spans.push({ until: null, offsetMinutes: current });
  return spans;
}

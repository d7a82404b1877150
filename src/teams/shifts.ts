import { DateTime } from 'luxon';
import type { Shift } from './teams.schema.js';

export type ShiftWindow = { name: string; start: Date; end: Date; members: string[] };

const weekdayOf = ['', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Every shift instance that starts between `from - 1 day` and `from + days`, in start order. */
function windows(shifts: Shift[], timezone: string, from: Date, days: number): ShiftWindow[] {
  const result: ShiftWindow[] = [];
  const first = DateTime.fromJSDate(from, { zone: timezone }).startOf('day').minus({ days: 1 });
  for (let offset = 0; offset <= days + 1; offset += 1) {
    const day = first.plus({ days: offset });
    for (const shift of shifts) {
      if (!shift.days.includes(weekdayOf[day.weekday] as Shift['days'][number])) continue;
      const [startHour, startMinute] = shift.start.split(':').map(Number) as [number, number];
      const [endHour, endMinute] = shift.end.split(':').map(Number) as [number, number];
      const start = day.set({ hour: startHour, minute: startMinute });
      let end = day.set({ hour: endHour, minute: endMinute });
      if (end <= start) end = end.plus({ days: 1 });
      result.push({ name: shift.name, start: start.toJSDate(), end: end.toJSDate(), members: shift.members });
    }
  }
  return result.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The shift on duty at `at` (the latest-starting one if they overlap), or null. */
export function currentShift(shifts: Shift[], timezone: string, at: Date): ShiftWindow | null {
  const on = windows(shifts, timezone, at, 1).filter((window) => window.start <= at && at < window.end);
  return on[on.length - 1] ?? null;
}

/** The next shift to start after `at`, looking up to two weeks ahead. */
export function nextShift(shifts: Shift[], timezone: string, at: Date): ShiftWindow | null {
  return windows(shifts, timezone, at, 14).find((window) => window.start > at) ?? null;
}

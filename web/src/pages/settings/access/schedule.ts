// Pure helpers for the on-duty week view: shifts cut into per-day segments, and "now" in a time zone.
import { timeZones } from '../shared/timeZones';
import { weekdays, type Shift, type Weekday } from './types';

/** A shift as the form holds it while being edited: any field may still be missing. */
export type DraftShift = Partial<Shift>;

/** One block in the week view: a shift's stretch of time on one weekday, in minutes from midnight. */
export type Segment = { shift: number; day: Weekday; from: number; to: number; continued: boolean; lane: number; lanes: number };

export const clockPattern = /^(([01]\d|2[0-3]):[0-5]\d)$/;

export function minutesOf(time: string | undefined): number | null {
  if (!time || !clockPattern.test(time)) return null;
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** Every half hour of the day, for the start/end pickers. */
export const halfHours: string[] = Array.from({ length: 48 }, (_, index) => `${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}`);

const nextDay = (day: Weekday): Weekday => weekdays[(weekdays.indexOf(day) + 1) % 7] as Weekday;

/**
 * Cuts shifts into blocks per weekday. A shift whose end is not after its start runs past midnight
 * into the next day (as the server reads it); overlapping blocks on a day share the width in lanes.
 */
export function segmentsOf(shifts: DraftShift[]): Segment[] {
  const raw: Omit<Segment, 'lane' | 'lanes'>[] = [];
  shifts.forEach((shift, index) => {
    const start = minutesOf(shift.start);
    const end = minutesOf(shift.end);
    if (start === null || end === null) return;
    for (const day of shift.days ?? []) {
      if (end > start) raw.push({ shift: index, day, from: start, to: end, continued: false });
      else {
        raw.push({ shift: index, day, from: start, to: 24 * 60, continued: false });
        if (end > 0) raw.push({ shift: index, day: nextDay(day), from: 0, to: end, continued: true });
      }
    }
  });
  const result: Segment[] = [];
  for (const day of weekdays) {
    const ofDay = raw.filter((segment) => segment.day === day).sort((a, b) => a.from - b.from || a.shift - b.shift);
    const laneEnds: number[] = [];
    const placed = ofDay.map((segment) => {
      let lane = laneEnds.findIndex((endsAt) => endsAt <= segment.from);
      if (lane === -1) lane = laneEnds.length;
      laneEnds[lane] = segment.to;
      return { ...segment, lane };
    });
    for (const segment of placed) result.push({ ...segment, lanes: Math.max(1, laneEnds.length) });
  }
  return result;
}

/** Weekday and minute of the day at `at` in `timezone`, or null for an unknown zone. */
export function localWeekTime(at: Date, timezone: string): { day: Weekday; minute: number } | null {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
    const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
    const day = part('weekday').toLowerCase().slice(0, 3) as Weekday;
    if (!weekdays.includes(day)) return null;
    return { day, minute: Number(part('hour')) * 60 + Number(part('minute')) };
  } catch {
    return null;
  }
}

/** Indexes of the shifts on duty at a weekday and minute. */
export function onDutyAt(segments: Segment[], at: { day: Weekday; minute: number }): number[] {
  return [...new Set(segments.filter((segment) => segment.day === at.day && segment.from <= at.minute && at.minute < segment.to).map((segment) => segment.shift))];
}

/** Time zones the browser knows, with `current` kept even if it does not. */
export function zonesWith(current: string | undefined): string[] {
  const zones = timeZones();
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

// Working intervals of one day as a minute mask: the week grid paints whole hours, the mask keeps
// half hours and odd minutes typed into the time fields intact.
import type { Interval } from './types';

export const DAY_MINUTES = 1440;
export const clockTimePattern = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function toMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export function toClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Which minutes of the day are working time (well-formed intervals only). */
export function toMask(intervals: readonly Interval[]): Uint8Array {
  const mask = new Uint8Array(DAY_MINUTES);
  for (const { start, end } of intervals) {
    if (!clockTimePattern.test(start) || !clockTimePattern.test(end)) continue;
    mask.fill(1, toMinutes(start), toMinutes(end));
  }
  return mask;
}

/** The mask back as sorted, merged intervals. */
export function fromMask(mask: Uint8Array): Interval[] {
  const intervals: Interval[] = [];
  let start = -1;
  for (let minute = 0; minute <= DAY_MINUTES; minute += 1) {
    const on = minute < DAY_MINUTES && mask[minute] === 1;
    if (on && start < 0) start = minute;
    if (!on && start >= 0) {
      intervals.push({ start: toClockTime(start), end: toClockTime(minute) });
      start = -1;
    }
  }
  return intervals;
}

/** Sets one whole hour of the day on or off. */
export function withHour(intervals: readonly Interval[], hour: number, on: boolean): Interval[] {
  const mask = toMask(intervals);
  mask.fill(on ? 1 : 0, hour * 60, hour * 60 + 60);
  return fromMask(mask);
}

/** The working parts of one hour, as fractions [from, to) of it, for drawing the cell. */
export function hourCoverage(mask: Uint8Array, hour: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let start = -1;
  for (let minute = 0; minute <= 60; minute += 1) {
    const on = minute < 60 && mask[hour * 60 + minute] === 1;
    if (on && start < 0) start = minute;
    if (!on && start >= 0) {
      parts.push([start / 60, minute / 60]);
      start = -1;
    }
  }
  return parts;
}

export function workingMinutes(intervals: readonly Interval[]): number {
  return toMask(intervals).reduce((sum, value) => sum + value, 0);
}

/** "09:00–12:00, 13:30–18:00". */
export function intervalsText(intervals: readonly Interval[], separator = ', '): string {
  return intervals.map(({ start, end }) => `${start}–${end}`).join(separator);
}

/** "09:00-12:00, 13:00-17:00" (any dash, comma or space separated) → intervals; null if unreadable. */
export function parseIntervals(text: string): Interval[] | null {
  const parts = text.split(/[,\uff0c;\s]+/).filter((part) => part.length > 0);
  const intervals: Interval[] = [];
  for (const part of parts) {
    const match = /^(\d{1,2}:\d{2})[-\u2013~\u2014](\d{1,2}:\d{2})$/.exec(part);
    if (!match) return null;
    const [start, end] = [match[1] ?? '', match[2] ?? ''].map((time) => time.padStart(5, '0')) as [string, string];
    if (!clockTimePattern.test(start) || !clockTimePattern.test(end)) return null;
    intervals.push({ start, end });
  }
  return intervals;
}

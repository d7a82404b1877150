import { IANAZone } from 'luxon';
import type { FieldError } from '../../http/errors.js';
import { weekdays } from './types.js';

export type { FieldError } from '../../http/errors.js';

const clockPattern = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes since local midnight for 'HH:MM' (00:00–24:00), or undefined when malformed. */
export function parseClock(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = clockPattern.exec(value);
  if (!match) return undefined;
  return match[1] === undefined ? 1440 : Number(match[1]) * 60 + Number(match[2]);
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written as YYYY-MM-DD (so 2026-02-30 is rejected). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = datePattern.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= length;
}

/** Zone names already found valid; asking Intl costs tens of microseconds each time. */
const knownZones = new Set<string>();

function isKnownZone(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  if (knownZones.has(name)) return true;
  if (!IANAZone.isValidZone(name)) return false;
  if (knownZones.size < 1000) knownZones.add(name);
  return true;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks one day's intervals; returns how many are well-formed. */
function checkIntervals(list: unknown, field: string, errors: FieldError[]): number {
  if (!Array.isArray(list)) {
    errors.push({ field, message: 'must be a list of {start, end} intervals' });
    return 0;
  }
  const valid: { index: number; start: number; end: number }[] = [];
  list.forEach((item: unknown, index) => {
    const at = `${field}[${index}]`;
    if (!isRecord(item)) {
      errors.push({ field: at, message: 'must be an interval {start, end}' });
      return;
    }
    const start = parseClock(item.start);
    const end = parseClock(item.end);
    if (start === undefined || start === 1440) errors.push({ field: `${at}.start`, message: 'expected local time HH:MM from 00:00 to 23:59' });
    if (end === undefined) errors.push({ field: `${at}.end`, message: 'expected local time HH:MM from 00:00 to 24:00' });
    if (start === undefined || end === undefined || start === 1440) return;
    if (end <= start) {
      errors.push({ field: `${at}.end`, message: 'must be after start (an interval cannot cross midnight; split it)' });
      return;
    }
    valid.push({ index, start, end });
  });
  // Sorted by start, an interval overlaps when it begins before the furthest end seen so far.
  valid.sort((a, b) => a.start - b.start);
  let reach: { index: number; end: number } | undefined;
  for (const interval of valid) {
    if (reach && interval.start < reach.end) errors.push({ field: `${field}[${interval.index}]`, message: `overlaps ${field}[${reach.index}]` });
    if (!reach || interval.end > reach.end) reach = { index: interval.index, end: interval.end };
  }
  return valid.length;
}

function checkDates(list: unknown, field: string, errors: FieldError[]): string[] {
  if (!Array.isArray(list)) {
    errors.push({ field, message: 'must be a list of YYYY-MM-DD dates' });
    return [];
  }
  list.forEach((value: unknown, index) => {
    if (!isLocalDate(value)) errors.push({ field: `${field}[${index}]`, message: 'expected a real date as YYYY-MM-DD' });
  });
  return list.filter(isLocalDate);
}

/**
 * Problems that make the calendar unusable. With `strict` off, conflicts that the precedence rules
 * settle anyway (a date both a holiday and a make-up day) are tolerated: merged holiday sets of
 * two regions may disagree, and the engine must still compute with them.
 */
export function calendarErrors(spec: unknown, strict: boolean): FieldError[] {
  if (!isRecord(spec)) return [{ field: 'calendar', message: 'must be an object' }];
  const errors: FieldError[] = [];

  if (!isKnownZone(spec.timezone)) {
    errors.push({ field: 'timezone', message: 'unknown IANA time zone, e.g. Asia/Shanghai' });
  }

  let weeklyIntervals = 0;
  let mondayIntervals = 0;
  const hoursErrors = errors.length;
  if (!isRecord(spec.hours)) {
    errors.push({ field: 'hours', message: 'must map weekdays (mon…sun) to lists of intervals' });
  } else {
    for (const [key, list] of Object.entries(spec.hours)) {
      if (!(weekdays as readonly string[]).includes(key)) {
        errors.push({ field: `hours.${key}`, message: 'unknown weekday; use mon, tue, wed, thu, fri, sat or sun' });
        continue;
      }
      if (list === undefined) continue;
      const count = checkIntervals(list, `hours.${key}`, errors);
      weeklyIntervals += count;
      if (key === 'mon') mondayIntervals = count;
    }
    // An all-closed week makes every business deadline unreachable.
    if (errors.length === hoursErrors && weeklyIntervals === 0) {
      errors.push({ field: 'hours', message: 'no working time in a normal week; business deadlines could never be reached' });
    }
  }

  const holidays = new Set(checkDates(spec.holidays, 'holidays', errors));
  checkDates(spec.workdays, 'workdays', errors);
  if (strict && Array.isArray(spec.workdays)) {
    spec.workdays.forEach((date: unknown, index) => {
      if (typeof date === 'string' && holidays.has(date)) errors.push({ field: `workdays[${index}]`, message: `${date} is also listed in holidays` });
    });
  }

  if (spec.workdayHours !== undefined) {
    checkIntervals(spec.workdayHours, 'workdayHours', errors);
  } else if (strict && mondayIntervals === 0 && Array.isArray(spec.workdays) && spec.workdays.length > 0) {
    errors.push({ field: 'workdayHours', message: 'make-up working days need hours: set workdayHours or Monday hours' });
  }

  if (!Array.isArray(spec.exceptions)) {
    errors.push({ field: 'exceptions', message: 'must be a list of {date, intervals}' });
  } else {
    const seen = new Map<string, number>();
    spec.exceptions.forEach((item: unknown, index) => {
      const at = `exceptions[${index}]`;
      if (!isRecord(item)) {
        errors.push({ field: at, message: 'must be {date, intervals}' });
        return;
      }
      if (!isLocalDate(item.date)) {
        errors.push({ field: `${at}.date`, message: 'expected a real date as YYYY-MM-DD' });
      } else if (seen.has(item.date)) {
        errors.push({ field: `${at}.date`, message: `duplicate of exceptions[${seen.get(item.date)}].date` });
      } else {
        seen.set(item.date, index);
      }
      checkIntervals(item.intervals, `${at}.intervals`, errors);
    });
  }
  return errors;
}

/**
 * Every problem with a calendar, as field paths like `hours.mon[1].end` or `holidays[3]`.
 * Takes `unknown` because calendars arrive as JSON; an empty list means the spec is usable.
 */
export function validateCalendar(spec: unknown): FieldError[] {
  return calendarErrors(spec, true);
}

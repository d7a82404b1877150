import { cn } from './holidays/cn.js';
import { gb } from './holidays/gb.js';
import { hk } from './holidays/hk.js';
import { sg } from './holidays/sg.js';
import type { HolidayDate, HolidayYear } from './holidays/types.js';
import { us } from './holidays/us.js';

export type { HolidayDate } from './holidays/types.js';

/** Regions with shipped public-holiday data (GB = England and Wales bank holidays). */
export const holidayRegions = ['CN', 'HK', 'SG', 'US', 'GB'] as const;
export type HolidayRegion = (typeof holidayRegions)[number];

export function isHolidayRegion(value: unknown): value is HolidayRegion {
  return typeof value === 'string' && (holidayRegions as readonly string[]).includes(value);
}

export type HolidaySet = {
  region: HolidayRegion;
  /** Days off, sorted by date. */
  holidays: HolidayDate[];
  /** Weekend days that are working days (CN 调休上班), sorted by date; empty elsewhere. */
  workdays: HolidayDate[];
  /** Calendar years the data covers; outside them only the weekly hours apply. */
  years: number[];
  /** Years whose dates are projected, not yet checked against the official publication. */
  provisionalYears: number[];
};

const data: Record<HolidayRegion, HolidayYear[]> = { CN: cn, HK: hk, SG: sg, US: us, GB: gb };

const byDate = (a: HolidayDate, b: HolidayDate) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function build(region: HolidayRegion): HolidaySet {
  const years = data[region];
  return {
    region,
    holidays: years.flatMap((year) => year.holidays).sort(byDate),
    workdays: years.flatMap((year) => year.workdays ?? []).sort(byDate),
    years: years.map((year) => year.year).sort(),
    provisionalYears: years.filter((year) => year.provisional === true).map((year) => year.year).sort(),
  };
}

const sets = new Map<HolidayRegion, HolidaySet>();

/** The shipped dates of one region. Each call returns fresh copies, so callers may change them. */
export function holidaySet(region: HolidayRegion): HolidaySet {
  let set = sets.get(region);
  if (!set) {
    set = build(region);
    sets.set(region, set);
  }
  return {
    region,
    holidays: set.holidays.map((entry) => ({ ...entry })),
    workdays: set.workdays.map((entry) => ({ ...entry })),
    years: [...set.years],
    provisionalYears: [...set.provisionalYears],
  };
}

/** Per year: where the dates come from and whether they are still a projection (for admins and audits). */
export function holidaySources(region: HolidayRegion): { year: number; provisional: boolean; source: string }[] {
  return data[region].map((year) => ({ year: year.year, provisional: year.provisional === true, source: year.source }));
}

/** One shipped date: a day off, or (CN) a weekend day that is a working day. */
export type HolidayDate = { date: string; name_zh: string; name_en: string };

/** One region's dates for one calendar year. */
export type HolidayYear = {
  year: number;
  /**
   * True when the dates are a projection from the rules rather than the official publication;
   * such a year must be replaced by the published list as soon as it appears.
   */
  provisional?: boolean;
  /** Where the dates come from, for whoever updates them next year. */
  source: string;
  holidays: HolidayDate[];
  /** Make-up working days (调休上班); only CN has them. */
  workdays?: HolidayDate[];
};

/** A single named date. */
export function day(date: string, name_zh: string, name_en: string): HolidayDate {
  return { date, name_zh, name_en };
}

/**
 * Every date from `first` to `last` inclusive under one name: the State Council notices give
 * ranges ("1月28日至2月4日"), and writing them as ranges keeps the data checkable against the text.
 */
export function days(first: string, last: string, name_zh: string, name_en: string): HolidayDate[] {
  const out: HolidayDate[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= end; at += 86_400_000) {
    out.push({ date: new Date(at).toISOString().slice(0, 10), name_zh, name_en });
  }
  return out;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holidayRegions, holidaySet, holidaySources, isHolidayRegion, type HolidayDate } from './holidays.js';
import { isLocalDate } from './validate.js';

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
const dates = (list: HolidayDate[]) => list.map((entry) => entry.date);
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Gregorian Easter Sunday (anonymous algorithm), to check every Easter-based date independently. */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('shipped holiday data', () => {
  it('covers CN, HK, SG, US and GB for 2025–2027 with real, sorted, unique dates inside those years', () => {
    assert.deepEqual([...holidayRegions], ['CN', 'HK', 'SG', 'US', 'GB']);
    for (const region of holidayRegions) {
      const set = holidaySet(region);
      assert.equal(set.region, region);
      assert.deepEqual(set.years, [2025, 2026, 2027]);
      for (const list of [set.holidays, set.workdays]) {
        const all = dates(list);
        assert.ok(all.every(isLocalDate), `${region}: malformed date`);
        assert.deepEqual(all, [...all].sort(), `${region}: not sorted`);
        assert.equal(new Set(all).size, all.length, `${region}: duplicate date`);
        assert.ok(all.every((date) => Number(date.slice(0, 4)) >= 2025 && Number(date.slice(0, 4)) <= 2027));
        assert.ok(list.every((entry) => entry.name_zh.length > 0 && entry.name_en.length > 0), `${region}: unnamed date`);
      }
    }
  });

  it('flags the projected years, which must be replaced by the official lists', () => {
    assert.deepEqual(holidaySet('CN').provisionalYears, [2027]);
    assert.deepEqual(holidaySet('HK').provisionalYears, [2027]);
    assert.deepEqual(holidaySet('SG').provisionalYears, [2027]);
    assert.deepEqual(holidaySet('US').provisionalYears, []);
    assert.deepEqual(holidaySet('GB').provisionalYears, []);
    const cn2027 = holidaySources('CN').find((entry) => entry.year === 2027);
    assert.equal(cn2027?.provisional, true);
    assert.match(cn2027?.source ?? '', /国务院办公厅关于2027年部分节假日安排的通知/);
  });

  it('recognises region codes and nothing else', () => {
    assert.ok(isHolidayRegion('CN'));
    assert.ok(isHolidayRegion('GB'));
    assert.ok(!isHolidayRegion('UK'));
    assert.ok(!isHolidayRegion('cn'));
    assert.ok(!isHolidayRegion(undefined));
  });

  it('hands out copies, so a caller cannot corrupt the shipped data', () => {
    const first = holidaySet('CN');
    first.holidays.length = 0;
    first.years.push(1999);
    assert.ok(holidaySet('CN').holidays.length > 0);
    assert.deepEqual(holidaySet('CN').years, [2025, 2026, 2027]);
  });
});

describe('CN holidays and make-up working days', () => {
  const set = holidaySet('CN');
  const off = new Set(dates(set.holidays));

  it('lists every day off of the 2025 and 2026 State Council notices', () => {
    const expect = (first: string, count: number) => {
      for (let i = 0; i < count; i++) assert.ok(off.has(shift(first, i)), `${shift(first, i)} should be a day off`);
    };
    expect('2025-01-01', 1);
    expect('2025-01-28', 8); // 除夕 to 正月初七
    expect('2025-04-04', 3);
    expect('2025-05-01', 5);
    expect('2025-05-31', 3);
    expect('2025-10-01', 8);
    expect('2026-01-01', 3);
    expect('2026-02-15', 9);
    expect('2026-04-04', 3);
    expect('2026-05-01', 5);
    expect('2026-06-19', 3);
    expect('2026-09-25', 3);
    expect('2026-10-01', 7);
    assert.equal(dates(set.holidays).filter((date) => date < '2026-01-01').length, 28);
    assert.equal(dates(set.holidays).filter((date) => date.startsWith('2026')).length, 33);
  });

  it('has the published make-up days, all on weekends and none a day off', () => {
    assert.deepEqual(
      dates(set.workdays).filter((date) => date < '2027-01-01'),
      ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    );
    for (const date of dates(set.workdays)) {
      assert.ok(weekday(date) === 0 || weekday(date) === 6, `${date} is not a weekend day`);
      assert.ok(!off.has(date));
    }
  });

  it('swaps exactly as many weekdays off as make-up days each year, leaving the 13 statutory days (2027 projection included)', () => {
    // Under the 2025 rules a year has 13 statutory days; those on a weekend are given back on a
    // weekday, and every other extra weekday off is paid back by one make-up weekend day.
    for (const year of ['2025', '2026', '2027']) {
      const weekdaysOff = dates(set.holidays).filter((date) => date.startsWith(year) && weekday(date) !== 0 && weekday(date) !== 6).length;
      const makeUps = dates(set.workdays).filter((date) => date.startsWith(year)).length;
      assert.equal(weekdaysOff - makeUps, 13, year);
    }
    const statutory2027 = ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03'];
    assert.ok(statutory2027.every((date) => off.has(date)));
  });
});

describe('HK, SG, US and GB holidays', () => {
  it('puts Good Friday, the day after it and Easter Monday where Easter says (HK, GB)', () => {
    for (const year of [2025, 2026, 2027]) {
      const sunday = easter(year);
      const hk = new Set(dates(holidaySet('HK').holidays));
      const gb = new Set(dates(holidaySet('GB').holidays));
      assert.ok(hk.has(shift(sunday, -2)) && hk.has(shift(sunday, -1)), `HK Good Friday ${year}`);
      assert.ok(gb.has(shift(sunday, -2)) && gb.has(shift(sunday, 1)), `GB Easter ${year}`);
    }
    // 2026: Ching Ming on Easter Sunday pushes its substitute onto Easter Monday, and one more day follows.
    assert.ok(dates(holidaySet('HK').holidays).includes('2026-04-07'));
  });

  it('never lists a Sunday in HK (every Sunday is already a general holiday)', () => {
    for (const date of dates(holidaySet('HK').holidays)) assert.notEqual(weekday(date), 0, date);
  });

  it('gives SG an in-lieu day within two days after each holiday that falls on a Sunday', () => {
    const list = holidaySet('SG').holidays;
    const inLieu = new Set(list.filter((entry) => entry.name_en.endsWith('(in lieu)')).map((entry) => entry.date));
    const sundays = list.filter((entry) => weekday(entry.date) === 0);
    assert.equal(inLieu.size, sundays.length);
    for (const entry of sundays) assert.ok(inLieu.has(shift(entry.date, 1)) || inLieu.has(shift(entry.date, 2)), `no in-lieu day for ${entry.date}`);
  });

  it('keeps US federal holidays on weekdays, with Thanksgiving on the fourth Thursday of November', () => {
    const entries = holidaySet('US').holidays;
    const list = dates(entries);
    for (const date of list) assert.ok(weekday(date) >= 1 && weekday(date) <= 5, `${date} is a weekend`);
    const thanksgiving = entries.filter((entry) => entry.name_en === 'Thanksgiving Day').map((entry) => entry.date);
    assert.deepEqual(thanksgiving, ['2025-11-27', '2026-11-26', '2027-11-25']);
    for (const date of thanksgiving) assert.ok(weekday(date) === 4 && Number(date.slice(8)) >= 22 && Number(date.slice(8)) <= 28);
    assert.ok(list.includes('2026-07-03'), 'Independence Day 2026 (a Saturday) is observed on Friday');
    assert.ok(list.includes('2027-12-31'), 'New Year 2028 (a Saturday) is observed on 31 December 2027');
  });

  it('keeps GB bank holidays on weekdays, with substitute days for 2026 and 2027 Christmas', () => {
    const list = holidaySet('GB').holidays;
    for (const entry of list) assert.ok(weekday(entry.date) >= 1 && weekday(entry.date) <= 5, `${entry.date} is a weekend`);
    assert.equal(list.length, 24);
    const substitutes = list.filter((entry) => entry.name_en.endsWith('(substitute day)')).map((entry) => entry.date);
    assert.deepEqual(substitutes, ['2026-12-28', '2027-12-27', '2027-12-28']);
  });
});

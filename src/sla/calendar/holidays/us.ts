import { day, type HolidayYear } from './types.js';

// United States federal holidays (5 U.S.C. 6103), on the dates federal offices close: a holiday on
// a Saturday is observed the Friday before, one on a Sunday the Monday after (OPM rules). One-off
// executive-order closures are not included.

const observed = (date: string, name_zh: string, name_en: string) => day(date, `${name_zh}（补假）`, `${name_en} (observed)`);

const y2025: HolidayYear = {
  year: 2025,
  source: 'OPM federal holidays 2025 (5 U.S.C. 6103)',
  holidays: [
    day('2025-01-01', '元旦', "New Year's Day"),
    day('2025-01-20', '马丁·路德·金纪念日', 'Birthday of Martin Luther King, Jr.'),
    day('2025-02-17', '华盛顿诞辰纪念日', "Washington's Birthday"),
    day('2025-05-26', '阵亡将士纪念日', 'Memorial Day'),
    day('2025-06-19', '六月节', 'Juneteenth National Independence Day'),
    day('2025-07-04', '独立日', 'Independence Day'),
    day('2025-09-01', '劳工节', 'Labor Day'),
    day('2025-10-13', '哥伦布日', 'Columbus Day'),
    day('2025-11-11', '退伍军人节', 'Veterans Day'),
    day('2025-11-27', '感恩节', 'Thanksgiving Day'),
    day('2025-12-25', '圣诞节', 'Christmas Day'),
  ],
};

const y2026: HolidayYear = {
  year: 2026,
  source: 'OPM federal holidays 2026 (5 U.S.C. 6103)',
  holidays: [
    day('2026-01-01', '元旦', "New Year's Day"),
    day('2026-01-19', '马丁·路德·金纪念日', 'Birthday of Martin Luther King, Jr.'),
    day('2026-02-16', '华盛顿诞辰纪念日', "Washington's Birthday"),
    day('2026-05-25', '阵亡将士纪念日', 'Memorial Day'),
    day('2026-06-19', '六月节', 'Juneteenth National Independence Day'),
    observed('2026-07-03', '独立日', 'Independence Day'),
    day('2026-09-07', '劳工节', 'Labor Day'),
    day('2026-10-12', '哥伦布日', 'Columbus Day'),
    day('2026-11-11', '退伍军人节', 'Veterans Day'),
    day('2026-11-26', '感恩节', 'Thanksgiving Day'),
    day('2026-12-25', '圣诞节', 'Christmas Day'),
  ],
};

const y2027: HolidayYear = {
  year: 2027,
  source: 'OPM federal holidays 2027 (5 U.S.C. 6103)',
  holidays: [
    day('2027-01-01', '元旦', "New Year's Day"),
    day('2027-01-18', '马丁·路德·金纪念日', 'Birthday of Martin Luther King, Jr.'),
    day('2027-02-15', '华盛顿诞辰纪念日', "Washington's Birthday"),
    day('2027-05-31', '阵亡将士纪念日', 'Memorial Day'),
    observed('2027-06-18', '六月节', 'Juneteenth National Independence Day'),
    observed('2027-07-05', '独立日', 'Independence Day'),
    day('2027-09-06', '劳工节', 'Labor Day'),
    day('2027-10-11', '哥伦布日', 'Columbus Day'),
    day('2027-11-11', '退伍军人节', 'Veterans Day'),
    day('2027-11-25', '感恩节', 'Thanksgiving Day'),
    observed('2027-12-24', '圣诞节', 'Christmas Day'),
    // 1 January 2028 is a Saturday, so it is observed on the last day of 2027.
    observed('2027-12-31', '元旦', "New Year's Day"),
  ],
};

export const us: HolidayYear[] = [y2025, y2026, y2027];

import { day, type HolidayYear } from './types.js';

// Singapore gazetted public holidays (Holidays Act 1998, dates announced yearly by the Ministry
// of Manpower). When a holiday falls on a Sunday the next day that is not itself a holiday is a
// public holiday too (section 4(2)); those in-lieu Mondays are listed explicitly.

const inLieu = (date: string, name_zh: string, name_en: string) => day(date, `${name_zh}（补假）`, `${name_en} (in lieu)`);

const y2025: HolidayYear = {
  year: 2025,
  source: 'Ministry of Manpower: public holidays for 2025, plus Polling Day 3 May 2025 (MOM release 2025-04-15)',
  holidays: [
    day('2025-01-01', '新年', "New Year's Day"),
    day('2025-01-29', '华人新年', 'Chinese New Year'),
    day('2025-01-30', '华人新年', 'Chinese New Year'),
    day('2025-03-31', '开斋节', 'Hari Raya Puasa'),
    day('2025-04-18', '耶稣受难节', 'Good Friday'),
    day('2025-05-01', '劳动节', 'Labour Day'),
    day('2025-05-03', '投票日', 'Polling Day'),
    day('2025-05-12', '卫塞节', 'Vesak Day'),
    day('2025-06-07', '哈芝节', 'Hari Raya Haji'),
    day('2025-08-09', '国庆日', 'National Day'),
    day('2025-10-20', '屠妖节', 'Deepavali'),
    day('2025-12-25', '圣诞节', 'Christmas Day'),
  ],
};

const y2026: HolidayYear = {
  year: 2026,
  source: 'Ministry of Manpower: public holidays for 2026',
  holidays: [
    day('2026-01-01', '新年', "New Year's Day"),
    day('2026-02-17', '华人新年', 'Chinese New Year'),
    day('2026-02-18', '华人新年', 'Chinese New Year'),
    day('2026-03-21', '开斋节', 'Hari Raya Puasa'),
    day('2026-04-03', '耶稣受难节', 'Good Friday'),
    day('2026-05-01', '劳动节', 'Labour Day'),
    day('2026-05-27', '哈芝节', 'Hari Raya Haji'),
    day('2026-05-31', '卫塞节', 'Vesak Day'),
    inLieu('2026-06-01', '卫塞节', 'Vesak Day'),
    day('2026-08-09', '国庆日', 'National Day'),
    inLieu('2026-08-10', '国庆日', 'National Day'),
    day('2026-11-08', '屠妖节', 'Deepavali'),
    inLieu('2026-11-09', '屠妖节', 'Deepavali'),
    day('2026-12-25', '圣诞节', 'Christmas Day'),
  ],
};

// PROVISIONAL: MOM had not announced 2027 when this was written. The fixed dates and Chinese New
// Year are certain; Hari Raya Puasa, Hari Raya Haji, Vesak Day and Deepavali are estimates from
// the lunar calendars (MOM's dates can differ by a day). Replace with MOM's list for 2027.
const y2027: HolidayYear = {
  year: 2027,
  provisional: true,
  source: 'estimate; replace with the Ministry of Manpower list of public holidays for 2027',
  holidays: [
    day('2027-01-01', '新年', "New Year's Day"),
    day('2027-02-06', '华人新年', 'Chinese New Year'),
    day('2027-02-07', '华人新年', 'Chinese New Year'),
    inLieu('2027-02-08', '华人新年', 'Chinese New Year'),
    day('2027-03-10', '开斋节', 'Hari Raya Puasa'),
    day('2027-03-26', '耶稣受难节', 'Good Friday'),
    day('2027-05-01', '劳动节', 'Labour Day'),
    // Estimated on the Sunday; if MOM picks Monday 17 May instead, the day off is the same.
    day('2027-05-16', '哈芝节', 'Hari Raya Haji'),
    inLieu('2027-05-17', '哈芝节', 'Hari Raya Haji'),
    day('2027-05-20', '卫塞节', 'Vesak Day'),
    day('2027-08-09', '国庆日', 'National Day'),
    day('2027-10-29', '屠妖节', 'Deepavali'),
    day('2027-12-25', '圣诞节', 'Christmas Day'),
  ],
};

export const sg: HolidayYear[] = [y2025, y2026, y2027];

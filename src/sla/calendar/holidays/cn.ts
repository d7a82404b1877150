import { day, days, type HolidayYear } from './types.js';

// Mainland China: every day off (法定假日 plus the 调休 days around it) and every make-up
// working day (调休上班), as published each November by the General Office of the State Council
// (国务院办公厅关于XXXX年部分节假日安排的通知).

const makeUp = (date: string, festival_zh: string, festival_en: string) => day(date, `${festival_zh}调休上班`, `${festival_en} make-up working day`);

const y2025: HolidayYear = {
  year: 2025,
  source: '国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12)',
  holidays: [
    day('2025-01-01', '元旦', "New Year's Day"),
    ...days('2025-01-28', '2025-02-04', '春节', 'Spring Festival'),
    ...days('2025-04-04', '2025-04-06', '清明节', 'Qingming Festival'),
    ...days('2025-05-01', '2025-05-05', '劳动节', 'Labour Day'),
    ...days('2025-05-31', '2025-06-02', '端午节', 'Dragon Boat Festival'),
    ...days('2025-10-01', '2025-10-08', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ],
  workdays: [
    makeUp('2025-01-26', '春节', 'Spring Festival'),
    makeUp('2025-02-08', '春节', 'Spring Festival'),
    makeUp('2025-04-27', '劳动节', 'Labour Day'),
    makeUp('2025-09-28', '国庆节', 'National Day'),
    makeUp('2025-10-11', '国庆节', 'National Day'),
  ],
};

const y2026: HolidayYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
  holidays: [
    ...days('2026-01-01', '2026-01-03', '元旦', "New Year's Day"),
    ...days('2026-02-15', '2026-02-23', '春节', 'Spring Festival'),
    ...days('2026-04-04', '2026-04-06', '清明节', 'Qingming Festival'),
    ...days('2026-05-01', '2026-05-05', '劳动节', 'Labour Day'),
    ...days('2026-06-19', '2026-06-21', '端午节', 'Dragon Boat Festival'),
    ...days('2026-09-25', '2026-09-27', '中秋节', 'Mid-Autumn Festival'),
    ...days('2026-10-01', '2026-10-07', '国庆节', 'National Day'),
  ],
  workdays: [
    makeUp('2026-01-04', '元旦', "New Year's Day"),
    makeUp('2026-02-14', '春节', 'Spring Festival'),
    makeUp('2026-02-28', '春节', 'Spring Festival'),
    makeUp('2026-05-09', '劳动节', 'Labour Day'),
    makeUp('2026-09-20', '国庆节', 'National Day'),
    makeUp('2026-10-10', '国庆节', 'National Day'),
  ],
};

// PROVISIONAL: the 2027 notice was not yet published when this was written. This is a projection
// from the rules stated in the 2025 notice (春节 8 days from 除夕, 劳动节 5, 国庆节 7 from 10月1日,
// 元旦/清明/端午/中秋 3 days joined to the weekend, or only the day itself when it is a Wednesday),
// with the Labour Day and National Day make-up days on the weekends the 2021 notice used (2021
// falls on the same weekdays as 2027) and the Spring Festival ones on the nearest weekends.
// Replace the whole year with the State Council notice (usually issued in November 2026).
// Lunar dates: 除夕 2027-02-05, 清明 04-05, 端午 06-09 (Wed), 中秋 09-15 (Wed).
const y2027: HolidayYear = {
  year: 2027,
  provisional: true,
  source: 'projection from the 2025 rules; replace with 国务院办公厅关于2027年部分节假日安排的通知',
  holidays: [
    ...days('2027-01-01', '2027-01-03', '元旦', "New Year's Day"),
    ...days('2027-02-05', '2027-02-12', '春节', 'Spring Festival'),
    ...days('2027-04-03', '2027-04-05', '清明节', 'Qingming Festival'),
    ...days('2027-05-01', '2027-05-05', '劳动节', 'Labour Day'),
    day('2027-06-09', '端午节', 'Dragon Boat Festival'),
    day('2027-09-15', '中秋节', 'Mid-Autumn Festival'),
    ...days('2027-10-01', '2027-10-07', '国庆节', 'National Day'),
  ],
  workdays: [
    makeUp('2027-01-31', '春节', 'Spring Festival'),
    makeUp('2027-02-20', '春节', 'Spring Festival'),
    makeUp('2027-05-08', '劳动节', 'Labour Day'),
    makeUp('2027-09-26', '国庆节', 'National Day'),
    makeUp('2027-10-09', '国庆节', 'National Day'),
  ],
};

export const cn: HolidayYear[] = [y2025, y2026, y2027];

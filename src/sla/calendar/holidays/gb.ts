import { day, type HolidayYear } from './types.js';

// Bank holidays in England and Wales (Banking and Financial Dealings Act 1971 and the yearly
// royal proclamations). A bank holiday on a weekend moves to a substitute weekday.

const substitute = (date: string, name_zh: string, name_en: string) => day(date, `${name_zh}（替代假日）`, `${name_en} (substitute day)`);

const y2025: HolidayYear = {
  year: 2025,
  source: 'GOV.UK bank holidays, England and Wales, 2025',
  holidays: [
    day('2025-01-01', '元旦', "New Year's Day"),
    day('2025-04-18', '耶稣受难日', 'Good Friday'),
    day('2025-04-21', '复活节星期一', 'Easter Monday'),
    day('2025-05-05', '五月初银行假日', 'Early May bank holiday'),
    day('2025-05-26', '春季银行假日', 'Spring bank holiday'),
    day('2025-08-25', '夏季银行假日', 'Summer bank holiday'),
    day('2025-12-25', '圣诞节', 'Christmas Day'),
    day('2025-12-26', '节礼日', 'Boxing Day'),
  ],
};

const y2026: HolidayYear = {
  year: 2026,
  source: 'GOV.UK bank holidays, England and Wales, 2026',
  holidays: [
    day('2026-01-01', '元旦', "New Year's Day"),
    day('2026-04-03', '耶稣受难日', 'Good Friday'),
    day('2026-04-06', '复活节星期一', 'Easter Monday'),
    day('2026-05-04', '五月初银行假日', 'Early May bank holiday'),
    day('2026-05-25', '春季银行假日', 'Spring bank holiday'),
    day('2026-08-31', '夏季银行假日', 'Summer bank holiday'),
    day('2026-12-25', '圣诞节', 'Christmas Day'),
    // Boxing Day is a Saturday.
    substitute('2026-12-28', '节礼日', 'Boxing Day'),
  ],
};

const y2027: HolidayYear = {
  year: 2027,
  source: 'GOV.UK bank holidays, England and Wales, 2027',
  holidays: [
    day('2027-01-01', '元旦', "New Year's Day"),
    day('2027-03-26', '耶稣受难日', 'Good Friday'),
    day('2027-03-29', '复活节星期一', 'Easter Monday'),
    day('2027-05-03', '五月初银行假日', 'Early May bank holiday'),
    day('2027-05-31', '春季银行假日', 'Spring bank holiday'),
    day('2027-08-30', '夏季银行假日', 'Summer bank holiday'),
    // Christmas Day is a Saturday and Boxing Day a Sunday.
    substitute('2027-12-27', '圣诞节', 'Christmas Day'),
    substitute('2027-12-28', '节礼日', 'Boxing Day'),
  ],
};

export const gb: HolidayYear[] = [y2025, y2026, y2027];

import { day, type HolidayYear } from './types.js';

// Hong Kong general holidays (公眾假期, "bank holidays") other than Sundays, as gazetted each year
// under the General Holidays Ordinance (Cap. 149). Sundays are days off through the weekly hours.

const y2025: HolidayYear = {
  year: 2025,
  source: 'HKSAR Government Gazette: general holidays for 2025',
  holidays: [
    day('2025-01-01', '一月一日', 'The first day of January'),
    day('2025-01-29', '農曆年初一', "Lunar New Year's Day"),
    day('2025-01-30', '農曆年初二', 'The second day of Lunar New Year'),
    day('2025-01-31', '農曆年初三', 'The third day of Lunar New Year'),
    day('2025-04-04', '清明節', 'Ching Ming Festival'),
    day('2025-04-18', '耶穌受難節', 'Good Friday'),
    day('2025-04-19', '耶穌受難節翌日', 'The day following Good Friday'),
    day('2025-04-21', '復活節星期一', 'Easter Monday'),
    day('2025-05-01', '勞動節', 'Labour Day'),
    day('2025-05-05', '佛誕', 'The Birthday of the Buddha'),
    day('2025-05-31', '端午節', 'Tuen Ng Festival'),
    day('2025-07-01', '香港特別行政區成立紀念日', 'Hong Kong Special Administrative Region Establishment Day'),
    day('2025-10-01', '國慶日', 'National Day'),
    day('2025-10-07', '中秋節翌日', 'The day following the Chinese Mid-Autumn Festival'),
    day('2025-10-29', '重陽節', 'Chung Yeung Festival'),
    day('2025-12-25', '聖誕節', 'Christmas Day'),
    day('2025-12-26', '聖誕節後第一個周日', 'The first weekday after Christmas Day'),
  ],
};

const y2026: HolidayYear = {
  year: 2026,
  source: 'HKSAR Government press release "General holidays for 2026" (2025-05-16)',
  holidays: [
    day('2026-01-01', '一月一日', 'The first day of January'),
    day('2026-02-17', '農曆年初一', "Lunar New Year's Day"),
    day('2026-02-18', '農曆年初二', 'The second day of Lunar New Year'),
    day('2026-02-19', '農曆年初三', 'The third day of Lunar New Year'),
    day('2026-04-03', '耶穌受難節', 'Good Friday'),
    day('2026-04-04', '耶穌受難節翌日', 'The day following Good Friday'),
    // Ching Ming falls on Sunday 5 April, its substitute on Easter Monday, hence the Tuesday too.
    day('2026-04-06', '清明節翌日', 'The day following Ching Ming Festival'),
    day('2026-04-07', '復活節星期一翌日', 'The day following Easter Monday'),
    day('2026-05-01', '勞動節', 'Labour Day'),
    day('2026-05-25', '佛誕翌日', 'The day following the Birthday of the Buddha'),
    day('2026-06-19', '端午節', 'Tuen Ng Festival'),
    day('2026-07-01', '香港特別行政區成立紀念日', 'Hong Kong Special Administrative Region Establishment Day'),
    day('2026-09-26', '中秋節翌日', 'The day following the Chinese Mid-Autumn Festival'),
    day('2026-10-01', '國慶日', 'National Day'),
    day('2026-10-19', '重陽節翌日', 'The day following Chung Yeung Festival'),
    day('2026-12-25', '聖誕節', 'Christmas Day'),
    day('2026-12-26', '聖誕節後第一個周日', 'The first weekday after Christmas Day'),
  ],
};

// PROVISIONAL: derived from the ordinance's rules and the lunar/Easter dates; the 2027 list had not
// been gazetted when this was written. Replace it with the gazette notice (usually mid-2026).
// The second day of Lunar New Year is a Sunday, so the fourth day becomes a holiday.
const y2027: HolidayYear = {
  year: 2027,
  provisional: true,
  source: 'derived from Cap. 149 rules; replace with the Gazette list of general holidays for 2027',
  holidays: [
    day('2027-01-01', '一月一日', 'The first day of January'),
    day('2027-02-06', '農曆年初一', "Lunar New Year's Day"),
    day('2027-02-08', '農曆年初三', 'The third day of Lunar New Year'),
    day('2027-02-09', '農曆年初四', 'The fourth day of Lunar New Year'),
    day('2027-03-26', '耶穌受難節', 'Good Friday'),
    day('2027-03-27', '耶穌受難節翌日', 'The day following Good Friday'),
    day('2027-03-29', '復活節星期一', 'Easter Monday'),
    day('2027-04-05', '清明節', 'Ching Ming Festival'),
    day('2027-05-01', '勞動節', 'Labour Day'),
    day('2027-05-13', '佛誕', 'The Birthday of the Buddha'),
    day('2027-06-09', '端午節', 'Tuen Ng Festival'),
    day('2027-07-01', '香港特別行政區成立紀念日', 'Hong Kong Special Administrative Region Establishment Day'),
    day('2027-09-16', '中秋節翌日', 'The day following the Chinese Mid-Autumn Festival'),
    day('2027-10-01', '國慶日', 'National Day'),
    day('2027-10-08', '重陽節', 'Chung Yeung Festival'),
    day('2027-12-25', '聖誕節', 'Christmas Day'),
    day('2027-12-27', '聖誕節後第一個周日', 'The first weekday after Christmas Day'),
  ],
};

export const hk: HolidayYear[] = [y2025, y2026, y2027];

import type { NotificationLocale } from './types.js';

/** "1 h 30 min" / "1小时30分钟": two units at most, rounded down to the minute. */
export function formatDuration(seconds: number, locale: NotificationLocale): string {
  const zh = locale === 'zh-CN';
  const totalMinutes = Math.floor(Math.max(0, seconds) / 60);
  if (totalMinutes < 1) return zh ? '不到1分钟' : 'less than 1 min';
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return zh ? `${days}天${hours ? `${hours}小时` : ''}` : `${days} d${hours ? ` ${hours} h` : ''}`;
  if (hours > 0) return zh ? `${hours}小时${minutes ? `${minutes}分钟` : ''}` : `${hours} h${minutes ? ` ${minutes} min` : ''}`;
  return zh ? `${minutes}分钟` : `${minutes} min`;
}

function zoneOrUtc(timezone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone;
  } catch {
    return 'UTC';
  }
}

/** "2026-11-27 18:00" in the zone; an unknown zone falls back to UTC rather than failing the notification. */
export function formatLocalTime(iso: string, timezone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zoneOrUtc(timezone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** "2026-11-27 18:00 (Asia/Shanghai)". */
export function formatDueTime(iso: string, timezone: string): string {
  return `${formatLocalTime(iso, timezone)} (${zoneOrUtc(timezone)})`;
}

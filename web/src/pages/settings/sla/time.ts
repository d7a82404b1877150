// Wall-clock times in a calendar's time zone, with Intl only (no date library in the bundle).

function zoneParts(instant: number, timezone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Offset of `timezone` from UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timezone: string): number {
  const p = zoneParts(instant, timezone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "2025-10-09T14:30" in `timezone` → the instant, as an ISO string (null when not a date-time). */
export function zonedToIso(local: string, timezone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall - offsetAt(wall, timezone);
  // Across a DST change the first guess can be an hour off; one more step settles it.
  instant = wall - offsetAt(instant, timezone);
  return new Date(instant).toISOString();
}

/** Now, as "YYYY-MM-DDTHH:mm" on the wall clock of `timezone` (for a datetime-local input). */
export function nowInZone(timezone: string, now = Date.now()): string {
  const p = zoneParts(now, timezone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Today's date in `timezone`, "YYYY-MM-DD". */
export function todayInZone(timezone: string, now = Date.now()): string {
  return nowInZone(timezone, now).slice(0, 10);
}

/** "Thu, 9 Oct 2025, 14:30" in the console's language, on the wall clock of `timezone`. */
export function formatInZone(iso: string, timezone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: timezone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** A date-time in the browser's own zone. */
export function formatLocal(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The weekday of a "YYYY-MM-DD" date (0 = Monday … 6 = Sunday). */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

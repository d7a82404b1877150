import { useMemo } from 'react';

/** The browser's IANA zones (the calendar, clock and schedule forms offer them). */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'UTC'];
  }
}

/** IANA zones for a select, with the ones in use first. */
export function useZoneOptions(...first: string[]): { value: string; label: string }[] {
  const wanted = first.join(',');
  return useMemo(() => [...new Set([...wanted.split(','), ...timeZones()])].filter((zone) => zone.length > 0).map((zone) => ({ value: zone, label: zone })), [wanted]);
}

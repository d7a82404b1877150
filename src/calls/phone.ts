/**
 * A phone number as people type it ("+86 138-0013-8000", "(021) 5555 1234") reduced to the digits
 * and an optional leading +, so the same line always looks the same when customers are matched.
 * Returns null when what is left is not 5–20 digits.
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-().]/g, '');
  return /^\+?\d{5,20}$/.test(compact) ? compact : null;
}

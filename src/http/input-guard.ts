import type { FieldError } from './errors.js';

const MAX_DEPTH = 32;

/**
 * Finds text containing a NUL character anywhere in a parsed body or query string. PostgreSQL
 * cannot store it and no legitimate payment text contains one, so such input is refused up front.
 */
export function findNulBytes(value: unknown, location: string, path: string[] = [], found: FieldError[] = []): FieldError[] {
  // Raw bodies (signed webhooks) are checked by their receivers, byte for byte.
  if (found.length >= 20 || path.length > MAX_DEPTH || Buffer.isBuffer(value)) return found;
  const field = () => [location, ...path].join('.');
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ field: field(), message: 'must not contain NUL characters' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findNulBytes(item, location, [...path, String(index)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push({ field: field(), message: 'keys must not contain NUL characters' });
      findNulBytes(item, location, [...path, key], found);
    }
  }
  return found;
}

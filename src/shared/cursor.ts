import { AppError } from '../http/errors.js';

type CursorValue = string | number;

/** Opaque keyset cursor: the sort it belongs to and the last row's sort values. */
export function encodeCursor(sort: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: sort, v: values })).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, length: number): CursorValue[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown };
    if (parsed.s === sort && Array.isArray(parsed.v) && parsed.v.length === length && parsed.v.every((item) => typeof item === 'string' || typeof item === 'number')) {
      return parsed.v as CursorValue[];
    }
  } catch {
    // fall through to the problem below
  }
  throw new AppError('validation_failed', { key: 'detail.invalid_cursor' }, [{ field: 'querystring.cursor', message: 'unknown or malformed cursor' }]);
}

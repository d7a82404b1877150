import { AppError } from '../http/errors.js';

type CursorValue = string | number;

/** What each position of a cursor must hold, so a forged cursor never reaches SQL as garbage. */
export type CursorKind = 'instant' | 'int' | 'id';

const checks: Record<CursorKind, (value: unknown) => boolean> = {
  instant: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(Date.parse(value)),
  int: (value) => typeof value === 'number' && Number.isSafeInteger(value),
  id: (value) => typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value),
};

/** Opaque keyset cursor: the sort it belongs to and the last row's sort values. */
export function encodeCursor(sort: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: sort, v: values })).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, kinds: CursorKind[]): CursorValue[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown };
    if (parsed.s === sort && Array.isArray(parsed.v) && parsed.v.length === kinds.length && kinds.every((kind, index) => checks[kind](parsed.v instanceof Array ? parsed.v[index] : undefined))) {
      return parsed.v as CursorValue[];
    }
  } catch {
    // fall through to the problem below
  }
  throw new AppError('validation_failed', { key: 'detail.invalid_cursor' }, [{ field: 'querystring.cursor', message: 'unknown or malformed cursor' }]);
}

/**
 * Turns `limit + 1` fetched rows into one page: the first `limit` rows presented, and a cursor
 * from the last of them when there was more.
 */
export function toPage<Row, Item>(rows: Row[], limit: number, present: (row: Row) => Item, cursorOf: (last: Row) => string) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(present), next_cursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { OffsetSpan } from './date-range.js';

// The two places where analytics needs SQL of its own per database.

/** Whole seconds from `from` to `to` (two timestamp columns). */
export function secondsBetween(db: Executor, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`cast(round(extract(epoch from (${to} - ${from}))) as bigint)`
    : sql<number>`cast(round((julianday(${to}) - julianday(${from})) * 86400) as integer)`;
}

export type LocalUnit = 'day' | 'hour';

/**
 * An instant column as local text, 'YYYY-MM-DD' (day) or 'YYYY-MM-DD HH' (hour), by the zone's
 * offsets over the report range (see offsetSpans). Offsets are integers we computed, so they go in
 * as literals; the span boundaries are parameters.
 */
export function localTime(db: Executor, column: RawBuilder<unknown>, spans: OffsetSpan[], unit: LocalUnit): RawBuilder<string> {
  const pg = isPostgres(db);
  const shift = (minutes: number) => (pg ? sql.lit(minutes) : sql.lit(`${minutes >= 0 ? '+' : ''}${minutes} minutes`));
  const last = spans[spans.length - 1];
  if (!last) throw new Error('offset spans must not be empty');
  const branches = spans.filter((span) => span.until !== null).map((span) => sql`when ${column} < ${span.until} then ${shift(span.offsetMinutes)}`);
  const offset = branches.length === 0 ? shift(last.offsetMinutes) : sql`(case ${sql.join(branches, sql` `)} else ${shift(last.offsetMinutes)} end)`;
  if (pg) {
    const format = unit === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH24';
    return sql<string>`to_char((${column} at time zone 'UTC') + ${offset} * interval '1 minute', ${sql.lit(format)})`;
  }
  const format = unit === 'day' ? '%Y-%m-%d' : '%Y-%m-%d %H';
  return sql<string>`strftime(${sql.lit(format)}, ${column}, ${offset})`;
}

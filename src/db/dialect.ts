import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Column types that differ between the two databases, in one place. */
export function columnTypes(dialect: DialectName) {
  const pg = dialect === 'postgres';
  return {
    timestamp: pg ? 'timestamptz' : 'text',
    bigint: pg ? 'bigint' : 'integer',
    blob: pg ? 'bytea' : 'blob',
    serial: pg ? 'bigserial' : 'integer',
  } as const;
}

/** Case-insensitive substring match that works on both dialects (and on CJK text). */
export function containsText(column: RawBuilder<unknown> | string, needle: string): RawBuilder<boolean> {
  const escaped = needle.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`);
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  return sql<boolean>`lower(${ref}) like ${`%${escaped}%`} escape '\\'`;
}

/** True when a Kysely instance or transaction talks to PostgreSQL. */
export function isPostgres(db: Kysely<never> | { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A unique constraint refused a row (two requests racing for the same email, key, …). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.js';
import { migrationProvider } from './migrations.js';
import { SearchPathPostgresDialect } from './pg-introspector.js';
import type { DB } from './schema.js';

export type Database = {
  db: Kysely<DB>;
  dialect: DialectName;
  /** PostgreSQL schema the tables live in, when not the default search path. */
  schema?: string;
  destroy(): Promise<void>;
};

export type Executor = Kysely<DB> | Transaction<DB>;

/** Runs `work` in a transaction, or inside the caller's when `db` already is one (services compose). */
export function inTransaction<T>(db: Executor, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
}

export type DatabaseOptions =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string; maxConnections?: number };

// pg returns int8 as strings and timestamptz as Date; Paydesk uses numbers and ISO strings everywhere.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
const parsePgTimestamp = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => (parsePgTimestamp(value) as Date).toISOString());

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and preparing is a
 * large share of a small query's cost. Keep the most recently used statements by SQL text.
 */
function withStatementCache(connection: SQLite.Database, capacity = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(text: string): SQLite.Statement {
      // Kysely opens transactions with a deferred `begin`. When another process (the CLI's
      // `paydesk demo` next to a running desk) writes between this transaction's first read and
      // its first write, SQLite refuses the upgrade at once with "database is locked", without
      // waiting. Taking the write lock up front makes the busy timeout apply instead.
      const sqlText = /^\s*begin\s*$/i.test(text) ? 'begin immediate' : text;
      const cached = statements.get(sqlText);
      if (cached) {
        statements.delete(sqlText);
        statements.set(sqlText, cached);
        return cached;
      }
      const statement = connection.prepare(sqlText);
      statements.set(sqlText, statement);
      if (statements.size > capacity) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.kind === 'sqlite') {
    mkdirSync(dirname(options.file), { recursive: true });
    const connection = new SQLite(options.file);
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    // SQLite's own lower() folds ASCII only; search must fold Ä, Ł and friends like PostgreSQL does.
    connection.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
    // A 64 MiB page cache keeps the case indexes of a busy desk in memory.
    connection.pragma('cache_size = -65536');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
    return { db, dialect: 'sqlite', destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new SearchPathPostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema: options.schema, destroy: () => db.destroy() };
}

async function runMigrator(db: Kysely<DB>, dialect: DialectName, schema?: string): Promise<string[]> {
  // Kysely looks for its bookkeeping tables by schema, so a non-default schema must be named.
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Brings the schema up to date; safe to run on every start and from several nodes. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  if (database.dialect === 'sqlite') return runMigrator(database.db, 'sqlite');
  if (database.schema) await sql`create schema if not exists ${sql.id(database.schema)}`.execute(database.db);
  // An advisory lock serialises nodes starting together, even before Kysely's own lock table exists.
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(727372)`.execute(conn);
    try {
      return await runMigrator(conn, 'postgres', database.schema);
    } finally {
      await sql`select pg_advisory_unlock(727372)`.execute(conn);
    }
  });
}

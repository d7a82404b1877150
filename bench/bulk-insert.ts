import { closeSync, fsyncSync, openSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql, type Insertable } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { BenchStore } from './store.js';

type Table = keyof DB & string;
type Value = string | number | null;

/**
 * Fast writes for seeding millions of rows, bypassing the app's per-row code paths (the rows
 * themselves are the app's). PostgreSQL: one `insert … select from unnest(arrays)` per batch.
 * SQLite: a second connection to the same file with one prepared statement, a transaction per batch.
 */
export type BulkWriter = {
  /** Rows per call that keep memory and statement size reasonable. */
  batchSize: number;
  insert<T extends Table>(table: T, rows: Insertable<DB[T]>[]): Promise<void>;
  /**
   * Puts what seeding wrote on disk, so the measured part does not pay for it: SQLite folds the WAL
   * in and fsyncs the file; PostgreSQL runs a CHECKPOINT (needs superuser or pg_checkpoint; skipped
   * with a note otherwise). Returns a note for the log.
   */
  settle(): Promise<string>;
  /** Moves pending timers to new due times (ids[i] gets fireAt[i]). */
  setTimerFireAt(ids: string[], fireAt: string[]): Promise<void>;
  close(): Promise<void>;
};

function columnsOf(rows: object[]): string[] {
  const first = rows[0];
  if (!first) return [];
  return Object.keys(first);
}

function valueOf(row: object, column: string): Value {
  const value = (row as Record<string, unknown>)[column];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new Error(`bulk insert: column ${column} has a ${typeof value}`);
}

function postgresWriter(store: BenchStore): BulkWriter {
  const { db } = store.database;
  const columnTypes = new Map<string, Map<string, string>>();
  // unnest() needs typed arrays: take each column's type from the catalog once per table.
  const typesOf = async (table: string) => {
    let types = columnTypes.get(table);
    if (!types) {
      const rows = await sql<{ column_name: string; udt_name: string }>`
        select column_name, udt_name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}`.execute(db);
      types = new Map(rows.rows.map((row) => [row.column_name, row.udt_name]));
      columnTypes.set(table, types);
    }
    return types;
  };
  return {
    batchSize: 10_000,
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = columnsOf(rows);
      const types = await typesOf(table);
      const arrays = columns.map((column) => {
        const type = types.get(column);
        if (!type || !/^[a-z0-9_]+$/.test(type)) throw new Error(`bulk insert: no column ${table}.${column}`);
        const values = rows.map((row) => valueOf(row, column));
        return sql`${values}::${sql.raw(type)}[]`;
      });
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) select * from unnest(${sql.join(arrays)})`.execute(db);
    },
    async settle() {
      try {
        await sql`checkpoint`.execute(db);
        return 'checkpoint done';
      } catch (error) {
        return `no checkpoint (${error instanceof Error ? error.message : String(error)})`;
      }
    },
    async setTimerFireAt(ids, fireAt) {
      await sql`update sla_timers set fire_at = moved.fire_at
        from unnest(${ids}::text[], ${fireAt}::timestamptz[]) as moved(id, fire_at)
        where sla_timers.id = moved.id and sla_timers.state = 'pending'`.execute(db);
    },
    async close() {},
  };
}

function sqliteWriter(file: string): BulkWriter {
  const connection = new SQLite(file);
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  // Seeding only: a large page cache for the random-order primary keys; no fsync per batch.
  connection.pragma('cache_size = -1048576');
  connection.pragma('synchronous = OFF');
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = connection.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  return {
    batchSize: 10_000,
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = columnsOf(rows);
      const statement = prepare(`insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
      connection.transaction(() => {
        for (const row of rows) statement.run(columns.map((column) => valueOf(row, column)));
      })();
    },
    async settle() {
      // Seeding wrote without fsync: fold the WAL in and flush the file now, or the app's first
      // checkpoint would pay for a gigabyte of dirty pages in the middle of the measured run.
      connection.pragma('wal_checkpoint(TRUNCATE)');
      const descriptor = openSync(file, 'r+');
      try {
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
      return 'WAL folded in, file synced';
    },
    async setTimerFireAt(ids, fireAt) {
      const statement = prepare(`update sla_timers set fire_at = ? where id = ? and state = 'pending'`);
      connection.transaction(() => {
        ids.forEach((id, index) => statement.run(fireAt[index] ?? null, id));
      })();
    },
    async close() {
      // The few updates since settle() go to disk with the app's own durability from here on.
      connection.pragma('synchronous = NORMAL');
      connection.close();
    },
  };
}

export function openBulkWriter(store: BenchStore): BulkWriter {
  return store.location.dialect === 'sqlite' ? sqliteWriter(store.location.file) : postgresWriter(store);
}

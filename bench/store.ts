import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database } from '../src/db/database.js';

/** Where a dialect's run keeps its data; always fresh, always removed afterwards. */
export type BenchTarget = { dialect: 'sqlite' } | { dialect: 'postgres'; url: string };

export type BenchStore = {
  database: Database;
  /** Data folder for the app's config (and the SQLite file). */
  dataDir: string;
  location: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; schema: string };
  cleanup(): Promise<void>;
};

// Same pool size the server uses by default, so the bench measures the shipped setup.
export const postgresPoolSize = 10;

async function runAdmin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** True when a PostgreSQL server answers at `url` within a few seconds. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A migrated, empty store: a new SQLite file, or a new schema dropped again by cleanup(). */
export async function openBenchStore(target: BenchTarget): Promise<BenchStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paydesk-bench-'));
  if (target.dialect === 'sqlite') {
    const file = join(dataDir, 'paydesk.sqlite');
    const database = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(database);
    return {
      database,
      dataDir,
      location: { dialect: 'sqlite', file },
      async cleanup() {
        await database.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await runAdmin(target.url, `create schema ${schema}`);
  const database = openDatabase({ kind: 'postgres', url: target.url, schema, maxConnections: postgresPoolSize });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.destroy();
    await runAdmin(target.url, `drop schema ${schema} cascade`);
    throw error;
  }
  return {
    database,
    dataDir,
    location: { dialect: 'postgres', url: target.url, schema },
    async cleanup() {
      await database.destroy();
      await runAdmin(target.url, `drop schema ${schema} cascade`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

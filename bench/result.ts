import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from '../src/db/dialect.js';
import type { LatencyStats, ThroughputStats } from './load-protocol.js';

/** From the issue: creation at least half the baseline's throughput; list p99 under 50 ms. */
export const targets = { creationMinRatio: 0.5, listMaxP99Ms: 50 } as const;

export type Machine = { cores: number; cpu: string; memoryGiB: number; platform: string; arch: string };

export function machineInfo(): Machine {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    platform: process.platform,
    arch: process.arch,
  };
}

export type CreationResult = {
  path: string;
  ours: ThroughputStats;
  baseline: ThroughputStats;
  /** Paydesk's requests per second divided by the baseline's (higher is better). */
  ratio: number;
  pass: boolean;
};

export type ListQueryResult = {
  name: string;
  path: string;
  baselinePath: string;
  ours: LatencyStats;
  baseline: LatencyStats;
  /** Paydesk's latency divided by the baseline's (lower is better). */
  p50Ratio: number;
  p99Ratio: number;
  pass: boolean;
};

/** What one dialect's run writes to bench/results/<name>.json. */
export type BenchResult = {
  name: string;
  dialect: DialectName;
  date: string;
  machine: Machine;
  node: string;
  settings: { cases: number; connections: number; durationSeconds: number; warmupSeconds: number; listRequests: number };
  targets: typeof targets;
  seed: { cases: number; customers: number; seconds: number };
  list: ListQueryResult[];
  creation: CreationResult;
  pass: boolean;
};

export const resultsDir = new URL('./results/', import.meta.url);

/** Writes the file whole or not at all (a half-written .tmp is git-ignored). */
export function writeResult(directory: string, result: { name: string }): string {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${result.name}.json`);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

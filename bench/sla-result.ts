import type { DialectName } from '../src/db/dialect.js';
import type { Machine } from './result.js';

/** From the issue: a due timer fires within a second, at the 99th percentile. */
export const slaTargets = { lagMaxP99Ms: 1000 } as const;

/** Milliseconds, nearest-rank percentiles. */
export type Distribution = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function distribution(values: number[], digits = 2): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5), digits),
    p95: round(percentile(sorted, 0.95), digits),
    p99: round(percentile(sorted, 0.99), digits),
    max: round(sorted[sorted.length - 1] ?? 0, digits),
    mean: round(sorted.length > 0 ? sum / sorted.length : 0, digits),
  };
}

/** Upper bounds (ms) of the lag histogram's buckets; the last bucket is everything above. */
export const lagBuckets = [50, 100, 250, 500, 1000, 2000] as const;

export function histogram(values: number[]): number[] {
  const counts = Array.from({ length: lagBuckets.length + 1 }, () => 0);
  for (const value of values) {
    const bucket = lagBuckets.findIndex((bound) => value < bound);
    const slot = bucket === -1 ? lagBuckets.length : bucket;
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
  return counts;
}

/** A bare indexed `fire_at <= now` select of up to one batch, timed one call at a time. */
export type BaselineQuery = { sql: string; rows: number; ms: Distribution };

/** One measured run of the timer worker(s) over a window of timers that come due. */
export type WorkerRun = {
  workers: number;
  /** Timers armed to come due during the run, and where they ended up. */
  due: number;
  fired: number;
  skipped: number;
  failed: number;
  pending: number;
  /** Timers the workers said they handled (sum of fireDueTimers' return values); = due when each fired once. */
  handled: number;
  /** Handled timers per worker. */
  perWorker: number[];
  exactlyOnce: boolean;
  /** Warnings and errors the worker logged (a failing batch, a set-aside timer). */
  loggedProblems: number;
  /** fired_at − fire_at: fired_at is the worker's clock when it started the batch that took the timer. */
  lagMs: Distribution;
  /** Commit − fire_at: when the batch's transaction (the timer's state and notifications) had committed. */
  commitLagMs: Distribution;
  /** Lag histogram (commit lag) over lagBuckets. */
  commitLagHistogram: number[];
  /** Due timers ÷ seconds from the first due time to the last commit. */
  firedPerSecond: number;
  /** Handled timers ÷ seconds spent in ticks that handled some (summed over workers): what one worker keeps up with. */
  capacityPerSecond: number;
  /** Per second of due time (0 = the window's first second): timers due then, and their commit lag. */
  lagOverTime: { second: number; due: number; commitLagP50: number; commitLagMax: number }[];
  /** The five slowest fireDueTimers calls, with when they started (seconds from the first due time). */
  slowestTicks: { worker: number; atSeconds: number; ms: number; handled: number }[];
  ticks: {
    intervalMs: number;
    batch: number;
    /** fireDueTimers calls that found nothing due. */
    emptyMs: Distribution;
    /** Of those: before the first due time, and after the last (the fired timers' old entries still in the index). */
    emptyBeforeMs: Distribution;
    emptyAfterMs: Distribution;
    /** Calls that handled at least one timer. */
    busyMs: Distribution;
    /** Timers per busy call. */
    timersPerBusyTick: number;
    /** Time in busy calls ÷ timers handled. */
    msPerTimer: number;
  };
};

export type SlaResult = {
  name: string;
  dialect: DialectName;
  date: string;
  machine: Machine;
  node: string;
  settings: { cases: number; dueTimers: number; spreadSeconds: number; leadSeconds: number; tickIntervalMs: number; batch: number; baselineQueries: number };
  targets: typeof slaTargets;
  seed: { cases: number; customers: number; timers: number; seconds: number };
  /**
   * The bare select with nothing due (back to back, and paced one per tick interval like an idle
   * worker), and with exactly one batch due (a "now" weeks ahead), on the same rows, in the same run.
   */
  baseline: { empty: BaselineQuery; emptyPaced: BaselineQuery; fullBatch: BaselineQuery };
  /**
   * Tick cost ÷ baseline (lower is better): empty ticks vs the empty select (back to back, and
   * paced), ticks that fired vs the full-batch select.
   */
  ratios: { emptyTickP50: number; emptyTickP99: number; emptyTickP50VsPaced: number; emptyTickP99VsPaced: number; busyTickP50: number; busyTickP99: number };
  run: WorkerRun;
  /** PostgreSQL only: two workers (separate pools) over another window of the same store. */
  twoWorkers: WorkerRun | null;
  pass: boolean;
};

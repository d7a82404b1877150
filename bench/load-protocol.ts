/** Messages between the bench (which hosts the servers) and the load client process. */

type Target = { url: string; path: string; headers: Record<string, string> };

/** Concurrent POSTs of generated cases for a fixed time, after a warm-up that is not counted. */
export type ThroughputJob = Target & {
  kind: 'throughput';
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Makes each run's transaction ids unique and its bodies reproducible. */
  bodies: { runTag: string; seededCustomers: number; seed: number };
};

/** Sequential GETs on one keep-alive connection, timed one by one. */
export type LatencyJob = Target & { kind: 'latency'; warmupRequests: number; requests: number };

export type LoadJob = ThroughputJob | LatencyJob;

export type ThroughputStats = {
  /** 2xx responses per second of the measured run. */
  requestsPerSecond: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  /** autocannon's latency under this load (whole milliseconds). */
  latencyMs: { p50: number; p99: number; mean: number };
};

export type LatencyStats = {
  requests: number;
  /** Responses other than 200, and connection errors. */
  failed: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
};

export type LoadReply =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'throughput'; stats: ThroughputStats }
  | { kind: 'latency'; stats: LatencyStats }
  | { kind: 'failed'; message: string };

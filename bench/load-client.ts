/**
 * The load generator, run as a child process of the bench so that making requests does not
 * steal the event loop of the servers being measured. Takes one job at a time over IPC.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createCaseRequest } from './case-data.js';
import type { LatencyJob, LatencyStats, LoadJob, LoadReply, ThroughputJob, ThroughputStats } from './load-protocol.js';
import { seededRandom } from './random.js';

function send(reply: LoadReply) {
  process.send?.(reply);
}

// Across jobs, so a warm-up never repeats a measured run's customers or transaction ids.
let requestCounter = 0;

function cannon(job: ThroughputJob, durationSeconds: number, onSecond: () => void): Promise<autocannon.Result> {
  const random = seededRandom(job.bodies.seed + requestCounter);
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        path: job.path,
        headers: { ...job.headers, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(createCaseRequest(requestCounter++, job.bodies.runTag, job.bodies.seededCustomers, random)),
        }),
      },
    ],
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)));
    instance.on('tick', onSecond);
  });
}

async function runThroughput(job: ThroughputJob): Promise<ThroughputStats> {
  const total = job.warmupSeconds + job.durationSeconds;
  let seconds = 0;
  const tick = () => send({ kind: 'progress', done: Math.min(++seconds, total), total });
  if (job.warmupSeconds > 0) await cannon(job, job.warmupSeconds, tick);
  seconds = job.warmupSeconds;
  const result = await cannon(job, job.durationSeconds, tick);
  const ok = result['2xx'];
  return {
    requestsPerSecond: Math.round((ok / result.duration) * 10) / 10,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean },
  };
}

function getOnce(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, headers }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function runLatency(job: LatencyJob): Promise<LatencyStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(job.path, job.url);
  const total = job.warmupRequests + job.requests;
  const timings: number[] = [];
  let failed = 0;
  try {
    for (let index = 0; index < total; index++) {
      const started = performance.now();
      let status = 0;
      try {
        status = await getOnce(agent, url, job.headers);
      } catch {
        status = 0;
      }
      const elapsed = performance.now() - started;
      if (index < job.warmupRequests) continue;
      if (status === 200) timings.push(elapsed);
      else failed++;
      if ((index + 1) % 25 === 0 || index + 1 === total) send({ kind: 'progress', done: index + 1, total });
    }
  } finally {
    agent.destroy();
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const microseconds = (value: number) => Math.round(value * 1000) / 1000;
  return {
    requests: job.requests,
    failed,
    p50Ms: microseconds(percentile(sorted, 0.5)),
    p90Ms: microseconds(percentile(sorted, 0.9)),
    p99Ms: microseconds(percentile(sorted, 0.99)),
    maxMs: microseconds(sorted.at(-1) ?? Number.NaN),
    meanMs: microseconds(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
  };
}

process.on('message', (message: unknown) => {
  const job = message as LoadJob;
  const work = job.kind === 'throughput'
    ? runThroughput(job).then((stats): LoadReply => ({ kind: 'throughput', stats }))
    : runLatency(job).then((stats): LoadReply => ({ kind: 'latency', stats }));
  work.then(send, (error: unknown) => send({ kind: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) }));
});

process.on('disconnect', () => process.exit(0));

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LatencyJob, LatencyStats, LoadJob, LoadReply, ThroughputJob, ThroughputStats } from './load-protocol.js';

type Progress = (done: number, total: number) => void;

export type LoadClient = {
  throughput(job: Omit<ThroughputJob, 'kind'>, onProgress: Progress): Promise<ThroughputStats>;
  latency(job: Omit<LatencyJob, 'kind'>, onProgress: Progress): Promise<LatencyStats>;
  close(): void;
};

type Pending = { onProgress: Progress; resolve(reply: LoadReply): void; reject(error: Error): void };

/**
 * Starts the load client in its own process (through the same TypeScript runner as the bench).
 * Jobs run one at a time.
 */
export function startLoadClient(): LoadClient {
  const runner = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const entry = fileURLToPath(new URL('./load-client.ts', import.meta.url));
  const child: ChildProcess = fork(runner, [entry], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending: Pending | null = null;

  child.on('message', (message: unknown) => {
    const reply = message as LoadReply;
    if (!pending) return;
    if (reply.kind === 'progress') {
      pending.onProgress(reply.done, reply.total);
      return;
    }
    const settled = pending;
    pending = null;
    if (reply.kind === 'failed') settled.reject(new Error(`load client: ${reply.message}`));
    else settled.resolve(reply);
  });
  child.on('exit', (code) => {
    pending?.reject(new Error(`load client exited (code ${code ?? 'none'}) during a job`));
    pending = null;
  });

  function run(job: LoadJob, onProgress: Progress): Promise<LoadReply> {
    if (pending) return Promise.reject(new Error('load client is busy'));
    return new Promise((resolve, reject) => {
      pending = { onProgress, resolve, reject };
      child.send(job);
    });
  }

  return {
    async throughput(job, onProgress) {
      const reply = await run({ ...job, kind: 'throughput' }, onProgress);
      if (reply.kind !== 'throughput') throw new Error(`expected throughput stats, got ${reply.kind}`);
      return reply.stats;
    },
    async latency(job, onProgress) {
      const reply = await run({ ...job, kind: 'latency' }, onProgress);
      if (reply.kind !== 'latency') throw new Error(`expected latency stats, got ${reply.kind}`);
      return reply.stats;
    },
    close() {
      if (child.connected) child.disconnect();
    },
  };
}

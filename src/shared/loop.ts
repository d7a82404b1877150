import type { FastifyBaseLogger } from 'fastify';

export type Loop = { stop(): Promise<void>; runOnce(): Promise<void> };

/**
 * Runs `work` every `intervalMs`, never two rounds at once; a failed round is logged and the next one
 * tries again. `work` returns true when it had a full batch, so the loop goes again without waiting.
 */
export function startLoop(name: string, work: () => Promise<boolean | void>, log: Pick<FastifyBaseLogger, 'error'>, intervalMs: number): Loop {
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = async () => {
    for (let again = true; again && !stopped; ) again = (await work()) === true;
  };
  const tick = () => {
    if (running || stopped) return;
    running = round()
      .catch((error: unknown) => log.error({ err: error, loop: name }, `${name} failed; will retry`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
    async runOnce() {
      if (running) await running;
      await work();
    },
  };
}

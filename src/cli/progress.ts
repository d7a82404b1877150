import cliProgress from 'cli-progress';

/**
 * Progress on stderr: a live bar on a terminal, otherwise a line at every 10 % so logs and CI
 * still show movement. stdout stays clean for output other tools read.
 */
export function progressBar(label: string, total: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (value: number) => bar.update(value), stop: () => bar.stop() };
  }
  let lastDecile = -1;
  return {
    update(value: number) {
      const decile = total > 0 ? Math.floor((value / total) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label}: ${decile * 10}% (${value}/${total})\n`);
      }
    },
    stop: () => undefined,
  };
}

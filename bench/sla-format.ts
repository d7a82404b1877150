import { bar, dialectTitles, table } from './format.js';
import { lagBuckets, slaTargets, type SlaResult, type WorkerRun } from './sla-result.js';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const verdict = (pass: boolean) => (pass ? 'pass' : 'FAIL');

function runs(result: SlaResult): [string, WorkerRun][] {
  return result.twoWorkers ? [['one worker', result.run], ['two workers', result.twoWorkers]] : [['one worker', result.run]];
}

export function slaHeadline(result: SlaResult): string {
  return `━━ SLA timers · ${dialectTitles[result.dialect]} · ${whole.format(result.seed.cases)} open cases with timers · ${result.machine.cores} cores · Node ${result.node} · ${result.date}`;
}

export function lagTable(result: SlaResult): string {
  const rows = runs(result).flatMap(([name, run]) => [
    [name, 'fired_at − fire_at', ...[run.lagMs.p50, run.lagMs.p95, run.lagMs.p99, run.lagMs.max].map((value) => whole.format(value)), `${whole.format(run.fired)}/${whole.format(run.due)}`, run.exactlyOnce ? 'yes' : 'NO'],
    ['', 'commit − fire_at', ...[run.commitLagMs.p50, run.commitLagMs.p95, run.commitLagMs.p99, run.commitLagMs.max].map((value) => whole.format(value)), '', ''],
  ]);
  const { settings } = result;
  return [
    `Lag from due time to firing, ms (${whole.format(settings.dueTimers)} timers due over ${settings.spreadSeconds} s, real clock, tick every ${settings.tickIntervalMs} ms)`,
    table(['', 'measured', 'p50', 'p95', 'p99', 'max', 'fired', 'exactly once'], rows, ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right']),
    `  commit lag p99 < ${whole.format(slaTargets.lagMaxP99Ms)} ms: ${verdict(result.run.commitLagMs.p99 < slaTargets.lagMaxP99Ms)}   overall: ${verdict(result.pass)}`,
  ].join('\n');
}

export function tickTable(result: SlaResult): string {
  const { baseline, ratios } = result;
  const rows: string[][] = [];
  for (const [name, run] of runs(result)) {
    rows.push([`${name}, empty ticks`, whole.format(run.ticks.emptyMs.count), twoDecimals.format(run.ticks.emptyMs.p50), twoDecimals.format(run.ticks.emptyMs.p99), '—']);
    rows.push([`${name}, ticks that fired`, whole.format(run.ticks.busyMs.count), twoDecimals.format(run.ticks.busyMs.p50), twoDecimals.format(run.ticks.busyMs.p99), oneDecimal.format(run.ticks.timersPerBusyTick)]);
  }
  rows.push(['baseline, nothing due', whole.format(baseline.empty.ms.count), twoDecimals.format(baseline.empty.ms.p50), twoDecimals.format(baseline.empty.ms.p99), whole.format(baseline.empty.rows)]);
  rows.push([`baseline, nothing due, one per ${result.settings.tickIntervalMs} ms`, whole.format(baseline.emptyPaced.ms.count), twoDecimals.format(baseline.emptyPaced.ms.p50), twoDecimals.format(baseline.emptyPaced.ms.p99), whole.format(baseline.emptyPaced.rows)]);
  rows.push([`baseline, a full batch due`, whole.format(baseline.fullBatch.ms.count), twoDecimals.format(baseline.fullBatch.ms.p50), twoDecimals.format(baseline.fullBatch.ms.p99), whole.format(baseline.fullBatch.rows)]);
  const { run } = result;
  return [
    `Per-tick cost, ms per fireDueTimers call; baseline: ${baseline.fullBatch.sql}`,
    table(['', 'calls', 'p50', 'p99', 'timers/rows'], rows),
    `  empty tick / bare select: p50 ${oneDecimal.format(ratios.emptyTickP50)}×, p99 ${oneDecimal.format(ratios.emptyTickP99)}× ` +
      `(paced: ${oneDecimal.format(ratios.emptyTickP50VsPaced)}×, ${oneDecimal.format(ratios.emptyTickP99VsPaced)}×)   ` +
      `tick that fired / full-batch select: p50 ${oneDecimal.format(ratios.busyTickP50)}×, p99 ${oneDecimal.format(ratios.busyTickP99)}×`,
    `  empty ticks before the first due timer p50 ${twoDecimals.format(run.ticks.emptyBeforeMs.p50)} ms, after the last p50 ${twoDecimals.format(run.ticks.emptyAfterMs.p50)} ms`,
    `  ${twoDecimals.format(run.ticks.msPerTimer)} ms per fired timer; one worker can fire ~${whole.format(run.capacityPerSecond)} timers/s (they came due at ${whole.format(run.firedPerSecond)}/s)`,
    `  slowest call: ${oneDecimal.format(run.slowestTicks[0]?.ms ?? 0)} ms (${run.slowestTicks[0]?.handled ?? 0} timers, ${oneDecimal.format(run.slowestTicks[0]?.atSeconds ?? 0)} s after the first due time)`,
  ].join('\n');
}

/** Text bars: the commit-lag histogram per run, then tick cost against the baseline. */
export function slaBars(result: SlaResult): string {
  const labels = [...lagBuckets.map((bound, index) => `${index === 0 ? 0 : lagBuckets[index - 1]}–${bound} ms`), `≥ ${lagBuckets[lagBuckets.length - 1]} ms`];
  const width = Math.max(...labels.map((label) => label.length));
  const lines: string[] = [];
  for (const [name, run] of runs(result)) {
    lines.push(`Commit lag, ${name} (timers per bucket)`);
    const max = Math.max(...run.commitLagHistogram);
    run.commitLagHistogram.forEach((count, index) => lines.push(`  ${(labels[index] ?? '').padStart(width)}  ${bar(count, max)}  ${whole.format(count)}`));
    lines.push('');
  }
  const { run, baseline } = result;
  const groups: [string, [string, number][]][] = [
    [
      'Idle tick vs bare select, ms (one worker; shorter is better)',
      [
        ['empty tick p50', run.ticks.emptyMs.p50],
        ['empty tick p99', run.ticks.emptyMs.p99],
        ['bare select p50', baseline.empty.ms.p50],
        ['bare select p99', baseline.empty.ms.p99],
        ['paced select p50', baseline.emptyPaced.ms.p50],
        ['paced select p99', baseline.emptyPaced.ms.p99],
      ],
    ],
    [
      'Tick that fired vs full-batch select, ms (one worker; shorter is better)',
      [
        ['firing tick p50', run.ticks.busyMs.p50],
        ['firing tick p99', run.ticks.busyMs.p99],
        ['full-batch select p50', baseline.fullBatch.ms.p50],
        ['full-batch select p99', baseline.fullBatch.ms.p99],
      ],
    ],
  ];
  const nameWidth = Math.max(...groups.flatMap(([, entries]) => entries.map(([name]) => name.length)));
  for (const [title, entries] of groups) {
    const max = Math.max(...entries.map(([, value]) => value));
    lines.push(title);
    for (const [name, value] of entries) lines.push(`  ${name.padEnd(nameWidth)}  ${bar(value, max)}  ${twoDecimals.format(value)}`);
    lines.push('');
  }
  lines.pop();
  return lines.join('\n');
}

export function slaReport(result: SlaResult): string {
  return [slaHeadline(result), '', lagTable(result), '', tickTable(result), '', slaBars(result), ''].join('\n');
}

export function slaSummary(results: SlaResult[]): string {
  const rows = results.map((result) => [
    dialectTitles[result.dialect],
    `${whole.format(result.run.lagMs.p50)} / ${whole.format(result.run.lagMs.p99)}`,
    `${whole.format(result.run.commitLagMs.p99)} ${verdict(result.run.commitLagMs.p99 < slaTargets.lagMaxP99Ms)}`,
    `${twoDecimals.format(result.run.ticks.emptyMs.p50)} (${oneDecimal.format(result.ratios.emptyTickP50)}×)`,
    result.twoWorkers ? (result.twoWorkers.exactlyOnce ? 'exactly once' : 'NOT exactly once') : '—',
  ]);
  return ['SLA summary', table(['dialect', 'lag p50 / p99 ms', `commit p99 (< ${slaTargets.lagMaxP99Ms})`, 'empty tick p50 ms', 'two workers'], rows)].join('\n');
}

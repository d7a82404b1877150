import { targets, type BenchResult } from './result.js';

export const dialectTitles = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;
const barWidth = 40;

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const ms = (value: number) => twoDecimals.format(value);
const percent = (ratio: number) => `${oneDecimal.format(ratio * 100)} %`;
const verdict = (pass: boolean) => (pass ? 'pass' : 'FAIL');

type Align = 'left' | 'right';

/** Columns padded to their widest cell; the first column left-aligned unless told otherwise. */
export function table(header: string[], rows: string[][], align: Align[] = header.map((_, index) => (index === 0 ? 'left' : 'right'))): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (align[column] === 'left' ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('   ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `  ${text}`).join('\n');
}

export function bar(value: number, max: number): string {
  const filled = max > 0 ? Math.max(value > 0 ? 1 : 0, Math.round((value / max) * barWidth)) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}`;
}

export function headline(result: BenchResult): string {
  return `━━ ${dialectTitles[result.dialect]} · ${whole.format(result.seed.cases)} cases seeded · ${result.machine.cores} cores · Node ${result.node} · ${result.date}`;
}

export function creationTable(result: BenchResult): string {
  const { creation, settings } = result;
  const row = (name: string, stats: BenchResult['creation']['ours']) => [
    name,
    oneDecimal.format(stats.requestsPerSecond),
    whole.format(stats.ok),
    whole.format(stats.latencyMs.p50),
    whole.format(stats.latencyMs.p99),
    whole.format(stats.non2xx + stats.errors),
  ];
  return [
    `Case creation, POST over HTTP (${settings.connections} connections, ${settings.durationSeconds} s after ${settings.warmupSeconds} s warm-up)`,
    table(
      ['', 'req/s', 'requests', 'p50 ms', 'p99 ms', 'failed'],
      [row(`Paydesk  ${creation.path}`, creation.ours), row('baseline (one prepared insert)', creation.baseline)],
    ),
    `  Paydesk / baseline = ${percent(creation.ratio)}   target ≥ ${percent(result.targets.creationMinRatio)}   ${verdict(creation.pass)}`,
  ].join('\n');
}

export function listTable(result: BenchResult): string {
  const rows = result.list.map((query) => [
    query.name,
    ms(query.ours.p50Ms),
    ms(query.ours.p99Ms),
    ms(query.baseline.p50Ms),
    ms(query.baseline.p99Ms),
    `${oneDecimal.format(query.p99Ratio)}×`,
    whole.format(query.ours.failed + query.baseline.failed),
    verdict(query.pass),
  ]);
  return [
    `List, GET /api/v1/cases with ${whole.format(result.seed.cases)} cases (${result.settings.listRequests} sequential requests per query, ms)`,
    table(['query', 'Paydesk p50', 'p99', 'baseline p50', 'p99', 'p99 vs base', 'failed', `p99 < ${result.targets.listMaxP99Ms} ms`], rows),
  ].join('\n');
}

/** Text bars: creation throughput (longer is better) and list p99 (shorter is better). */
export function barChart(result: BenchResult): string {
  const { creation } = result;
  const throughputMax = Math.max(creation.ours.requestsPerSecond, creation.baseline.requestsPerSecond);
  const lines = [
    'Creation throughput, req/s (longer is better)',
    `  Paydesk   ${bar(creation.ours.requestsPerSecond, throughputMax)}  ${whole.format(creation.ours.requestsPerSecond)}`,
    `  baseline  ${bar(creation.baseline.requestsPerSecond, throughputMax)}  ${whole.format(creation.baseline.requestsPerSecond)}`,
    '',
    'List p99, ms (shorter is better)',
  ];
  const latencyMax = Math.max(...result.list.flatMap((query) => [query.ours.p99Ms, query.baseline.p99Ms]));
  const nameWidth = Math.max(...result.list.map((query) => query.name.length));
  for (const query of result.list) {
    lines.push(`  ${query.name.padEnd(nameWidth)}  Paydesk   ${bar(query.ours.p99Ms, latencyMax)}  ${ms(query.ours.p99Ms)}`);
    lines.push(`  ${''.padEnd(nameWidth)}  baseline  ${bar(query.baseline.p99Ms, latencyMax)}  ${ms(query.baseline.p99Ms)}`);
  }
  return lines.join('\n');
}

export function report(result: BenchResult): string {
  return [headline(result), '', creationTable(result), '', listTable(result), '', barChart(result), ''].join('\n');
}

/** One line per dialect, for the end of a run over several. */
export function summary(results: BenchResult[]): string {
  const rows = results.map((result) => [
    dialectTitles[result.dialect],
    `${percent(result.creation.ratio)} ${verdict(result.creation.pass)}`,
    `${ms(Math.max(...result.list.map((query) => query.ours.p99Ms)))} ms ${verdict(result.list.every((query) => query.pass))}`,
  ]);
  return ['Summary', table(['dialect', `creation vs baseline (≥ ${percent(targets.creationMinRatio)})`, `worst list p99 (< ${targets.listMaxP99Ms} ms)`], rows)].join('\n');
}

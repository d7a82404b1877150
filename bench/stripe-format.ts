import { bar, dialectTitles, table } from './format.js';
import type { StripePhaseResult, StripeResult } from './stripe-bench.js';
import type { PhaseStats } from './stripe-load.js';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const percent = (ratio: number) => `${oneDecimal.format(ratio * 100)} %`;
const times = (ratio: number) => `${oneDecimal.format(ratio)}×`;

const phaseNames = { created: 'new disputes', updated: 'updates', duplicate: 'duplicates' } as const;
const phasesOf = (result: StripeResult): [string, StripePhaseResult][] => [
  [phaseNames.created, result.created],
  [phaseNames.updated, result.updated],
  [phaseNames.duplicate, result.duplicate],
];

function statsCells(stats: PhaseStats): string[] {
  return [oneDecimal.format(stats.eventsPerSecond), whole.format(stats.ok), twoDecimals.format(stats.latencyMs.p50), twoDecimals.format(stats.latencyMs.p99), whole.format(stats.sent - stats.ok)];
}

export function stripeTable(result: StripeResult): string {
  const { settings } = result;
  const rows = phasesOf(result).map(([name, phase]) => [`Paydesk  ${name}`, ...statsCells(phase.ours), percent(phase.ratio), times(phase.p50Ratio), times(phase.p99Ratio)]);
  return [
    `Stripe dispute events over HTTP (${settings.seconds} s per phase after ${settings.warmupSeconds} s of new disputes not counted, ${settings.connections} keep-alive connections, ${whole.format(result.created.ours.bytes)} B events)`,
    table(['', 'events/s', 'events', 'p50 ms', 'p99 ms', 'failed', 'vs baseline', 'p50 ×', 'p99 ×'], [...rows, [`baseline unsigned JSON, one insert (${whole.format(result.baseline.bytes)} B)`, ...statsCells(result.baseline), '', '', '']]),
    '  events/s: answers per second that were 200 with the expected duplicate flag (201 for the baseline); vs baseline: higher is better; p50/p99 ×: latency ÷ baseline, lower is better',
  ].join('\n');
}

export function stripeOutcome(result: StripeResult): string {
  const check = result.exactlyOnce;
  const signing = phasesOf(result).map(([name, phase]) => `${name} ${whole.format(phase.ours.pool)} in ${twoDecimals.format(phase.ours.signingSeconds)} s`).join(', ');
  return [
    'Exactly once (warm-up included, read back from the database)',
    `  ${whole.format(check.newAccepted)} new disputes accepted → ${whole.format(check.disputes)} disputes, ${whole.format(check.cases)} Stripe cases; ` +
      `${whole.format(check.updatesAccepted)} updates accepted; events stored ${whole.format(check.events.applied)} applied / ${whole.format(check.events.unchanged)} unchanged / ${whole.format(check.events.ignored)} ignored; ` +
      `${whole.format(check.duplicatesAcknowledged)} duplicates acknowledged: ${check.ok ? 'yes' : 'NO'}`,
    `  load process: pre-signed before each phase (not timed): ${signing}`,
  ].join('\n');
}

type Entry = [name: string, value: number];

function bars(title: string, entries: Entry[]): string {
  const top = Math.max(...entries.map(([, value]) => value));
  const pad = Math.max(...entries.map(([name]) => name.length));
  return [title, ...entries.map(([name, value]) => `  ${name.padEnd(pad)}  ${bar(value, top)}  ${whole.format(value)}`)].join('\n');
}

const entriesOf = (result: StripeResult, prefix = ''): Entry[] => [
  ...phasesOf(result).map(([name, phase]): Entry => [`${prefix}${name}`, phase.ours.eventsPerSecond]),
  [`${prefix}baseline`, result.baseline.eventsPerSecond],
];

export function stripeReport(result: StripeResult): string {
  return [
    `━━ Stripe dispute webhook · ${dialectTitles[result.dialect]} · ${result.machine.cores} cores · Node ${result.node} · ${result.date}`,
    '',
    stripeTable(result),
    '',
    stripeOutcome(result),
    '',
    bars('Events per second (longer is better)', entriesOf(result)),
    '',
  ].join('\n');
}

/** Every dialect on one scale, then a line each. */
export function stripeSummary(results: StripeResult[]): string {
  const rows = results.map((result) => [
    dialectTitles[result.dialect],
    ...phasesOf(result).map(([, phase]) => `${oneDecimal.format(phase.ours.eventsPerSecond)} (${percent(phase.ratio)})`),
    oneDecimal.format(result.baseline.eventsPerSecond),
    result.clean ? 'yes' : 'NO',
  ]);
  return [
    'Stripe summary: events/s (vs baseline)',
    table(['dialect', phaseNames.created, phaseNames.updated, phaseNames.duplicate, 'baseline', 'clean'], rows),
    '',
    bars('Events per second, all dialects (longer is better)', results.flatMap((result) => entriesOf(result, `${dialectTitles[result.dialect]} `))),
  ].join('\n');
}

import { bar, dialectTitles, table } from './format.js';
import { wechatPayTargets, type WechatPayResult } from './wechatpay-bench.js';
import type { FireStats } from './wechatpay-load.js';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const percent = (ratio: number) => `${twoDecimals.format(ratio * 100)} %`;
const verdict = (pass: boolean) => (pass ? 'pass' : 'FAIL');
const failed = (stats: FireStats) => stats.sent - stats.ok;

export function wechatPayHeadline(result: WechatPayResult): string {
  return `━━ WeChat Pay callbacks · ${dialectTitles[result.dialect]} · ${result.machine.cores} cores · Node ${result.node} · ${result.date}`;
}

/** Events per second, latency and failures of the desk and the baseline. */
export function throughputTable(result: WechatPayResult): string {
  const { settings } = result;
  const row = (name: string, stats: FireStats) => [
    name,
    oneDecimal.format(stats.eventsPerSecond),
    whole.format(stats.ok),
    twoDecimals.format(stats.latencyMs.p50),
    twoDecimals.format(stats.latencyMs.p99),
    whole.format(failed(stats)),
  ];
  return [
    `Complaint callbacks over HTTP (${whole.format(settings.events)} per run after ${whole.format(settings.warmup)} not counted, ${settings.connections} keep-alive connections)`,
    table(
      ['', 'events/s', 'events', 'p50 ms', 'p99 ms', 'failed'],
      [
        row(`Paydesk  POST /webhooks/wechatpay/:tenant (signed, ${whole.format(result.callbackBytes)} B), 204s`, result.ours),
        [`Paydesk  to the last case opened (${twoDecimals.format(result.endToEnd.seconds)} s)`, oneDecimal.format(result.endToEnd.eventsPerSecond), '', '', '', ''],
        row(`baseline unsigned JSON, one insert (${whole.format(result.baselineBytes)} B)`, result.baseline),
      ],
    ),
    `  the last case opened ${twoDecimals.format(result.endToEnd.drainSeconds)} s after the last 204 (work left to the WeChat Pay worker)`,
    `  Paydesk (to the last case) / baseline = ${percent(result.ratio)}`,
    `  Paydesk events/s by tenth of the run: ${result.ours.rateByTenth.map((rate) => oneDecimal.format(rate)).join(' → ')}`,
    `  target ≥ ${whole.format(result.targets.minEventsPerSecond)} events/s on ${result.targets.cores} cores (this machine: ${result.machine.cores}): ` +
      `${verdict(result.pass)}, at ${percent(result.endToEnd.eventsPerSecond / result.targets.minEventsPerSecond)} of it`,
  ].join('\n');
}

/** The read-back: one case per acknowledged callback, and what flood detection made of the run. */
export function outcomeLines(result: WechatPayResult): string {
  const check = result.exactlyOnce;
  const notifications = check.notifications;
  return [
    'Exactly once (warm-up included, read back from the database)',
    `  ${whole.format(check.acknowledged)} callbacks answered 204 → ${whole.format(check.cases)} cases (${whole.format(check.distinctComplaints)} distinct complaint ids), ` +
      `${whole.format(check.complaints)} complaints, notifications ${whole.format(notifications.processed)} processed / ${whole.format(notifications.pending)} pending / ${whole.format(notifications.failed)} failed, ` +
      `${whole.format(check.clocks)} SLA clocks: ${check.ok ? 'yes' : 'NO'}`,
    `  flood detection: ${whole.format(result.flood.incidents)} incident(s), ${whole.format(result.flood.linkedCases)} cases linked`,
    `  load process: signing and encrypting ${whole.format(result.settings.events)} callbacks took ${twoDecimals.format(result.signingSeconds)} s (not timed)` +
      `${result.resigned > 0 ? `, ${whole.format(result.resigned)} signed again during the run after waiting 240 s` : ''}; ` +
      `the fake answered ${whole.format(result.fake.requests)} signed API calls (warm-up included), refused ${whole.format(result.fake.rejected)}`,
  ].join('\n');
}

type Bar = { name: string; value: number };

function bars(title: string, entries: Bar[]): string {
  const max = Math.max(...entries.map((entry) => entry.value));
  const width = Math.max(...entries.map((entry) => entry.name.length));
  return [title, ...entries.map((entry) => `  ${entry.name.padEnd(width)}  ${bar(entry.value, max)}  ${whole.format(entry.value)}`)].join('\n');
}

const targetBar = (): Bar => ({ name: 'target', value: wechatPayTargets.minEventsPerSecond });

export function wechatPayBars(result: WechatPayResult): string {
  return bars('Events per second (longer is better)', [
    { name: 'Paydesk 204s', value: result.ours.eventsPerSecond },
    { name: 'Paydesk cases', value: result.endToEnd.eventsPerSecond },
    { name: 'baseline', value: result.baseline.eventsPerSecond },
    targetBar(),
  ]);
}

export function wechatPayReport(result: WechatPayResult): string {
  return [wechatPayHeadline(result), '', throughputTable(result), '', outcomeLines(result), '', wechatPayBars(result), ''].join('\n');
}

/** Every dialect on one scale, then a line each. */
export function wechatPaySummary(results: WechatPayResult[]): string {
  const entries = results.flatMap((result): Bar[] => [
    { name: `${dialectTitles[result.dialect]} Paydesk 204s`, value: result.ours.eventsPerSecond },
    { name: `${dialectTitles[result.dialect]} Paydesk cases`, value: result.endToEnd.eventsPerSecond },
    { name: `${dialectTitles[result.dialect]} baseline`, value: result.baseline.eventsPerSecond },
  ]);
  const rows = results.map((result) => [
    dialectTitles[result.dialect],
    oneDecimal.format(result.ours.eventsPerSecond),
    oneDecimal.format(result.endToEnd.eventsPerSecond),
    oneDecimal.format(result.baseline.eventsPerSecond),
    percent(result.ratio),
    `${twoDecimals.format(result.ours.latencyMs.p50)} / ${twoDecimals.format(result.ours.latencyMs.p99)}`,
    result.exactlyOnce.ok ? 'yes' : 'NO',
    verdict(result.pass),
  ]);
  return [
    'WeChat Pay summary',
    table(['dialect', 'Paydesk 204s/s', 'cases/s', 'baseline events/s', 'ratio', 'p50 / p99 ms', 'exactly once', `≥ ${whole.format(wechatPayTargets.minEventsPerSecond)}/s`], rows),
    '',
    bars('Events per second, all dialects (longer is better)', [...entries, targetBar()]),
  ].join('\n');
}

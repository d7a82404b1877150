import { formatCount, formatRate, type ChartContext } from '../format';
import type { SelfService } from '../types';
import { barChartBase, barSeries, countsTooltip, type BuiltChart } from './common';

const outcomeColors = { deflected: '#52c41a', handed_off: '#1677ff', abandoned: '#bfbfbf', open: '#faad14' } as const;
const outcomes = Object.keys(outcomeColors) as Array<keyof typeof outcomeColors>;
const csatColors = ['#cf1322', '#fa541c', '#faad14', '#7cb305', '#389e0d'];

/** A column chart with one coloured column per item (ECharts colours a data item by its own style). */
function columns(ctx: ChartContext, chart: { id: string; name: string; labels: string[]; values: number[]; colors: readonly string[] }) {
  return {
    ...barChartBase(countsTooltip(ctx), { left: 12, right: 12, top: 16, bottom: 28 }),
    legend: { show: false },
    xAxis: { type: 'category' as const, data: chart.labels, axisLabel: { interval: 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [barSeries({ id: chart.id, name: chart.name, color: chart.colors[0] ?? '#1677ff', width: 36, data: chart.values.map((value, index) => ({ value, itemStyle: { color: chart.colors[index] } })) })],
  };
}

/** Chat conversations by how they ended: solved by the bot, handed to a person, abandoned, still open. */
export function deflectionChart(report: SelfService, ctx: ChartContext): BuiltChart | null {
  if (report.chat.conversations === 0) return null;
  const labels = outcomes.map((outcome) => ctx.t(`selfService.outcome.${outcome}`));
  return {
    height: 220,
    label: ctx.t('selfService.deflectionSummary', {
      conversations: formatCount(report.chat.conversations, ctx.language),
      deflected: formatCount(report.chat.deflected, ctx.language),
      rate: formatRate(report.chat.deflection_rate, ctx.language),
    }),
    option: columns(ctx, { id: 'chat-outcomes', name: ctx.t('selfService.conversations'), labels, values: outcomes.map((outcome) => report.chat[outcome]), colors: outcomes.map((outcome) => outcomeColors[outcome]) }),
  };
}

/** Satisfaction ratings by score, 1 to 5. */
export function csatChart(report: SelfService, ctx: ChartContext): BuiltChart | null {
  if (report.csat.count === 0) return null;
  const scores = ['1', '2', '3', '4', '5'];
  return {
    height: 220,
    label: ctx.t('selfService.csatSummary', { count: formatCount(report.csat.count, ctx.language), average: report.csat.average?.toFixed(2) ?? '–' }),
    option: columns(ctx, { id: 'csat', name: ctx.t('selfService.ratings'), labels: scores.map((score) => ctx.t('selfService.score', { score })), values: scores.map((score) => report.csat.distribution[score] ?? 0), colors: csatColors }),
  };
}

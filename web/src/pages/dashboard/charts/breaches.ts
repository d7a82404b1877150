import type { BarSeriesOption } from 'echarts/charts';
import { escapeHtml, formatCount, type ChartContext } from '../format';
import type { UpcomingBreaches } from '../types';
import { baseGrid, heightForRows, tooltipItems, type BuiltChart } from './common';

const buckets = [
  { key: 'overdue', label: 'charts.breaches.overdue', color: '#a8071a' },
  { key: 'within_1h', label: 'charts.breaches.within1h', color: '#f5222d' },
  { key: 'within_4h', label: 'charts.breaches.within4h', color: '#fa8c16' },
  { key: 'within_24h', label: 'charts.breaches.within24h', color: '#fadb14' },
] as const;

/** Running clocks per team by how soon they breach, red (overdue) through amber (within 24 h). */
export function breachesChart(rows: UpcomingBreaches[], teamNames: ReadonlyMap<string, string>, ctx: ChartContext): BuiltChart | null {
  const teams = rows.filter((row) => buckets.some((bucket) => row[bucket.key] > 0));
  if (teams.length === 0) return null;
  const teamLabel = (team: string | null) => (team === null ? ctx.t('charts.breaches.noTeam') : (teamNames.get(team) ?? team));
  const overdue = teams.reduce((sum, row) => sum + row.overdue, 0);
  const soon = teams.reduce((sum, row) => sum + row.within_1h + row.within_4h + row.within_24h, 0);
  const series: BarSeriesOption[] = buckets.map((bucket) => ({
    type: 'bar',
    id: bucket.key,
    name: ctx.t(bucket.label),
    stack: 'due',
    barMaxWidth: 22,
    itemStyle: { color: bucket.color },
    data: teams.map((row) => row[bucket.key]),
  }));
  return {
    height: heightForRows(teams.length, 34),
    label: ctx.t('charts.breaches.summary', { overdue: formatCount(overdue, ctx.language), soon: formatCount(soon, ctx.language) }),
    option: {
      grid: baseGrid,
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (params) => {
          const items = tooltipItems(params);
          const heading = escapeHtml(String(items[0]?.name ?? ''));
          return [heading, ...items.map((item) => `${String(item.marker ?? '')}${escapeHtml(item.seriesName ?? '')}: ${formatCount(Number(item.value), ctx.language)}`)].join('<br/>');
        },
      },
      xAxis: { type: 'value', name: ctx.t('charts.clockAxis'), nameLocation: 'middle', nameGap: 24, minInterval: 1 },
      yAxis: { type: 'category', data: teams.map((row) => teamLabel(row.team)), inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series,
    },
  };
}

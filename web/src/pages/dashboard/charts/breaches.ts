import { formatCount, type ChartContext } from '../format';
import type { UpcomingBreaches } from '../types';
import { barSeries, countsTooltip, heightForRows, horizontalBarChart, type BuiltChart } from './common';

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
  return {
    height: heightForRows(teams.length, 34),
    label: ctx.t('charts.breaches.summary', { overdue: formatCount(overdue, ctx.language), soon: formatCount(soon, ctx.language) }),
    option: horizontalBarChart({
      rows: teams.map((row) => teamLabel(row.team)),
      labelWidth: 140,
      valueAxis: ctx.t('charts.clockAxis'),
      tooltip: countsTooltip(ctx),
      series: buckets.map((bucket) => barSeries({ id: bucket.key, name: ctx.t(bucket.label), stack: 'due', color: bucket.color, width: 22, data: teams.map((row) => row[bucket.key]) })),
    }),
  };
}

import type { ChartContext } from '../format';
import type { Dashboard } from '../types';
import { barSeries, countsTooltip, heightForRows, horizontalBarChart, type BuiltChart } from './common';

/** Open cases and, next to them, those due within 24 h, per user, most loaded on top. */
export function agentLoadChart(agents: Dashboard['agent_load'], ctx: ChartContext): BuiltChart | null {
  if (agents.length === 0) return null;
  const busiest = agents[0]!;
  return {
    height: heightForRows(agents.length, 34),
    label: ctx.t('charts.agentLoad.summary', { name: busiest.name, open: busiest.open, due: busiest.due_24h }),
    option: horizontalBarChart({
      rows: agents.map((agent) => agent.name),
      labelWidth: 140,
      valueAxis: ctx.t('charts.countAxis'),
      tooltip: countsTooltip(ctx),
      series: [
        barSeries({ id: 'open', name: ctx.t('charts.agentLoad.open'), color: '#1677ff', width: 14, data: agents.map((agent) => agent.open) }),
        barSeries({ id: 'due_24h', name: ctx.t('charts.agentLoad.due24h'), color: '#fa8c16', width: 14, data: agents.map((agent) => agent.due_24h) }),
      ],
    }),
  };
}

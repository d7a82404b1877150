import { escapeHtml, formatCount, type ChartContext } from '../format';
import type { Dashboard } from '../types';
import { baseGrid, heightForRows, tooltipItems, type BuiltChart } from './common';

/** Open cases and, next to them, those due within 24 h, per user, most loaded on top. */
export function agentLoadChart(agents: Dashboard['agent_load'], ctx: ChartContext): BuiltChart | null {
  if (agents.length === 0) return null;
  const busiest = agents[0]!;
  return {
    height: heightForRows(agents.length, 34),
    label: ctx.t('charts.agentLoad.summary', { name: busiest.name, open: busiest.open, due: busiest.due_24h }),
    option: {
      grid: baseGrid,
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (params) => {
          const items = tooltipItems(params);
          const agent = agents[items[0]?.dataIndex ?? 0];
          const lines = items.map((item) => `${String(item.marker ?? '')}${escapeHtml(item.seriesName ?? '')}: ${formatCount(Number(item.value), ctx.language)}`);
          return [escapeHtml(agent?.name ?? ''), ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'value', name: ctx.t('charts.countAxis'), nameLocation: 'middle', nameGap: 24, minInterval: 1 },
      yAxis: { type: 'category', data: agents.map((agent) => agent.name), inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        { type: 'bar', id: 'open', name: ctx.t('charts.agentLoad.open'), barMaxWidth: 14, itemStyle: { color: '#1677ff' }, data: agents.map((agent) => agent.open) },
        { type: 'bar', id: 'due_24h', name: ctx.t('charts.agentLoad.due24h'), barMaxWidth: 14, itemStyle: { color: '#fa8c16' }, data: agents.map((agent) => agent.due_24h) },
      ],
    },
  };
}

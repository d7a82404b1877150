import { escapeHtml, formatCount, formatRate, type ChartContext } from '../format';
import type { Dashboard } from '../types';
import { baseGrid, clockName, heightForRows, tooltipItems, type BuiltChart } from './common';

/** Met and breached clocks per clock name, stacked; the tooltip adds the achievement rate. */
export function slaChart(sla: Dashboard['sla'], ctx: ChartContext): BuiltChart | null {
  if (sla.by_clock.length === 0) return null;
  const clocks = sla.by_clock;
  return {
    height: heightForRows(clocks.length, 34),
    label: ctx.t('charts.sla.summary', { met: formatCount(sla.met, ctx.language), breached: formatCount(sla.breached, ctx.language), rate: formatRate(sla.achievement, ctx.language) }),
    option: {
      grid: baseGrid,
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (params) => {
          const items = tooltipItems(params);
          const clock = clocks[items[0]?.dataIndex ?? 0];
          if (!clock) return '';
          const lines = items.map((item) => `${String(item.marker ?? '')}${escapeHtml(item.seriesName ?? '')}: ${formatCount(Number(item.value), ctx.language)}`);
          const rate = formatRate(clock.met / Math.max(1, clock.met + clock.breached), ctx.language);
          return [escapeHtml(clockName(ctx, clock.name)), ...lines, `${escapeHtml(ctx.t('charts.sla.achievement'))}: ${rate}`].join('<br/>');
        },
      },
      xAxis: { type: 'value', name: ctx.t('charts.clockAxis'), nameLocation: 'middle', nameGap: 24, minInterval: 1 },
      yAxis: { type: 'category', data: clocks.map((clock) => clockName(ctx, clock.name)), inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
      series: [
        { type: 'bar', id: 'met', name: ctx.t('charts.sla.met'), stack: 'sla', barMaxWidth: 22, itemStyle: { color: '#52c41a' }, data: clocks.map((clock) => clock.met) },
        {
          type: 'bar',
          id: 'breached',
          name: ctx.t('charts.sla.breached'),
          stack: 'sla',
          barMaxWidth: 22,
          itemStyle: { color: '#f5222d' },
          data: clocks.map((clock) => clock.breached),
        },
      ],
    },
  };
}

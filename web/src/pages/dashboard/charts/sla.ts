import { escapeHtml, formatCount, formatRate, type ChartContext } from '../format';
import type { Dashboard } from '../types';
import { barSeries, clockName, heightForRows, horizontalBarChart, seriesLine, tooltipItems, type BuiltChart } from './common';

/** Met and breached clocks per clock name, stacked; the tooltip adds the achievement rate. */
export function slaChart(sla: Dashboard['sla'], ctx: ChartContext): BuiltChart | null {
  if (sla.by_clock.length === 0) return null;
  const clocks = sla.by_clock;
  return {
    height: heightForRows(clocks.length, 34),
    label: ctx.t('charts.sla.summary', { met: formatCount(sla.met, ctx.language), breached: formatCount(sla.breached, ctx.language), rate: formatRate(sla.achievement, ctx.language) }),
    option: horizontalBarChart({
      rows: clocks.map((clock) => clockName(ctx, clock.name)),
      labelWidth: 150,
      valueAxis: ctx.t('charts.clockAxis'),
      tooltip: (params) => {
        const items = tooltipItems(params);
        const clock = clocks[items[0]?.dataIndex ?? 0];
        if (!clock) return '';
        const lines = items.map((item) => seriesLine(item, formatCount(Number(item.value), ctx.language)));
        const rate = formatRate(clock.met / Math.max(1, clock.met + clock.breached), ctx.language);
        return [escapeHtml(clockName(ctx, clock.name)), ...lines, `${escapeHtml(ctx.t('charts.sla.achievement'))}: ${rate}`].join('<br/>');
      },
      series: [
        barSeries({ id: 'met', name: ctx.t('charts.sla.met'), stack: 'sla', color: '#52c41a', width: 22, data: clocks.map((clock) => clock.met) }),
        barSeries({ id: 'breached', name: ctx.t('charts.sla.breached'), stack: 'sla', color: '#f5222d', width: 22, data: clocks.map((clock) => clock.breached) }),
      ],
    }),
  };
}

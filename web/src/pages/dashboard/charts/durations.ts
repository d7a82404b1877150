import { escapeHtml, formatMinutes, type ChartContext } from '../format';
import type { DurationStats } from '../types';
import { baseGrid, seriesLine, tooltipItems, type BuiltChart } from './common';

const firstReplyColor = '#1677ff';
const resolutionColor = '#13a8a8';

/**
 * Daily medians: first reply in minutes on the left axis, resolution in hours on the right (they
 * differ by two orders of magnitude). Days without cases leave a gap rather than a zero.
 */
export function durationsChart(firstResponse: DurationStats, resolution: DurationStats, ctx: ChartContext): BuiltChart | null {
  if (firstResponse.count + resolution.count === 0) return null;
  const dates = firstResponse.by_day.map((day) => day.date);
  const resolutionByDate = new Map(resolution.by_day.map((day) => [day.date, day.median_minutes]));
  const firstReplyName = ctx.t('charts.durations.firstReply');
  const resolutionName = ctx.t('charts.durations.resolution');
  return {
    height: 320,
    label: ctx.t('charts.durations.summary', { firstReply: formatMinutes(firstResponse.median_minutes), resolution: formatMinutes(resolution.median_minutes) }),
    option: {
      grid: { ...baseGrid, top: 56, bottom: 36 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params) => {
          const items = tooltipItems(params);
          const date = dates[items[0]?.dataIndex ?? 0] ?? '';
          const lines = items.map((item) => {
            const day = item.seriesIndex === 0 ? firstResponse.by_day[item.dataIndex] : resolution.by_day.find((entry) => entry.date === date);
            return seriesLine(item, `${formatMinutes(day?.median_minutes)} (${day?.count ?? 0})`);
          });
          return [escapeHtml(date), ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: dates.map((date) => date.slice(5)), boundaryGap: false, name: ctx.t('charts.durations.dateAxis'), nameLocation: 'middle', nameGap: 26 },
      yAxis: [
        { type: 'value', name: ctx.t('charts.durations.firstReplyAxis'), nameTextStyle: { color: firstReplyColor, align: 'left' }, splitLine: { show: true } },
        { type: 'value', name: ctx.t('charts.durations.resolutionAxis'), nameTextStyle: { color: resolutionColor, align: 'right' }, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'line',
          id: 'first_reply',
          name: firstReplyName,
          yAxisIndex: 0,
          connectNulls: false,
          symbolSize: 5,
          itemStyle: { color: firstReplyColor },
          data: firstResponse.by_day.map((day) => day.median_minutes),
        },
        {
          type: 'line',
          id: 'resolution',
          name: resolutionName,
          yAxisIndex: 1,
          connectNulls: false,
          symbolSize: 5,
          itemStyle: { color: resolutionColor },
          data: dates.map((date) => {
            const minutes = resolutionByDate.get(date);
            return minutes === null || minutes === undefined ? null : Math.round((minutes / 60) * 10) / 10;
          }),
        },
      ],
    },
  };
}

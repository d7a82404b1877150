import { escapeHtml, formatCount, type ChartContext } from '../format';
import type { Dashboard } from '../types';
import { tooltipItems, type BuiltChart } from './common';

const hours = Array.from({ length: 24 }, (_, hour) => hour);
const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const pad = (hour: number) => String(hour).padStart(2, '0');

/** Cases created per local weekday (rows, Monday on top) and hour (columns); empty cells at zero. */
export function heatmapChart(cells: Dashboard['heatmap'], timezone: string, ctx: ChartContext): BuiltChart | null {
  if (cells.length === 0) return null;
  const weekdayName = (weekday: number) => ctx.t(`weekday.${weekday}`);
  const counts = new Map(cells.map((cell) => [`${cell.weekday}:${cell.hour}`, cell.count]));
  const data = weekdays.flatMap((weekday, row) => hours.map((hour) => [hour, row, counts.get(`${weekday}:${hour}`) ?? 0]));
  const busiest = cells.reduce((best, cell) => (cell.count > best.count ? cell : best));
  const total = cells.reduce((sum, cell) => sum + cell.count, 0);
  return {
    height: 300,
    label: ctx.t('charts.heatmap.summary', { total: formatCount(total, ctx.language), weekday: weekdayName(busiest.weekday), hour: busiest.hour, count: busiest.count }),
    option: {
      grid: { left: 12, right: 64, top: 16, bottom: 36 },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const item = tooltipItems(params)[0];
          const value = Array.isArray(item?.value) ? item.value.map(Number) : [];
          const [hour = 0, row = 0, count = 0] = value;
          const text = ctx.t('charts.heatmap.tooltip', { weekday: weekdayName(weekdays[row] ?? 1), from: `${pad(hour)}:00`, to: `${pad(hour + 1)}:00`, count });
          return escapeHtml(text);
        },
      },
      xAxis: {
        type: 'category',
        data: hours.map(pad),
        name: ctx.t('charts.heatmap.hourAxis', { timezone }),
        nameLocation: 'middle',
        nameGap: 26,
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: weekdays.map(weekdayName), inverse: true, splitArea: { show: true } },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: Math.max(1, busiest.count),
        calculable: true,
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemHeight: 180,
        inRange: { color: ['#f0f5ff', '#69b1ff', '#0958d9', '#061178'] },
      },
      series: [
        {
          type: 'heatmap',
          id: 'created',
          name: ctx.t('charts.heatmap.cases'),
          data,
          emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
        },
      ],
    },
  };
}

import { openStatuses } from '../../../api/domain';
import { formatCount, type ChartContext } from '../format';
import type { Dashboard } from '../types';
import { barSeries, categoryName, countsTooltip, heightForRows, horizontalBarChart, type BuiltChart } from './common';

const statusColors: Record<(typeof openStatuses)[number], string> = {
  new: '#69b1ff',
  open: '#1677ff',
  pending_customer: '#faad14',
  pending_internal: '#9254de',
  paused: '#eb2f96',
};

/** Open cases per category (largest first), one stacked segment per status. */
export function backlogChart(rows: Dashboard['open_by_category_status'], ctx: ChartContext): BuiltChart | null {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.category, (totals.get(row.category) ?? 0) + row.count);
  if (totals.size === 0) return null;
  const categories = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([category]) => category);
  const present = openStatuses.filter((status) => rows.some((row) => row.status === status && row.count > 0));
  const total = [...totals.values()].reduce((sum, count) => sum + count, 0);
  const top = categories[0] ?? '';
  return {
    height: heightForRows(categories.length, 26),
    label: ctx.t('charts.backlog.summary', { total: formatCount(total, ctx.language), top: categoryName(ctx, top), count: totals.get(top) ?? 0 }),
    option: horizontalBarChart({
      rows: categories.map((category) => categoryName(ctx, category)),
      labelWidth: 150,
      valueAxis: ctx.t('charts.countAxis'),
      // Statuses a category has none of stay out of its tooltip.
      tooltip: countsTooltip(ctx, (item) => Number(item.value) > 0),
      series: present.map((status) =>
        barSeries({
          id: status,
          name: ctx.t(`common:status.${status}`),
          stack: 'open',
          color: statusColors[status],
          width: 18,
          data: categories.map((category) => rows.find((row) => row.category === category && row.status === status)?.count ?? 0),
        }),
      ),
    }),
  };
}

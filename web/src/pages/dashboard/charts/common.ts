import type { TooltipComponentFormatterCallback, TooltipComponentFormatterCallbackParams } from 'echarts';
import type { BarSeriesOption } from 'echarts/charts';
import type { ChartOption } from '../echarts';
import { escapeHtml, formatCount, type ChartContext } from '../format';

/** Every chart's builder returns the option, what a screen reader hears, and its height. */
export type BuiltChart = { option: ChartOption; label: string; height: number };

export type TooltipParams = TooltipComponentFormatterCallbackParams;
export type TooltipItem = Exclude<TooltipParams, unknown[]>;
export type TooltipFormatter = TooltipComponentFormatterCallback<TooltipParams>;

/** The params of an axis tooltip as a list (ECharts passes one item for item tooltips). */
export function tooltipItems(params: TooltipParams): TooltipItem[] {
  return Array.isArray(params) ? params : [params];
}

/** One series in a tooltip: its colour dot, its name (escaped) and `value`. */
export function seriesLine(item: TooltipItem, value: string): string {
  return `${String(item.marker ?? '')}${escapeHtml(item.seriesName ?? '')}: ${value}`;
}

/** A tooltip line per series with its count, under the category's name; `shown` leaves series out. */
export function countsTooltip(ctx: ChartContext, shown: (item: TooltipItem) => boolean = () => true): TooltipFormatter {
  return (params) => {
    const items = tooltipItems(params).filter(shown);
    const heading = escapeHtml(String(items[0]?.name ?? ''));
    return [heading, ...items.map((item) => seriesLine(item, formatCount(Number(item.value), ctx.language)))].join('<br/>');
  };
}

/** Space for the legend on top and the axis names; the rest is ECharts' own label fitting. */
export const baseGrid = { left: 12, right: 28, top: 44, bottom: 28 };

/** What every bar chart shares: the grid, the legend on top, one tooltip for the whole bar group. */
export function barChartBase(formatter: TooltipFormatter, grid: typeof baseGrid = baseGrid): ChartOption {
  return { grid, legend: { top: 0 }, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter } };
}

/** A horizontal bar chart: one labelled row per category (the first on top), counts along the bottom. */
export function horizontalBarChart(chart: { rows: string[]; labelWidth: number; valueAxis: string; tooltip: TooltipFormatter; series: BarSeriesOption[] }): ChartOption {
  return {
    ...barChartBase(chart.tooltip),
    xAxis: { type: 'value', name: chart.valueAxis, nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'category', data: chart.rows, inverse: true, axisLabel: { width: chart.labelWidth, overflow: 'truncate' } },
    series: chart.series,
  };
}

/** One bar series; its id keeps it the same series across refreshes and languages (see EChart). */
export function barSeries(bar: { id: string; name: string; color: string; width: number; stack?: string; data: NonNullable<BarSeriesOption['data']> }): BarSeriesOption {
  return { type: 'bar', id: bar.id, name: bar.name, ...(bar.stack ? { stack: bar.stack } : {}), barMaxWidth: bar.width, itemStyle: { color: bar.color }, data: bar.data };
}

/** A height that gives each row of a horizontal bar chart room for its label. */
export function heightForRows(rows: number, perRow = 28, min = 260): number {
  return Math.max(min, rows * perRow + 96);
}

/** Server clock names are lower-case in English ("first reply"); axis labels start with a capital. */
export function clockName(ctx: ChartContext, name: string): string {
  const label = ctx.t(`domain:clockName.${name}`, { defaultValue: name });
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function categoryName(ctx: ChartContext, category: string): string {
  return ctx.t(`domain:category.${category}`, { defaultValue: category });
}

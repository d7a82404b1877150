import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import type { ChartOption } from '../echarts';
import type { ChartContext } from '../format';

/** Every chart's builder returns the option, what a screen reader hears, and its height. */
export type BuiltChart = { option: ChartOption; label: string; height: number };

export type TooltipParams = TooltipComponentFormatterCallbackParams;
export type TooltipItem = Exclude<TooltipParams, unknown[]>;

/** The params of an axis tooltip as a list (ECharts passes one item for item tooltips). */
export function tooltipItems(params: TooltipParams): TooltipItem[] {
  return Array.isArray(params) ? params : [params];
}

/** Space for the legend on top and the axis names; the rest is ECharts' own label fitting. */
export const baseGrid = { left: 12, right: 28, top: 44, bottom: 28 };

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

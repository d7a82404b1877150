import type { BarSeriesOption } from 'echarts/charts';
import { escapeHtml, formatRate, standingColor, standingOf, type ChartContext } from '../format';
import type { WechatPayStanding } from '../types';
import { barChartBase, baseGrid, tooltipItems, type BuiltChart } from './common';

/** One dashed line per distinct threshold (normally one merchant, so one line per rate). */
function thresholdLines(thresholds: number[], color: string, label: (rate: number) => string): BarSeriesOption['markLine'] {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color, type: 'dashed', width: 2 },
    label: { position: 'insideStartTop', color, formatter: (params) => label(Number(params.value)) },
    data: [...new Set(thresholds)].map((threshold) => ({ yAxis: threshold })),
  };
}

/** The two rates the platform holds a merchant to, each against its own threshold: one a floor, one a ceiling. */
const rates = [
  { id: 'timely', value: 'timely_handling_rate', threshold: 'timely_threshold', direction: 'min', color: '#1677ff' },
  { id: 'repeat', value: 'repeat_complaint_rate', threshold: 'repeat_threshold', direction: 'max', color: '#722ed1' },
] as const;
type Rate = (typeof rates)[number];

/**
 * Timely-handling and repeat-complaint rate per merchant as bars on a 0–100 % axis, each with its
 * threshold as a dashed line; a bar's label turns amber or red as its rate nears or crosses the line.
 */
export function wechatPayChart(merchants: WechatPayStanding[], ctx: ChartContext): BuiltChart | null {
  if (merchants.length === 0) return null;
  const percent = (rate: number | null | undefined) => formatRate(rate, ctx.language);
  const rateName = (rate: Rate) => ctx.t(`charts.wechatpay.${rate.id}`);
  const limitText = (rate: Rate, threshold: number) => ctx.t(`charts.wechatpay.${rate.id}Limit`, { rate: percent(threshold) });
  const first = merchants[0]!;
  const barLabel = (standing: ReturnType<typeof standingOf>) => ({ show: true, position: 'top' as const, fontWeight: 600, color: standingColor[standing], formatter: (params: { value?: unknown }) => percent(params.value === null ? null : Number(params.value)) });
  const rateSeries = (rate: Rate): BarSeriesOption => ({
    type: 'bar',
    id: rate.id,
    name: rateName(rate),
    barMaxWidth: 40,
    itemStyle: { color: rate.color },
    data: merchants.map((merchant) => ({ value: merchant[rate.value], label: barLabel(standingOf(merchant[rate.value], merchant[rate.threshold], rate.direction)) })),
    markLine: thresholdLines(
      merchants.map((merchant) => merchant[rate.threshold]),
      rate.color,
      (threshold) => limitText(rate, threshold),
    ),
  });
  return {
    height: 300,
    label: ctx.t('charts.wechatpay.summary', {
      merchant: first.merchant_id,
      timely: percent(first.timely_handling_rate),
      timelyThreshold: percent(first.timely_threshold),
      repeat: percent(first.repeat_complaint_rate),
      repeatThreshold: percent(first.repeat_threshold),
    }),
    option: {
      ...barChartBase(
        (params) => {
          const merchant = merchants[tooltipItems(params)[0]?.dataIndex ?? 0];
          if (!merchant) return '';
          const lines = [
            ...rates.map((rate) => `${escapeHtml(rateName(rate))}: ${percent(merchant[rate.value])} · ${escapeHtml(limitText(rate, merchant[rate.threshold]))}`),
            `${escapeHtml(ctx.t('charts.wechatpay.complaints'))}: ${merchant.complaints}`,
          ];
          return [escapeHtml(ctx.t('charts.wechatpay.merchant', { merchant: merchant.merchant_id })), ...lines].join('<br/>');
        },
        { ...baseGrid, top: 48, bottom: 36 },
      ),
      xAxis: { type: 'category', data: merchants.map((merchant) => merchant.merchant_id), name: ctx.t('charts.wechatpay.merchantAxis'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', min: 0, max: 1, name: ctx.t('charts.wechatpay.rateAxis'), axisLabel: { formatter: (value: number) => percent(value) } },
      series: rates.map(rateSeries),
    },
  };
}

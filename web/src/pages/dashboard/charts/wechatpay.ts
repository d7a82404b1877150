import type { BarSeriesOption } from 'echarts/charts';
import { escapeHtml, formatRate, standingColor, standingOf, type ChartContext } from '../format';
import type { WechatPayStanding } from '../types';
import { baseGrid, tooltipItems, type BuiltChart } from './common';

const timelyColor = '#1677ff';
const repeatColor = '#722ed1';

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

/**
 * Timely-handling and repeat-complaint rate per merchant as bars on a 0–100 % axis, each with its
 * threshold as a dashed line; a bar's label turns amber or red as its rate nears or crosses the line.
 */
export function wechatPayChart(merchants: WechatPayStanding[], ctx: ChartContext): BuiltChart | null {
  if (merchants.length === 0) return null;
  const percent = (rate: number | null | undefined) => formatRate(rate, ctx.language);
  const timelyName = ctx.t('charts.wechatpay.timely');
  const repeatName = ctx.t('charts.wechatpay.repeat');
  const first = merchants[0]!;
  const barLabel = (standing: ReturnType<typeof standingOf>) => ({ show: true, position: 'top' as const, fontWeight: 600, color: standingColor[standing], formatter: (params: { value?: unknown }) => percent(params.value === null ? null : Number(params.value)) });
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
      grid: { ...baseGrid, top: 48, bottom: 36 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (params) => {
          const items = tooltipItems(params);
          const merchant = merchants[items[0]?.dataIndex ?? 0];
          if (!merchant) return '';
          const lines = [
            `${escapeHtml(timelyName)}: ${percent(merchant.timely_handling_rate)} · ${escapeHtml(ctx.t('charts.wechatpay.timelyLimit', { rate: percent(merchant.timely_threshold) }))}`,
            `${escapeHtml(repeatName)}: ${percent(merchant.repeat_complaint_rate)} · ${escapeHtml(ctx.t('charts.wechatpay.repeatLimit', { rate: percent(merchant.repeat_threshold) }))}`,
            `${escapeHtml(ctx.t('charts.wechatpay.complaints'))}: ${merchant.complaints}`,
          ];
          return [escapeHtml(ctx.t('charts.wechatpay.merchant', { merchant: merchant.merchant_id })), ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: merchants.map((merchant) => merchant.merchant_id), name: ctx.t('charts.wechatpay.merchantAxis'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', min: 0, max: 1, name: ctx.t('charts.wechatpay.rateAxis'), axisLabel: { formatter: (value: number) => percent(value) } },
      series: [
        {
          type: 'bar',
          id: 'timely',
          name: timelyName,
          barMaxWidth: 40,
          itemStyle: { color: timelyColor },
          data: merchants.map((merchant) => ({
            value: merchant.timely_handling_rate,
            label: barLabel(standingOf(merchant.timely_handling_rate, merchant.timely_threshold, 'min')),
          })),
          markLine: thresholdLines(merchants.map((merchant) => merchant.timely_threshold), timelyColor, (rate) => ctx.t('charts.wechatpay.timelyLimit', { rate: percent(rate) })),
        },
        {
          type: 'bar',
          id: 'repeat',
          name: repeatName,
          barMaxWidth: 40,
          itemStyle: { color: repeatColor },
          data: merchants.map((merchant) => ({
            value: merchant.repeat_complaint_rate,
            label: barLabel(standingOf(merchant.repeat_complaint_rate, merchant.repeat_threshold, 'max')),
          })),
          markLine: thresholdLines(merchants.map((merchant) => merchant.repeat_threshold), repeatColor, (rate) => ctx.t('charts.wechatpay.repeatLimit', { rate: percent(rate) })),
        },
      ],
    },
  };
}

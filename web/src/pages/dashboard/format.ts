import type { TFunction } from 'i18next';
import { formatSpan } from '../../components/clock';

/** What every chart builder needs besides its figures. */
export type ChartContext = { t: TFunction; language: string };

/** 0.275 → "27.5%"; null → "—". */
export function formatRate(rate: number | null | undefined, language: string): string {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** 106.8 minutes → "1 h 47 min"; null → "—". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  return formatSpan(minutes * 60_000);
}

export function formatCount(count: number, language: string): string {
  return new Intl.NumberFormat(language).format(count);
}

/** Text from the data that goes into tooltip HTML (agent and team names are user input). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** How a WeChat Pay rate stands against its threshold; `margin` is the early-warning headroom. */
export type Standing = 'ok' | 'warning' | 'breached' | 'unknown';
export function standingOf(rate: number | null, threshold: number, direction: 'min' | 'max', margin = 0.02): Standing {
  if (rate === null) return 'unknown';
  const headroom = direction === 'min' ? rate - threshold : threshold - rate;
  if (headroom < 0) return 'breached';
  return headroom < margin ? 'warning' : 'ok';
}

/** antd Tag colours of the same verdicts. */
export const levelTagColor: Record<Standing, string> = { ok: 'success', warning: 'warning', breached: 'error', unknown: 'default' };

export const standingColor: Record<Standing, string> = { ok: '#389e0d', warning: '#d48806', breached: '#cf1322', unknown: '#8c8c8c' };

import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, CaseClock } from '../api/types';

/** A clock re-rendered every `intervalMs`, so time-left labels count down on their own. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export type Tone = 'green' | 'amber' | 'red' | 'breached';

/**
 * How urgent a deadline is: breached once past; red inside the last hour or the last 10 % of the
 * clock's span; amber inside 4 hours or the last 25 %; green otherwise.
 */
export function clockTone(dueAt: number, now: number, startedAt?: number): Tone {
  const left = dueAt - now;
  if (left <= 0) return 'breached';
  const span = startedAt !== undefined && dueAt > startedAt ? dueAt - startedAt : undefined;
  const share = span ? left / span : undefined;
  if (left <= 3_600_000 || (share !== undefined && share <= 0.1)) return 'red';
  if (left <= 4 * 3_600_000 || (share !== undefined && share <= 0.25)) return 'amber';
  return 'green';
}

const toneColor: Record<Tone, string> = { green: 'success', amber: 'warning', red: 'error', breached: '#a8071a' };

/** "2 d 3 h", "3 h 20 min", "12 min" (both languages use d/h/min). */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${rest} min`;
  return `${rest} min`;
}

/** The running clock that is due first, or null. */
export function nearestClock(item: Pick<Case, 'clocks'>): CaseClock | null {
  let nearest: CaseClock | null = null;
  for (const clock of item.clocks) {
    if (clock.stopped_at || !clock.due_at) continue;
    if (!nearest || Date.parse(clock.due_at) < Date.parse(nearest.due_at ?? '')) nearest = clock;
  }
  return nearest;
}

/** A coloured "3 h 20 min left" / "Overdue 12 min" tag for one deadline. */
export function DeadlineTag({ dueAt, startedAt, label }: { dueAt: string; startedAt?: string; label?: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const due = Date.parse(dueAt);
  const tone = clockTone(due, now, startedAt ? Date.parse(startedAt) : undefined);
  const text = tone === 'breached' ? t('clock.overdue', { time: formatSpan(now - due) }) : t('clock.left', { time: formatSpan(due - now) });
  return (
    <Tooltip title={`${label ? `${label} · ` : ''}${new Date(due).toLocaleString()}`}>
      <Tag color={toneColor[tone]} data-tone={tone} aria-label={`${label ?? ''} ${text}`.trim()}>
        {text}
      </Tag>
    </Tooltip>
  );
}

/** The case's nearest running clock as a DeadlineTag (or its hand-set due date). */
export function CaseDeadline({ item }: { item: Pick<Case, 'clocks' | 'due_at' | 'status'> }) {
  const { t } = useTranslation();
  const clock = nearestClock(item);
  if (clock?.due_at) return <DeadlineTag dueAt={clock.due_at} startedAt={clock.started_at} label={t(`domain:clockName.${clock.name}`)} />;
  if (item.clocks.some((candidate) => candidate.paused && !candidate.stopped_at)) return <Tag>{t('clock.paused')}</Tag>;
  if (item.due_at && item.status !== 'resolved' && item.status !== 'closed') return <DeadlineTag dueAt={item.due_at} />;
  return <Tag variant="filled">{t('clock.none')}</Tag>;
}

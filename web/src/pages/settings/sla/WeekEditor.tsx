import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Button, Flex, Input, Space, Tooltip, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { weekdays, type Weekday } from './constants';
import { clockTimePattern, hourCoverage, toClockTime, toMask, toMinutes, withHour, workingMinutes } from './hours';
import type { Interval } from './types';

export type Week = Record<Weekday, Interval[]>;

const WORK = '#1677ff';
const CLOSED = '#f0f2f5';
const hours = Array.from({ length: 24 }, (_, hour) => hour);

function cellBackground(parts: Array<[number, number]>): string {
  if (parts.length === 0) return CLOSED;
  if (parts.length === 1 && parts[0]?.[0] === 0 && parts[0]?.[1] === 1) return WORK;
  const stops: string[] = [];
  let at = 0;
  for (const [from, to] of parts) {
    stops.push(`${CLOSED} ${at * 100}%`, `${CLOSED} ${from * 100}%`, `${WORK} ${from * 100}%`, `${WORK} ${to * 100}%`);
    at = to;
  }
  stops.push(`${CLOSED} ${at * 100}%`, `${CLOSED} 100%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

const formatHours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/** One time field of an interval: typed freely, handed up once it reads as HH:MM. */
function TimeField({ value, label, invalid, onChange }: { value: string; label: string; invalid: boolean; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const bad = invalid || !clockTimePattern.test(text);
  return (
    <Input
      size="small"
      value={text}
      aria-label={label}
      aria-invalid={bad}
      status={bad ? 'error' : undefined}
      maxLength={5}
      placeholder="09:00"
      style={{ width: 64, textAlign: 'center' }}
      onChange={(event) => {
        const next = event.target.value.trim();
        setText(next);
        if (clockTimePattern.test(next)) onChange(next);
      }}
      onBlur={() => setText(value)}
    />
  );
}

/**
 * The weekly working hours: a 7 × 24 grid to click or drag whole hours on and off (arrow keys and
 * Space work too), and per-day time fields for exact times such as a 12:00–13:30 lunch break.
 */
export function WeekEditor({ value, onChange, errors }: { value: Week; onChange: (next: Week) => void; errors: Record<string, string> }) {
  const { t } = useTranslation('settingsSla');
  const gridRef = useRef<HTMLDivElement>(null);
  const latest = useRef(value);
  latest.current = value;
  // A drag paints the rectangle between the cell it started on and the cell under the pointer.
  const drag = useRef<{ on: boolean; anchor: [number, number]; base: Week; last: string } | null>(null);
  const [active, setActive] = useState<[number, number]>([0, 9]);
  const masks = weekdays.map((day) => toMask(value[day]));
  const dayName = (day: Weekday) => t(`weekday.${day}`);

  useEffect(() => {
    const stop = () => (drag.current = null);
    window.addEventListener('pointerup', stop);
    window.addEventListener('pointercancel', stop);
    return () => {
      window.removeEventListener('pointerup', stop);
      window.removeEventListener('pointercancel', stop);
    };
  }, []);

  const isFull = (dayIndex: number, hour: number) => {
    const parts = hourCoverage(toMask(latest.current[weekdays[dayIndex] ?? 'mon']), hour);
    return parts.length === 1 && parts[0]?.[0] === 0 && parts[0]?.[1] === 1;
  };
  const paint = (dayIndex: number, hour: number, on: boolean) => {
    const day = weekdays[dayIndex];
    if (!day) return;
    const next = { ...latest.current, [day]: withHour(latest.current[day], hour, on) };
    latest.current = next;
    onChange(next);
  };
  const setDay = (day: Weekday, intervals: Interval[]) => {
    const next = { ...latest.current, [day]: intervals };
    latest.current = next;
    onChange(next);
  };

  const cellAt = (x: number, y: number): [number, number] | null => {
    const element = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-hour]');
    if (!element || !gridRef.current?.contains(element)) return null;
    return [Number(element.dataset.day), Number(element.dataset.hour)];
  };
  const paintRectangle = (to: [number, number]) => {
    const current = drag.current;
    if (!current || current.last === to.join()) return;
    current.last = to.join();
    const next: Week = { ...current.base };
    const [fromDay, fromHour] = current.anchor;
    for (let dayIndex = Math.min(fromDay, to[0]); dayIndex <= Math.max(fromDay, to[0]); dayIndex += 1) {
      const day = weekdays[dayIndex];
      if (!day) continue;
      let intervals = current.base[day];
      for (let hour = Math.min(fromHour, to[1]); hour <= Math.max(fromHour, to[1]); hour += 1) intervals = withHour(intervals, hour, current.on);
      next[day] = intervals;
    }
    latest.current = next;
    onChange(next);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const cell = cellAt(event.clientX, event.clientY);
    if (!cell || event.button !== 0) return;
    event.preventDefault();
    drag.current = { on: !isFull(cell[0], cell[1]), anchor: cell, base: latest.current, last: '' };
    setActive(cell);
    paintRectangle(cell);
    (event.target as HTMLElement).releasePointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const cell = cellAt(event.clientX, event.clientY);
    if (cell) paintRectangle(cell);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const [row, hour] = active;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [Math.max(0, row - 1), hour],
      ArrowDown: [Math.min(6, row + 1), hour],
      ArrowLeft: [row, Math.max(0, hour - 1)],
      ArrowRight: [row, Math.min(23, hour + 1)],
      Home: [row, 0],
      End: [row, 23],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setActive(move);
      gridRef.current?.querySelector<HTMLElement>(`[data-day="${move[0]}"][data-hour="${move[1]}"]`)?.focus();
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      paint(row, hour, !isFull(row, hour));
    }
  };

  const preset = (days: readonly Weekday[], intervals: Interval[]) => {
    const next: Week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    for (const day of days) next[day] = intervals.map((interval) => ({ ...interval }));
    latest.current = next;
    onChange(next);
  };
  const workweek = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
  const total = weekdays.reduce((sum, day) => sum + workingMinutes(value[day]), 0);

  return (
    <div>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Button size="small" onClick={() => preset(workweek, [{ start: '09:00', end: '18:00' }])}>
          {t('week.presetOffice')}
        </Button>
        <Button size="small" onClick={() => preset(workweek, [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }])}>
          {t('week.presetLunch')}
        </Button>
        <Button size="small" onClick={() => preset(weekdays, [{ start: '00:00', end: '24:00' }])}>
          {t('week.presetAlways')}
        </Button>
        <Button
          size="small"
          onClick={() => {
            const next = { ...latest.current };
            for (const day of ['tue', 'wed', 'thu', 'fri'] as const) next[day] = latest.current.mon.map((interval) => ({ ...interval }));
            latest.current = next;
            onChange(next);
          }}
        >
          {t('week.copyMonday')}
        </Button>
        <Button size="small" onClick={() => preset([], [])}>
          {t('week.clear')}
        </Button>
        <Typography.Text type="secondary" data-testid="week-total">
          {t('week.total', { hours: formatHours(total) })}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('week.gridHelp')}
      </Typography.Paragraph>
      <div
        ref={gridRef}
        role="grid"
        aria-label={t('week.gridLabel')}
        aria-rowcount={8}
        aria-colcount={25}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
        style={{ display: 'grid', gridTemplateColumns: '56px repeat(24, minmax(14px, 1fr))', gap: 2, userSelect: 'none', touchAction: 'none', overflowX: 'auto' }}
        data-testid="week-grid"
      >
        <div role="row" style={{ display: 'contents' }}>
          <div role="columnheader" />
          {hours.map((hour) => (
            <div key={hour} role="columnheader" aria-label={toClockTime(hour * 60)} style={{ fontSize: 11, color: '#8c8c8c', textAlign: 'left' }}>
              {hour % 3 === 0 ? hour : ''}
            </div>
          ))}
        </div>
        {weekdays.map((day, dayIndex) => (
          <div key={day} role="row" style={{ display: 'contents' }}>
            <div role="rowheader" style={{ fontSize: 13, lineHeight: '26px' }}>
              {dayName(day)}
            </div>
            {hours.map((hour) => {
              const parts = hourCoverage(masks[dayIndex] ?? new Uint8Array(1440), hour);
              const full = parts.length === 1 && parts[0]?.[0] === 0 && parts[0]?.[1] === 1;
              const state = full ? t('week.cellWorking') : parts.length > 0 ? t('week.cellPartly') : t('week.cellClosed');
              const isActive = active[0] === dayIndex && active[1] === hour;
              return (
                <div
                  key={hour}
                  role="gridcell"
                  tabIndex={isActive ? 0 : -1}
                  aria-selected={full}
                  aria-label={t('week.cell', { day: dayName(day), from: toClockTime(hour * 60), to: toClockTime(hour * 60 + 60), state })}
                  data-day={dayIndex}
                  data-hour={hour}
                  data-working={full ? 'full' : parts.length > 0 ? 'part' : 'none'}
                  onFocus={() => setActive([dayIndex, hour])}
                  style={{ height: 26, borderRadius: 3, background: cellBackground(parts), cursor: 'pointer' }}
                />
              );
            })}
          </div>
        ))}
      </div>

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('week.exactTitle')}
      </Typography.Title>
      <div role="list" aria-label={t('week.exactTitle')}>
        {weekdays.map((day) => {
          const intervals = value[day];
          const dayErrors = Object.entries(errors).filter(([key]) => key === day || key.startsWith(`${day}.`));
          return (
            <div key={day} role="listitem" style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }} data-testid={`week-day-${day}`}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong style={{ width: 72 }}>
                  {dayName(day)}
                </Typography.Text>
                {intervals.length === 0 && <Typography.Text type="secondary">{t('week.closed')}</Typography.Text>}
                {intervals.map((interval, index) => {
                  const update = (patch: Partial<Interval>) => setDay(day, intervals.map((item, at) => (at === index ? { ...item, ...patch } : item)));
                  const bad = (part: 'start' | 'end') => errors[`${day}.${index}.${part}`] !== undefined || errors[`${day}.${index}`] !== undefined;
                  return (
                    <Space key={index} size={4} style={{ background: '#fafafa', padding: 2, borderRadius: 6 }}>
                      <TimeField value={interval.start} label={t('week.start', { day: dayName(day), n: index + 1 })} invalid={bad('start')} onChange={(start) => update({ start })} />
                      <span aria-hidden>–</span>
                      <TimeField value={interval.end} label={t('week.end', { day: dayName(day), n: index + 1 })} invalid={bad('end')} onChange={(end) => update({ end })} />
                      <Tooltip title={t('week.removeInterval')}>
                        <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('week.removeNamed', { day: dayName(day), n: index + 1 })} onClick={() => setDay(day, intervals.filter((_, at) => at !== index))} />
                      </Tooltip>
                    </Space>
                  );
                })}
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  aria-label={t('week.addNamed', { day: dayName(day) })}
                  disabled={intervals.length >= 12}
                  onClick={() => {
                    const last = intervals[intervals.length - 1];
                    const from = last ? Math.min(toMinutes(last.end) + 60, 23 * 60) : 9 * 60;
                    setDay(day, [...intervals, last ? { start: toClockTime(from), end: toClockTime(Math.min(from + 60, 1440)) } : { start: '09:00', end: '18:00' }]);
                  }}
                >
                  {t('week.add')}
                </Button>
                <Typography.Text type="secondary">{t('week.dayTotal', { hours: formatHours(workingMinutes(intervals)) })}</Typography.Text>
              </Flex>
              {dayErrors.map(([key, message]) => (
                <Typography.Text key={key} type="danger" style={{ display: 'block', marginLeft: 80 }} role="alert">
                  {message}
                </Typography.Text>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../components/clock';
import { localWeekTime, onDutyAt, segmentsOf, type DraftShift } from './schedule';
import { weekdays } from './types';

const palette = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#eb2f96', '#13c2c2', '#faad14', '#2f54eb'];
export const shiftColor = (index: number) => palette[index % palette.length] as string;

const hourHeight = 14;
const dayHeight = 24 * hourHeight;
const label = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Who is on duty through the week: one column per weekday, one coloured block per shift, and a "now" line. */
export function WeekView({ shifts, timezone, nameOf }: { shifts: DraftShift[]; timezone: string; nameOf: (userId: string) => string }) {
  const { t } = useTranslation('settingsAccess');
  const now = localWeekTime(new Date(useNow(30_000)), timezone);
  const segments = segmentsOf(shifts);
  const onDuty = now ? onDutyAt(segments, now) : [];
  const people = (shift: DraftShift | undefined) => (shift?.members ?? []).map(nameOf);

  return (
    <div data-testid="week-view">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }} data-testid="on-duty-now">
        <Typography.Text strong>{t('schedule.nowOnDuty')}</Typography.Text>
        {onDuty.length === 0 ? (
          <Typography.Text type="secondary">{now ? t('schedule.nobodyNow') : t('schedule.unknownZone')}</Typography.Text>
        ) : (
          onDuty.map((index) => {
            const shift = shifts[index];
            const names = people(shift);
            return (
              <Tag key={index} color={shiftColor(index)}>
                {shift?.name || t('schedule.unnamed')} · {names.length > 0 ? names.join(t('schedule.listSeparator')) : t('schedule.noMembers')}
              </Tag>
            );
          })
        )}
      </Flex>
      <div style={{ overflowX: 'auto' }}>
        <div role="img" aria-label={t('schedule.weekViewLabel')} style={{ display: 'grid', gridTemplateColumns: '40px repeat(7, minmax(72px, 1fr))', minWidth: 560, fontSize: 11 }}>
          <div />
          {weekdays.map((day) => (
            <div key={day} style={{ textAlign: 'center', fontWeight: 600, padding: '4px 0', background: now?.day === day ? '#e6f4ff' : undefined }}>
              {t(`weekday.${day}`)}
            </div>
          ))}
          <div style={{ position: 'relative', height: dayHeight }}>
            {[0, 6, 12, 18, 24].map((hour) => (
              <div key={hour} style={{ position: 'absolute', top: Math.min(hour * hourHeight, dayHeight - 12), right: 4, color: '#8c8c8c', lineHeight: '12px' }}>
                {label(hour * 60)}
              </div>
            ))}
          </div>
          {weekdays.map((day) => (
            <div key={day} style={{ position: 'relative', height: dayHeight, borderLeft: '1px solid #f0f0f0', borderTop: '1px solid #f0f0f0', borderBottom: '1px solid #f0f0f0', background: 'repeating-linear-gradient(to bottom, transparent 0, transparent 83px, #f5f5f5 83px, #f5f5f5 84px)' }}>
              {segments
                .filter((segment) => segment.day === day)
                .map((segment) => {
                  const shift = shifts[segment.shift];
                  const names = people(shift);
                  const span = `${shift?.start ?? ''}–${shift?.end ?? ''}`;
                  const width = 100 / segment.lanes;
                  return (
                    <Tooltip key={`${segment.shift}-${segment.from}`} title={`${shift?.name || t('schedule.unnamed')} ${span}${names.length > 0 ? ` · ${names.join(t('schedule.listSeparator'))}` : ''}`}>
                      <div
                        data-testid="shift-block"
                        data-shift={shift?.name ?? ''}
                        data-day={day}
                        style={{
                          position: 'absolute',
                          top: (segment.from / 60) * hourHeight,
                          height: Math.max(((segment.to - segment.from) / 60) * hourHeight, 12),
                          left: `calc(${segment.lane * width}% + 2px)`,
                          width: `calc(${width}% - 4px)`,
                          background: `${shiftColor(segment.shift)}26`,
                          borderLeft: `3px solid ${shiftColor(segment.shift)}`,
                          borderRadius: 3,
                          padding: '1px 3px',
                          overflow: 'hidden',
                          lineHeight: '13px',
                        }}
                      >
                        <div style={{ fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                          {segment.continued ? '↳ ' : ''}
                          {shift?.name || t('schedule.unnamed')}
                        </div>
                        {segment.to - segment.from >= 120 && <div style={{ whiteSpace: 'nowrap', color: '#595959' }}>{span}</div>}
                        {segment.to - segment.from >= 180 && names.length > 0 && <div style={{ color: '#595959', wordBreak: 'break-all' }}>{names.join(t('schedule.listSeparator'))}</div>}
                      </div>
                    </Tooltip>
                  );
                })}
              {now?.day === day && <div aria-hidden style={{ position: 'absolute', left: 0, right: 0, top: (now.minute / 60) * hourHeight, borderTop: '2px solid #ff4d4f', zIndex: 2 }} />}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

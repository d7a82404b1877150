import { Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CaseClock } from '../../api/types';
import { DeadlineTag, formatSpan } from '../../components/clock';
import { useFormat } from './format';
import { PanelTitle } from './Panel';

/** Running clocks first (soonest due first), then paused, then stopped ones. */
function clockOrder(clock: CaseClock): [number, number] {
  const rank = clock.stopped_at ? 2 : clock.paused ? 1 : 0;
  return [rank, clock.due_at ? Date.parse(clock.due_at) : Number.MAX_SAFE_INTEGER];
}

export function sortClocks(clocks: CaseClock[]): CaseClock[] {
  return [...clocks].sort((a, b) => {
    const [rankA, dueA] = clockOrder(a);
    const [rankB, dueB] = clockOrder(b);
    return rankA - rankB || dueA - dueB;
  });
}

/** One clock: its name, state and deadline. */
export function ClockRow({ clock }: { clock: CaseClock }) {
  const { t } = useTranslation('case');
  const { time } = useFormat();
  const name = t(`domain:clockName.${clock.name}`);
  const state = clock.stopped_at ? 'stopped' : clock.paused ? 'paused' : clock.breached ? 'breached' : 'running';
  return (
    <div data-testid="clock" data-clock={clock.name} data-state={state} style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
      <Flex justify="space-between" align="center" wrap gap={6}>
        <Tooltip title={t(`clocks.kind.${clock.kind}`)}>
          <Typography.Text strong>{name}</Typography.Text>
        </Tooltip>
        <span>
          {state === 'running' && clock.due_at && <DeadlineTag dueAt={clock.due_at} startedAt={clock.started_at} label={name} />}
          {state === 'breached' && clock.due_at && <DeadlineTag dueAt={clock.due_at} startedAt={clock.started_at} label={name} />}
          {state === 'paused' && (
            <Tag color="default">{clock.remaining_seconds !== null ? t('clocks.pausedLeft', { time: formatSpan(clock.remaining_seconds * 1000) }) : t('clocks.paused')}</Tag>
          )}
          {state === 'stopped' && <Tag color={clock.breached ? 'error' : 'success'}>{clock.breached ? t('clocks.breached') : t('clocks.met')}</Tag>}
        </span>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {state === 'stopped'
          ? t('clocks.stoppedAt', { time: time(clock.stopped_at) })
          : clock.due_at
            ? t('clocks.due', { time: time(clock.due_at) })
            : t('clocks.started', { time: time(clock.started_at) })}
        {clock.breached && clock.breached_at ? ` · ${t('clocks.breachedAt', { time: time(clock.breached_at) })}` : ''}
      </Typography.Text>
    </div>
  );
}

export function ClocksPanel({ clocks }: { clocks: CaseClock[] }) {
  const { t } = useTranslation('case');
  return (
    <Card
      size="small"
      title={<PanelTitle icon={<FieldTimeOutlined />}>{t('clocks.title')}</PanelTitle>}
      data-testid="clocks-panel"
    >
      {clocks.length === 0 ? (
        <Typography.Text type="secondary">{t('clocks.none')}</Typography.Text>
      ) : (
        sortClocks(clocks).map((clock) => <ClockRow key={clock.name} clock={clock} />)
      )}
    </Card>
  );
}

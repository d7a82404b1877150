import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/states';
import { formatCount } from './format';
import type { Handover } from './types';
import { useHandover } from './useDashboardData';

type Shift = Handover['current_shift'];

function ShiftText({ shift, timezone }: { shift: Shift; timezone: string }) {
  const { t, i18n } = useTranslation('dashboard');
  if (!shift) return <Typography.Text type="secondary">{t('handover.noShift')}</Typography.Text>;
  const time = new Intl.DateTimeFormat(i18n.language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: timezone });
  return <>{t('handover.shiftValue', { name: shift.name, start: time.format(new Date(shift.start)), end: time.format(new Date(shift.end)) })}</>;
}

/** What the selected team hands to the next shift; a pointer to the team filter otherwise. */
export function HandoverCard({ team, teamName }: { team: string | null; teamName: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const handover = useHandover(team);
  const title = t('handover.title', { team: team ? teamName : '—' });
  let body;
  if (!team) body = <Typography.Paragraph type="secondary">{t('handover.pickTeam')}</Typography.Paragraph>;
  else if (handover.isPending) body = <Loading />;
  else if (handover.isError) body = <LoadError error={handover.error} onRetry={() => void handover.refetch()} />;
  else {
    const data = handover.data;
    const count = (value: number) => formatCount(value, i18n.language);
    body = (
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'current', label: t('handover.current'), children: <ShiftText shift={data.current_shift} timezone={data.timezone} /> },
          { key: 'next', label: t('handover.next'), children: <ShiftText shift={data.next_shift} timezone={data.timezone} /> },
          { key: 'open', label: t('handover.openCases'), children: count(data.open_cases.count) },
          { key: 'deadlines', label: t('handover.deadlines'), children: count(data.deadlines.length) },
          { key: 'overdue', label: t('handover.overdue'), children: count(data.deadlines.filter((deadline) => deadline.overdue).length) },
          { key: 'followUps', label: t('handover.followUps'), children: count(data.follow_ups.length) },
        ]}
      />
    );
  }
  return (
    <Card size="small" title={title} role="region" aria-label={title} style={{ height: '100%' }} data-testid="handover">
      {body}
    </Card>
  );
}

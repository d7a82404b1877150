import { Button, Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Team } from '../../../api/types';
import { EmptyState, LoadError, Loading } from '../../../components/states';
import { EscalationPathsEditor } from './EscalationPathsEditor';
import { useCalendars, useTeamLabel, useTeams, useUsers } from './queries';
import { ScheduleEditor } from './ScheduleEditor';
import { TeamCalendar } from './TeamCalendar';

/** Settings tab `teams`: the teams with their members, on-duty schedule and calendar, and the escalation paths between them. */
export function TeamsAndSchedules() {
  const { t } = useTranslation('settingsAccess');
  const teams = useTeams();
  const users = useUsers();
  const calendars = useCalendars();
  const teamLabel = useTeamLabel();
  const [params, setParams] = useSearchParams();

  if (teams.isPending || users.isPending) return <Loading />;
  if (teams.isError) return <LoadError error={teams.error} onRetry={() => void teams.refetch()} />;
  if (users.isError) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;

  const selected = teams.data.find((team) => team.code === params.get('team')) ?? teams.data[0];
  const members = (code: string) => users.data.filter((user) => user.active && user.team === code).length;
  const calendarOf = (code: string) => calendars.data?.find((calendar) => calendar.teams.includes(code))?.name;
  const select = (code: string) => setParams((current) => ({ ...Object.fromEntries(current), team: code }), { replace: true });

  const columns: TableColumnsType<Team> = [
    {
      title: t('teams.team'),
      dataIndex: 'code',
      render: (code: string) => (
        <Flex vertical gap={2}>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', justifyContent: 'flex-start' }} aria-pressed={selected?.code === code} aria-label={t('teams.open', { team: teamLabel(code, teams.data) })} onClick={() => select(code)}>
            {teamLabel(code, teams.data)}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {code}
            {calendarOf(code) ? ` · ${calendarOf(code)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('teams.tier'), dataIndex: 'tier', render: (tier: number | null) => (tier === null ? <Typography.Text type="secondary">—</Typography.Text> : <Tag>{t('teams.tierN', { tier })}</Tag>) },
    { title: t('teams.members'), key: 'members', align: 'right', render: (_, team) => <span data-testid={`members-${team.code}`}>{members(team.code)}</span> },
  ];

  return (
    <Flex vertical gap={24}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card title={t('teams.title')}>
            <Typography.Paragraph type="secondary">{t('teams.intro')}</Typography.Paragraph>
            <Table<Team>
              rowKey="code"
              size="small"
              columns={columns}
              dataSource={teams.data}
              pagination={false}
              onRow={(team) => ({ onClick: () => select(team.code), style: { cursor: 'pointer', background: team.code === selected?.code ? '#e6f4ff' : undefined } })}
              locale={{ emptyText: <EmptyState>{t('teams.empty')}</EmptyState> }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          {selected ? (
            <Flex vertical gap={16}>
              <ScheduleEditor team={selected.code} teamName={teamLabel(selected.code, teams.data)} users={users.data} />
              <TeamCalendar key={selected.code} team={selected.code} teamName={teamLabel(selected.code, teams.data)} />
            </Flex>
          ) : (
            <EmptyState>{t('teams.empty')}</EmptyState>
          )}
        </Col>
      </Row>
      <EscalationPathsEditor teams={teams.data} />
    </Flex>
  );
}

import { useMemo } from 'react';
import { Card, Col, Row, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { agentLoadChart } from './charts/agentLoad';
import { backlogChart } from './charts/backlog';
import { breachesChart } from './charts/breaches';
import { durationsChart } from './charts/durations';
import { heatmapChart } from './charts/heatmap';
import { slaChart } from './charts/sla';
import { wechatPayChart } from './charts/wechatpay';
import { ChartCard } from './ChartCard';
import { DashboardToolbar } from './DashboardToolbar';
import type { ChartContext } from './format';
import { HandoverCard } from './HandoverCard';
import { KpiCards } from './KpiCards';
import type { Dashboard } from './types';
import { useDashboard, useDashboardFilters, usePlatformMetrics, useTeams } from './useDashboardData';
import { WechatPayCard } from './WechatPayCard';
import { SelfServiceCard } from './SelfServiceCard';

/** Nothing at all to show: no backlog, no activity in the range, nobody holding cases. */
function isEmpty(data: Dashboard): boolean {
  return (
    data.open_by_category_status.length === 0 &&
    data.heatmap.length === 0 &&
    data.first_response.count === 0 &&
    data.resolution.count === 0 &&
    data.sla.by_clock.length === 0 &&
    data.upcoming_breaches.every((row) => row.overdue + row.within_1h + row.within_4h + row.within_24h === 0) &&
    data.agent_load.every((agent) => agent.open === 0) &&
    data.wechatpay.every((merchant) => merchant.complaints === 0)
  );
}

/** The half-width chart cards in page order: the chart's key (in useCharts and the texts) and its test name. */
const chartCards = [
  ['backlog', 'backlog'],
  ['breaches', 'breaches'],
  ['heatmap', 'heatmap'],
  ['durations', 'durations'],
  ['sla', 'sla'],
  ['agentLoad', 'agent-load'],
] as const;

/** Every chart's option, rebuilt when the figures or the language change. */
function useCharts(data: Dashboard | undefined, teamNames: ReadonlyMap<string, string>) {
  const { t, i18n } = useTranslation('dashboard');
  const language = i18n.language;
  return useMemo(() => {
    if (!data) return null;
    const ctx: ChartContext = { t, language };
    return {
      backlog: backlogChart(data.open_by_category_status, ctx),
      heatmap: heatmapChart(data.heatmap, data.range.timezone, ctx),
      durations: durationsChart(data.first_response, data.resolution, ctx),
      sla: slaChart(data.sla, ctx),
      wechatpay: wechatPayChart(data.wechatpay, ctx),
      breaches: breachesChart(data.upcoming_breaches, teamNames, ctx),
      agentLoad: agentLoadChart(data.agent_load, ctx),
    };
  }, [data, t, language, teamNames]);
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation('dashboard');
  const queryClient = useQueryClient();
  const [filters, setFilters] = useDashboardFilters();
  const dashboard = useDashboard(filters);
  const teams = useTeams();
  const data = dashboard.data;
  const merchantIds = useMemo(() => (data?.wechatpay ?? []).map((merchant) => merchant.merchant_id), [data]);
  const platform = usePlatformMetrics(merchantIds, data?.range.to);
  const metrics = platform.map((query) => query.data);
  const teamNames = useMemo(() => new Map((teams.data?.items ?? []).map((team) => [team.code, team.name])), [teams.data]);
  const charts = useCharts(data, teamNames);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  const updatedAt = dashboard.dataUpdatedAt ? new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(dashboard.dataUpdatedAt) : null;

  const loadError = <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  let body;
  if (dashboard.isPending) body = <Loading />;
  else if (!data || !charts) body = loadError;
  else if (isEmpty(data))
    body = (
      <Card data-testid="dashboard-empty">
        <EmptyState>
          <Typography.Paragraph>{t('common:state.emptyDesk')}</Typography.Paragraph>
          <Typography.Text type="secondary">{t('empty.hint')}</Typography.Text>
        </EmptyState>
      </Card>
    );
  else
    body = (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {dashboard.isError && loadError}
        <KpiCards data={data} metrics={metrics} />
        <Row gutter={[16, 16]}>
          {chartCards.map(([key, name]) => (
            <Col key={key} xs={24} xl={12}>
              <ChartCard title={t(`charts.${key}.title`)} name={name} chart={charts[key]} empty={t(`charts.${key}.empty`)} />
            </Col>
          ))}
          <Col xs={24} xl={16}>
            <WechatPayCard chart={charts.wechatpay} metrics={metrics} />
          </Col>
          <Col xs={24} xl={8}>
            <HandoverCard team={filters.team} teamName={(filters.team && teamNames.get(filters.team)) || filters.team || ''} />
          </Col>
          <Col xs={24}>
            <SelfServiceCard from={data.range.from} to={data.range.to} />
          </Col>
        </Row>
      </Space>
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="dashboard-range">
            {t('subtitle', { from: data?.range.from ?? filters.from, to: data?.range.to ?? filters.to, timezone: data?.range.timezone ?? '…' })}
            {updatedAt ? ` · ${t('updatedAt', { time: updatedAt })}` : ''}
          </Typography.Text>
        </div>
        <DashboardToolbar filters={filters} onChange={setFilters} teams={teams.data?.items ?? []} refreshing={dashboard.isFetching} onRefresh={refresh} />
      </div>
      {body}
    </Space>
  );
}

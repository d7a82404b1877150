import { useMemo } from 'react';
import { Card, Col, Descriptions, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/states';
import { csatChart, deflectionChart } from './charts/selfService';
import { EChart } from './EChart';
import { formatCount, formatRate } from './format';
import { useSelfService } from './useDashboardData';

/** Self-service: how many chats the bot solved alone, portal cases, satisfaction and article votes. */
export function SelfServiceCard({ from, to }: { from: string; to: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const language = i18n.language;
  const query = useSelfService(from, to);
  const report = query.data;
  const charts = useMemo(() => (report ? { deflection: deflectionChart(report, { t, language }), csat: csatChart(report, { t, language }) } : null), [report, t, language]);
  const title = t('selfService.title');

  let body;
  if (query.isError && !report) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else if (!report || !charts) body = null;
  else if (!charts.deflection && !charts.csat && report.portal.cases === 0 && report.knowledge_base.helpful_votes + report.knowledge_base.not_helpful_votes === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selfService.empty')} data-empty-chart="self-service" />;
  else {
    const votes = report.knowledge_base.helpful_votes + report.knowledge_base.not_helpful_votes;
    const items = [
      { key: 'deflection', label: t('selfService.deflectionRate'), children: <span data-testid="deflection-rate">{formatRate(report.chat.deflection_rate, language)}</span> },
      { key: 'conversations', label: t('selfService.conversations'), children: formatCount(report.chat.conversations, language) },
      { key: 'portal', label: t('selfService.portalCases'), children: formatCount(report.portal.cases, language) },
      { key: 'csat', label: t('selfService.csatAverage'), children: report.csat.average === null ? '—' : t('selfService.csatValue', { average: report.csat.average.toFixed(2), count: report.csat.count }) },
      { key: 'kb', label: t('selfService.helpfulRate'), children: votes === 0 ? '—' : t('selfService.helpfulValue', { rate: formatRate(report.knowledge_base.helpful_rate, language), votes: formatCount(votes, language) }) },
    ];
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Descriptions size="small" column={1} bordered items={items} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('selfService.explain')}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Typography.Text strong>{t('selfService.outcomesTitle')}</Typography.Text>
          {charts.deflection ? <EChart name="deflection" option={charts.deflection.option} label={t('chartLabel', { title: t('selfService.outcomesTitle'), summary: charts.deflection.label })} height={charts.deflection.height} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selfService.noChats')} />}
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Typography.Text strong>{t('selfService.csatTitle')}</Typography.Text>
          {charts.csat ? <EChart name="csat" option={charts.csat.option} label={t('chartLabel', { title: t('selfService.csatTitle'), summary: charts.csat.label })} height={charts.csat.height} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selfService.noRatings')} />}
        </Col>
      </Row>
    );
  }
  return (
    <Card size="small" title={title} role="region" aria-label={title} loading={query.isPending} data-testid="self-service">
      {body}
    </Card>
  );
}

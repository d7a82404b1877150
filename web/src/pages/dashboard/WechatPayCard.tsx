import { Alert, Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChartCard } from './ChartCard';
import { EChart } from './EChart';
import type { BuiltChart } from './charts/common';
import { formatCount, formatRate, levelTagColor, type Standing } from './format';
import type { PlatformMetrics } from './types';

function LevelTag({ level }: { level: Standing | undefined }) {
  const { t } = useTranslation('dashboard');
  if (!level) return null;
  return <Tag color={levelTagColor[level]}>{t(`level.${level}`)}</Tag>;
}

/** The window, counts and tolerance behind one merchant's rates. */
function MerchantDetails({ metrics }: { metrics: PlatformMetrics }) {
  const { t, i18n } = useTranslation('dashboard');
  const language = i18n.language;
  const items = [
    { key: 'window', label: t('charts.wechatpay.window'), children: t('charts.wechatpay.windowValue', { from: metrics.window.from, to: metrics.window.to }) },
    { key: 'complaints', label: t('charts.wechatpay.complaints'), children: formatCount(metrics.complaints, language) },
    {
      key: 'completed',
      label: t('charts.wechatpay.completed'),
      children: (
        <>
          {formatCount(metrics.completed_within_72h, language)} ({formatRate(metrics.timely_handling_rate, language)}) <LevelTag level={metrics.levels?.timely_handling_rate} />
        </>
      ),
    },
    {
      key: 'repeats',
      label: t('charts.wechatpay.repeats'),
      children: (
        <>
          {formatCount(metrics.repeat_complaints, language)} ({formatRate(metrics.repeat_complaint_rate, language)}) <LevelTag level={metrics.levels?.repeat_complaint_rate} />
        </>
      ),
    },
    { key: 'tolerance', label: t('charts.wechatpay.tolerance'), children: formatCount(metrics.malicious_tolerance_left, language) },
    { key: 'exhausted', label: t('charts.wechatpay.exhausted'), children: formatCount(metrics.close_attempts_exhausted, language) },
    ...(metrics.complaint_rate === null
      ? []
      : [
          {
            key: 'rate',
            label: t('charts.wechatpay.complaintRate'),
            children: (
              <>
                {new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 3 }).format(metrics.complaint_rate)} <LevelTag level={metrics.levels?.complaint_rate} />
              </>
            ),
          },
        ]),
  ];
  return <Descriptions size="small" column={1} bordered items={items} title={metrics.mchid ? t('charts.wechatpay.merchant', { merchant: metrics.mchid }) : undefined} />;
}

/** The merchant rates against their thresholds, the figures behind them, and what they mean. */
export function WechatPayCard({ chart, metrics }: { chart: BuiltChart | null; metrics: Array<PlatformMetrics | undefined> }) {
  const { t } = useTranslation('dashboard');
  const title = t('charts.wechatpay.title');
  if (!chart) return <ChartCard title={title} name="wechatpay" chart={null} empty={t('charts.wechatpay.empty')} />;
  return (
    <Card size="small" title={title} role="region" aria-label={title} style={{ height: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <EChart name="wechatpay" option={chart.option} label={t('chartLabel', { title, summary: chart.label })} height={chart.height} />
        </Col>
        <Col xs={24} lg={10}>
          {metrics.map((entry, index) => (entry ? <MerchantDetails key={entry.mchid ?? index} metrics={entry} /> : null))}
        </Col>
      </Row>
      <Alert
        style={{ marginTop: 12 }}
        type="info"
        showIcon
        title={t('charts.wechatpay.explainTitle')}
        description={
          <div data-testid="wechatpay-explanation">
            <Typography.Paragraph style={{ marginBottom: 4 }}>{t('charts.wechatpay.explainTimely')}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{t('charts.wechatpay.explainRepeat')}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 0 }} strong>
              {t('charts.wechatpay.explainPenalty')}
            </Typography.Paragraph>
          </div>
        }
      />
    </Card>
  );
}

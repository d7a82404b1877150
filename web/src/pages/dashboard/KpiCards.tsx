import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatCount, formatMinutes, formatRate, levelTagColor, standingColor, standingOf, type Standing } from './format';
import type { Dashboard, PlatformMetrics } from './types';

type KpiProps = { name: string; title: string; hint: string; value: string; raw: number | null; detail: ReactNode; color?: string };

function Kpi({ name, title, hint, value, raw, detail, color }: KpiProps) {
  return (
    <Card size="small" style={{ height: '100%' }} data-kpi={name} data-value={raw ?? ''}>
      <Statistic
        title={
          <span>
            {title}{' '}
            <Tooltip title={hint}>
              <InfoCircleOutlined aria-label={hint} />
            </Tooltip>
          </span>
        }
        value={value}
        styles={color ? { content: { color } } : undefined}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {detail}
      </Typography.Text>
    </Card>
  );
}

/** The merchant that stands worst on timely handling (usually the only one). */
function worstMerchant(data: Dashboard, metrics: Array<PlatformMetrics | undefined>) {
  const headroom = ({ timely_handling_rate, timely_threshold }: Dashboard['wechatpay'][number]) => (timely_handling_rate ?? timely_threshold) - timely_threshold;
  return data.wechatpay
    .map((merchant, index) => ({ merchant, metrics: metrics[index] }))
    .sort((a, b) => headroom(a.merchant) - headroom(b.merchant))[0];
}

/** Open cases, SLA achievement, median first reply and resolution, WeChat Pay timely handling. */
export function KpiCards({ data, metrics }: { data: Dashboard; metrics: Array<PlatformMetrics | undefined> }) {
  const { t, i18n } = useTranslation('dashboard');
  const language = i18n.language;
  const open = data.open_by_category_status.reduce((sum, row) => sum + row.count, 0);
  const categories = new Set(data.open_by_category_status.map((row) => row.category)).size;
  const durationDetail = (stats: Dashboard['first_response']) =>
    stats.count > 0 ? t('kpi.durationDetail', { p90: formatMinutes(stats.p90_minutes), count: formatCount(stats.count, language) }) : t('kpi.noData');
  const wechat = worstMerchant(data, metrics);
  // The server's own judgement (with the tenant's warning margin) when we have it.
  const standing: Standing = wechat ? (wechat.metrics?.levels?.timely_handling_rate ?? standingOf(wechat.merchant.timely_handling_rate, wechat.merchant.timely_threshold, 'min')) : 'unknown';
  const cards: KpiProps[] = [
    { name: 'open', title: t('kpi.open'), hint: t('kpi.openHint'), value: formatCount(open, language), raw: open, detail: t('kpi.openDetail', { categories }) },
    {
      name: 'sla',
      title: t('kpi.sla'),
      hint: t('kpi.slaHint'),
      value: formatRate(data.sla.achievement, language),
      raw: data.sla.achievement,
      detail: t('kpi.slaDetail', { met: formatCount(data.sla.met, language), breached: formatCount(data.sla.breached, language) }),
    },
    { name: 'first-reply', title: t('kpi.firstReply'), hint: t('kpi.firstReplyHint'), value: formatMinutes(data.first_response.median_minutes), raw: data.first_response.median_minutes, detail: durationDetail(data.first_response) },
    { name: 'resolution', title: t('kpi.resolution'), hint: t('kpi.resolutionHint'), value: formatMinutes(data.resolution.median_minutes), raw: data.resolution.median_minutes, detail: durationDetail(data.resolution) },
    wechat
      ? {
          name: 'wechatpay',
          title: t('kpi.wechatpay'),
          hint: t('kpi.wechatpayHint'),
          value: formatRate(wechat.merchant.timely_handling_rate, language),
          raw: wechat.merchant.timely_handling_rate,
          color: standingColor[standing],
          detail: (
            <>
              <Tag color={levelTagColor[standing]} data-level={standing}>
                {t(`level.${standing}`)}
              </Tag>
              {t('kpi.wechatpayDetail', { threshold: formatRate(wechat.merchant.timely_threshold, language), count: formatCount(wechat.merchant.complaints, language) })}
            </>
          ),
        }
      : { name: 'wechatpay', title: t('kpi.wechatpay'), hint: t('kpi.wechatpayHint'), value: '—', raw: null, detail: t('kpi.wechatpayNone') },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.name} xs={24} sm={12} md={8} xl={{ flex: '20%' }}>
          <Kpi {...card} />
        </Col>
      ))}
    </Row>
  );
}

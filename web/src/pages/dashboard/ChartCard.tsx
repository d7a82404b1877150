import type { ReactNode } from 'react';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BuiltChart } from './charts/common';
import { EChart } from './EChart';

type Props = {
  title: string;
  /** Stable name for tests (data-chart on the canvas container). */
  name: string;
  /** Null when there is nothing to draw; the empty text says why and what to do. */
  chart: BuiltChart | null;
  empty: string;
  children?: ReactNode;
};

/** A titled card with one chart, or a short explanation when there is nothing to draw. */
export function ChartCard({ title, name, chart, empty, children }: Props) {
  const { t } = useTranslation('dashboard');
  return (
    <Card size="small" title={title} role="region" aria-label={title} style={{ height: '100%' }}>
      {chart ? (
        <EChart name={name} option={chart.option} label={t('chartLabel', { title, summary: chart.label })} height={chart.height} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} data-empty-chart={name} />
      )}
      {children}
    </Card>
  );
}

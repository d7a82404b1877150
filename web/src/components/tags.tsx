import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '../api/types';

const statusColors: Record<Case['status'], string> = {
  new: 'blue',
  open: 'processing',
  pending_customer: 'gold',
  pending_internal: 'purple',
  paused: 'magenta',
  resolved: 'green',
  closed: 'default',
};
const priorityColors: Record<Case['priority'], string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };

export function StatusTag({ status }: { status: Case['status'] }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]} data-status={status}>{t(`status.${status}`)}</Tag>;
}

export function PriorityTag({ priority }: { priority: Case['priority'] }) {
  const { t } = useTranslation();
  return <Tag color={priorityColors[priority]} data-priority={priority}>{t(`domain:priority.${priority}`)}</Tag>;
}

export function ChannelTag({ channel }: { channel: Case['channel'] }) {
  const { t } = useTranslation();
  return <Tag variant="filled">{t(`channel.${channel}`)}</Tag>;
}

/** The category's name, with its stable id on hover. */
export function CategoryLabel({ category }: { category: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={category}>
      <span>{t(`domain:category.${category}`, { defaultValue: category })}</span>
    </Tooltip>
  );
}

/** 12900 CNY → "¥129.00" in the console's language. */
export function formatMoney(amount: number | null, currency: string | null, language: string): string {
  if (amount === null || !currency) return '';
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount / 10 ** digits);
}

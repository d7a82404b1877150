import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../api/types';

const colors: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'processing',
  pending_customer: 'gold',
  pending_internal: 'processing',
  paused: 'processing',
  resolved: 'green',
  closed: 'default',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status] ?? 'default'} data-status={status}>
      {t(`caseStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

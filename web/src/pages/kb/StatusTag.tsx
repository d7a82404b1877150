import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArticleStatus } from '../../api/types';

const colors: Record<ArticleStatus, string> = { draft: 'gold', published: 'green', archived: 'default' };

export function StatusTag({ status }: { status: ArticleStatus }) {
  const { t } = useTranslation('kb');
  return (
    <Tag color={colors[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function QueuePage() {
  const { t } = useTranslation('queue');
  return <Typography.Title level={3}>{t('title')}</Typography.Title>;
}

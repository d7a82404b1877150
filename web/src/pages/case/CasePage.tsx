import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function CasePage() {
  const { t } = useTranslation('case');
  return <Typography.Title level={3}>{t('title')}</Typography.Title>;
}

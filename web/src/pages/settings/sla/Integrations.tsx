import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function Integrations() {
  const { t } = useTranslation('settingsSla');
  return <Typography.Paragraph>{t('todo')}</Typography.Paragraph>;
}

import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function Calendars() {
  const { t } = useTranslation('settingsSla');
  return <Typography.Paragraph>{t('todo')}</Typography.Paragraph>;
}

import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function UsersAndTokens() {
  const { t } = useTranslation('settingsAccess');
  return <Typography.Paragraph>{t('todo')}</Typography.Paragraph>;
}

import { Tag, Typography } from 'antd';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** A secret is write-only: the console only ever knows whether one is stored. */
export function SecretState({ set, testId }: { set: boolean; testId?: string }) {
  const { t } = useTranslation('settingsSla');
  return set ? (
    <Tag color="success" icon={<CheckCircleFilled />} data-testid={testId} data-set="true">
      {t('integrations.secretSet')}
    </Tag>
  ) : (
    <Tag icon={<MinusCircleOutlined />} data-testid={testId} data-set="false">
      {t('integrations.secretNotSet')}
    </Tag>
  );
}

/** A URL to paste into a platform, with a copy button. */
export function CopyUrl({ url, testId }: { url: string; testId?: string }) {
  const { t } = useTranslation('settingsSla');
  return (
    <Typography.Text code copyable={{ text: url, tooltips: [t('integrations.copy'), t('integrations.copied')] }} data-testid={testId} style={{ wordBreak: 'break-all' }}>
      {url}
    </Typography.Text>
  );
}

/** On, off or not set up yet. */
export function IntegrationState({ configured, enabled }: { configured: boolean; enabled: boolean }) {
  const { t } = useTranslation('settingsSla');
  if (!configured) return <Tag>{t('integrations.notConfigured')}</Tag>;
  return enabled ? <Tag color="success">{t('integrations.enabled')}</Tag> : <Tag color="warning">{t('integrations.disabled')}</Tag>;
}

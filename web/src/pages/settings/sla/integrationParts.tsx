import type { ReactNode } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A URL to paste into a platform, with a copy button. */
export function CopyUrl({ url, testId }: { url: string; testId?: string }) {
  const { t } = useTranslation('settingsSla');
  return (
    <Typography.Text code copyable={{ text: url, tooltips: [t('integrations.copy'), t('integrations.copied')] }} data-testid={testId} style={{ wordBreak: 'break-all' }}>
      {url}
    </Typography.Text>
  );
}

/** A platform's card title: its name, and whether it is on, off or not set up yet. */
export function IntegrationTitle({ title, integration }: { title: ReactNode; integration: { enabled: boolean } | null }) {
  const { t } = useTranslation('settingsSla');
  return (
    <Space>
      {title}
      {!integration ? <Tag>{t('integrations.notConfigured')}</Tag> : integration.enabled ? <Tag color="success">{t('integrations.enabled')}</Tag> : <Tag color="warning">{t('integrations.disabled')}</Tag>}
    </Space>
  );
}

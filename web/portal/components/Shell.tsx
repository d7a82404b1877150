import { Flex, Layout, Typography } from 'antd';
import { CommentOutlined } from '@ant-design/icons';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useTenantPath } from '../tenant';
import { LanguageSwitch } from './LanguageSwitch';
import { LinkButton } from './LinkButton';

/** The portal's frame: the merchant's name (home link), the language switch, the page, a footer. */
export function Shell({ tenantName, children }: { tenantName?: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  const to = useTenantPath();
  const title = tenantName ? t('app.title', { tenant: tenantName }) : t('app.fallbackTitle');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #eef0f3', padding: '0 16px', height: 56, lineHeight: 'normal' }}>
        <Flex align="center" justify="space-between" gap={8} style={{ maxWidth: 960, margin: '0 auto', height: '100%' }}>
          <Link to={to('/')} style={{ color: 'inherit', minWidth: 0, display: 'flex', alignItems: 'center' }}>
            <Typography.Text strong ellipsis style={{ fontSize: 16 }} data-testid="portal-title">
              {title}
            </Typography.Text>
          </Link>
          <Flex align="center" gap={8}>
            <LinkButton to={to('/chat')} type="text" icon={<CommentOutlined aria-hidden />} aria-label={t('actions.chat')} title={t('actions.chat')} data-testid="header-chat" />
            <LanguageSwitch />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '16px 12px 32px' }}>
        <main style={{ maxWidth: 960, margin: '0 auto' }}>{children}</main>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: 'transparent', color: '#8c8c8c', fontSize: 12, padding: '12px 16px 24px' }}>{t('app.poweredBy')}</Layout.Footer>
    </Layout>
  );
}

import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { Badge, Button, ConfigProvider, Layout, Menu, Result, Space, Tooltip, Typography, App as AntApp } from 'antd';
import { BookOutlined, CommentOutlined, DashboardOutlined, InboxOutlined, LogoutOutlined, SettingOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../shared/ErrorBoundary';
import { SessionProvider, useSession } from './api/session';
import { useLiveUpdates } from './api/live';
import { SignIn } from './auth/SignIn';
import { LanguageSwitch } from './components/LanguageSwitch';
import { LoadError, Loading } from './components/states';

const QueuePage = lazy(() => import('./pages/queue/QueuePage'));
const CasePage = lazy(() => import('./pages/case/CasePage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage'));
const KbPage = lazy(() => import('./pages/kb/KbPage'));
const ChatsPage = lazy(() => import('./pages/chats/ChatsPage'));

/** A new case is a new workspace: no draft, form or selection carries over from the last one. */
function CaseRoute() {
  const { id } = useParams();
  return <CasePage key={id} />;
}

function Shell() {
  const { t } = useTranslation();
  const { me, signOut, can } = useSession();
  const location = useLocation();
  const live = useLiveUpdates();
  const [collapsed, setCollapsed] = useState(false);
  const section = (['dashboard', 'settings', 'kb', 'chats'] as const).find((name) => location.pathname.startsWith(`/${name}`)) ?? 'queue';
  const items = [
    { key: 'queue', icon: <InboxOutlined />, label: <Link to="/">{t('nav.queue')}</Link> },
    { key: 'chats', icon: <CommentOutlined />, label: <Link to="/chats">{t('chats:nav')}</Link> },
    { key: 'kb', icon: <BookOutlined />, label: <Link to="/kb">{t('kb:nav')}</Link> },
    ...(can('admin', 'supervisor', 'viewer') ? [{ key: 'dashboard', icon: <DashboardOutlined />, label: <Link to="/dashboard">{t('nav.dashboard')}</Link> }] : []),
    ...(can('admin') ? [{ key: 'settings', icon: <SettingOutlined />, label: <Link to="/settings">{t('nav.settings')}</Link> }] : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={56} collapsed={collapsed} onCollapse={setCollapsed} trigger={null} theme="light" width={200} style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: collapsed ? '16px 0' : '16px 20px', textAlign: collapsed ? 'center' : 'left', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden' }} title={t('app.name')}>
          {collapsed ? t('app.short').slice(0, 1) : t('app.short')}
        </div>
        <Menu mode="inline" selectedKeys={[section]} items={items} aria-label="navigation" />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 20px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #f0f0f0', height: 56 }}>
          <Space size="middle">
            <Tooltip title={live ? t('nav.live') : t('nav.offline')}>
              <Badge status={live ? 'success' : 'default'} data-testid="live-status" data-live={live} />
            </Tooltip>
            <Typography.Text>
              {me.name} · {t(`role.${me.role}`)} · {me.tenant.slug}
            </Typography.Text>
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={signOut} aria-label={t('nav.signOut')}>
              {t('nav.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <ErrorBoundary resetKey={location.pathname} title={t('state.crashed')} reloadText={t('actions.reload')}>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<QueuePage />} />
              <Route path="/cases/:id" element={<CaseRoute />} />
              <Route path="/kb" element={<KbPage />} />
              <Route path="/chats" element={<ChatsPage />} />
              <Route path="/dashboard" element={can('admin', 'supervisor', 'viewer') ? <DashboardPage /> : <Result status="403" subTitle={t('state.forbidden')} />} />
              <Route path="/settings/*" element={can('admin') ? <SettingsPage /> : <Result status="403" subTitle={t('state.forbidden')} />} />
              <Route path="/signin" element={<Navigate to="/" replace />} />
              <Route path="*" element={<Result status="404" subTitle={t('state.notFound')} extra={<Link to="/">{t('nav.queue')}</Link>} />} />
            </Routes>
          </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff' } }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider signedOut={(done) => <SignIn onSignedIn={done} />} loading={<Loading />} failed={(error, retry) => <div style={{ padding: 48 }}><LoadError error={error} onRetry={retry} /></div>}>
            <Shell />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

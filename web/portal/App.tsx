import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../shared/ErrorBoundary';
import { Loading } from './components/states';

const HomePage = lazy(() => import('./pages/HomePage'));
const ArticlePage = lazy(() => import('./pages/ArticlePage'));
const NewCasePage = lazy(() => import('./pages/NewCasePage'));
const StatusPage = lazy(() => import('./pages/StatusPage'));
const ChatPage = lazy(() => import('./chat/ChatPage'));

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('state.notFound')} extra={<Link to="/">{t('actions.home')}</Link>} />;
}

function Pages() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname} title={t('state.crashed')} reloadText={t('state.reload')}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/articles/:slug" element={<ArticlePage />} />
          <Route path="/new" element={<NewCasePage />} />
          <Route path="/status/:token" element={<StatusPage />} />
          <Route path="/chat" element={<ChatPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 8 } }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter basename="/portal">
          <Pages />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

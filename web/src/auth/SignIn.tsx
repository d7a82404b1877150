import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ProblemError, storeToken } from '../api/client';
import type { Me } from '../api/types';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** Token sign-in with a first-run explanation of where tokens come from. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit({ token }: { token: string }) {
    setBusy(true);
    setError(null);
    try {
      await api<Me>('/me', { token: token.trim() });
      storeToken(token.trim());
      onSignedIn();
    } catch (caught) {
      setError(caught instanceof ProblemError ? (caught.status === 401 ? t('signIn.invalid') : caught.message) : t('state.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f7fa', padding: 16 }}>
      <div style={{ width: 'min(520px, 100%)' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Card title={t('signIn.title')}>
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="token" label={t('signIn.tokenLabel')} rules={[{ required: true, whitespace: true, message: t('signIn.tokenLabel') }]}>
              <Input.Password placeholder={t('signIn.tokenPlaceholder')} autoFocus autoComplete="off" aria-label={t('signIn.tokenLabel')} />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" loading={busy} block>{t('signIn.submit')}</Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('signIn.stored')}</Typography.Paragraph>
          </Form>
        </Card>
        <Card title={t('signIn.firstRunTitle')} size="small" style={{ marginTop: 16 }}>
          <Typography.Paragraph>{t('signIn.firstRun1')}</Typography.Paragraph>
          <Typography.Paragraph><Typography.Text code copyable>{t('signIn.firstRun2').split(': ').pop()}</Typography.Text></Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('signIn.firstRun3')}</Typography.Paragraph>
        </Card>
      </div>
    </main>
  );
}

import { Alert, Button, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin description={t('state.loading')} size="large">
        <div style={{ padding: 24 }} />
      </Spin>
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t('state.error', { message })}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('actions.retry')}</Button> : undefined}
    />
  );
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <Empty description={children ?? t('state.empty')} />;
}

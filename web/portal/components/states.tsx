import { Alert, Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../api/client';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin description={t('state.loading')}>
        <div style={{ padding: 24 }} />
      </Spin>
    </div>
  );
}

/** A failed call, in the server's words (its localized problem detail). */
export function ProblemAlert({ error, onRetry, style }: { error: unknown; onRetry?: () => void; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={style}
      title={problemMessage(error, t('state.network'))}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('actions.retry')}</Button> : undefined}
    />
  );
}

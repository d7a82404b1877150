// Write-only secrets (keys, passwords, signing secrets): the API never returns one, only whether
// one is stored, so the console shows that state and leaves the field empty.
import { Form, Input, Tag, type FormItemProps } from 'antd';
import type { PasswordProps } from 'antd/es/input';
import type { Rule } from 'antd/es/form';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Whether a secret is stored. */
export function SecretState({ set, testId }: { set: boolean; testId?: string }) {
  const { t } = useTranslation('settings');
  return set ? (
    <Tag color="success" icon={<CheckCircleFilled />} data-testid={testId} data-set="true">
      {t('secret.set')}
    </Tag>
  ) : (
    <Tag icon={<MinusCircleOutlined />} data-testid={testId} data-set="false">
      {t('secret.notSet')}
    </Tag>
  );
}

/** The placeholder of a secret's field: "set, leave empty to keep it", or `fallback` (default "not set yet") while none is stored. */
export function useSecretPlaceholder(): (stored: boolean | undefined, fallback?: string) => string {
  const { t } = useTranslation('settings');
  return (stored, fallback) => (stored ? t('secret.keep') : (fallback ?? t('secret.notSetYet')));
}

type SecretItemProps = Omit<FormItemProps, 'children' | 'rules'> & {
  /** Whether the server holds one already: the field may then stay empty, which keeps it. */
  stored: boolean | undefined;
  /** For a secret that must exist: the message for leaving the field empty while none is stored. */
  requiredMessage?: string;
  rules?: Rule[];
  /** Shown while none is stored (default: "not set yet"). */
  placeholder?: string;
  input?: Omit<PasswordProps, 'placeholder' | 'autoComplete'>;
};

/** A form field for a write-only secret: empty keeps the stored one. */
export function SecretItem({ stored, requiredMessage, rules = [], placeholder, input, ...item }: SecretItemProps) {
  const secretPlaceholder = useSecretPlaceholder();
  return (
    <Form.Item {...item} rules={[...(requiredMessage && !stored ? [{ required: true, message: requiredMessage }] : []), ...rules]}>
      <Input.Password placeholder={secretPlaceholder(stored, placeholder)} autoComplete="new-password" {...input} />
    </Form.Item>
  );
}

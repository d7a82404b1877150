import { useRef, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import type { InputRef } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Role, User } from '../../../api/types';
import { roles } from '../../../../../src/auth/roles.js';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { FormModal } from '../shared/FormModal';
import { applyServerErrors } from '../shared/serverErrors';
import { useFormSave } from '../shared/useFormSave';
import { keys } from './queries';
import type { CreatedToken } from './types';

type Values = { name: string; role: Role; user_id?: string };

/**
 * Creates an API token. The secret comes back once, in the create response: it is shown here with
 * a copy button and dropped from memory when the dialog closes.
 */
export function CreateTokenModal({ users, onClose }: { users: User[]; onClose(): void }) {
  const { t } = useTranslation('settingsAccess');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const secretInput = useRef<InputRef>(null);

  const { mutation: create, errors, send } = useFormSave(form, {
    mutationFn: (values: Values) => api<CreatedToken>('/tokens', { method: 'POST', body: { name: values.name.trim(), role: values.role, ...(values.user_id ? { user_id: values.user_id } : {}) } }),
    onSuccess: (token) => {
      setCreated(token);
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
    fieldErrors: (error) => applyServerErrors(form, error),
  });

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      void message.success(t('tokens.copied'));
    } catch {
      // No clipboard access (e.g. a plain-http address): select the text for Ctrl+C instead.
      secretInput.current?.select();
      void message.info(t('tokens.copyManually'));
    }
  };

  const close = () => {
    setCreated(null);
    onClose();
  };

  if (created) {
    return (
      <Modal
        open
        title={t('tokens.createdTitle', { name: created.name })}
        onCancel={close}
        mask={{ closable: false }}
        width={600}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={close}>
            {t('tokens.done')}
          </Button>
        }
      >
        <Flex vertical gap={16}>
          <Alert type="warning" showIcon title={t('tokens.onceTitle')} description={t('tokens.onceBody')} />
          <Flex gap={8}>
            <Input ref={secretInput} readOnly value={created.token} aria-label={t('tokens.secret')} data-testid="new-token" style={{ fontFamily: 'monospace' }} onFocus={(event) => event.target.select()} />
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>
              {t('tokens.copy')}
            </Button>
          </Flex>
          <Typography.Text type="secondary">{t('tokens.usage')}</Typography.Text>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            Authorization: Bearer {created.prefix}…
          </Typography.Text>
        </Flex>
      </Modal>
    );
  }

  return (
    <FormModal title={t('tokens.createTitle')} okText={t('tokens.createSubmit')} form={form} saving={create.isPending} onCancel={close}>
      <FormErrorAlert errors={errors} separator="; " style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" name="create-token" initialValues={{ role: 'agent' }} onFinish={send}>
        <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHelp')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }, { max: 100, message: t('users.nameTooLong') }]}>
          <Input autoComplete="off" placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="role" label={t('tokens.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select options={roles.map((role) => ({ value: role, label: t(`common:role.${role}`) }))} />
        </Form.Item>
        <Form.Item name="user_id" label={t('tokens.user')} extra={t('tokens.userHelp')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('tokens.noUser')}
            options={users.filter((user) => user.active).map((user) => ({ value: user.id, label: user.email ? `${user.name} (${user.email})` : user.name }))}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

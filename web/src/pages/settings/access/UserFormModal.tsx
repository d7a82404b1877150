import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../../api/client';
import { useSession } from '../../../api/session';
import type { Role, Team, User } from '../../../api/types';
import { roles, teamCodes } from '../../../../../src/auth/roles.js';
import { applyServerErrors } from './format';
import { keys, useTeamLabel } from './queries';

type Values = { name: string; email?: string; role: Role; team?: string | null };
type Props = { editing: { mode: 'create' } | { mode: 'edit'; user: User }; teams: Team[]; onClose(): void };

/** Adds a user, or changes an existing user's name, role and team (the e-mail is fixed once set). */
export function UserFormModal({ editing, teams, onClose }: Props) {
  const { t } = useTranslation('settingsAccess');
  const { me } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const teamLabel = useTeamLabel();
  const [form] = Form.useForm<Values>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const user = editing.mode === 'edit' ? editing.user : null;
  const self = user?.id === me.user_id;

  const save = useMutation({
    mutationFn: (values: Values) => {
      const name = values.name.trim();
      if (!user) {
        const email = values.email?.trim();
        return api<User>('/users', { method: 'POST', body: { name, role: values.role, ...(email ? { email } : {}), ...(values.team ? { team: values.team } : {}) } });
      }
      return api<User>(`/users/${user.id}`, { method: 'PATCH', body: { name, ...(self ? {} : { role: values.role }), team: values.team ?? null } });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: keys.users });
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
      void message.success(user ? t('users.saved', { name: saved.name }) : t('users.createdMessage', { name: saved.name }));
      onClose();
    },
    onError: (error) => {
      // A taken e-mail comes back as a conflict without a field: it belongs on the e-mail field.
      if (!user && error instanceof ProblemError && error.status === 409) {
        form.setFields([{ name: 'email', errors: [error.detail ?? error.title] }]);
        setFormErrors([]);
        return;
      }
      setFormErrors(applyServerErrors(form, error));
    },
  });

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.name }) : t('users.addTitle')}
      okText={user ? t('common:actions.save') : t('users.addSubmit')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formErrors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={formErrors.join('; ')} />}
      <Form<Values>
        form={form}
        layout="vertical"
        name={user ? 'edit-user' : 'create-user'}
        initialValues={user ? { name: user.name, email: user.email ?? undefined, role: user.role, team: user.team } : { role: 'agent' }}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
      >
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('users.nameRequired') }, { max: 100, message: t('users.nameTooLong') }]}>
          <Input autoComplete="off" placeholder={t('users.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} extra={user ? t('users.emailFixed') : t('users.emailHelp')} rules={[{ type: 'email', message: t('users.emailInvalid') }, { max: 254, message: t('users.emailInvalid') }]}>
          <Input type="email" autoComplete="off" disabled={Boolean(user)} placeholder="name@example.com" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]} extra={self ? t('users.selfRole') : t('users.roleHelp')}>
          <Select disabled={self} options={roles.map((role) => ({ value: role, label: t(`common:role.${role}`) }))} />
        </Form.Item>
        <Form.Item name="team" label={t('users.team')}>
          <Select allowClear placeholder={t('team.none')} options={teamCodes.map((code) => ({ value: code, label: teamLabel(code, teams) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

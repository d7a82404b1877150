import { App, Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import type { Role, Team, User } from '../../../api/types';
import { roles, teamCodes } from '../../../../../src/auth/roles.js';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import { FormModal } from '../shared/FormModal';
import { applyServerErrors, showConflictOn } from '../shared/serverErrors';
import { useFormSave } from '../shared/useFormSave';
import { keys, useTeamLabel } from './queries';

type Values = { name: string; email?: string; role: Role; team?: string | null };
/** `user` is null to add one. */
type Props = { user: User | null; teams: Team[]; onClose(): void };

/** Adds a user, or changes an existing user's name, role and team (the e-mail is fixed once set). */
export function UserFormModal({ user, teams, onClose }: Props) {
  const { t } = useTranslation('settingsAccess');
  const { me } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const teamLabel = useTeamLabel();
  const [form] = Form.useForm<Values>();
  const self = user?.id === me.user_id;

  const { mutation: save, errors, send } = useFormSave(form, {
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
    // A taken e-mail comes back as a conflict without a field: it belongs on the e-mail field.
    fieldErrors: (error) => (!user && showConflictOn(form, error, 'email') ? [] : applyServerErrors(form, error)),
  });

  return (
    <FormModal
      title={user ? t('users.editTitle', { name: user.name }) : t('users.addTitle')}
      okText={user ? t('common:actions.save') : t('users.addSubmit')}
      form={form}
      saving={save.isPending}
      onCancel={onClose}
    >
      <FormErrorAlert errors={errors} separator="; " style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        name={user ? 'edit-user' : 'create-user'}
        initialValues={user ? { name: user.name, email: user.email ?? undefined, role: user.role, team: user.team } : { role: 'agent' }}
        onFinish={send}
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
    </FormModal>
  );
}

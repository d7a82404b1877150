import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Input, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import type { Role, User } from '../../../api/types';
import { EmptyState } from '../../../components/states';
import { roles, teamCodes } from '../../../../../src/auth/roles.js';
import { QueryResult } from '../shared/QueryResult';
import { EditButton } from '../shared/rowActions';
import { problemTitle } from '../shared/serverErrors';
import { useEditTarget } from '../shared/useEditTarget';
import { formatInstant } from './format';
import { keys, useTeamLabel, useTeams, useUsers } from './queries';
import { RoleTag } from './RoleTag';
import { UserFormModal } from './UserFormModal';

export function UsersSection() {
  const { t, i18n } = useTranslation('settingsAccess');
  const { me } = useSession();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const users = useUsers();
  const teams = useTeams();
  const teamLabel = useTeamLabel();
  const [search, setSearch] = useState('');
  const editing = useEditTarget<User>();

  const setActive = useMutation({
    mutationFn: ({ user, active }: { user: User; active: boolean }) => api<User>(`/users/${user.id}`, { method: 'PATCH', body: { active } }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: keys.users });
      void message.success(user.active ? t('users.activated', { name: user.name }) : t('users.deactivated', { name: user.name }));
    },
    onError: (error) => void message.error(problemTitle(error)),
  });

  const changeActive = (user: User, active: boolean) => {
    if (active) {
      setActive.mutate({ user, active });
      return;
    }
    void modal.confirm({
      title: t('users.deactivateTitle', { name: user.name }),
      content: t('users.deactivateBody'),
      okText: t('users.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('common:actions.cancel'),
      onOk: () => setActive.mutateAsync({ user, active: false }),
    });
  };

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const all = users.data ?? [];
    return needle ? all.filter((user) => user.name.toLowerCase().includes(needle) || (user.email ?? '').toLowerCase().includes(needle)) : all;
  }, [users.data, search]);

  const columns: TableColumnsType<User> = [
    {
      title: t('users.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (name: string, user) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{name}</Typography.Text>
          {user.id === me.user_id && <Tag>{t('users.you')}</Tag>}
        </Flex>
      ),
    },
    { title: t('users.email'), dataIndex: 'email', responsive: ['md'], render: (email: string | null) => email ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: t('users.role'),
      dataIndex: 'role',
      filters: roles.map((role) => ({ text: t(`common:role.${role}`), value: role })),
      onFilter: (value, user) => user.role === value,
      render: (role: Role) => <RoleTag role={role} />,
    },
    {
      title: t('users.team'),
      dataIndex: 'team',
      filters: teamCodes.map((code) => ({ text: teamLabel(code, teams.data), value: code })),
      onFilter: (value, user) => user.team === value,
      render: (team: string | null) => (team ? teamLabel(team, teams.data) : <Typography.Text type="secondary">{t('team.none')}</Typography.Text>),
    },
    {
      title: t('users.active'),
      dataIndex: 'active',
      render: (active: boolean, user) => {
        const self = user.id === me.user_id;
        const toggle = (
          <Switch
            checked={active}
            disabled={self}
            loading={setActive.isPending && setActive.variables?.user.id === user.id}
            aria-label={t('users.activeFor', { name: user.name })}
            checkedChildren={t('users.on')}
            unCheckedChildren={t('users.off')}
            onChange={(checked) => changeActive(user, checked)}
          />
        );
        return self ? <Tooltip title={t('users.selfActive')}>{toggle}</Tooltip> : toggle;
      },
    },
    { title: t('users.created'), dataIndex: 'created_at', responsive: ['lg'], render: (value: string) => formatInstant(value, i18n.language) },
    {
      title: t('users.actions'),
      key: 'actions',
      render: (_, user) => (
        <EditButton ariaLabel={t('users.editFor', { name: user.name })} onClick={() => editing.edit(user)} />
      ),
    },
  ];

  return (
    <Card
      data-testid="users-card"
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<UserAddOutlined />} onClick={editing.create}>
          {t('users.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('users.intro')}</Typography.Paragraph>
      <QueryResult query={users}>
        {() => (
          <>
            <Input.Search allowClear placeholder={t('users.search')} aria-label={t('users.search')} style={{ maxWidth: 320, marginBottom: 12 }} value={search} onChange={(event) => setSearch(event.target.value)} />
            <Table<User>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={shown}
              pagination={shown.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <EmptyState>{search ? t('users.noMatch') : t('users.empty')}</EmptyState> }}
            />
          </>
        )}
      </QueryResult>
      {editing.open && <UserFormModal key={editing.item?.id ?? 'new'} user={editing.item} teams={teams.data ?? []} onClose={editing.close} />}
    </Card>
  );
}

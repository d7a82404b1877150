import { useState } from 'react';
import { App, Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import type { Role } from '../../../api/types';
import { EmptyState } from '../../../components/states';
import { QueryResult } from '../shared/QueryResult';
import { ConfirmDeleteButton } from '../shared/rowActions';
import { problemTitle } from '../shared/serverErrors';
import { CreateTokenModal } from './CreateTokenModal';
import { formatInstant } from './format';
import { keys, useUsers } from './queries';
import { RoleTag } from './RoleTag';
import type { Token } from './types';

export function TokensSection() {
  const { t, i18n } = useTranslation('settingsAccess');
  const { me } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: async () => (await api<{ items: Token[] }>('/tokens')).items });
  const users = useUsers();
  const [creating, setCreating] = useState(false);

  const revoke = useMutation({
    mutationFn: (token: Token) => api<Token>(`/tokens/${token.id}`, { method: 'DELETE' }),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
      void message.success(t('tokens.revoked', { name: token.name }));
    },
    onError: (error) => void message.error(problemTitle(error)),
  });

  const userName = (id: string | null) => (id ? (users.data?.find((user) => user.id === id)?.name ?? id.slice(0, 8)) : null);

  const columns: TableColumnsType<Token> = [
    {
      title: t('tokens.name'),
      dataIndex: 'name',
      render: (name: string, token) => (
        <>
          <Typography.Text strong>{name}</Typography.Text> {token.id === me.token_id && <Tag color="blue">{t('tokens.thisSession')}</Tag>}
        </>
      ),
    },
    { title: t('tokens.role'), dataIndex: 'role', render: (role: Role) => <RoleTag role={role} /> },
    { title: t('tokens.user'), dataIndex: 'user_id', render: (id: string | null) => userName(id) ?? <Typography.Text type="secondary">{t('tokens.noUser')}</Typography.Text> },
    { title: t('tokens.prefix'), dataIndex: 'prefix', responsive: ['lg'], render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text> },
    { title: t('tokens.created'), dataIndex: 'created_at', responsive: ['xl'], render: (value: string) => formatInstant(value, i18n.language) },
    { title: t('tokens.lastUsed'), dataIndex: 'last_used_at', responsive: ['lg'], render: (value: string | null) => (value ? formatInstant(value, i18n.language) : <Typography.Text type="secondary">{t('tokens.never')}</Typography.Text>) },
    {
      title: t('tokens.state'),
      dataIndex: 'revoked_at',
      filters: [
        { text: t('tokens.active'), value: 'active' },
        { text: t('tokens.revokedState'), value: 'revoked' },
      ],
      onFilter: (value, token) => (value === 'revoked') === (token.revoked_at !== null),
      render: (revokedAt: string | null) =>
        revokedAt ? (
          <Tooltip title={t('tokens.revokedAt', { at: formatInstant(revokedAt, i18n.language) })}>
            <Tag color="red" data-state="revoked">
              {t('tokens.revokedState')}
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="green" data-state="active">
            {t('tokens.active')}
          </Tag>
        ),
    },
    {
      title: t('tokens.actions'),
      key: 'actions',
      render: (_, token) => {
        if (token.revoked_at) return null;
        if (token.id === me.token_id) {
          return (
            <Tooltip title={t('tokens.selfRevoke')}>
              <Button size="small" danger disabled icon={<StopOutlined />} aria-label={t('tokens.revokeFor', { name: token.name })}>
                {t('tokens.revoke')}
              </Button>
            </Tooltip>
          );
        }
        return (
          <ConfirmDeleteButton
            title={t('tokens.revokeTitle', { name: token.name })}
            description={t('tokens.revokeBody')}
            action={t('tokens.revoke')}
            icon={<StopOutlined />}
            loading={revoke.isPending}
            ariaLabel={t('tokens.revokeFor', { name: token.name })}
            onConfirm={() => revoke.mutateAsync(token)}
          />
        );
      },
    },
  ];

  return (
    <Card
      data-testid="tokens-card"
      title={t('tokens.title')}
      extra={
        <Button type="primary" icon={<KeyOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <QueryResult query={tokens}>
        {(items) => (
          <Table<Token>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            pagination={items.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            rowClassName={(token) => (token.revoked_at ? 'paydesk-token-revoked' : '')}
            locale={{ emptyText: <EmptyState>{t('tokens.empty')}</EmptyState> }}
          />
        )}
      </QueryResult>
      {creating && <CreateTokenModal users={users.data ?? []} onClose={() => setCreating(false)} />}
    </Card>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { EmptyState, LoadError, Loading } from '../../../components/states';
import { ChannelFormDrawer } from './ChannelFormDrawer';
import { ChannelKindLabel } from './ChannelKindLabel';
import { eventKey, storedSecrets } from './channelForm';
import { problemText } from './format';
import { OutboxTable } from './OutboxTable';
import { keys, useTeamLabel, useTeams } from './queries';
import { notificationEvents, type Channel, type ChannelTestResult } from './types';

type Editing = { channel: Channel | null } | null;
type TestOutcome = { channel: Channel; result: ChannelTestResult } | { channel: Channel; failure: string };

export const useChannels = () => useQuery({ queryKey: keys.channels, queryFn: async () => (await api<{ items: Channel[] }>('/notification-channels')).items });

/** Settings tab `notifications`: where reminders, breaches and handovers are pushed, and what happened to each push. */
export function NotificationChannels() {
  const { t } = useTranslation('settingsAccess');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const teams = useTeams();
  const teamLabel = useTeamLabel();
  const [editing, setEditing] = useState<Editing>(null);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);

  const sendTest = useMutation({
    mutationFn: (channel: Channel) => api<ChannelTestResult>(`/notification-channels/${channel.id}/test`, { method: 'POST' }),
    onMutate: () => setOutcome(null),
    onSuccess: (result, channel) => setOutcome({ channel, result }),
    onError: (error, channel) => setOutcome({ channel, failure: problemText(error) }),
  });

  const remove = useMutation({
    mutationFn: (channel: Channel) => api<void>(`/notification-channels/${channel.id}`, { method: 'DELETE' }),
    onSuccess: (_, channel) => {
      void queryClient.invalidateQueries({ queryKey: keys.channels });
      void queryClient.invalidateQueries({ queryKey: keys.outbox });
      if (outcome?.channel.id === channel.id) setOutcome(null);
      void message.success(t('channels.deleted', { name: channel.name }));
    },
    onError: (error) => void message.error(problemText(error)),
  });

  const destination = (channel: Channel) => {
    const config = channel.config;
    if (channel.kind === 'email') {
      const to = Array.isArray(config.to) ? config.to.filter((entry): entry is string => typeof entry === 'string') : [];
      return `${typeof config.host === 'string' ? config.host : '—'} → ${to.join(', ')}`;
    }
    return storedSecrets(channel).host ?? '—';
  };

  const columns: TableColumnsType<Channel> = [
    { title: t('channels.kind'), dataIndex: 'kind', render: (kind: string) => <ChannelKindLabel kind={kind} /> },
    {
      title: t('channels.name'),
      dataIndex: 'name',
      render: (name: string, channel) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {destination(channel)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('channels.events'),
      dataIndex: 'events',
      responsive: ['lg'],
      render: (events: Channel['events']) =>
        events.length === notificationEvents.length ? (
          t('channels.allEvents')
        ) : (
          <Tooltip title={events.map((event) => t(`event.${eventKey(event)}`)).join(t('schedule.listSeparator'))}>
            <span>{t('channels.someEvents', { count: events.length })}</span>
          </Tooltip>
        ),
    },
    { title: t('channels.teams'), dataIndex: 'teams', responsive: ['lg'], render: (codes: string[]) => (codes.length === 0 ? t('channels.allTeams') : codes.map((code) => <Tag key={code}>{teamLabel(code, teams.data)}</Tag>)) },
    { title: t('channels.locale'), dataIndex: 'locale', render: (locale: string) => t(`locale.${locale}`, { defaultValue: locale }) },
    {
      title: t('channels.enabled'),
      dataIndex: 'enabled',
      render: (enabled: boolean, channel) =>
        storedSecrets(channel).unreadable ? (
          <Tooltip title={t('channels.unreadable')}>
            <Tag color="orange">{t('channels.needsReentry')}</Tag>
          </Tooltip>
        ) : (
          <Tag color={enabled ? 'green' : 'default'}>{enabled ? t('channels.on') : t('channels.off')}</Tag>
        ),
    },
    {
      title: t('channels.actions'),
      key: 'actions',
      render: (_, channel) => (
        <Flex gap={6} wrap>
          <Button size="small" icon={<SendOutlined />} loading={sendTest.isPending && sendTest.variables?.id === channel.id} disabled={sendTest.isPending && sendTest.variables?.id !== channel.id} aria-label={t('channels.testFor', { name: channel.name })} onClick={() => sendTest.mutate(channel)}>
            {t('channels.test')}
          </Button>
          <Button size="small" icon={<EditOutlined />} aria-label={t('channels.editFor', { name: channel.name })} onClick={() => setEditing({ channel })}>
            {t('common:actions.edit')}
          </Button>
          <Popconfirm
            title={t('channels.deleteTitle', { name: channel.name })}
            description={t('channels.deleteBody')}
            okText={t('common:actions.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => remove.mutateAsync(channel)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('channels.deleteFor', { name: channel.name })}>
              {t('common:actions.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={24}>
      <Card
        title={t('channels.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ channel: null })}>
            {t('channels.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('channels.intro')}</Typography.Paragraph>
        {outcome && <TestOutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}
        {channels.isPending ? (
          <Loading />
        ) : channels.isError ? (
          <LoadError error={channels.error} onRetry={() => void channels.refetch()} />
        ) : (
          <Table<Channel>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={channels.data}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <EmptyState>
                  <Flex vertical gap={8} align="center">
                    <span>{t('channels.empty')}</span>
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ channel: null })}>
                      {t('channels.add')}
                    </Button>
                  </Flex>
                </EmptyState>
              ),
            }}
          />
        )}
      </Card>
      <OutboxTable channels={channels.data ?? []} />
      {editing && <ChannelFormDrawer key={editing.channel?.id ?? 'new'} channel={editing.channel} teams={teams.data ?? []} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

function TestOutcomeAlert({ outcome, onClose }: { outcome: TestOutcome; onClose(): void }) {
  const { t } = useTranslation('settingsAccess');
  const name = outcome.channel.name;
  const closable = { onClose, 'aria-label': t('common:actions.close') };
  if ('failure' in outcome) return <Alert data-testid="test-result" data-delivered="false" type="error" showIcon closable={closable} style={{ marginBottom: 16 }} title={t('channels.testFailed', { name })} description={outcome.failure} />;
  if (outcome.result.delivered) return <Alert data-testid="test-result" data-delivered="true" type="success" showIcon closable={closable} style={{ marginBottom: 16 }} title={t('channels.testDelivered', { name })} description={t('channels.testDeliveredHelp')} />;
  return (
    <Alert
      data-testid="test-result"
      data-delivered="false"
      type="error"
      showIcon
      closable={closable}
      style={{ marginBottom: 16 }}
      title={t('channels.testFailed', { name })}
      description={
        <>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {outcome.result.error ?? '—'}
          </Typography.Text>
          <div>{outcome.result.retryable ? t('channels.testRetryable') : t('channels.testPermanent')}</div>
        </>
      }
    />
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { EmptyState } from '../../../components/states';
import { QueryResult } from '../shared/QueryResult';
import { ConfirmDeleteButton, EditButton } from '../shared/rowActions';
import { problemTitle } from '../shared/serverErrors';
import { useEditTarget } from '../shared/useEditTarget';
import { ChannelFormDrawer } from './ChannelFormDrawer';
import { ChannelKindLabel } from './ChannelKindLabel';
import { eventKey, storedSecrets } from './channelForm';
import { OutboxTable } from './OutboxTable';
import { keys, useTeamLabel, useTeams } from './queries';
import { notificationEvents, type Channel, type ChannelTestResult } from './types';

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
  const editing = useEditTarget<Channel>();
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);

  const sendTest = useMutation({
    mutationFn: (channel: Channel) => api<ChannelTestResult>(`/notification-channels/${channel.id}/test`, { method: 'POST' }),
    onMutate: () => setOutcome(null),
    onSuccess: (result, channel) => setOutcome({ channel, result }),
    onError: (error, channel) => setOutcome({ channel, failure: problemTitle(error) }),
  });

  const remove = useMutation({
    mutationFn: (channel: Channel) => api<void>(`/notification-channels/${channel.id}`, { method: 'DELETE' }),
    onSuccess: (_, channel) => {
      void queryClient.invalidateQueries({ queryKey: keys.channels });
      void queryClient.invalidateQueries({ queryKey: keys.outbox });
      if (outcome?.channel.id === channel.id) setOutcome(null);
      void message.success(t('channels.deleted', { name: channel.name }));
    },
    onError: (error) => void message.error(problemTitle(error)),
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
          <EditButton ariaLabel={t('channels.editFor', { name: channel.name })} onClick={() => editing.edit(channel)} />
          <ConfirmDeleteButton
            title={t('channels.deleteTitle', { name: channel.name })}
            description={t('channels.deleteBody')}
            ariaLabel={t('channels.deleteFor', { name: channel.name })}
            onConfirm={() => remove.mutateAsync(channel)}
          />
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={24}>
      <Card
        title={t('channels.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={editing.create}>
            {t('channels.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('channels.intro')}</Typography.Paragraph>
        {outcome && <TestOutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}
        <QueryResult query={channels}>
          {(items) => (
            <Table<Channel>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: (
                  <EmptyState>
                    <Flex vertical gap={8} align="center">
                      <span>{t('channels.empty')}</span>
                      <Button type="primary" icon={<PlusOutlined />} onClick={editing.create}>
                        {t('channels.add')}
                      </Button>
                    </Flex>
                  </EmptyState>
                ),
              }}
            />
          )}
        </QueryResult>
      </Card>
      <OutboxTable channels={channels.data ?? []} />
      {editing.open && <ChannelFormDrawer key={editing.item?.id ?? 'new'} channel={editing.item} teams={teams.data ?? []} onClose={editing.close} />}
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

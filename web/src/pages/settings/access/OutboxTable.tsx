import { useState } from 'react';
import { App, Button, Card, Flex, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, RetweetOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../api/client';
import { EmptyState } from '../../../components/states';
import { QueryResult } from '../shared/QueryResult';
import { problemTitle } from '../shared/serverErrors';
import { eventKey } from './channelForm';
import { formatInstant } from './format';
import { keys } from './queries';
import { outboxStateList, type Channel, type OutboxItem, type OutboxState } from './types';

const stateColors: Record<OutboxState, string> = { pending: 'gold', sending: 'processing', sent: 'green', dead: 'red' };
const all = 'all';

/** The notification outbox, newest first: what went out, what is waiting, and what gave up (with a retry). */
export function OutboxTable({ channels }: { channels: Channel[] }) {
  const { t, i18n } = useTranslation('settingsAccess');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<OutboxState | typeof all>(all);
  const [channelId, setChannelId] = useState<string | undefined>(undefined);

  const outbox = useInfiniteQuery({
    queryKey: [...keys.outbox, state, channelId ?? all],
    queryFn: ({ pageParam, signal }) => api<Page<OutboxItem>>('/notifications/outbox', { query: { state: state === all ? undefined : state, channel_id: channelId, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

  const retry = useMutation({
    mutationFn: (item: OutboxItem) => api<OutboxItem>(`/notifications/outbox/${item.id}/retry`, { method: 'POST' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.outbox });
      void message.success(t('outbox.requeued'));
    },
    onError: (error) => void message.error(problemTitle(error)),
  });

  const channelName = (id: string) => channels.find((channel) => channel.id === id)?.name ?? t('outbox.deletedChannel');
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<OutboxItem> = [
    { title: t('outbox.created'), dataIndex: 'created_at', render: (value: string) => formatInstant(value, i18n.language) },
    {
      title: t('outbox.event'),
      dataIndex: 'event',
      render: (event: string, item) => (
        <Flex vertical gap={2}>
          <span>{t(`event.${eventKey(event)}`, { defaultValue: event })}</span>
          <Typography.Text type="secondary" style={{ maxWidth: 240, fontSize: 12 }} ellipsis={{ tooltip: item.title }}>
            {item.title}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('outbox.channel'), dataIndex: 'channel_id', render: (id: string) => channelName(id) },
    { title: t('outbox.state'), dataIndex: 'state', render: (value: OutboxState) => <Tag color={stateColors[value]} data-state={value}>{t(`outboxState.${value}`)}</Tag> },
    { title: t('outbox.attempts'), dataIndex: 'attempts', align: 'right' },
    { title: t('outbox.nextAttempt'), dataIndex: 'next_attempt_at', responsive: ['xl'], render: (value: string, item) => (item.state === 'pending' ? formatInstant(value, i18n.language) : <Typography.Text type="secondary">—</Typography.Text>) },
    {
      title: t('outbox.lastError'),
      dataIndex: 'last_error',
      render: (error: string | null) =>
        error ? (
          <Tooltip title={error}>
            <Typography.Text type="danger" style={{ maxWidth: 220 }} ellipsis>
              {error}
            </Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('outbox.actions'),
      key: 'actions',
      render: (_, item) =>
        item.state === 'dead' ? (
          <Button size="small" icon={<RetweetOutlined />} loading={retry.isPending && retry.variables?.id === item.id} aria-label={t('outbox.retryFor', { title: item.title })} onClick={() => retry.mutate(item)}>
            {t('outbox.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      title={t('outbox.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void outbox.refetch()} loading={outbox.isRefetching && !outbox.isFetchingNextPage}>
          {t('common:actions.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('outbox.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Segmented<OutboxState | typeof all>
          aria-label={t('outbox.state')}
          value={state}
          onChange={setState}
          options={[{ value: all, label: t('outbox.allStates') }, ...outboxStateList.map((value) => ({ value, label: t(`outboxState.${value}`) }))]}
        />
        <Select allowClear aria-label={t('outbox.channel')} placeholder={t('outbox.allChannels')} style={{ minWidth: 200 }} value={channelId} onChange={setChannelId} options={channels.map((channel) => ({ value: channel.id, label: channel.name }))} />
      </Flex>
      <QueryResult query={outbox}>
        {() => (
          <>
            <Table<OutboxItem>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <EmptyState>{state === 'dead' ? t('outbox.emptyDead') : t('outbox.empty')}</EmptyState> }}
            />
            {outbox.hasNextPage && (
              <Flex justify="center" style={{ marginTop: 12 }}>
                <Button onClick={() => void outbox.fetchNextPage()} loading={outbox.isFetchingNextPage}>
                  {t('outbox.more')}
                </Button>
              </Flex>
            )}
          </>
        )}
      </QueryResult>
    </Card>
  );
}

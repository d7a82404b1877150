// Live chats (/chats): the website widget's conversations on the left, the chosen one on the right.
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, Empty, Flex, Grid, Row, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { LoadError, Loading } from '../../components/states';
import { ChatList } from './ChatList';
import { Conversation } from './Conversation';
import { chatFilters, useChatList, type ChatFilter } from './queries';

export default function ChatsPage() {
  const { t } = useTranslation('chats');
  const { can } = useSession();
  const editable = can('admin', 'supervisor', 'agent');
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [params, setParams] = useSearchParams();
  const filter: ChatFilter = (chatFilters as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as ChatFilter) : 'open';
  const selected = params.get('chat');
  const list = useChatList(filter);

  const update = (key: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const items = list.data?.items ?? [];
  const listPane = (
    <Card size="small" styles={{ body: { padding: 0 } }} title={<Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('list.polling')}</Typography.Text>}>
      {list.isLoading ? (
        <Loading />
      ) : list.isError ? (
        <div style={{ padding: 12 }}>
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : items.length === 0 ? (
        <div style={{ padding: 24 }} data-testid="chats-empty">
          <Empty description={filter === 'open' ? t('list.empty') : t('list.emptyFiltered')} />
        </div>
      ) : (
        <div style={{ maxHeight: wide ? 'calc(100vh - 260px)' : undefined, overflowY: 'auto' }}>
          <ChatList items={items} selected={selected} onSelect={(id) => update('chat', id)} />
        </div>
      )}
    </Card>
  );
  const pane = selected ? (
    <Conversation key={selected} chatId={selected} editable={editable} onBack={wide ? undefined : () => update('chat', null)} />
  ) : (
    <Card>
      <Empty description={t('pane.pick')} />
    </Card>
  );

  return (
    <Flex vertical gap={16} data-testid="chats-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('intro')}</Typography.Text>
      </div>
      {!editable && <Alert type="info" showIcon title={t('viewOnly')} />}
      <div style={{ overflowX: 'auto' }}>
        <Segmented<ChatFilter>
          aria-label={t('filter.label')}
          value={filter}
          onChange={(value) => update('status', value === 'open' ? null : value)}
          options={chatFilters.map((value) => ({ value, label: t(`filter.${value}`) }))}
          data-testid="chat-filter"
        />
      </div>
      {wide ? (
        <Row gutter={16}>
          <Col lg={8}>{listPane}</Col>
          <Col lg={16}>{pane}</Col>
        </Row>
      ) : selected ? (
        pane
      ) : (
        listPane
      )}
    </Flex>
  );
}

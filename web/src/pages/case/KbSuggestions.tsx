// The case workspace's "suggested articles": the knowledge-base articles most likely to answer this
// case, each one a click away from the reply box; on a web-chat case, whether the chat is still live.
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { BookOutlined, ExportOutlined, LinkOutlined, MessageOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { useSession } from '../../api/session';
import type { ArticleHit, Case, ChatDetail, ChatSummary } from '../../api/types';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { useCaseSuggestions } from '../kb/queries';
import { portalUrl } from '../kb/safeHtml';
import { PanelTitle } from './Panel';

/** The live chat behind a web-chat case, if there is one still open; polled while the page is open. */
function useCaseChat(item: Case) {
  const enabled = item.channel === 'web_chat';
  const chats = useQuery({
    queryKey: ['case', item.id, 'chat-of-case'],
    queryFn: async ({ signal }) => (await api<Page<ChatSummary>>('/chats', { query: { status: 'bot,waiting,agent', limit: 200 }, signal })).items.find((chat) => chat.case_id === item.id) ?? null,
    enabled,
    retry: false,
    staleTime: 30_000,
  });
  const chatId = chats.data?.id ?? null;
  const detail = useQuery({
    queryKey: ['chat', chatId, 'status'],
    queryFn: ({ signal }) => api<ChatDetail>(`/chats/${chatId ?? ''}`, { query: { after_seq: chats.data?.last_seq ?? 0, limit: 1 }, signal }),
    enabled: chatId !== null,
    retry: false,
    refetchInterval: 4_000,
  });
  return detail.data ?? chats.data ?? null;
}

function ChatLine({ item }: { item: Case }) {
  const { t } = useTranslation('kb');
  const chat = useCaseChat(item);
  if (!chat) return null;
  const typing = 'visitor_typing' in chat && chat.visitor_typing;
  return (
    <Flex vertical gap={2} data-testid="case-chat-status" style={{ marginBottom: 12, padding: '6px 10px', background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6 }}>
      <Space size={6} wrap>
        <MessageOutlined />
        <Typography.Text strong>{t('suggestions.chatLive')}</Typography.Text>
        <Link to={`/chats?chat=${chat.id}`}>{t('suggestions.chatOpen')}</Link>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-live="polite">
        {typing ? t('suggestions.chatTyping') : t('suggestions.chatStatus', { read: chat.visitor_read_seq, total: chat.last_seq })}
      </Typography.Text>
    </Flex>
  );
}

function Suggestion({ hit, first, editable, onInsert }: { hit: ArticleHit; first: boolean; editable: boolean; onInsert: (text: string) => void }) {
  const { t } = useTranslation('kb');
  const { message } = App.useApp();
  const { me } = useSession();
  const link = portalUrl(hit.url, me.tenant.slug);
  return (
    <li data-testid="kb-suggestion" data-slug={hit.slug} style={{ listStyle: 'none', padding: first ? '0 0 8px' : '8px 0', borderTop: first ? undefined : '1px solid #f0f0f0' }}>
      <Flex vertical gap={4}>
        <Typography.Text strong>{hit.title}</Typography.Text>
        <Space size={4} wrap>
          {hit.category && <Tag>{t(`domain:category.${hit.category}`, { defaultValue: hit.category })}</Tag>}
          <Tag variant="filled">{t(`locale.${hit.locale}`)}</Tag>
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }} ellipsis={{ rows: 2 }}>
          {hit.excerpt}
        </Typography.Paragraph>
        <Space size={6} wrap>
          {editable && (
            <Button
              size="small"
              icon={<LinkOutlined />}
              aria-label={t('suggestions.insertLabel', { title: hit.title })}
              onClick={() => {
                onInsert(t('suggestions.linkText', { title: hit.title, url: link }));
                void message.success(t('suggestions.inserted'));
              }}
            >
              {t('suggestions.insert')}
            </Button>
          )}
          <Button size="small" icon={<ExportOutlined />} href={link} target="_blank" rel="noopener noreferrer" aria-label={t('suggestions.openLabel', { title: hit.title })}>
            {t('suggestions.open')}
          </Button>
        </Space>
      </Flex>
    </li>
  );
}

export function KbSuggestions({ item, editable, onInsert }: { item: Case; editable: boolean; onInsert: (text: string) => void }) {
  const { t } = useTranslation('kb');
  const suggestions = useCaseSuggestions(item.id);
  const title = <PanelTitle icon={<BookOutlined />}>{t('suggestions.title')}</PanelTitle>;
  return (
    <Card size="small" title={title} data-testid="kb-suggestions">
      <ChatLine item={item} />
      {suggestions.isLoading ? (
        <Loading />
      ) : suggestions.isError ? (
        <LoadError error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : (suggestions.data ?? []).length === 0 ? (
        <EmptyState>{t('suggestions.empty')}</EmptyState>
      ) : (
        <ul aria-label={t('suggestions.title')} style={{ margin: 0, padding: 0 }}>
          {(suggestions.data ?? []).map((hit, index) => (
            <Suggestion key={hit.id} hit={hit} first={index === 0} editable={editable} onInsert={onInsert} />
          ))}
        </ul>
      )}
    </Card>
  );
}

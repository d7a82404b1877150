import { Badge, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChatSummary } from '../../api/types';
import { useFormat } from '../case/format';
import { ChatStatusTag } from './StatusTag';

type Props = { items: ChatSummary[]; selected: string | null; onSelect: (id: string) => void };

/** The chats as a list of buttons: who, status, the last words, unread count and the case. */
export function ChatList({ items, selected, onSelect }: Props) {
  const { t } = useTranslation('chats');
  const { time } = useFormat();
  return (
    <ul aria-label={t('list.label')} style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="chat-list">
      {items.map((chat) => {
        const last = chat.last_message;
        const active = chat.id === selected;
        const name = chat.visitor_name || chat.visitor_email || t('list.anonymous');
        return (
          <li key={chat.id}>
            <button
              type="button"
              onClick={() => onSelect(chat.id)}
              aria-current={active ? 'true' : undefined}
              data-testid="chat-item"
              data-chat-id={chat.id}
              style={{
                display: 'block',
                width: '100%',
                textAlign: 'start',
                border: 0,
                borderBottom: '1px solid #f0f0f0',
                borderInlineStart: `3px solid ${active ? '#1677ff' : 'transparent'}`,
                background: active ? '#e6f4ff' : 'transparent',
                padding: '10px 12px',
                cursor: 'pointer',
                font: 'inherit',
              }}
            >
              <Flex justify="space-between" align="center" gap={8}>
                <Flex align="center" gap={6} style={{ minWidth: 0 }}>
                  <ChatStatusTag status={chat.status} />
                  <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
                    {name}
                  </Typography.Text>
                </Flex>
                {chat.unread > 0 && <Badge count={chat.unread} title={t('list.unread', { count: chat.unread })} data-testid="chat-unread" />}
              </Flex>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                {last ? `${t(`sender.${last.sender}`)}: ${last.body || (last.attachment?.filename ?? '')}` : t('list.noMessages')}
              </Typography.Text>
              <Flex justify="space-between" style={{ fontSize: 11, marginTop: 2 }}>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {chat.case_number !== null ? t('list.caseNumber', { number: chat.case_number }) : t('list.noCase')}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {time(chat.last_activity_at)}
                </Typography.Text>
              </Flex>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

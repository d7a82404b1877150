import { useEffect, useRef } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { CheckOutlined, RobotOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ChatDetail, ChatMessage } from '../../api/types';
import { useFormat } from '../case/format';

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Bubble({ message, seen }: { message: ChatMessage; seen: boolean }) {
  const { t } = useTranslation('chats');
  const { time } = useFormat();
  if (message.sender === 'system') {
    return (
      <li data-testid="chat-message" data-sender="system" data-seq={message.seq} style={{ listStyle: 'none', textAlign: 'center', margin: '8px 0' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12, background: '#f5f5f5', borderRadius: 12, padding: '2px 10px', display: 'inline-block' }}>
          {message.body}
        </Typography.Text>
      </li>
    );
  }
  const ours = message.sender === 'agent';
  const bot = message.sender === 'bot';
  const author = bot ? t('sender.bot') : message.author_name ? `${message.author_name} · ${t(`sender.${message.sender}`)}` : t(`sender.${message.sender}`);
  return (
    <li data-testid="chat-message" data-sender={message.sender} data-seq={message.seq} style={{ listStyle: 'none', display: 'flex', justifyContent: ours ? 'flex-end' : 'flex-start', margin: '8px 0' }}>
      <Flex vertical gap={2} style={{ maxWidth: '78%', alignItems: ours ? 'flex-end' : 'flex-start' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="chat-author">
          {bot ? <RobotOutlined /> : <UserOutlined />} {author} · {time(message.created_at)}
        </Typography.Text>
        <div
          style={{
            background: ours ? '#1677ff' : bot ? '#f9f0ff' : '#f5f5f5',
            color: ours ? '#fff' : 'inherit',
            border: bot ? '1px solid #d3adf7' : 'none',
            borderRadius: 10,
            padding: '6px 12px',
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
          }}
        >
          {message.body}
          {message.attachment && <div style={{ fontSize: 12, opacity: 0.85 }}>{t('pane.attachment', { name: message.attachment.filename, size: size(message.attachment.size) })}</div>}
        </div>
        {message.actions && message.actions.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pane.quickReplies')}
            {message.actions.map((action) => (
              <Tag key={action.id} style={{ marginInlineStart: 4 }}>
                {action.label}
              </Tag>
            ))}
          </Typography.Text>
        )}
        {ours && seen && (
          <Typography.Text type="secondary" style={{ fontSize: 11 }} data-testid="chat-seen">
            <CheckOutlined /> {t('pane.read')}
          </Typography.Text>
        )}
      </Flex>
    </li>
  );
}

/** The conversation, oldest first; stays at the bottom as messages arrive unless the agent scrolled up. */
export function Messages({ chat }: { chat: ChatDetail }) {
  const { t } = useTranslation('chats');
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lastSeq = chat.messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    const element = box.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [lastSeq, chat.visitor_typing]);
  const lastAgent = [...chat.messages].reverse().find((message) => message.sender === 'agent');
  return (
    <div
      ref={box}
      onScroll={(event) => {
        const element = event.currentTarget;
        pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
      }}
      style={{ flex: 1, minHeight: 240, overflowY: 'auto', padding: '0 4px' }}
      tabIndex={0}
      aria-label={t('pane.messages')}
    >
      <ol style={{ margin: 0, padding: 0 }} aria-live="polite" data-testid="chat-messages">
        {chat.messages.map((message) => (
          <Bubble key={message.id} message={message} seen={message.id === lastAgent?.id && chat.visitor_read_seq >= message.seq} />
        ))}
      </ol>
      {chat.visitor_typing && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="chat-typing">
          {t('pane.typing')}
        </Typography.Text>
      )}
    </div>
  );
}

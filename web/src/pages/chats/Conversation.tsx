import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Space, Typography } from 'antd';
import { ArrowLeftOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api/client';
import type { ChatDetail } from '../../api/types';
import { LoadError, Loading } from '../../components/states';
import { problemText } from '../case/format';
import { Messages } from './Messages';
import { markRead, sendTyping, useChat, useCloseChat, useSendChatMessage } from './queries';
import { ChatStatusTag } from './StatusTag';

/** Typing is announced at most this often while keys are pressed, and withdrawn after this much quiet. */
const TYPING_EVERY_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

/** Tells the visitor "agent is typing" without a request per key press. */
function useTypingSignal(chatId: string) {
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stop = () => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = undefined;
    if (lastSent.current !== 0) sendTyping(chatId, false);
    lastSent.current = 0;
  };
  useEffect(() => () => {
    if (idle.current) clearTimeout(idle.current);
    if (lastSent.current !== 0) sendTyping(chatId, false);
  }, [chatId]);
  return {
    typed() {
      const now = Date.now();
      if (now - lastSent.current > TYPING_EVERY_MS) {
        lastSent.current = now;
        sendTyping(chatId, true);
      }
      if (idle.current) clearTimeout(idle.current);
      idle.current = setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}

/** Marks what the agent has on screen as read, once per new visitor message. */
function useMarkRead(chat: ChatDetail | undefined, enabled: boolean) {
  const marked = useRef(0);
  useEffect(() => {
    if (!chat || !enabled || document.visibilityState !== 'visible') return;
    const seq = chat.last_seq;
    if (seq <= chat.agent_read_seq || seq <= marked.current) return;
    marked.current = seq;
    void markRead(chat.id, seq).catch(() => {
      marked.current = 0;
    });
  }, [chat, enabled]);
}

function Answer({ chat }: { chat: ChatDetail }) {
  const { t } = useTranslation('chats');
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const send = useSendChatMessage(chat.id);
  const typing = useTypingSignal(chat.id);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = () => {
    const body = text.trim();
    if (!body || send.isPending) return;
    typing.stop();
    setFailure(null);
    send.mutate(body, {
      onSuccess: () => {
        setText('');
        void message.success(t('answer.sent'));
      },
      onError: setFailure,
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; an IME still composing Chinese keeps its Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  if (chat.status === 'closed') return <Alert type="info" showIcon title={t('answer.closedHint')} />;
  return (
    <Flex vertical gap={6}>
      {chat.status !== 'agent' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('answer.handoff')}
        </Typography.Text>
      )}
      {failure !== null && (
        <Alert type="error" showIcon closable={{ onClose: () => setFailure(null) }} title={t('answer.failed', { message: failure instanceof ProblemError || failure instanceof Error ? problemText(failure) : String(failure) })} data-testid="chat-send-error" />
      )}
      <label htmlFor="chat-answer" style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
        {t('answer.label')}
      </label>
      <Flex gap={8} align="flex-end">
        <Input.TextArea
          id="chat-answer"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim()) typing.typed();
          }}
          onKeyDown={onKeyDown}
          onBlur={typing.stop}
          placeholder={t('answer.placeholder')}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={4000}
          aria-label={t('answer.label')}
        />
        <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={send.isPending} disabled={!text.trim()} data-testid="chat-send">
          {t('answer.send')}
        </Button>
      </Flex>
    </Flex>
  );
}

type Props = { chatId: string; editable: boolean; onBack?: () => void };

/** One chat: who the visitor is, the messages (polled), and the answer box. */
export function Conversation({ chatId, editable, onBack }: Props) {
  const { t } = useTranslation('chats');
  const { message } = App.useApp();
  const chat = useChat(chatId);
  const close = useCloseChat(chatId);
  useMarkRead(chat.data, editable);

  const back = onBack && (
    <Button icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('pane.back')}>
      {t('pane.back')}
    </Button>
  );
  if (chat.isLoading) return <Card>{back}<Loading /></Card>;
  if (chat.isError || !chat.data) {
    const missing = chat.error instanceof ProblemError && (chat.error.status === 404 || chat.error.status === 400);
    return <Card>{back}{missing ? <Alert type="warning" showIcon title={t('pane.notFound')} /> : <LoadError error={chat.error} onRetry={() => void chat.refetch()} />}</Card>;
  }
  const data = chat.data;
  const name = data.visitor_name || data.visitor_email || t('list.anonymous');
  return (
    <Card
      data-testid="chat-pane"
      data-chat-id={data.id}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12, height: 'calc(100vh - 260px)', minHeight: 420 } }}
      title={
        <Flex align="center" gap={8} wrap style={{ padding: '8px 0' }}>
          {back}
          <ChatStatusTag status={data.status} />
          <Typography.Text strong>{name}</Typography.Text>
          {data.case_id && data.case_number !== null && (
            <Link to={`/cases/${data.case_id}`} data-testid="chat-case-link" style={{ fontSize: 14, fontWeight: 'normal' }}>
              {t('pane.openCase', { number: data.case_number })}
            </Link>
          )}
        </Flex>
      }
      extra={
        editable && data.status !== 'closed' ? (
          <Popconfirm title={t('close.confirm')} description={<div style={{ maxWidth: 260 }}>{t('close.body')}</div>} okText={t('close.button')} cancelText={t('common:actions.cancel')} onConfirm={() => close.mutateAsync().then(() => void message.success(t('close.done')), (error: unknown) => void message.error(problemText(error)))}>
            <Button size="small" icon={<StopOutlined />} loading={close.isPending}>
              {t('close.button')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      <Space size={12} wrap style={{ fontSize: 12 }}>
        {data.visitor_email && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pane.email')}
            {data.visitor_email}
          </Typography.Text>
        )}
        {data.page_url && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: data.page_url }}>
            {t('pane.from')}
            {data.page_url}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {data.bot_active ? t('pane.botActive') : t('pane.botStopped')}
        </Typography.Text>
        {data.outcome && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`outcome.${data.outcome}`)}</Typography.Text>}
      </Space>
      <Messages chat={data} />
      {editable && <Answer key={data.id} chat={data} />}
    </Card>
  );
}

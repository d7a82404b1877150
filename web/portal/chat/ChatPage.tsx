import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Input, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, ClockCircleOutlined, CloseOutlined, CustomerServiceOutlined, ExclamationCircleOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { problemMessage } from '../api/client';
import { Bubble } from '../components/Conversation';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LinkButton } from '../components/LinkButton';
import { Loading, ProblemAlert } from '../components/states';
import { acceptAttribute, uploadProblem } from '../components/uploads';
import { useTenant, useTenantPath } from '../tenant';
import { usePortal } from '../usePortal';
import { AttachmentView } from './AttachmentView';
import { deliveryOf, type Delivery, type Line } from './lines';
import { useChat, type Chat } from './useChat';

function Tick({ delivery, onRetry }: { delivery: Delivery; onRetry: () => void }) {
  const { t } = useTranslation('chat');
  if (delivery === 'failed') {
    return (
      <span className="pd-meta" data-delivery="failed" style={{ color: '#ff4d4f' }}>
        <ExclamationCircleOutlined aria-hidden /> {t('failed')}
        <Button type="link" size="small" onClick={onRetry} style={{ padding: 0, height: 'auto' }}>{t('retry')}</Button>
      </span>
    );
  }
  const icon = delivery === 'sending' ? <ClockCircleOutlined aria-hidden /> : delivery === 'read' ? <span aria-hidden style={{ color: '#1677ff' }}><CheckOutlined /><CheckOutlined style={{ marginLeft: -6 }} /></span> : <CheckOutlined aria-hidden />;
  return (
    <span className="pd-meta" data-testid="delivery" data-delivery={delivery}>
      {icon} {t(delivery)}
    </span>
  );
}

function MessageLine({ line, chat }: { line: Line; chat: Chat }) {
  const from = line.sender;
  const delivery = from === 'visitor' ? deliveryOf(line, chat.agentReadSeq) : null;
  return (
    <Bubble
      from={from}
      name={line.author_name}
      body={line.body}
      at={line.pending ? undefined : line.created_at}
      testId="chat-message"
      footer={delivery ? <Tick delivery={delivery} onRetry={() => chat.retry(line)} /> : null}
    >
      {line.attachment && chat.session ? <AttachmentView attachment={line.attachment} session={chat.session} /> : null}
    </Bubble>
  );
}

function Composer({ chat, disabled }: { chat: Chat; disabled: boolean }) {
  const { t } = useTranslation('chat');
  const { t: tc } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const body = text.trim();
    if (!body) return;
    chat.send(body);
    setText('');
  };
  return (
    <div className="pd-chat-composer">
      {problem ? <Alert type="error" showIcon closable={{ onClose: () => setProblem(null) }} title={problem} style={{ marginBottom: 8 }} /> : null}
      <Flex gap={6} align="flex-end">
        <Upload
          accept={acceptAttribute}
          showUploadList={false}
          disabled={disabled}
          beforeUpload={(file) => {
            const reason = uploadProblem(file, tc);
            setProblem(reason);
            return reason ? Upload.LIST_IGNORE : true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            const chosen = file as File;
            chat.sendFile(chosen).then(
              () => onSuccess?.({}),
              (error: unknown) => {
                setProblem(t('uploadFailed', { name: chosen.name, message: problemMessage(error, tc('state.network')) }));
                onError?.(error instanceof Error ? error : new Error(String(error)));
              },
            );
          }}
        >
          <Button icon={<PaperClipOutlined aria-hidden />} aria-label={t('attach')} title={t('attach')} disabled={disabled} />
        </Upload>
        <Input.TextArea
          value={text}
          disabled={disabled}
          onChange={(event) => {
            setText(event.target.value);
            chat.visitorTyping();
          }}
          onKeyDown={(event) => {
            // Enter sends; Shift+Enter is a new line; Enter that picks a Chinese IME candidate is neither.
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submit();
            }
          }}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={4000}
          aria-label={t('inputLabel')}
          placeholder={t('placeholder')}
        />
        <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={submit} disabled={disabled || !text.trim()} aria-label={t('send')}>
          {t('send')}
        </Button>
      </Flex>
    </div>
  );
}

export default function ChatPage() {
  const { t, i18n } = useTranslation('chat');
  const { t: tc } = useTranslation();
  const to = useTenantPath();
  const [params] = useSearchParams();
  const embed = params.get('embed') === '1';
  const tenant = useTenant();
  const { portal } = usePortal();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const page = params.get('page') ?? undefined;
  const chat = useChat(tenant.slug, locale, page && /^https?:\/\//.test(page) ? page.slice(0, 500) : undefined, () => {
    if (embed && window.parent !== window) window.parent.postMessage({ type: 'paydesk:message' }, '*');
  });
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = t('title');
  }, [t]);
  // Keep the newest message in view.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [chat.lines.length, chat.typing]);

  const conversation = chat.conversation;
  const closed = conversation?.status === 'closed';
  const botActive = conversation?.bot_active ?? true;
  const subtitle = !conversation ? t('connecting') : closed ? t('closed') : botActive ? t('botActive') : conversation?.status === 'agent' ? t('withAgent') : t('waiting');
  const last = chat.lines.at(-1);
  const quickReplies = botActive && last?.sender === 'bot' ? (last.actions ?? []).filter((action) => action.id !== 'handoff') : [];

  return (
    <div className="pd-chat" style={embed ? undefined : { maxWidth: 720, margin: '0 auto', borderInline: '1px solid #eef0f3' }}>
      <header style={{ background: '#1677ff', color: '#fff', padding: '10px 12px' }}>
        <Flex align="center" justify="space-between" gap={8}>
          {embed ? null : <LinkButton to={to('/')} type="text" icon={<ArrowLeftOutlined aria-hidden />} aria-label={tc('nav.home')} title={tc('nav.home')} style={{ color: '#fff' }} />}
          <div style={{ minWidth: 0, flex: 1 }}>
            <Typography.Title level={1} style={{ color: '#fff', fontSize: 16, margin: 0 }} ellipsis>
              {portal.data?.tenant.name ? `${portal.data.tenant.name} · ${t('title')}` : t('title')}
            </Typography.Title>
            <Flex align="center" gap={6} wrap>
              <span style={{ fontSize: 12, opacity: 0.9 }} data-testid="chat-state">{subtitle}</span>
              {conversation?.case_number ? (
                <Tag color="gold" variant="filled" style={{ marginInlineEnd: 0 }} data-testid="chat-case-number">
                  {t('caseNumber', { number: conversation.case_number })}
                </Tag>
              ) : null}
            </Flex>
          </div>
          <Flex align="center" gap={6}>
            <LanguageSwitch />
            {embed ? (
              <Button type="text" icon={<CloseOutlined aria-hidden />} aria-label={t('close')} title={t('close')} style={{ color: '#fff' }} onClick={() => window.parent.postMessage({ type: 'paydesk:close' }, '*')} />
            ) : null}
          </Flex>
        </Flex>
      </header>
      {chat.connection === 'offline' ? <Alert type="warning" banner showIcon title={t('offline')} data-testid="chat-offline" /> : null}
      {chat.notice ? <Alert type="error" banner showIcon title={chat.notice} /> : null}
      {tenant.error ? <ProblemAlert error={tenant.error} /> : null}
      {chat.startError ? <Alert type="error" banner showIcon title={t('startFailed', { message: problemMessage(chat.startError, '') })} /> : null}

      <div className="pd-chat-list" ref={listRef} role="log" aria-live="polite" aria-label={t('title')} data-testid="chat-log">
        <Bubble from="bot" name={null} body={t('welcome')} testId="chat-welcome" />
        {!chat.session && !chat.startError ? <Loading /> : null}
        {chat.lines.map((line) => (
          <MessageLine key={line.key} line={line} chat={chat} />
        ))}
        {chat.typing ? (
          <div className="pd-meta" style={{ margin: '4px 4px 8px' }} data-testid="typing" role="status">
            {t('typing')}
          </div>
        ) : null}
        {quickReplies.length > 0 ? (
          <Flex gap={8} wrap style={{ margin: '4px 0 8px' }} data-testid="quick-replies">
            {quickReplies.map((action) => (
              <Button key={action.id} size="small" shape="round" onClick={() => chat.action(action.id === 'solved' ? 'solved' : 'handoff')}>
                {action.label}
              </Button>
            ))}
          </Flex>
        ) : null}
      </div>

      {botActive && !closed ? (
        <Flex justify="center" style={{ padding: '6px 8px 0', background: '#fff', borderTop: '1px solid #eef0f3' }}>
          <Button size="small" icon={<CustomerServiceOutlined aria-hidden />} onClick={() => chat.action('handoff')} disabled={chat.connection !== 'online'} data-testid="handoff">
            {t('handoff')}
          </Button>
        </Flex>
      ) : null}
      {closed ? (
        <Flex justify="center" style={{ padding: 12, background: '#fff', borderTop: '1px solid #eef0f3' }}>
          <Button type="primary" onClick={chat.restart}>{t('newChat')}</Button>
        </Flex>
      ) : (
        <Composer chat={chat} disabled={!chat.session} />
      )}
    </div>
  );
}

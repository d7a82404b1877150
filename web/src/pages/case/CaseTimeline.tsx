import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Card, Flex, Segmented, Tag, Timeline, Tooltip, Typography } from 'antd';
import { AuditOutlined, MessageOutlined, PaperClipOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Attachment, Call, Message, TimelineItem } from '../../api/types';
import { EmptyState, LoadError, Loading } from '../../components/states';
import type { useAttachments, useCalls, useMessages, useTimeline } from './data';
import { describeEvent, eventTitle, ruleNames } from './describe-event';
import { AttachmentLink, fileSize } from './Attachments';
import { useFormat } from './format';
import { buildTimeline, timelineFilters, type Entry, type TimelineFilter } from './timeline-model';

/** The audit hash, shortened; the tooltip (also on focus) has the full hash and the previous one. */
export function HashChip({ event }: { event: TimelineItem }) {
  const { t } = useTranslation('case');
  return (
    <Tooltip
      title={
        <div style={{ fontFamily: 'monospace', fontSize: 11, wordBreak: 'break-all' }}>
          <div>
            {t('timeline.hash')}: {event.hash}
          </div>
          <div>
            {t('timeline.prevHash')}: {event.prev_hash}
          </div>
        </div>
      }
    >
      <Typography.Text code tabIndex={0} aria-label={t('timeline.hashLabel', { hash: event.hash })} data-testid="event-hash" data-hash={event.hash} style={{ fontSize: 11, cursor: 'help' }}>
        {event.hash.slice(0, 10)}
      </Typography.Text>
    </Tooltip>
  );
}

/** An entry's first line: what it is on the left; when, and the audit hash that recorded it, on the right. */
function EntryHeader({ at, event, children }: { at: string; event: TimelineItem | null; children: ReactNode }) {
  const { time } = useFormat();
  return (
    <Flex justify="space-between" wrap gap={6}>
      <span>{children}</span>
      <span>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 6 }}>
          {time(at)}
        </Typography.Text>
        {event && <HashChip event={event} />}
      </span>
    </Flex>
  );
}

const directionColor: Record<Message['direction'], string> = { inbound: 'blue', outbound: 'green', note: 'gold' };
const bubbleBackground: Record<Message['direction'], string> = { inbound: '#f5f5f5', outbound: '#f6ffed', note: '#fffbe6' };

function MessageEntry({ message, event, conduct }: Pick<Extract<Entry, { kind: 'message' }>, 'message' | 'event' | 'conduct'>) {
  const { t } = useTranslation('case');
  const author = message.author_name ?? t(`timeline.author.${message.author_type}`);
  return (
    <div data-testid="timeline-message" data-direction={message.direction} data-message-id={message.id} style={{ background: bubbleBackground[message.direction], borderRadius: 8, padding: '8px 12px' }}>
      <EntryHeader at={message.created_at} event={event}>
        <Tag color={directionColor[message.direction]}>{t(`timeline.${message.direction}`)}</Tag>
        <Typography.Text strong>{author}</Typography.Text>
        {message.delivery_status && (
          <Tag style={{ marginLeft: 8 }} color={message.delivery_status === 'delivered' ? 'success' : message.delivery_status === 'failed' ? 'error' : 'processing'} data-testid="delivery-status">
            {t(`timeline.delivery.${message.delivery_status}`)}
          </Tag>
        )}
      </EntryHeader>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0' }}>{message.body}</Typography.Paragraph>
      {message.delivery_error && <Typography.Text type="danger">{t('timeline.deliveryError', { error: message.delivery_error })}</Typography.Text>}
      {conduct && (
        <Alert
          style={{ marginTop: 6 }}
          type="warning"
          showIcon
          data-testid="message-conduct"
          title={`${t('timeline.conductKept')} ${ruleNames(t, conduct.rules)}`}
          description={conduct.matches.filter(Boolean).map((match) => `“${match}”`).join(' ') || undefined}
        />
      )}
    </div>
  );
}

function CallEntry({ call, event }: { call: Call; event: TimelineItem | null }) {
  const { t } = useTranslation('case');
  return (
    <div data-testid="timeline-call" style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px' }}>
      <EntryHeader at={call.started_at} event={event}>
        <Tag icon={<PhoneOutlined />} color="purple">
          {t(call.direction === 'inbound' ? 'timeline.callInbound' : 'timeline.callOutbound')}
        </Tag>
        <Typography.Text strong>{call.agent_name}</Typography.Text>
        <Tag style={{ marginLeft: 8 }}>{t(`timeline.callOutcome.${call.outcome}`)}</Tag>
        <Typography.Text type="secondary">{call.duration_seconds !== null ? t('timeline.callDuration', { minutes: Math.max(1, Math.round(call.duration_seconds / 60)) }) : t('timeline.callNotConnected')}</Typography.Text>
      </EntryHeader>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0' }}>{call.summary}</Typography.Paragraph>
      {call.transferred_to_team && <Typography.Text type="secondary">{t('timeline.callTransferred', { team: call.transferred_to_team })}</Typography.Text>}
    </div>
  );
}

function EventEntry({ event, attachment, isAttachment }: { event: TimelineItem; attachment?: Attachment | null; isAttachment?: boolean }) {
  const { t } = useTranslation('case');
  const { time } = useFormat();
  const lines = describeEvent(t, event, time);
  const filename = typeof event.payload.filename === 'string' ? event.payload.filename : '';
  return (
    <div data-testid={isAttachment ? 'timeline-attachment' : 'timeline-event'} data-type={event.type}>
      <EntryHeader at={event.at} event={event}>
        <Typography.Text strong>{eventTitle(t, event.type)}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {event.actor.name}
        </Typography.Text>
      </EntryHeader>
      {isAttachment && (attachment ? (
        <span>
          <AttachmentLink attachment={attachment} />
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
            {fileSize(attachment.size)}
          </Typography.Text>
        </span>
      ) : (
        <Typography.Text type="secondary">
          {t('timeline.attachmentGone')} {filename}
        </Typography.Text>
      ))}
      {lines.map((line, index) => (
        <Typography.Paragraph key={index} type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {line}
        </Typography.Paragraph>
      ))}
    </div>
  );
}

function renderEntry(entry: Entry) {
  switch (entry.kind) {
    case 'message':
      return <MessageEntry message={entry.message} event={entry.event} conduct={entry.conduct} />;
    case 'call':
      return <CallEntry call={entry.call} event={entry.event} />;
    case 'attachment':
      return <EventEntry event={entry.event} attachment={entry.attachment} isAttachment />;
    case 'event':
      return <EventEntry event={entry.event} />;
  }
}

const entryIcon = { message: <MessageOutlined />, call: <PhoneOutlined />, attachment: <PaperClipOutlined />, event: <AuditOutlined /> } as const;
const entryColor = { message: 'blue', call: 'purple', attachment: 'green', event: 'gray' } as const;

export function CaseTimeline(props: { messages: ReturnType<typeof useMessages>; events: ReturnType<typeof useTimeline>; calls: ReturnType<typeof useCalls>; attachments: ReturnType<typeof useAttachments> }) {
  const { t } = useTranslation('case');
  const [filter, setFilter] = useState<TimelineFilter>('all');
  const { messages, events, calls, attachments } = props;
  const entries = useMemo(
    () => buildTimeline({ messages: messages.data ?? [], events: events.data ?? [], calls: calls.data ?? [], attachments: attachments.data ?? [] }),
    [messages.data, events.data, calls.data, attachments.data],
  );
  const shown = entries.filter((entry) => (timelineFilters[filter] as readonly string[]).includes(entry.kind));
  const failed = [messages, events, calls, attachments].find((query) => query.isError);
  const loading = messages.isLoading || events.isLoading;
  return (
    <Card
      title={t('timeline.title')}
      extra={
        <Segmented<TimelineFilter>
          size="small"
          aria-label={t('timeline.filterLabel')}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('timeline.filterAll') },
            { value: 'conversation', label: t('timeline.filterConversation') },
            { value: 'audit', label: t('timeline.filterAudit') },
          ]}
        />
      }
      data-testid="case-timeline"
    >
      {failed && (
        <LoadError
          error={failed.error}
          onRetry={() => {
            for (const query of [messages, events, calls, attachments]) if (query.isError) void query.refetch();
          }}
        />
      )}
      {loading ? (
        <Loading />
      ) : shown.length === 0 ? (
        <EmptyState>{entries.length === 0 ? t('timeline.empty') : t('timeline.emptyFiltered')}</EmptyState>
      ) : (
        <Timeline style={{ marginTop: 8 }} items={shown.map((entry) => ({ key: entry.key, color: entryColor[entry.kind], icon: entryIcon[entry.kind], content: renderEntry(entry) }))} />
      )}
    </Card>
  );
}

import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../audit/audit.service.js';
import { emptyBotState, type BotAction, type BotState } from '../bot/bot.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { ChatMessageRow } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { maskCardNumbers } from '../privacy/mask.js';
import { requireCase } from '../cases/cases.service.js';
import { recordMessage } from '../cases/messages.service.js';
import { findTenantBySlug } from '../tenants/tenants.service.js';
import { CHAT_BODY_MAX, type ChatMessage, type ChatSender, type ChatState, type ChatStatus, type ChatSummary, type CreateConversationBody } from './chat.schema.js';
import * as repo from './chat.repository.js';
import { chatText } from './chat.strings.js';

/** For the self-service report (src/analytics); pass `now` to close idle chats first. */
export { chatOutcomeCounts, type ChatOutcomeCounts } from './chat.outcomes.js';

export function toChatMessage(row: repo.MessageView): ChatMessage {
  return {
    id: row.id,
    seq: row.seq,
    sender: row.sender as ChatSender,
    author_name: row.author_name,
    body: row.body,
    actions: row.actions ? (JSON.parse(row.actions) as BotAction[]) : null,
    attachment: row.attachment_id && row.attachment_filename !== null ? { id: row.attachment_id, filename: row.attachment_filename, content_type: row.attachment_content_type ?? 'application/octet-stream', size: row.attachment_size ?? 0 } : null,
    client_id: row.client_id,
    created_at: row.created_at,
  };
}

export function stateOf(conversation: repo.Conversation & { case_number: number | null }): ChatState {
  return { status: conversation.status as ChatStatus, case_number: conversation.case_number, bot_active: conversation.status === 'bot' && conversation.bot_stopped === 0 };
}

export function toChatSummary(row: repo.ConversationView, lastMessage: repo.MessageView | undefined, unread: number): ChatSummary {
  return {
    id: row.id,
    status: row.status as ChatStatus,
    locale: row.locale as Locale,
    visitor_name: row.visitor_name,
    visitor_email: row.visitor_email,
    page_url: row.page_url,
    case_id: row.case_id,
    case_number: row.case_number,
    outcome: row.outcome as ChatSummary['outcome'],
    bot_active: stateOf(row).bot_active,
    last_seq: row.last_seq,
    visitor_read_seq: row.visitor_read_seq,
    agent_read_seq: row.agent_read_seq,
    unread,
    last_message: lastMessage ? toChatMessage(lastMessage) : null,
    last_activity_at: row.last_activity_at,
    handed_off_at: row.handed_off_at,
    closed_at: row.closed_at,
    created_at: row.created_at,
  };
}

/** What the bot remembered, from the conversation's JSON column (anything unreadable starts over). */
export function parseBotState(json: string): BotState {
  try {
    const parsed = JSON.parse(json) as Partial<BotState> | null;
    if (!parsed || typeof parsed !== 'object') return emptyBotState();
    const fresh = emptyBotState();
    return { ...fresh, ...parsed, collected: { ...fresh.collected, ...(parsed.collected ?? {}) }, asked: Array.isArray(parsed.asked) ? parsed.asked : fresh.asked };
  } catch {
    return emptyBotState();
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** Starts a conversation with the bot; the visitor's secret is returned once and only its hash kept. */
export async function createConversation(db: Executor, tenantSlug: string, input: CreateConversationBody, locale: Locale, now: Date) {
  const tenant = await findTenantBySlug(db, tenantSlug);
  if (!tenant) throw new AppError('not_found', { key: 'detail.portal_tenant_not_found', params: { slug: tenantSlug } });
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const at = now.toISOString();
  await repo.insertConversation(db, {
    id,
    tenant_id: tenant.id,
    visitor_token_hash: hashToken(token).toString('hex'),
    status: 'bot',
    locale: input.locale ?? locale,
    visitor_name: input.name ?? null,
    visitor_email: input.email ?? null,
    page_url: input.page_url ? maskCardNumbers(input.page_url) : null,
    case_id: null,
    outcome: null,
    handed_off_at: null,
    closed_at: null,
    last_activity_at: at,
    created_at: at,
  });
  return { id, visitor_token: token, status: 'bot' as const };
}

/** The conversation the token opens, or null (unknown id and wrong token look the same). */
export async function authenticateVisitor(db: Executor, conversationId: string, token: string): Promise<repo.ConversationView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(conversationId)) return null;
  const credentials = await repo.findCredentials(db, conversationId);
  const given = hashToken(token);
  // Compare even when the conversation is unknown, so timing tells nothing about which ids exist.
  const stored = credentials ? Buffer.from(credentials.visitor_token_hash, 'hex') : Buffer.alloc(given.length);
  const matches = stored.length === given.length && timingSafeEqual(stored, given);
  if (!credentials || !matches) return null;
  return (await repo.findConversation(db, credentials.tenant_id, conversationId)) ?? null;
}

export async function requireConversation(db: Executor, tenantId: string, id: string): Promise<repo.ConversationView> {
  const row = await repo.findConversation(db, tenantId, id);
  if (!row) throw notFound('detail.chat_not_found', id);
  return row;
}

export type NewChatMessage = {
  sender: ChatSender;
  authorName: string | null;
  body: string;
  actions?: BotAction[] | null;
  attachmentId?: string | null;
  clientId?: string | null;
  caseMessageId?: string | null;
};

/** Adds a message to a conversation locked by the caller: the next seq, and fresh activity. */
export async function appendMessage(trx: Executor, conversation: repo.Conversation, input: NewChatMessage, now: Date): Promise<ChatMessageRow> {
  const at = now.toISOString();
  const seq = await repo.takeSeq(trx, conversation.tenant_id, conversation.id, at);
  const row: ChatMessageRow = {
    id: randomUUID(),
    tenant_id: conversation.tenant_id,
    conversation_id: conversation.id,
    seq,
    sender: input.sender,
    author_name: input.authorName,
    body: input.body,
    actions: input.actions && input.actions.length > 0 ? JSON.stringify(input.actions) : null,
    attachment_id: input.attachmentId ?? null,
    client_id: input.clientId ?? null,
    case_message_id: input.caseMessageId ?? null,
    created_at: at,
  };
  await repo.insertMessage(trx, row);
  conversation.last_seq = seq;
  return row;
}

/** Who the visitor is on a case's timeline. */
export function visitorActor(conversation: repo.Conversation, customerId: string | null = null): Actor {
  return { kind: 'customer', id: customerId, name: conversation.visitor_name ?? chatText(conversation.locale as Locale, 'visitor') };
}

export type VisitorMessage = { clientId: string; body: string; attachmentId?: string };
export type PostedMessage = { seq: number; duplicate: boolean; conversation: repo.Conversation; text: string };

/**
 * Stores what the visitor wrote, once per client_id: a resend returns the first seq. Over the
 * per-minute limit nothing is stored. After the hand-off the message also goes onto the case as
 * the customer's inbound message (case first, then the conversation: the order agents' replies lock in).
 */
export async function postVisitorMessage(db: Executor, tenantId: string, conversationId: string, input: VisitorMessage, options: { now: Date; perMinute: number }): Promise<PostedMessage> {
  const body = maskCardNumbers(input.body.trim());
  if (body.length > CHAT_BODY_MAX) throw new AppError('validation_failed', { key: 'detail.chat_message_too_long', params: { max: CHAT_BODY_MAX } }, [{ field: 'body', message: `at most ${CHAT_BODY_MAX} characters` }]);
  if (!body && !input.attachmentId) throw new AppError('validation_failed', { key: 'detail.chat_message_empty' }, [{ field: 'body', message: 'empty' }]);
  const { now } = options;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = await inTransaction(db, async (trx): Promise<PostedMessage | null> => {
      const seen = await repo.findConversation(trx, tenantId, conversationId);
      if (!seen) throw notFound('detail.chat_not_found', conversationId);
      const current = seen.case_id ? await requireCase(trx, tenantId, seen.case_id, true) : null;
      const conversation = await repo.lockConversation(trx, tenantId, conversationId);
      if (!conversation) throw notFound('detail.chat_not_found', conversationId);
      // Handed off between the two reads: start again so the case is locked first.
      if (conversation.case_id !== (current?.id ?? null)) return null;
      const existing = await repo.findByClientId(trx, tenantId, conversationId, input.clientId);
      if (existing) return { seq: existing.seq, duplicate: true, conversation, text: body };
      if (conversation.status === 'closed') throw new AppError('conflict', { key: 'detail.chat_closed' });
      const recent = await repo.countSince(trx, tenantId, conversationId, 'visitor', new Date(now.getTime() - 60_000).toISOString());
      if (recent >= options.perMinute) throw new AppError('rate_limited', { key: 'detail.chat_rate_limited', params: { limit: options.perMinute } });
      const locale = conversation.locale as Locale;
      let caseText = body;
      if (input.attachmentId) {
        const attachment = await repo.findAttachment(trx, tenantId, conversationId, input.attachmentId);
        if (!attachment) throw notFound('detail.chat_attachment_not_found', input.attachmentId);
        const note = chatText(locale, 'attachment', { filename: attachment.filename });
        caseText = body ? `${body}\n${note}` : note;
      }
      const row = await appendMessage(trx, conversation, { sender: 'visitor', authorName: conversation.visitor_name, body, attachmentId: input.attachmentId ?? null, clientId: input.clientId }, now);
      conversation.visitor_messages += 1;
      await repo.updateConversation(trx, tenantId, conversationId, { visitor_messages: conversation.visitor_messages });
      if (current) {
        const actor = visitorActor(conversation, current.customer_id);
        const message = await recordMessage(trx, current, { direction: 'inbound', authorType: 'customer', authorId: current.customer_id, authorName: actor.name, body: caseText }, actor, now, locale);
        await repo.setCaseMessage(trx, tenantId, row.id, message.id);
      }
      return { seq: row.seq, duplicate: false, conversation, text: body };
    });
    if (result) return result;
  }
  throw new AppError('conflict', { key: 'detail.duplicate' });
}

export async function markVisitorRead(db: Executor, tenantId: string, conversationId: string, seq: number): Promise<void> {
  await repo.raiseReadSeq(db, tenantId, conversationId, 'visitor_read_seq', seq);
}

export async function markAgentRead(db: Executor, tenantId: string, conversationId: string, seq: number) {
  await requireConversation(db, tenantId, conversationId);
  await repo.raiseReadSeq(db, tenantId, conversationId, 'agent_read_seq', seq);
  const row = await requireConversation(db, tenantId, conversationId);
  return { agent_read_seq: row.agent_read_seq, visitor_read_seq: row.visitor_read_seq };
}

/** Messages of a conversation after a seq, oldest first. */
export async function chatMessagesAfter(db: Executor, tenantId: string, conversationId: string, afterSeq: number, limit: number): Promise<ChatMessage[]> {
  return (await repo.messagesAfter(db, tenantId, conversationId, afterSeq, limit)).map(toChatMessage);
}

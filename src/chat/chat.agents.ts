import { actorOf, type AuthContext } from '../auth/auth.service.js';
import { addMessage } from '../cases/messages.service.js';
import type { Executor } from '../db/database.js';
import { AppError } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import { handOff } from './chat.handoff.js';
import { sweepIdleChats } from './chat.outcomes.js';
import * as repo from './chat.repository.js';
import type { ListChatsQuery } from './chat.schema.js';
import { chatMessagesAfter, requireConversation, toChatMessage, toChatSummary } from './chat.service.js';

const LIST_SORT = 'chats';

/** The tenant's chats, latest activity first, each with its last message and unread count. */
export async function listChats(db: Executor, tenantId: string, query: ListChatsQuery, now: Date) {
  await sweepIdleChats(db, tenantId, now);
  const after = query.cursor ? (decodeCursor(query.cursor, LIST_SORT, ['instant', 'id']) as [string, string]) : undefined;
  const rows = await repo.listConversations(db, tenantId, { ...(query.status ? { statuses: query.status } : {}), ...(after ? { after } : {}), limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = new Map((await repo.lastMessages(db, tenantId, page)).map((message) => [message.conversation_id, message]));
  return toPage(rows, query.limit, (row) => toChatSummary(row, last.get(row.id), Number(row.unread ?? 0)), (row) => encodeCursor(LIST_SORT, [row.last_activity_at, row.id]));
}

/** One chat with its messages after `afterSeq`. */
export async function getChat(db: Executor, tenantId: string, id: string, query: { after_seq: number; limit: number }, now: Date) {
  await sweepIdleChats(db, tenantId, now);
  const row = await requireConversation(db, tenantId, id);
  const [messages, unread] = await Promise.all([chatMessagesAfter(db, tenantId, id, query.after_seq, query.limit), repo.countUnread(db, tenantId, id, row.agent_read_seq)]);
  const last = row.last_seq > 0 ? (await repo.lastMessages(db, tenantId, [row]))[0] : undefined;
  return { ...toChatSummary(row, last, unread), messages };
}

/**
 * An agent answers in the chat: a chat the bot still has is handed off first; the reply is the
 * case's outbound message (conduct guard and clocks included) and reaches the chat through the
 * web_chat case hook.
 */
export async function replyInChat(db: Executor, auth: AuthContext, id: string, body: string, now: Date, locale: Locale) {
  const conversation = await requireConversation(db, auth.tenantId, id);
  if (conversation.status === 'closed' && !conversation.case_id) throw new AppError('conflict', { key: 'detail.chat_closed' });
  const handed = conversation.case_id ? null : await handOff(db, auth.tenantId, id, actorOf(auth), now);
  const caseId = conversation.case_id ?? handed?.caseId;
  if (!caseId) throw new Error('hand-off returned no case');
  const { warnings, ...caseMessage } = await addMessage(db, auth, caseId, { direction: 'outbound', body }, now, locale);
  const mirrored = await repo.findByCaseMessage(db, auth.tenantId, caseMessage.id);
  if (!mirrored) throw new Error('the web_chat hook did not mirror the reply');
  return { case_id: caseId, case_message_id: caseMessage.id, message: toChatMessage(mirrored), ...(warnings ? { warnings } : {}) };
}

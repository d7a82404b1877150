import { actorOf, type AuthContext } from '../auth/auth.service.js';
import { addMessage } from '../cases/messages.service.js';
import { getConductSettings, judgeOutbound } from '../conduct/screen.js';
import { inTransaction, type Executor } from '../db/database.js';
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
 * web_chat case hook. The hand-off and the reply are one transaction, and the guard looks at the
 * reply before anything is handed off: a refused reply leaves the chat with the bot, no case.
 */
export async function replyInChat(db: Executor, auth: AuthContext, id: string, body: string, now: Date, locale: Locale) {
  const conversation = await requireConversation(db, auth.tenantId, id);
  if (conversation.status === 'closed' && !conversation.case_id) throw new AppError('conflict', { key: 'detail.chat_closed' });
  if (conversation.case_id) return replyOnCase(db, auth, conversation.case_id, body, now, locale);
  await refuseBlockedReply(db, auth.tenantId, body, locale);
  return inTransaction(db, async (trx) => {
    const handed = await handOff(trx, auth.tenantId, id, actorOf(auth), now);
    return replyOnCase(trx, auth, handed.caseId, body, now, locale);
  });
}

async function replyOnCase(db: Executor, auth: AuthContext, caseId: string, body: string, now: Date, locale: Locale) {
  const { warnings, ...caseMessage } = await addMessage(db, auth, caseId, { direction: 'outbound', body }, now, locale);
  const mirrored = await repo.findByCaseMessage(db, auth.tenantId, caseMessage.id);
  if (!mirrored) throw new Error('the web_chat hook did not mirror the reply');
  return { case_id: caseId, case_message_id: caseMessage.id, message: toChatMessage(mirrored), ...(warnings ? { warnings } : {}) };
}

/**
 * The conduct guard's rules for a web_chat reply, checked before the chat becomes a case (same
 * 422 as the case's own screening). The daily contact limit needs the case's customer; the
 * screening inside the transaction still applies it and rolls the hand-off back when it refuses.
 */
async function refuseBlockedReply(db: Executor, tenantId: string, body: string, locale: Locale): Promise<void> {
  const verdict = judgeOutbound(body, 'web_chat', await getConductSettings(db, tenantId), null, locale);
  const blocked = verdict.findings.filter((finding) => finding.mode === 'block');
  if (blocked.length === 0) return;
  throw new AppError(
    'conduct_blocked',
    { key: 'detail.conduct_blocked', params: { rules: [...new Set(blocked.map((finding) => finding.rule))].join(', ') } },
    blocked.map((finding) => ({ field: 'body.body', message: `${finding.message}: "${finding.match}"` })),
    { findings: blocked.map(({ rule, match, message }) => ({ rule, match, message })) },
  );
}

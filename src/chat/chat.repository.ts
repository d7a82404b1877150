import { sql } from 'kysely';
import { isPostgres } from '../db/dialect.js';
import type { Executor } from '../db/database.js';
import type { ChatConversationRow, ChatMessageRow, DB } from '../db/schema.js';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** Every column but the visitor's token hash, which only `findCredentials` reads. */
const conversationColumns = [
  'chat_conversations.id',
  'chat_conversations.tenant_id',
  'chat_conversations.status',
  'chat_conversations.locale',
  'chat_conversations.visitor_name',
  'chat_conversations.visitor_email',
  'chat_conversations.page_url',
  'chat_conversations.case_id',
  'chat_conversations.bot_state',
  'chat_conversations.bot_stopped',
  'chat_conversations.outcome',
  'chat_conversations.last_seq',
  'chat_conversations.visitor_read_seq',
  'chat_conversations.agent_read_seq',
  'chat_conversations.visitor_messages',
  'chat_conversations.handed_off_at',
  'chat_conversations.closed_at',
  'chat_conversations.last_activity_at',
  'chat_conversations.created_at',
] as const;

export type Conversation = Omit<ChatConversationRow, 'visitor_token_hash'>;
/** A conversation with its case's number (null before the hand-off). */
export type ConversationView = Conversation & { case_number: number | null };
/** A message with its attachment's details. */
export type MessageView = ChatMessageRow & { attachment_filename: string | null; attachment_content_type: string | null; attachment_size: number | null };
export type ChatAttachmentRow = Selectable<DB['chat_attachments']>;

export async function insertConversation(db: Executor, row: Insertable<DB['chat_conversations']>): Promise<void> {
  await db.insertInto('chat_conversations').values(row).execute();
}

/** Where the visitor's secret is checked: any tenant, by id alone. */
export async function findCredentials(db: Executor, id: string) {
  return db.selectFrom('chat_conversations').select(['id', 'tenant_id', 'visitor_token_hash']).where('id', '=', id).executeTakeFirst();
}

function viewQuery(db: Executor, tenantId: string) {
  return db
    .selectFrom('chat_conversations')
    .leftJoin('cases', (join) => join.onRef('cases.id', '=', 'chat_conversations.case_id').onRef('cases.tenant_id', '=', 'chat_conversations.tenant_id'))
    .select(conversationColumns)
    .select('cases.number as case_number')
    .where('chat_conversations.tenant_id', '=', tenantId);
}

export async function findConversation(db: Executor, tenantId: string, id: string): Promise<ConversationView | undefined> {
  return viewQuery(db, tenantId).where('chat_conversations.id', '=', id).executeTakeFirst();
}

/** The conversation row, locked until the transaction ends (SQLite's transactions hold the whole database). */
export async function lockConversation(trx: Executor, tenantId: string, id: string): Promise<Conversation | undefined> {
  const query = trx.selectFrom('chat_conversations').select(conversationColumns).where('tenant_id', '=', tenantId).where('id', '=', id);
  return (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
}

/** The web chat a case came from, locked. */
export async function lockConversationOfCase(trx: Executor, tenantId: string, caseId: string): Promise<Conversation | undefined> {
  const query = trx.selectFrom('chat_conversations').select(conversationColumns).where('tenant_id', '=', tenantId).where('case_id', '=', caseId).orderBy('created_at', 'desc').limit(1);
  return (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateConversation(db: Executor, tenantId: string, id: string, set: Updateable<DB['chat_conversations']>): Promise<void> {
  await db.updateTable('chat_conversations').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Takes the next seq of a locked conversation and marks it active. */
export async function takeSeq(trx: Executor, tenantId: string, id: string, at: string): Promise<number> {
  const row = await trx
    .updateTable('chat_conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_activity_at: at }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/** Raises a read mark, never lowers it, never past the last message. */
export async function raiseReadSeq(db: Executor, tenantId: string, id: string, column: 'visitor_read_seq' | 'agent_read_seq', seq: number): Promise<void> {
  await db
    .updateTable('chat_conversations')
    .set({ [column]: sql<number>`case when ${seq} < last_seq then ${seq} else last_seq end` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where(column, '<', seq)
    .execute();
}

export async function insertMessage(trx: Executor, row: ChatMessageRow): Promise<void> {
  await trx.insertInto('chat_messages').values(row).execute();
}

export async function setCaseMessage(trx: Executor, tenantId: string, id: string, caseMessageId: string): Promise<void> {
  await trx.updateTable('chat_messages').set({ case_message_id: caseMessageId }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function findByClientId(db: Executor, tenantId: string, conversationId: string, clientId: string) {
  return db.selectFrom('chat_messages').select(['id', 'seq']).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).where('client_id', '=', clientId).executeTakeFirst();
}

function messageQuery(db: Executor, tenantId: string) {
  return db
    .selectFrom('chat_messages')
    .leftJoin('chat_attachments', (join) => join.onRef('chat_attachments.id', '=', 'chat_messages.attachment_id').onRef('chat_attachments.tenant_id', '=', 'chat_messages.tenant_id'))
    .selectAll('chat_messages')
    .select(['chat_attachments.filename as attachment_filename', 'chat_attachments.content_type as attachment_content_type', 'chat_attachments.size as attachment_size'])
    .where('chat_messages.tenant_id', '=', tenantId);
}

/** Messages after `afterSeq`, oldest first. */
export async function messagesAfter(db: Executor, tenantId: string, conversationId: string, afterSeq: number, limit: number): Promise<MessageView[]> {
  return messageQuery(db, tenantId).where('chat_messages.conversation_id', '=', conversationId).where('chat_messages.seq', '>', afterSeq).orderBy('chat_messages.seq').limit(limit).execute();
}

/** The newest message of each conversation. */
export async function lastMessages(db: Executor, tenantId: string, conversations: { id: string; last_seq: number }[]): Promise<MessageView[]> {
  const wanted = conversations.filter((conversation) => conversation.last_seq > 0);
  if (wanted.length === 0) return [];
  return messageQuery(db, tenantId)
    .where((eb) => eb.or(wanted.map((conversation) => eb.and([eb('chat_messages.conversation_id', '=', conversation.id), eb('chat_messages.seq', '=', conversation.last_seq)]))))
    .execute();
}

export async function countSince(db: Executor, tenantId: string, conversationId: string, sender: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('chat_messages')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tenant_id', '=', tenantId)
    .where('conversation_id', '=', conversationId)
    .where('sender', '=', sender)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export type ListFilter = { statuses?: string[]; after?: [string, string]; limit: number };

/** Conversations by latest activity, with the visitor messages agents have not read. */
export async function listConversations(db: Executor, tenantId: string, filter: ListFilter) {
  let query = viewQuery(db, tenantId).select((eb) =>
    eb
      .selectFrom('chat_messages')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('chat_messages.conversation_id', '=', 'chat_conversations.id')
      .where('chat_messages.sender', '=', 'visitor')
      .whereRef('chat_messages.seq', '>', 'chat_conversations.agent_read_seq')
      .as('unread'),
  );
  if (filter.statuses && filter.statuses.length > 0) query = query.where('chat_conversations.status', 'in', filter.statuses);
  if (filter.after) {
    const [at, id] = filter.after;
    query = query.where((eb) => eb(eb.refTuple('chat_conversations.last_activity_at', 'chat_conversations.id'), '<', eb.tuple(at, id)));
  }
  return query.orderBy('chat_conversations.last_activity_at', 'desc').orderBy('chat_conversations.id', 'desc').limit(filter.limit).execute();
}

export async function countUnread(db: Executor, tenantId: string, conversationId: string, afterSeq: number): Promise<number> {
  const row = await db
    .selectFrom('chat_messages')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tenant_id', '=', tenantId)
    .where('conversation_id', '=', conversationId)
    .where('sender', '=', 'visitor')
    .where('seq', '>', afterSeq)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertAttachment(db: Executor, row: Insertable<DB['chat_attachments']>): Promise<void> {
  await db.insertInto('chat_attachments').values(row).execute();
}

const attachmentColumns = ['id', 'tenant_id', 'conversation_id', 'filename', 'content_type', 'size', 'sha256', 'case_attachment_id', 'created_at'] as const;

export async function findAttachment(db: Executor, tenantId: string, conversationId: string, id: string) {
  return db.selectFrom('chat_attachments').select(attachmentColumns).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).where('id', '=', id).executeTakeFirst();
}

/** Files not yet on the case, oldest first. */
export async function uncopiedAttachments(db: Executor, tenantId: string, conversationId: string) {
  return db.selectFrom('chat_attachments').select(attachmentColumns).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).where('case_attachment_id', 'is', null).orderBy('created_at').execute();
}

export async function setCaseAttachment(db: Executor, tenantId: string, id: string, caseAttachmentId: string): Promise<void> {
  await db.updateTable('chat_attachments').set({ case_attachment_id: caseAttachmentId }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/**
 * Closes conversations the bot was left alone with for too long: deflected when the visitor
 * wrote and the bot answered, abandoned otherwise. Returns how many it closed.
 */
export async function closeIdle(db: Executor, tenantId: string, idleBefore: string, now: string): Promise<number> {
  const result = await db
    .updateTable('chat_conversations')
    .set((eb) => ({
      status: 'closed',
      closed_at: now,
      outcome: eb
        .case()
        .when(
          eb.and([
            eb('visitor_messages', '>', 0),
            eb.exists(eb.selectFrom('chat_messages').select('chat_messages.id').whereRef('chat_messages.conversation_id', '=', 'chat_conversations.id').where('chat_messages.sender', '=', 'bot')),
          ]),
        )
        .then('deflected')
        .else('abandoned')
        .end(),
    }))
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'bot')
    .where('outcome', 'is', null)
    .where('last_activity_at', '<', idleBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether the bot has said anything in the conversation. */
export async function botAnswered(db: Executor, tenantId: string, conversationId: string): Promise<boolean> {
  const row = await db.selectFrom('chat_messages').select('id').where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).where('sender', '=', 'bot').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Conversations started in [from, to) by outcome (null = still open). */
export async function outcomeCounts(db: Executor, tenantId: string, from: string, to: string) {
  return db
    .selectFrom('chat_conversations')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('outcome')
    .execute();
}

/** The chat copy of a case message (an agent's reply mirrored by the case hook). */
export async function findByCaseMessage(db: Executor, tenantId: string, caseMessageId: string): Promise<MessageView | undefined> {
  return messageQuery(db, tenantId).where('chat_messages.case_message_id', '=', caseMessageId).executeTakeFirst();
}

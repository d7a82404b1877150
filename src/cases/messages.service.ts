import { randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { actorOf, type AuthContext } from '../auth/auth.service.js';
import { auditBlocked, screenOutbound, type ConductWarning } from '../conduct/screen.js';
import { AppError } from '../http/errors.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CaseRow, CaseUpdate, MessageRow } from '../db/schema.js';
import { getCustomer } from '../customers/customers.service.js';
import type { Locale } from '../i18n/i18n.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import * as repo from './cases.repository.js';
import { requireCase } from './cases.service.js';
import { hooksFor } from './hooks.js';
import { applyTransition } from './transitions.service.js';
import { refreshClocks } from './case-clocks.js';

export function toMessageResponse(row: MessageRow) {
  return {
    id: row.id,
    case_id: row.case_id,
    direction: row.direction as 'inbound' | 'outbound' | 'note',
    author_type: row.author_type as 'agent' | 'customer' | 'bot' | 'system',
    author_id: row.author_id,
    author_name: row.author_name,
    body: row.body,
    delivery_status: row.delivery_status as 'pending' | 'delivered' | 'failed' | null,
    delivery_error: row.delivery_error,
    created_at: row.created_at,
  };
}

export type MessageInput = { direction: 'inbound' | 'outbound' | 'note'; body: string; author?: { type: 'agent' | 'customer' | 'bot' | 'system'; name?: string } };

/** A message as stored, whoever wrote it: the API, or a channel importing what happened elsewhere. */
export type RecordedMessage = {
  direction: 'inbound' | 'outbound' | 'note';
  authorType: 'agent' | 'customer' | 'bot' | 'system';
  authorId: string | null;
  authorName: string | null;
  body: string;
  /** When it was written (a platform's time for imported history); defaults to now. */
  at?: string;
  deliveryStatus?: string | null;
};

/**
 * Stores a message on a locked case with its timeline event, then does what the message means: a
 * human agent's first outbound reply stamps first_response_at and opens a new case; a customer's
 * answer restarts the reply clock and brings a case waiting on them back to `open`.
 */
export async function recordMessage(trx: Executor, current: CaseRow, input: RecordedMessage, actor: Actor, now: Date, locale: Locale): Promise<MessageRow> {
  const tenantId = current.tenant_id;
  const caseId = current.id;
  const at = input.at ?? now.toISOString();
  const message: MessageRow = {
    id: randomUUID(),
    tenant_id: tenantId,
    case_id: caseId,
    direction: input.direction,
    author_type: input.authorType,
    author_id: input.authorId,
    author_name: input.authorName,
    body: input.body,
    created_at: at,
    delivery_status: input.deliveryStatus ?? null,
    delivery_error: null,
  };
  await repo.insertMessage(trx, message);
  await appendEvent(trx, { tenantId, caseId, actor, type: 'message.added', payload: { message_id: message.id, direction: message.direction, author_type: input.authorType, author_name: input.authorName, body: message.body }, at: now.toISOString() });
  // Only a person's reply answers the customer: bot and system messages and notes leave the clocks running.
  const humanReply = input.direction === 'outbound' && input.authorType === 'agent';
  await applyContact(trx, current, { customerMessage: input.direction === 'inbound' && input.authorType === 'customer', customerWaited: input.direction === 'inbound', humanReplyAt: humanReply ? at : null, reasons: { reply: 'first reply', customer: 'customer replied' } }, actor, now, locale);
  return message;
}

/** What a contact with the customer did, for the case's clocks and status. */
export type Contact = {
  /** The customer got in touch: restarts the next-reply clock. */
  customerMessage: boolean;
  /** Brings a case waiting on the customer back to `open`. */
  customerWaited: boolean;
  /** When a person answered the customer (null: nobody did): stamps first_response_at and stops the reply clocks. */
  humanReplyAt: string | null;
  /** Why the case moved, as the timeline says it. */
  reasons: { reply: string; customer: string };
};

/**
 * What a contact means for a locked case, whatever carried it (a message, a phone call): the
 * customer's word restarts the reply clock and brings a case waiting on them back to `open`; a
 * person's answer stamps first_response_at, stops the reply clocks and opens a new case.
 */
export async function applyContact(trx: Executor, current: CaseRow, contact: Contact, actor: Actor, now: Date, locale: Locale): Promise<void> {
  const { tenant_id: tenantId, id: caseId } = current;
  const set: CaseUpdate = { updated_at: now.toISOString() };
  if (contact.humanReplyAt && !current.first_response_at) set.first_response_at = contact.humanReplyAt;
  await repo.updateCase(trx, tenantId, caseId, set);
  if (contact.customerMessage) await refreshClocks(trx, tenantId, caseId, { type: 'customer_message' }, now);
  if (contact.humanReplyAt) await refreshClocks(trx, tenantId, caseId, { type: 'agent_reply' }, now);
  if (contact.humanReplyAt && current.status === 'new') await applyTransition(trx, tenantId, current, { to: 'open', reason: contact.reasons.reply }, actor, now, locale);
  if (contact.customerWaited && current.status === 'pending_customer') await applyTransition(trx, tenantId, current, { to: 'open', reason: contact.reasons.customer }, actor, now, locale);
}

/**
 * Adds a message through the API. Outbound text is screened by the conduct guard first (a blocking
 * finding is a 422 and nothing is stored); a platform complaint hands the reply to its platform.
 */
export async function addMessage(db: Executor, auth: AuthContext, caseId: string, input: MessageInput, now: Date, locale: Locale) {
  try {
    return await storeMessage(db, auth, caseId, input, now, locale);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conduct_blocked' && !db.isTransaction) await auditBlocked(db, auth.tenantId, caseId, actorOf(auth), error, now);
    throw error;
  }
}

async function storeMessage(db: Executor, auth: AuthContext, caseId: string, input: MessageInput, now: Date, locale: Locale) {
  const actor = actorOf(auth);
  return inTransaction(db, async (trx) => {
    const current = await requireCase(trx, auth.tenantId, caseId, true);
    const authorType = input.author?.type ?? (input.direction === 'inbound' ? 'customer' : 'agent');
    let authorName = input.author?.name ?? null;
    let authorId: string | null = null;
    if (authorType === 'agent') {
      authorId = auth.userId ?? auth.tokenId;
      authorName ??= auth.name;
    } else if (authorType === 'customer' && current.customer_id) {
      authorId = current.customer_id;
      authorName ??= (await getCustomer(trx, auth.tenantId, current.customer_id)).name;
    }
    let warnings: ConductWarning[] = [];
    if (input.direction === 'outbound') warnings = await screenOutbound(trx, current, input.body, actor, now, locale);
    const message = await recordMessage(trx, current, { direction: input.direction, authorType, authorId, authorName, body: input.body }, actor, now, locale);
    const hooks = hooksFor(current.channel);
    if (input.direction === 'outbound' && authorType === 'agent' && hooks?.outbound) {
      const status = await hooks.outbound({ trx, auth, current, message, now });
      if (status) {
        await repo.setDelivery(trx, auth.tenantId, message.id, status, null);
        message.delivery_status = status;
      }
    }
    return { ...toMessageResponse(message), ...(warnings.length > 0 ? { warnings } : {}) };
  });
}

/** Records how a channel's delivery of a message went: pending, delivered or failed (with the error). */
export async function setMessageDelivery(trx: Executor, tenantId: string, messageId: string, status: 'pending' | 'delivered' | 'failed', error: string | null): Promise<void> {
  await repo.setDelivery(trx, tenantId, messageId, status, error);
}

/** A message of the case, or undefined. */
export async function findCaseMessage(db: Executor, tenantId: string, caseId: string, id: string) {
  return repo.findMessage(db, tenantId, caseId, id);
}

export async function listMessages(db: Executor, tenantId: string, caseId: string, query: { limit: number; cursor?: string }) {
  await requireCase(db, tenantId, caseId);
  const after = query.cursor ? (decodeCursor(query.cursor, 'messages', ['instant', 'id']) as [string, string]) : undefined;
  const rows = await repo.listMessages(db, tenantId, caseId, after, query.limit + 1);
  return toPage(rows, query.limit, toMessageResponse, (last) => encodeCursor('messages', [last.created_at, last.id]));
}

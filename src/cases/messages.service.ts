import { randomUUID } from 'node:crypto';
import { appendEvent } from '../audit/audit.service.js';
import { actorOf, type AuthContext } from '../auth/auth.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CaseUpdate, MessageRow } from '../db/schema.js';
import { getCustomer } from '../customers/customers.service.js';
import type { Locale } from '../i18n/i18n.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import * as repo from './cases.repository.js';
import { requireCase } from './cases.service.js';
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
    created_at: row.created_at,
  };
}

export type MessageInput = { direction: 'inbound' | 'outbound' | 'note'; body: string; author?: { type: 'agent' | 'customer' | 'bot' | 'system'; name?: string } };

/**
 * Adds a message. A human agent's first outbound reply stamps first_response_at and opens a new
 * case; a customer's answer brings a case waiting on them back to `open`.
 */
export async function addMessage(db: Executor, auth: AuthContext, caseId: string, input: MessageInput, now: Date, locale: Locale) {
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
    const at = now.toISOString();
    const message: MessageRow = { id: randomUUID(), tenant_id: auth.tenantId, case_id: caseId, direction: input.direction, author_type: authorType, author_id: authorId, author_name: authorName, body: input.body, created_at: at };
    await repo.insertMessage(trx, message);
    await appendEvent(trx, { tenantId: auth.tenantId, caseId, actor, type: 'message.added', payload: { message_id: message.id, direction: message.direction, author_type: authorType, author_name: authorName, body: message.body }, at });
    const set: CaseUpdate = { updated_at: at };
    const humanReply = input.direction === 'outbound' && authorType === 'agent';
    if (humanReply && !current.first_response_at) set.first_response_at = at;
    await repo.updateCase(trx, auth.tenantId, caseId, set);
    // Only a person's reply answers the customer: bot and system messages and notes leave the clocks running.
    if (humanReply) await refreshClocks(trx, auth.tenantId, caseId, { type: 'agent_reply' }, now);
    if (input.direction === 'inbound' && authorType === 'customer') await refreshClocks(trx, auth.tenantId, caseId, { type: 'customer_message' }, now);
    if (humanReply && current.status === 'new') await applyTransition(trx, auth.tenantId, current, { to: 'open', reason: 'first reply' }, actor, now, locale);
    if (input.direction === 'inbound' && current.status === 'pending_customer') await applyTransition(trx, auth.tenantId, current, { to: 'open', reason: 'customer replied' }, actor, now, locale);
    return toMessageResponse(message);
  });
}

export async function listMessages(db: Executor, tenantId: string, caseId: string, query: { limit: number; cursor?: string }) {
  await requireCase(db, tenantId, caseId);
  const after = query.cursor ? (decodeCursor(query.cursor, 'messages', ['instant', 'id']) as [string, string]) : undefined;
  const rows = await repo.listMessages(db, tenantId, caseId, after, query.limit + 1);
  return toPage(rows, query.limit, toMessageResponse, (last) => encodeCursor('messages', [last.created_at, last.id]));
}

import { randomUUID } from 'node:crypto';
import { readBlob, storeBlob } from '../cases/attachments.repository.js';
import { addAttachmentAs, checkUpload } from '../cases/attachments.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import { notFound } from '../http/errors.js';
import * as repo from './chat.repository.js';
import { visitorActor } from './chat.service.js';

export function toChatAttachmentResponse(row: repo.ChatAttachmentRow) {
  return { id: row.id, filename: row.filename, content_type: row.content_type, size: row.size, created_at: row.created_at };
}

/**
 * Keeps a file the visitor sends, with the checks case attachments get. Before the hand-off it
 * waits in the chat (copied onto the case then); after it, it goes straight onto the case too.
 */
export async function addVisitorAttachment(db: Executor, conversation: repo.Conversation, file: { filename: string; mimetype: string; data: Buffer }, now: Date) {
  const { filename, contentType, sha256 } = checkUpload(file);
  const tenantId = conversation.tenant_id;
  return inTransaction(db, async (trx) => {
    await storeBlob(trx, tenantId, sha256, file.data);
    const row: repo.ChatAttachmentRow = { id: randomUUID(), tenant_id: tenantId, conversation_id: conversation.id, filename, content_type: contentType, size: file.data.length, sha256, case_attachment_id: null, created_at: now.toISOString() };
    await repo.insertAttachment(trx, row);
    if (conversation.case_id) {
      const copied = await addAttachmentAs(trx, tenantId, visitorActor(conversation), 'web_chat', conversation.case_id, file, now);
      await repo.setCaseAttachment(trx, tenantId, row.id, copied.id);
    }
    return toChatAttachmentResponse(row);
  });
}

/** A file of the conversation with its content. */
export async function readChatAttachment(db: Executor, tenantId: string, conversationId: string, id: string) {
  const row = await repo.findAttachment(db, tenantId, conversationId, id);
  if (!row) throw notFound('detail.chat_attachment_not_found', id);
  const data = await readBlob(db, tenantId, row.sha256);
  if (!data) throw notFound('detail.chat_attachment_not_found', id);
  return { row, data };
}

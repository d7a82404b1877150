import { createHash, randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { actorOf, type AuthContext } from '../auth/auth.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { AttachmentRow } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import { maskCardNumbers } from '../privacy/mask.js';
import * as repo from './attachments.repository.js';
import { requireCase } from './cases.service.js';

/** Accepted types and the leading bytes their content must start with (null: text, no signature). */
const acceptedTypes: Record<string, Buffer[] | null> = {
  'image/png': [Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  'image/jpeg': [Buffer.from([0xff, 0xd8, 0xff])],
  'image/gif': [Buffer.from('GIF87a'), Buffer.from('GIF89a')],
  'image/webp': [Buffer.from('RIFF')],
  'application/pdf': [Buffer.from('%PDF')],
  'text/plain': null,
  'text/csv': null,
};

export const acceptedContentTypes = Object.keys(acceptedTypes);

export function toAttachmentResponse(row: AttachmentRow) {
  return { id: row.id, case_id: row.case_id, filename: row.filename, content_type: row.content_type, size: row.size, sha256: row.sha256, created_at: row.created_at, download_url: `/api/v1/attachments/${row.id}` };
}

function checkContent(contentType: string, data: Buffer) {
  if (!(contentType in acceptedTypes)) {
    throw new AppError('unsupported_media_type', { key: 'detail.attachment_type', params: { type: contentType, allowed: acceptedContentTypes.join(', ') } });
  }
  const signatures = acceptedTypes[contentType];
  const matches = signatures ? signatures.some((signature) => data.subarray(0, signature.length).equals(signature)) : !data.includes(0);
  if (!matches) {
    throw new AppError('unsupported_media_type', { key: 'detail.attachment_type', params: { type: `${contentType} (content does not match)`, allowed: acceptedContentTypes.join(', ') } });
  }
}

function cleanFilename(name: string): string {
  const base = name.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return maskCardNumbers(base) || 'attachment';
}

export async function addAttachment(db: Executor, auth: AuthContext, caseId: string, file: { filename: string; mimetype: string; data: Buffer }, now: Date) {
  return addAttachmentAs(db, auth.tenantId, actorOf(auth), auth.userId ?? auth.tokenId, caseId, file, now);
}

/**
 * The checks every upload gets, wherever it is kept (a case, a chat before it is a case): not
 * empty, an accepted type whose content matches it. Returns the clean name, type and hash.
 */
export function checkUpload(file: { filename: string; mimetype: string; data: Buffer }): { filename: string; contentType: string; sha256: string } {
  if (file.data.length === 0) throw new AppError('validation_failed', { key: 'detail.attachment_missing' }, [{ field: 'file', message: 'empty file' }]);
  const contentType = file.mimetype.split(';')[0]?.trim().toLowerCase() ?? '';
  checkContent(contentType, file.data);
  return { filename: cleanFilename(file.filename), contentType, sha256: createHash('sha256').update(file.data).digest('hex') };
}

/** Attaches a file on behalf of anyone (a channel importing a platform's pictures); the same checks apply. */
export async function addAttachmentAs(db: Executor, tenantId: string, actor: Actor, uploadedBy: string, caseId: string, file: { filename: string; mimetype: string; data: Buffer }, now: Date) {
  const { filename, contentType, sha256 } = checkUpload(file);
  return inTransaction(db, async (trx) => {
    await requireCase(trx, tenantId, caseId, true);
    await repo.storeBlob(trx, tenantId, sha256, file.data);
    const row: AttachmentRow = { id: randomUUID(), tenant_id: tenantId, case_id: caseId, filename, content_type: contentType, size: file.data.length, sha256, uploaded_by: uploadedBy, created_at: now.toISOString() };
    await repo.insertAttachment(trx, row);
    await appendEvent(trx, { tenantId, caseId, actor, type: 'attachment.added', payload: { attachment_id: row.id, filename: row.filename, content_type: contentType, size: row.size, sha256 }, at: row.created_at });
    return toAttachmentResponse(row);
  });
}

/** `uploaded_by` of files that came from the customer's side (portal, web chat, e-mail, WeChat Pay), not from staff. */
export const customerUploadOrigins: ReadonlySet<string> = new Set(['portal', 'web_chat', 'email', 'wechatpay']);

/** The case's files the customer sent: what a customer-facing page may list (staff uploads can be internal evidence). */
export async function listCustomerAttachments(db: Executor, tenantId: string, caseId: string) {
  await requireCase(db, tenantId, caseId);
  return (await repo.listForCase(db, tenantId, caseId)).filter((row) => row.uploaded_by !== null && customerUploadOrigins.has(row.uploaded_by)).map(toAttachmentResponse);
}

export async function listAttachments(db: Executor, tenantId: string, caseId: string) {
  await requireCase(db, tenantId, caseId);
  return (await repo.listForCase(db, tenantId, caseId)).map(toAttachmentResponse);
}

export async function readAttachment(db: Executor, tenantId: string, id: string) {
  const row = await repo.findAttachment(db, tenantId, id);
  if (!row) throw notFound('detail.attachment_not_found', id);
  const data = await repo.readBlob(db, tenantId, row.sha256);
  if (!data) throw notFound('detail.attachment_not_found', id);
  return { row, data };
}

import type { Executor } from '../db/database.js';
import type { AttachmentRow } from '../db/schema.js';

const attachmentColumns = ['id', 'tenant_id', 'case_id', 'filename', 'content_type', 'size', 'sha256', 'uploaded_by', 'created_at'] as const;

/** Content is stored once per tenant and hash, however often it is attached. */
export async function storeBlob(db: Executor, tenantId: string, sha256: string, data: Buffer) {
  await db.insertInto('attachment_blobs').values({ tenant_id: tenantId, sha256, data }).onConflict((oc) => oc.columns(['tenant_id', 'sha256']).doNothing()).execute();
}

export async function insertAttachment(db: Executor, row: AttachmentRow) {
  await db.insertInto('attachments').values(row).execute();
}

export async function listForCase(db: Executor, tenantId: string, caseId: string) {
  return db.selectFrom('attachments').select(attachmentColumns).where('tenant_id', '=', tenantId).where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function findAttachment(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('attachments').select(attachmentColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function readBlob(db: Executor, tenantId: string, sha256: string) {
  const row = await db.selectFrom('attachment_blobs').select('data').where('tenant_id', '=', tenantId).where('sha256', '=', sha256).executeTakeFirst();
  return row?.data;
}

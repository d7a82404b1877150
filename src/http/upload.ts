import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** The one file (multipart field "file") of an upload; a broken or wrong body is the client's error, never a 500. */
export async function readUpload(request: FastifyRequest, limit: number): Promise<{ filename: string; mimetype: string; data: Buffer }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', { key: 'detail.attachment_missing' });
  try {
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw new AppError('validation_failed', { key: 'detail.attachment_missing' }, [{ field: 'file', message: 'required' }]);
    return { filename: file.filename, mimetype: file.mimetype, data: await file.toBuffer() };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', { key: 'detail.attachment_too_large', params: { limit } });
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('unsupported_media_type', { key: 'detail.attachment_missing' });
    throw new AppError('bad_request', { key: 'detail.attachment_missing' });
  }
}

/** Sends a stored file as a download: never rendered inline, never sniffed as another type. */
export function sendDownload(reply: FastifyReply, row: { filename: string; content_type: string; sha256: string }, data: Uint8Array) {
  return reply
    .type(row.content_type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${row.sha256}"`)
    .send(Buffer.from(data));
}

import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { idParams, commonProblems, problemSchema } from '../shared/schema.js';
import { acceptedContentTypes, addAttachment, listAttachments, readAttachment } from './attachments.service.js';

const attachmentResponse = z.object({
  id: z.string(),
  case_id: z.string(),
  filename: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  /** Hex SHA-256 of the content, for evidence bundles. */ sha256: z.string().describe('Hex SHA-256 of the content, for evidence bundles.'),
  created_at: z.string(),
  download_url: z.string(),
});

/** Reads the one file of a multipart upload; a broken body is the client's error, never a 500. */
async function readUpload(request: FastifyRequest, limit: number) {
  try {
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw new AppError('validation_failed', { key: 'detail.attachment_missing' }, [{ field: 'file', message: 'required' }]);
    return { file, data: await file.toBuffer() };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', { key: 'detail.attachment_too_large', params: { limit } });
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('unsupported_media_type', { key: 'detail.attachment_missing' });
    throw new AppError('bad_request', `The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const errors = commonProblems;

export async function attachmentRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.post('/cases/:id/attachments', {
    config: { permission: 'cases:write' },
    schema: {
      tags: ['cases'],
      summary: `Upload a file (multipart field "file"; ${acceptedContentTypes.join(', ')})`,
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: attachmentResponse, ...errors, 413: problemSchema, 415: problemSchema },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw new AppError('unsupported_media_type', { key: 'detail.attachment_missing' });
    const { file, data } = await readUpload(request, ctx.config.attachmentMaxBytes);
    const created = await addAttachment(db, authOf(request), request.params.id, { filename: file.filename, mimetype: file.mimetype, data }, ctx.now());
    return reply.code(201).send(created);
  });

  app.get('/cases/:id/attachments', {
    config: { permission: 'cases:read' },
    schema: { tags: ['cases'], summary: 'Attachments of a case', params: idParams, response: { 200: z.object({ items: z.array(attachmentResponse) }), ...errors } },
  }, async (request) => ({ items: await listAttachments(db, authOf(request).tenantId, request.params.id) }));

  app.get('/attachments/:id', {
    config: { permission: 'cases:read' },
    schema: { tags: ['cases'], summary: 'Download an attachment', params: idParams },
  }, async (request, reply) => {
    const { row, data } = await readAttachment(db, authOf(request).tenantId, request.params.id);
    return reply
      .type(row.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('etag', `"${row.sha256}"`)
      .send(data);
  });
}

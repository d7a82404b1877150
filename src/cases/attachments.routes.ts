import { z } from 'zod';
import { authOf, type App, type AppContext } from '../http/context.js';
import { idParams, commonProblems, problemSchema } from '../shared/schema.js';
import { acceptedContentTypes, addAttachment, listAttachments, readAttachment } from './attachments.service.js';
import { readUpload, sendDownload } from '../http/upload.js';

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
    const created = await addAttachment(db, authOf(request), request.params.id, await readUpload(request, ctx.config.attachmentMaxBytes), ctx.now());
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
    return sendDownload(reply, row, data);
  });
}

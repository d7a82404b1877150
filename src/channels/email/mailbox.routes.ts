import { z } from 'zod';
import { actorOf } from '../../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../../http/context.js';
import { commonProblems, idParams, problemSchema } from '../../shared/schema.js';
import { pollMailbox } from './imap.poller.js';
import { mailboxBody, mailboxResponse, pollResponse } from './mailbox.schema.js';
import { createMailbox, deleteMailbox, getMailbox, listMailboxes, requireMailboxRow, toMailboxResponse, updateMailbox } from './mailbox.service.js';

const errors = commonProblems;
const tags = ['email'];

export async function mailboxRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const key = ctx.secretKey;

  app.get('/mailboxes', {
    config: { permission: 'integrations:read' },
    schema: { tags, summary: 'E-mail mailboxes with their poll state (passwords are never returned)', response: { 200: z.object({ items: z.array(mailboxResponse) }), ...errors } },
  }, async (request) => listMailboxes(db, authOf(request).tenantId, key));

  app.post('/mailboxes', {
    config: { permission: 'integrations:manage', idempotency: false },
    schema: { tags, summary: 'Add a mailbox: address, IMAP to read, SMTP to reply (passwords encrypted at rest)', body: mailboxBody, response: { 201: mailboxResponse, ...errors, 409: problemSchema } },
  }, async (request, reply) => {
    const auth = authOf(request);
    return reply.code(201).send(await createMailbox(db, auth.tenantId, request.body, key, actorOf(auth), ctx.now()));
  });

  app.get('/mailboxes/:id', {
    config: { permission: 'integrations:read' },
    schema: { tags, summary: 'One mailbox and its poll state', params: idParams, response: { 200: mailboxResponse, ...errors } },
  }, async (request) => getMailbox(db, authOf(request).tenantId, request.params.id, key));

  app.put('/mailboxes/:id', {
    config: { permission: 'integrations:manage', idempotency: false },
    schema: { tags, summary: 'Replace a mailbox\'s settings; passwords left out are kept', params: idParams, body: mailboxBody, response: { 200: mailboxResponse, ...errors, 409: problemSchema } },
  }, async (request) => {
    const auth = authOf(request);
    return updateMailbox(db, auth.tenantId, request.params.id, request.body, key, actorOf(auth), ctx.now());
  });

  app.delete('/mailboxes/:id', {
    config: { permission: 'integrations:manage' },
    schema: { tags, summary: 'Remove a mailbox', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    await deleteMailbox(db, auth.tenantId, request.params.id, actorOf(auth), ctx.now());
    return reply.code(204).send(null);
  });

  app.post('/mailboxes/:id/poll', {
    config: { permission: 'integrations:sync', idempotency: false },
    schema: { tags, summary: 'Poll the mailbox\'s IMAP folder now; the outcome is also kept as last_error', params: idParams, response: { 200: pollResponse, ...errors } },
  }, async (request) => {
    const tenantId = authOf(request).tenantId;
    const row = await requireMailboxRow(db, tenantId, request.params.id);
    const result = await pollMailbox({ db, secretKey: key, now: ctx.now, log: request.log, attachmentMaxBytes: ctx.config.attachmentMaxBytes }, row);
    return { fetched: result.fetched, accepted: result.accepted, error: result.error, mailbox: toMailboxResponse(await requireMailboxRow(db, tenantId, row.id), key) };
  });
}

import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authOf, type App, type AppContext } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { classifyError, sendProblem } from '../../http/problem.js';
import { commonProblems, problemSchema } from '../../shared/schema.js';
import { ingestEmail } from './inbound.service.js';
import { inboundQuery, inboundResponse } from './mailbox.schema.js';
import { mailboxRows, requireMailboxRow, toMailboxConfig, type MailboxConfig } from './mailbox.service.js';
import { MalformedEmailError, type InboundEmail } from './parse.js';

/** A whole message with a 30 MB attachment still fits (its attachment is then skipped by the attachment limit). */
export const INBOUND_BODY_LIMIT = 35 * 1024 * 1024;

/**
 * `POST /inbound/email`: a mail server's pipe (or a forwarding script) hands over one raw message.
 * Registered in its own scope so its raw-body parsers do not change any other route.
 */
export async function inboundEmailRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser(['text/plain']);
    scope.addContentTypeParser(['message/rfc822', 'text/plain'], { parseAs: 'buffer', bodyLimit: INBOUND_BODY_LIMIT }, (_request, body, done) => done(null, body));
    // As the app's handler, but a too-large body names this route's limit, not the JSON one.
    scope.setErrorHandler(async (error, request, reply) => {
      const appError = classifyError(error, INBOUND_BODY_LIMIT);
      if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: appError.code, status: appError.status }, 'request rejected');
      return sendProblem(request, reply, appError);
    });

    scope.post('/inbound/email', {
      bodyLimit: INBOUND_BODY_LIMIT,
      config: { permission: 'email:ingest', idempotency: false },
      schema: {
        tags: ['email'],
        summary: 'Take in one raw e-mail (message/rfc822 or text/plain) for a mailbox chosen by mailbox_id or by its recipients',
        description: 'The same Message-ID twice changes nothing and returns the first result. Auto-replies, bounces and loops are recorded and never answered; a sender over the hourly limit gets 429.',
        querystring: inboundQuery,
        response: { 200: inboundResponse, ...commonProblems, 413: problemSchema, 415: problemSchema, 429: problemSchema },
      },
    }, async (request) => {
      const tenantId = authOf(request).tenantId;
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new AppError('unsupported_media_type', 'Send the message as message/rfc822 or text/plain.');
      const chosen = request.query.mailbox_id;
      let used: { mailbox: MailboxConfig; sender: string } | undefined;
      const pick = async (email: InboundEmail) => {
        let mailbox: MailboxConfig;
        if (chosen) mailbox = toMailboxConfig(await requireMailboxRow(db, tenantId, chosen), ctx.secretKey);
        else {
          const row = (await mailboxRows(db, tenantId)).find((candidate) => email.recipients.includes(candidate.address));
          if (!row) throw new AppError('not_found', { key: 'detail.mailbox_for_recipient', params: { addresses: email.recipients.join(', ') || '(none)' } });
          mailbox = toMailboxConfig(row, ctx.secretKey);
        }
        used = { mailbox, sender: email.from.address };
        return mailbox;
      };
      let result;
      try {
        result = await ingestEmail({ db, now: ctx.now, attachmentMaxBytes: ctx.config.attachmentMaxBytes, log: request.log }, pick, raw);
      } catch (error) {
        if (error instanceof MalformedEmailError) throw new AppError('bad_request', { key: 'detail.email_malformed', params: { reason: error.message } });
        throw error;
      }
      // A retry of a message refused for its sender's rate gets 200: it was recorded, and asking again changes nothing.
      if (result.disposition === 'rate_limited' && !result.duplicate) {
        const params = { sender: used?.sender ?? '', limit: used?.mailbox.settings.sender_limit_per_hour ?? 0 };
        throw new AppError('rate_limited', { key: 'detail.email_rate_limited', params }, undefined, { message_id: result.message_id, disposition: result.disposition });
      }
      return result;
    });
  });
}

import { z } from 'zod';
import type { App, AppContext } from '../../http/context.js';
import type { Metrics } from '../../http/metrics.js';
import { receiveCallback } from './webhook.service.js';

/** WeChat Pay retries anything but a 2xx; its error body is {code: "FAIL", message}. */
const failBody = z.object({ code: z.literal('FAIL'), message: z.string() });
/** A complaint notification is well under 2 KiB; anything near this is not one. */
export const CALLBACK_BODY_LIMIT = 64 * 1024;

export async function wechatPayWebhookRoutes(app: App, ctx: AppContext, metrics: Pick<Metrics, 'webhook'>) {
  await app.register(async (instance) => {
    const scope = instance as App;
    // The signature covers the exact bytes, so this scope keeps the body raw, whatever its type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CALLBACK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.setErrorHandler(async (error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode;
      const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
      const outcome = code === 413 ? 'oversized' : code < 500 ? 'bad_request' : 'error';
      metrics.webhook('wechatpay', outcome);
      if (code >= 500) request.log.error({ err: error }, 'wechatpay callback failed');
      else request.log.warn({ outcome }, 'wechatpay callback refused');
      return reply.code(code).type('application/json').send({ code: 'FAIL', message: code === 413 ? 'body too large' : code < 500 ? 'bad request' : 'internal error, retry later' });
    });

    scope.post('/webhooks/wechatpay/:tenant', {
      schema: {
        tags: ['webhooks'],
        summary: 'WeChat Pay complaint notifications (signed, encrypted); 204 once committed',
        params: z.object({ tenant: z.string().min(1).max(63) }),
        response: { 204: z.null(), 400: failBody, 401: failBody, 404: failBody, 413: failBody, 500: failBody },
      },
    }, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const outcome = await receiveCallback({ db: ctx.database.db, secretKey: ctx.secretKey, fetch: ctx.fetch, now: ctx.now, log: request.log, publicUrl: ctx.config.publicUrl }, request.params.tenant, request.headers, raw);
      if (!outcome.ok) {
        metrics.webhook('wechatpay', outcome.reason);
        request.log.warn({ tenant: request.params.tenant, reason: outcome.reason }, 'wechatpay callback refused');
        return reply.code(outcome.status as 400 | 401 | 404).send({ code: 'FAIL', message: outcome.message });
      }
      metrics.webhook('wechatpay', outcome.duplicate ? 'duplicate' : 'accepted');
      request.log.info({ tenant: request.params.tenant, notification: outcome.notificationId, complaint: outcome.complaintId, duplicate: outcome.duplicate, processed: outcome.processed }, 'wechatpay callback accepted');
      return reply.code(204).send(null);
    });
  });
}

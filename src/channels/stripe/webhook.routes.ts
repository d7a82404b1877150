import { z } from 'zod';
import type { App, AppContext } from '../../http/context.js';
import type { Metrics } from '../../http/metrics.js';
import { problemSchema } from '../../shared/schema.js';
import { AppError } from '../../http/errors.js';
import { receiveStripeEvent } from './webhook.service.js';

/** Dispute events are a few KiB; Stripe's largest events stay well below this. */
export const STRIPE_BODY_LIMIT = 512 * 1024;

export async function stripeWebhookRoutes(app: App, ctx: AppContext, metrics: Pick<Metrics, 'webhook'>) {
  await app.register(async (instance) => {
    const scope = instance as App;
    // constructEvent verifies the exact bytes Stripe signed, so this scope keeps the body raw.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: STRIPE_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.addHook('onError', async (request, _reply, error) => {
      if ((error as { statusCode?: number }).statusCode === 413) {
        metrics.webhook('stripe', 'oversized');
        request.log.warn({ tenant: (request.params as { tenant?: string }).tenant }, 'stripe event refused: body too large');
      }
    });

    scope.post('/webhooks/stripe/:tenant', {
      schema: {
        tags: ['webhooks'],
        summary: 'Stripe events (Stripe-Signature verified, 300 s tolerance); 200 once committed; charge.dispute.* open and update cases',
        params: z.object({ tenant: z.string().min(1).max(63) }),
        response: { 200: z.object({ received: z.literal(true), duplicate: z.boolean() }), 400: problemSchema, 404: problemSchema, 413: problemSchema },
      },
    }, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['stripe-signature'];
      const outcome = await receiveStripeEvent({ db: ctx.database.db, secretKey: ctx.secretKey, now: ctx.now, log: request.log }, request.params.tenant, Array.isArray(header) ? header[0] : header, raw);
      if (!outcome.ok) {
        metrics.webhook('stripe', outcome.reason);
        request.log.warn({ tenant: request.params.tenant, reason: outcome.reason }, 'stripe event refused');
        throw new AppError(outcome.status === 404 ? 'not_found' : 'bad_request', outcome.message, undefined, { reason: outcome.reason });
      }
      metrics.webhook('stripe', outcome.duplicate ? 'duplicate' : outcome.applied === 'ignored' ? 'ignored' : 'accepted');
      request.log.info({ tenant: request.params.tenant, event: outcome.eventId, type: outcome.type, duplicate: outcome.duplicate, case: outcome.caseId }, 'stripe event accepted');
      return reply.code(200).send({ received: true, duplicate: outcome.duplicate });
    });
  });
}

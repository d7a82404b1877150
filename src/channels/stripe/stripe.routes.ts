import { actorOf } from '../../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../../http/context.js';
import { commonProblems, idParams, problemSchema } from '../../shared/schema.js';
import { disputeOfCase } from './disputes.service.js';
import { submitEvidence } from './evidence.service.js';
import { disputeResponse, evidenceBody, stripeIntegrationBody, stripeIntegrationResponse } from './integration.schema.js';
import { getStripeIntegration, putStripeIntegration } from './integration.service.js';

const errors = commonProblems;
const tags = ['stripe'];

export async function stripeRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const key = ctx.secretKey;
  const links = (request: Parameters<typeof authOf>[0]) => ({ publicUrl: ctx.config.publicUrl, tenantSlug: authOf(request).tenantSlug });

  app.get('/integrations/stripe', {
    config: { permission: 'integrations:read' },
    schema: { tags, summary: 'Stripe setup (whether secrets are set, never the secrets) and the webhook URL to give Stripe', response: { 200: stripeIntegrationResponse, ...errors, 409: problemSchema } },
  }, async (request) => getStripeIntegration(db, authOf(request).tenantId, key, links(request)));

  app.put('/integrations/stripe', {
    config: { permission: 'integrations:manage', idempotency: false },
    schema: { tags, summary: 'Set up Stripe disputes: the webhook signing secret and, for evidence, an API key (encrypted at rest)', body: stripeIntegrationBody, response: { 200: stripeIntegrationResponse, 201: stripeIntegrationResponse, ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const { created, integration } = await putStripeIntegration(db, auth.tenantId, request.body, key, actorOf(auth), ctx.now(), links(request));
    return reply.code(created ? 201 : 200).send(integration);
  });

  app.get('/cases/:id/dispute', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'The Stripe dispute behind a case: status, evidence due date, funds', params: idParams, response: { 200: disputeResponse, ...errors } },
  }, async (request) => disputeOfCase(db, authOf(request).tenantId, request.params.id));

  app.post('/cases/:id/dispute/evidence', {
    config: { permission: 'disputes:respond' },
    schema: { tags, summary: 'Send evidence for the case\'s dispute to Stripe (submit: false only stages it)', params: idParams, body: evidenceBody, response: { 200: disputeResponse, ...errors, 409: problemSchema, 502: problemSchema } },
  }, async (request) => submitEvidence(db, authOf(request), request.params.id, request.body, key, ctx.fetch, ctx.now));
}

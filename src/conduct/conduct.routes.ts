import { actorOf } from '../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems, idParams } from '../shared/schema.js';
import { checkOutboundMessage } from './check.service.js';
import { conductCheckBody, conductCheckResponse, conductSettingsSchema } from './conduct.schema.js';
import { getConductSettings, putConductSettings } from './screen.js';

const tags = ['conduct'];

export async function conductRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/settings/conduct', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'Conduct guard: what blocks or warns in outbound messages, allowed contacts, daily contact limit', response: { 200: conductSettingsSchema, ...commonProblems } },
  }, async (request) => getConductSettings(db, authOf(request).tenantId));

  app.put('/settings/conduct', {
    config: { permission: 'conduct:manage' },
    schema: { tags, summary: 'Set the conduct guard (WeChat Pay complaints always block every rule)', body: conductSettingsSchema, response: { 200: conductSettingsSchema, ...commonProblems } },
  }, async (request) => {
    const auth = authOf(request);
    return putConductSettings(db, auth.tenantId, request.body, actorOf(auth), ctx.now());
  });

  app.post('/cases/:id/messages/check', {
    // Nothing is written, so there is nothing to replay: an Idempotency-Key is not stored either.
    config: { permission: 'cases:write', idempotency: false },
    schema: {
      tags,
      summary: 'Try an outbound reply against the conduct guard without sending or storing it',
      description: 'Runs exactly what POST /cases/{id}/messages would run for an outbound message from this token on this case (channel rules, tenant settings, daily contact limit) and reports it; localized by Accept-Language. No message, no audit event.',
      params: idParams,
      body: conductCheckBody,
      response: { 200: conductCheckResponse, ...commonProblems },
    },
  }, async (request) => checkOutboundMessage(db, authOf(request), request.params.id, request.body.body, ctx.now(), request.locale));
}

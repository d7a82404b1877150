import { actorOf } from '../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems } from '../shared/schema.js';
import { conductSettingsSchema } from './conduct.schema.js';
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
}

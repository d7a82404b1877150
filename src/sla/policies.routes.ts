import { z } from 'zod';
import { actorOf } from '../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems, idParams } from '../shared/schema.js';
import { policyBody, policyResponse } from './policies.schema.js';
import * as service from './policies.service.js';

const errors = commonProblems;
const tags = ['sla'];

export async function policyRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const deps = { now: ctx.now, inlineRecompute: ctx.config.policyInlineCases };

  app.get('/sla-policies', {
    config: { permission: 'sla:read' },
    schema: { tags, summary: 'SLA policies in the order they are tried', response: { 200: z.object({ items: z.array(policyResponse) }), ...errors } },
  }, async (request) => ({ items: await service.listPolicies(db, authOf(request).tenantId) }));

  app.post('/sla-policies', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: 'Create an SLA policy; open cases are re-matched at once', body: policyBody, response: { 201: policyResponse, ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    return reply.code(201).send(await service.createPolicy(db, auth.tenantId, request.body, actorOf(auth), deps));
  });

  app.get('/sla-policies/:id', {
    config: { permission: 'sla:read' },
    schema: { tags, summary: 'Get an SLA policy', params: idParams, response: { 200: policyResponse, ...errors } },
  }, async (request) => service.getPolicy(db, authOf(request).tenantId, request.params.id));

  app.put('/sla-policies/:id', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: 'Replace an SLA policy; affected cases get new deadlines', params: idParams, body: policyBody, response: { 200: policyResponse, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return service.replacePolicy(db, auth.tenantId, request.params.id, request.body, actorOf(auth), deps);
  });

  app.delete('/sla-policies/:id', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: 'Delete an SLA policy; its running clocks and pending reminders go with it', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    await service.deletePolicy(db, auth.tenantId, request.params.id, actorOf(auth), deps);
    return reply.code(204).send(null);
  });
}

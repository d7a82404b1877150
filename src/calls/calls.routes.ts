import { z } from 'zod';
import { authOf, type App, type AppContext } from '../http/context.js';
import { linksFor } from '../runtime.js';
import { commonProblems, idParams, problemSchema } from '../shared/schema.js';
import { callFirstBody, callFirstResponse, callList, callResponse, listCallsQuery, logCallBody } from './calls.schema.js';
import { getCall, listCaseCalls, logCallFirst, logCaseCall } from './calls.service.js';

const errors = commonProblems;
const tags = ['calls'];
const idempotencyHeader = z.object({
  /** Retry-safe writes: the same key and body replay the first response for 24 h. */
  'idempotency-key': z.string().max(255).optional(),
});

export async function callRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const links = linksFor(ctx.config);

  app.post('/cases/:id/calls', {
    config: { permission: 'cases:write' },
    schema: { tags, summary: 'Log a phone call on a case (promised call-back, transfer to another tier)', params: idParams, headers: idempotencyHeader, body: logCallBody, response: { 201: callResponse, ...errors, 409: problemSchema } },
  }, async (request, reply) => {
    const call = await logCaseCall(db, authOf(request), request.params.id, request.body, { now: ctx.now(), links, locale: request.locale });
    return reply.code(201).header('location', `/api/v1/calls/${call.id}`).send(call);
  });

  app.get('/cases/:id/calls', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'Phone calls of a case, newest first', params: idParams, querystring: listCallsQuery, response: { 200: callList, ...errors } },
  }, async (request) => listCaseCalls(db, authOf(request).tenantId, request.params.id, request.query));

  app.post('/calls', {
    config: { permission: 'cases:write' },
    schema: { tags, summary: "Log a call first: joins the caller's open case or opens a phone case", headers: idempotencyHeader, body: callFirstBody, response: { 201: callFirstResponse, ...errors, 409: problemSchema } },
  }, async (request, reply) => {
    const result = await logCallFirst(db, authOf(request), request.body, { now: ctx.now(), links, locale: request.locale });
    return reply.code(201).header('location', `/api/v1/calls/${result.call.id}`).send(result);
  });

  app.get('/calls/:id', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'Get a phone call', params: idParams, response: { 200: callResponse, ...errors } },
  }, async (request) => getCall(db, authOf(request).tenantId, request.params.id));
}

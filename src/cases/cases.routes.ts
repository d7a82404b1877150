import { z } from 'zod';
import { authOf, type App, type AppContext } from '../http/context.js';
import { idParams, listEnvelope, commonProblems, problemSchema } from '../shared/schema.js';
import {
  caseList,
  caseResponse,
  createCaseBody,
  createMessageBody,
  listCasesQuery,
  listPageQuery,
  messageResponse,
  timelineItem,
  transitionBody,
  updateCaseBody,
} from './cases.schema.js';
import * as service from './cases.service.js';
import { addMessage, listMessages } from './messages.service.js';
import { transitionCase } from './transitions.service.js';

const errors = commonProblems;
const idempotencyHeader = z.object({
  /** Retry-safe writes: the same key and body replay the first response for 24 h. */
  'idempotency-key': z.string().max(255).optional(),
});

export async function caseRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.post('/cases', {
    config: { permission: 'cases:write' },
    schema: { tags: ['cases'], summary: 'Open a case', headers: idempotencyHeader, body: createCaseBody, response: { 201: caseResponse, ...errors, 422: problemSchema } },
  }, async (request, reply) => {
    const created = await service.createCase(db, authOf(request), request.body, ctx.now());
    return reply.code(201).header('location', `/api/v1/cases/${created.id}`).send(created);
  });

  app.get('/cases', {
    config: { permission: 'cases:read' },
    schema: { tags: ['cases'], summary: 'List and search cases (keyset pagination)', querystring: listCasesQuery, response: { 200: caseList, ...errors } },
  }, async (request) => service.listCases(db, authOf(request).tenantId, request.query, ctx.now()));

  app.get('/cases/:id', {
    config: { permission: 'cases:read' },
    schema: { tags: ['cases'], summary: 'Get a case', params: idParams, response: { 200: caseResponse, ...errors } },
  }, async (request) => service.getCase(db, authOf(request).tenantId, request.params.id, ctx.now()));

  app.patch('/cases/:id', {
    config: { permission: 'cases:write' },
    schema: { tags: ['cases'], summary: 'Change fields, assignment or tags', params: idParams, body: updateCaseBody, response: { 200: caseResponse, ...errors } },
  }, async (request) => service.updateCase(db, authOf(request), request.params.id, request.body, ctx.now()));

  app.post('/cases/:id/messages', {
    config: { permission: 'cases:write' },
    schema: { tags: ['cases'], summary: 'Add an inbound, outbound or internal message', params: idParams, headers: idempotencyHeader, body: createMessageBody, response: { 201: messageResponse, ...errors, 422: problemSchema } },
  }, async (request, reply) => {
    const message = await addMessage(db, authOf(request), request.params.id, request.body, ctx.now(), request.locale);
    return reply.code(201).send(message);
  });

  app.get('/cases/:id/messages', {
    config: { permission: 'cases:read' },
    schema: { tags: ['cases'], summary: 'Messages of a case, oldest first', params: idParams, querystring: listPageQuery, response: { 200: listEnvelope(messageResponse), ...errors } },
  }, async (request) => listMessages(db, authOf(request).tenantId, request.params.id, request.query));

  app.post('/cases/:id/transitions', {
    config: { permission: 'cases:write' },
    schema: { tags: ['cases'], summary: 'Change status (resolve needs a resolution code)', params: idParams, headers: idempotencyHeader, body: transitionBody, response: { 200: caseResponse, ...errors, 409: problemSchema, 422: problemSchema } },
  }, async (request) => transitionCase(db, authOf(request), request.params.id, request.body, ctx.now(), request.locale));

  app.get('/cases/:id/timeline', {
    config: { permission: 'cases:read' },
    schema: { tags: ['cases'], summary: 'Hash-chained audit events of a case, oldest first', params: idParams, querystring: listPageQuery, response: { 200: listEnvelope(timelineItem), ...errors } },
  }, async (request) => service.getTimeline(db, authOf(request).tenantId, request.params.id, request.query));
}

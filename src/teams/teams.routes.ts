import { z } from 'zod';
import { actorOf } from '../auth/auth.service.js';
import { caseResponse } from '../cases/cases.schema.js';
import { escalateCase } from '../cases/escalation.service.js';
import { addFollowUp, completeFollowUp, listFollowUps } from '../cases/follow-ups.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { linksFor } from '../runtime.js';
import { commonProblems, idParams, problemSchema } from '../shared/schema.js';
import { getEscalationPaths, setEscalationPaths } from './escalation.service.js';
import { getSchedule, handoverSummary, setSchedule } from './handover.service.js';
import { escalateBody, escalationPaths, followUpBody, followUpResponse, handoverQuery, handoverResponse, scheduleBody, scheduleResponse } from './teams.schema.js';

const errors = commonProblems;
const tags = ['teams'];
const teamParams = z.object({ code: z.string().min(1).max(32) });

export async function teamRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const links = linksFor(ctx.config);

  app.get('/escalation-paths', {
    config: { permission: 'sla:read' },
    schema: { tags, summary: 'Escalation tiers and category routes', response: { 200: escalationPaths, ...errors } },
  }, async (request) => getEscalationPaths(db, authOf(request).tenantId));

  app.put('/escalation-paths', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: 'Set escalation tiers (L1 → L2 → L3) and category routes (fraud.* → risk)', body: escalationPaths, response: { 200: escalationPaths, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return setEscalationPaths(db, auth.tenantId, request.body, actorOf(auth), ctx.now());
  });

  app.get('/teams/:code/schedule', {
    config: { permission: 'users:read' },
    schema: { tags, summary: "A team's on-duty shifts", params: teamParams, response: { 200: scheduleResponse, ...errors } },
  }, async (request) => getSchedule(db, authOf(request).tenantId, request.params.code));

  app.put('/teams/:code/schedule', {
    config: { permission: 'schedules:manage' },
    schema: { tags, summary: "Set a team's on-duty shifts; a handover summary goes out at each shift change", params: teamParams, body: scheduleBody, response: { 200: scheduleResponse, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return setSchedule(db, auth.tenantId, request.params.code, request.body, actorOf(auth), ctx.now());
  });

  app.get('/handover', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'Shift handover: open cases, deadlines and promised follow-ups up to the end of the next shift', querystring: handoverQuery, response: { 200: handoverResponse, ...errors } },
  }, async (request) => handoverSummary(db, authOf(request).tenantId, request.query.team, request.query.at ? new Date(request.query.at) : ctx.now()));

  app.post('/cases/:id/escalate', {
    config: { permission: 'cases:write' },
    schema: { tags: ['cases'], summary: 'Escalate a case to the next team on its path (or a named team)', params: idParams, body: escalateBody, response: { 200: caseResponse, ...errors, 409: problemSchema } },
  }, async (request) => {
    const auth = authOf(request);
    return escalateCase(db, auth.tenantId, request.params.id, request.body, actorOf(auth), ctx.now(), links);
  });

  app.get('/cases/:id/follow-ups', {
    config: { permission: 'cases:read' },
    schema: { tags: ['cases'], summary: 'Follow-ups promised on a case', params: idParams, response: { 200: z.object({ items: z.array(followUpResponse) }), ...errors } },
  }, async (request) => ({ items: await listFollowUps(db, authOf(request).tenantId, request.params.id) }));

  app.post('/cases/:id/follow-ups', {
    config: { permission: 'cases:write' },
    schema: { tags: ['cases'], summary: 'Record a promised follow-up', params: idParams, body: followUpBody, response: { 201: followUpResponse, ...errors } },
  }, async (request, reply) => reply.code(201).send(await addFollowUp(db, authOf(request), request.params.id, request.body, ctx.now())));

  app.post('/cases/:id/follow-ups/:followUpId/done', {
    config: { permission: 'cases:write' },
    schema: { tags: ['cases'], summary: 'Mark a follow-up as kept', params: idParams.extend({ followUpId: z.uuid() }), response: { 200: followUpResponse, ...errors } },
  }, async (request) => completeFollowUp(db, authOf(request), request.params.id, request.params.followUpId, ctx.now()));
}

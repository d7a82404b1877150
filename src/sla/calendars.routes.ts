import { z } from 'zod';
import { actorOf } from '../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems, idParams, problemSchema } from '../shared/schema.js';
import { calendarBody, calendarDateBody, calendarResponse, deadlineQuery, deadlineResponse, localDate, teamCalendarBody } from './calendars.schema.js';
import * as service from './calendars.service.js';
import { followChange } from './resync.js';

const errors = commonProblems;
const tags = ['sla'];

export async function calendarRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const deps = { now: ctx.now, inlineRecompute: ctx.config.policyInlineCases };
  // Open cases follow a calendar change: at once on a normal desk, the rest in the background.
  const resynced = async <T>(change: service.WithResync<T>): Promise<T> => {
    await followChange(db, change.tenantId, change.job, deps);
    return change.result;
  };

  app.get('/calendars', {
    config: { permission: 'sla:read' },
    schema: { tags, summary: 'Business-hours calendars', response: { 200: z.object({ items: z.array(calendarResponse) }), ...errors } },
  }, async (request) => ({ items: await service.listCalendars(db, authOf(request).tenantId) }));

  app.post('/calendars', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: 'Create a calendar (hours with breaks, holiday sets, make-up working days, exceptions)', body: calendarBody, response: { 201: calendarResponse, ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    return reply.code(201).send(await service.createCalendar(db, auth.tenantId, request.body, actorOf(auth), ctx.now()));
  });

  app.get('/calendars/:id', {
    config: { permission: 'sla:read' },
    schema: { tags, summary: 'Get a calendar', params: idParams, response: { 200: calendarResponse, ...errors } },
  }, async (request) => service.getCalendar(db, authOf(request).tenantId, request.params.id));

  app.put('/calendars/:id', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: 'Replace a calendar', params: idParams, body: calendarBody, response: { 200: calendarResponse, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return resynced(await service.replaceCalendar(db, auth.tenantId, request.params.id, request.body, actorOf(auth), ctx.now()));
  });

  app.delete('/calendars/:id', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: 'Delete a calendar no team or policy uses', params: idParams, response: { 204: z.null(), ...errors, 409: problemSchema } },
  }, async (request, reply) => {
    const auth = authOf(request);
    await service.deleteCalendar(db, auth.tenantId, request.params.id, actorOf(auth), ctx.now());
    return reply.code(204).send(null);
  });

  app.post('/calendars/:id/dates', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: 'Add a holiday, a make-up working day or special hours for one date', params: idParams, body: calendarDateBody, response: { 200: calendarResponse, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return resynced(await service.setCalendarDate(db, auth.tenantId, request.params.id, request.body, actorOf(auth), ctx.now()));
  });

  app.delete('/calendars/:id/dates/:date', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: "Remove the calendar's own entry for a date", params: idParams.extend({ date: localDate }), response: { 200: calendarResponse, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return resynced(await service.removeCalendarDate(db, auth.tenantId, request.params.id, request.params.date, actorOf(auth), ctx.now()));
  });

  app.get('/calendars/:id/deadline', {
    config: { permission: 'sla:read' },
    schema: { tags, summary: 'When N working hours after a start end on this calendar', params: idParams, querystring: deadlineQuery, response: { 200: deadlineResponse, ...errors } },
  }, async (request) => service.previewDeadline(db, authOf(request).tenantId, request.params.id, request.query.start, request.query.hours));

  app.put('/teams/:code/calendar', {
    config: { permission: 'sla:manage' },
    schema: { tags, summary: "Set the calendar of a team's business-hours clocks", params: z.object({ code: z.string().min(1).max(32) }), body: teamCalendarBody, response: { 200: z.object({ team: z.string(), calendar_id: z.string().nullable() }), ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return resynced(await service.setTeamCalendar(db, auth.tenantId, request.params.code, request.body.calendar_id, actorOf(auth), ctx.now()));
  });
}

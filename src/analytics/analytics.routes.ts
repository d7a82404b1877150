import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems } from '../shared/schema.js';
import { dashboardQuery, dashboardResponse } from './analytics.schema.js';
import { dashboard } from './analytics.service.js';
import { selfServiceQuery, selfServiceReport, selfServiceResponse } from './self-service.js';

const errors = commonProblems;
const tags = ['analytics'];

export async function analyticsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/analytics/dashboard', {
    config: { permission: 'analytics:read' },
    schema: {
      tags,
      summary: 'Supervisor dashboard over a range of days: backlog, heat map, first-reply and resolution times, SLA achievement, WeChat Pay standing, upcoming breaches and agent load',
      querystring: dashboardQuery,
      response: { 200: dashboardResponse, ...errors },
    },
  }, async (request) => dashboard({ db, secretKey: ctx.secretKey, now: ctx.now() }, authOf(request).tenantId, request.query));

  app.get('/analytics/self-service', {
    config: { permission: 'analytics:read' },
    schema: {
      tags,
      summary: 'Self-service over a range of days: chat deflection (conversations solved without an agent), portal cases, CSAT and knowledge-base votes',
      querystring: selfServiceQuery,
      response: { 200: selfServiceResponse, ...errors },
    },
  }, async (request) => selfServiceReport(db, authOf(request).tenantId, request.query, ctx.now()));
}

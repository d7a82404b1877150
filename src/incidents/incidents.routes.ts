import { actorOf } from '../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems, idParams, listEnvelope } from '../shared/schema.js';
import { evidenceBundle, getIncident, incidentResponse, incidentWithCases, listIncidents, listIncidentsQuery, updateIncident, updateIncidentBody } from './incidents.service.js';

const errors = commonProblems;
const tags = ['incidents'];

export async function incidentRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/incidents', {
    config: { permission: 'incidents:read' },
    schema: { tags, summary: 'Incidents (complaint floods), newest first', querystring: listIncidentsQuery, response: { 200: listEnvelope(incidentResponse), ...errors } },
  }, async (request) => listIncidents(db, authOf(request).tenantId, request.query));

  app.get('/incidents/:id', {
    config: { permission: 'incidents:read' },
    schema: { tags, summary: 'An incident and its cases', params: idParams, response: { 200: incidentWithCases, ...errors } },
  }, async (request) => getIncident(db, authOf(request).tenantId, request.params.id));

  app.patch('/incidents/:id', {
    config: { permission: 'incidents:manage' },
    schema: { tags, summary: 'Resolve or reopen an incident, or set its public broadcast', params: idParams, body: updateIncidentBody, response: { 200: incidentWithCases, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return updateIncident(db, auth.tenantId, request.params.id, request.body, actorOf(auth), ctx.now());
  });

  const evidence = [
    { path: '/incidents/:id/evidence', target: 'incidentId', file: 'incident', summary: 'Evidence bundle (zip): every case with its complaint, messages, hash-chained timeline, files and a manifest' },
    { path: '/cases/:id/evidence', target: 'caseId', file: 'case', summary: 'Evidence bundle (zip) for one case: complaint, messages, hash-chained timeline, files and a manifest' },
  ] as const;
  for (const route of evidence) {
    app.get(route.path, {
      config: { permission: 'evidence:export' },
      schema: { tags, summary: route.summary, params: idParams },
    }, async (request, reply) => {
      const auth = authOf(request);
      const zip = await evidenceBundle(db, auth.tenantId, { [route.target]: request.params.id }, auth.name, ctx.secretKey, ctx.now(), request.locale);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${route.file}-${request.params.id}-evidence.zip"`)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(zip));
    });
  }
}

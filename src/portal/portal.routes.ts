import { z } from 'zod';
import { acceptedContentTypes } from '../cases/attachments.service.js';
import { actorOf } from '../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems, idParams, problemSchema, tenantParams } from '../shared/schema.js';
import { caseRating, rateCase } from './csat.service.js';
import { createLinkForCase, listLinksOfCase, portalLinkKey, resolveLink, revokeLinkOfCase } from './links.js';
import { openPortalCase } from './open-case.service.js';
import {
  caseLinkParams,
  createdLinkResponse,
  createLinkBody,
  csatBody,
  csatResponse,
  defaultTenantResponse,
  formQuery,
  formResponse,
  linkResponse,
  localeQuery,
  openCaseBody,
  openCaseResponse,
  portalConfigResponse,
  publicAttachmentResponse,
  publicCsatResponse,
  replyBody,
  replyResponse,
  statusResponse,
  tokenAttachmentParams,
  tokenParams,
} from './portal.schema.js';
import { defaultTenant, portalConfig, portalForm, publicTenant } from './portal.service.js';
import { addCustomerFile, postCustomerReply, readCustomerFile, statusView } from './status.service.js';
import { readUpload, sendDownload } from '../http/upload.js';

const tags = ['portal'];
const publicProblems = { 400: problemSchema, 404: problemSchema, 429: problemSchema };
const linkProblems = { ...publicProblems, 410: problemSchema };

/** Agents' portal routes (under /api/v1): status links for a case, and its satisfaction rating. */
export async function portalRoutes(app: App, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const linkKey = portalLinkKey(ctx.secretKey);

  app.get('/cases/:id/portal-links', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: "The case's customer status links (never their URLs)", params: idParams, response: { 200: z.object({ items: z.array(linkResponse) }), ...commonProblems } },
  }, async (request) => listLinksOfCase(db, authOf(request).tenantId, request.params.id, ctx.now()));

  app.post('/cases/:id/portal-links', {
    // The answer holds the only copy of the URL: it is not kept for idempotent replays.
    config: { permission: 'cases:write', idempotency: false },
    schema: { tags, summary: 'Make a status link for the customer (the URL is shown this once)', params: idParams, body: createLinkBody.nullish(), response: { 201: createdLinkResponse, ...commonProblems } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const created = await createLinkForCase(db, linkKey, ctx.config.publicUrl, { tenantId: auth.tenantId, caseId: request.params.id, createdBy: auth.userId ?? auth.tokenId, days: request.body?.days ?? ctx.config.selfService.portalLinkDays, actor: actorOf(auth), now: ctx.now() });
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  app.delete('/cases/:id/portal-links/:linkId', {
    config: { permission: 'cases:write' },
    schema: { tags, summary: 'Revoke a status link (the customer page answers 410 from then on)', params: caseLinkParams, response: { 200: linkResponse, ...commonProblems } },
  }, async (request) => {
    const auth = authOf(request);
    return revokeLinkOfCase(db, auth.tenantId, request.params.id, request.params.linkId, actorOf(auth), ctx.now());
  });

  app.get('/cases/:id/csat', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: "The customer's satisfaction rating of the case (404 when not rated)", params: idParams, response: { 200: csatResponse, ...commonProblems } },
  }, async (request) => caseRating(db, authOf(request).tenantId, request.params.id));
}

/** The customer portal's public routes (under /public/v1), no token; each is rate-limited per IP. */
export async function portalPublicRoutes(app: App, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const linkKey = portalLinkKey(ctx.secretKey);
  const { portalLinkDays } = ctx.config.selfService;
  const reads = { publicLimit: 'read' as const };
  const writes = { publicLimit: 'write' as const };
  const security: Array<Record<string, string[]>> = [];

  app.get('/default-tenant', {
    config: reads,
    schema: { tags, security, summary: 'The desk the portal shows when the URL names none (the oldest tenant)', response: { 200: defaultTenantResponse, ...publicProblems } },
  }, async () => defaultTenant(db));

  app.get('/:tenant/portal', {
    config: reads,
    schema: { tags, security, summary: 'Portal start page: problems to pick from and notices of open incidents', params: tenantParams, querystring: localeQuery, response: { 200: portalConfigResponse, ...publicProblems } },
  }, async (request) => portalConfig(db, request.params.tenant, request.query.locale ?? request.locale));

  app.get('/:tenant/portal/form', {
    config: reads,
    schema: { tags, security, summary: "The guided form for a problem, from its playbook's required information", params: tenantParams, querystring: formQuery, response: { 200: formResponse, ...publicProblems } },
  }, async (request) => portalForm(db, request.params.tenant, request.query.category, request.query.locale ?? request.locale));

  app.post('/:tenant/portal/cases', {
    config: writes,
    schema: { tags, security, summary: "Open a case; answers with the bot's first reply and the customer's status link", params: tenantParams, body: openCaseBody, response: { 201: openCaseResponse, ...publicProblems, 413: problemSchema } },
  }, async (request, reply) => {
    const tenant = await publicTenant(db, request.params.tenant);
    const locale = request.body.locale ?? request.locale;
    const deps = { db, secretKey: ctx.secretKey, now: ctx.now, log: request.log, linkKey, publicUrl: ctx.config.publicUrl, linkDays: portalLinkDays };
    const created = await openPortalCase(deps, tenant, request.body, locale);
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  // Routes that carry the status token in their path: logged at warn and above only, so the URL
  // (a credential) never reaches the request log; answers are never cached or sent on as a referrer.
  await app.register(async (scoped) => {
    const link = scoped as App;
    link.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return payload;
    });
    const logLevel = 'warn' as const;

    link.get('/portal/status/:token', {
      logLevel,
      config: reads,
      schema: { tags, security, summary: "The customer's view of the case: status, conversation, files, rating", params: tokenParams, querystring: localeQuery, response: { 200: statusResponse, ...linkProblems } },
    }, async (request) => {
      const found = await resolveLink(db, linkKey, request.params.token, ctx.now());
      return statusView(db, found, request.query.locale, request.locale);
    });

    link.post('/portal/status/:token/messages', {
      logLevel,
      config: writes,
      schema: { tags, security, summary: 'The customer writes on the case (a resolved case reopens; a closed one answers 409)', params: tokenParams, body: replyBody, response: { 201: replyResponse, ...linkProblems, 409: problemSchema } },
    }, async (request, reply) => {
      const found = await resolveLink(db, linkKey, request.params.token, ctx.now());
      return reply.code(201).send(await postCustomerReply(db, found, request.body.body, ctx.now(), request.locale));
    });

    link.post('/portal/status/:token/attachments', {
      logLevel,
      config: writes,
      schema: { tags, security, summary: `Upload a file (multipart field "file"; ${acceptedContentTypes.join(', ')})`, consumes: ['multipart/form-data'], params: tokenParams, response: { 201: publicAttachmentResponse, ...linkProblems, 409: problemSchema, 413: problemSchema, 415: problemSchema } },
    }, async (request, reply) => {
      const found = await resolveLink(db, linkKey, request.params.token, ctx.now());
      const file = await readUpload(request, ctx.config.attachmentMaxBytes);
      return reply.code(201).send(await addCustomerFile(db, found, file, ctx.now()));
    });

    link.get('/portal/status/:token/attachments/:id', {
      logLevel,
      config: reads,
      schema: { tags, security, summary: 'Download one of the case\'s files', params: tokenAttachmentParams },
    }, async (request, reply) => {
      const found = await resolveLink(db, linkKey, request.params.token, ctx.now());
      const { row, data } = await readCustomerFile(db, found, request.params.id);
      return sendDownload(reply, row, data);
    });

    link.post('/portal/status/:token/csat', {
      logLevel,
      config: writes,
      schema: { tags, security, summary: 'Rate the help (1–5, once, when the case is resolved or closed)', params: tokenParams, body: csatBody, response: { 201: publicCsatResponse, ...linkProblems, 409: problemSchema } },
    }, async (request, reply) => {
      const found = await resolveLink(db, linkKey, request.params.token, ctx.now());
      return reply.code(201).send(await rateCase(db, found, request.body, ctx.now()));
    });
  });
}

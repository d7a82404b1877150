import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyWebsocket from '@fastify/websocket';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { authRoutes } from '../auth/auth.routes.js';
import { authenticate } from '../auth/auth.service.js';
import { allows, permissions } from '../auth/roles.js';
import { attachmentRoutes } from '../cases/attachments.routes.js';
import { caseRoutes } from '../cases/cases.routes.js';
import { customerRoutes } from '../customers/customers.routes.js';
import { calendarRoutes } from '../sla/calendars.routes.js';
import { policyRoutes } from '../sla/policies.routes.js';
import { notifyRoutes } from '../notify/notify.routes.js';
import { teamRoutes } from '../teams/teams.routes.js';
import { installWechatPayHooks } from '../channels/wechatpay/guards.js';
import { wechatPayRoutes } from '../channels/wechatpay/wechatpay.routes.js';
import { wechatPayWebhookRoutes } from '../channels/wechatpay/webhook.routes.js';
import { installEmailHooks } from '../channels/email/outbound.service.js';
import { installPortalHooks } from '../portal/portal.hooks.js';
import { mailboxRoutes } from '../channels/email/mailbox.routes.js';
import { inboundEmailRoutes } from '../channels/email/inbound.routes.js';
import { stripeRoutes } from '../channels/stripe/stripe.routes.js';
import { stripeWebhookRoutes } from '../channels/stripe/webhook.routes.js';
import { incidentRoutes } from '../incidents/incidents.routes.js';
import { conductRoutes } from '../conduct/conduct.routes.js';
import { diagnosisRoutes } from '../diagnosis/diagnosis.routes.js';
import { callRoutes } from '../calls/calls.routes.js';
import { analyticsRoutes } from '../analytics/analytics.routes.js';
import { liveRoutes } from '../live/live.routes.js';
import { kbPublicRoutes, kbRoutes } from '../kb/kb.routes.js';
import { portalPublicRoutes, portalRoutes } from '../portal/portal.routes.js';
import { chatPublicRoutes, chatRoutes } from '../chat/chat.routes.js';
import { pickLocale } from '../i18n/i18n.js';
import type { App, AppContext } from './context.js';
import { AppError } from './errors.js';
import { beginIdempotent, finishIdempotent } from './idempotency.js';
import { findNulBytes } from './input-guard.js';
import { createMetrics } from './metrics.js';
import { classifyError, sendProblem } from './problem.js';
import { consoleRoutes, defaultWebRoot } from './console.js';
import { redactUrl } from './redact.js';

/** `webRoot`: the built console to serve at `/` (default web/dist). */
export type BuildOptions = { logger?: FastifyBaseLogger; webRoot?: string };

const startTimes = new WeakMap<object, bigint>();

/** Fastify's limit on one path parameter, in characters. */
const maxParamLength = 100;

/** Trust the nearest `hops` proxies (Fastify's types take a function for a hop count). */
const hopsOf = (hops: number) => (_address: string, hop: number) => hop < hops;

/** Builds the whole HTTP application around a context; nothing listens until the caller says so. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: ctx.config.http.bodyLimit,
    routerOptions: { maxParamLength },
    // Behind a reverse proxy, request.ip (rate limits) comes from X-Forwarded-For only when configured.
    trustProxy: typeof ctx.config.http.trustProxy === 'number' ? hopsOf(ctx.config.http.trustProxy) : ctx.config.http.trustProxy,
    // New requests during shutdown get our own 503 problem (see onRequest), in-flight ones finish.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // Requests the router refuses before any hook runs (a path segment over 100 characters, broken
    // percent-encoding) get a problem document too, in the caller's language.
    frameworkErrors: (error, request, reply) => {
      request.locale = pickLocale(request.headers['accept-language']);
      const appError = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError('uri_too_long', { key: 'detail.path_segment_too_long', params: { limit: maxParamLength } })
        : new AppError('bad_request', error.code === 'FST_ERR_BAD_URL' ? { key: 'detail.bad_url' } : error.message);
      request.log.info({ code: error.code, url: redactUrl(request.url) }, 'request refused by the router');
      void sendProblem(request, reply, appError);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const metrics = createMetrics(ctx.database, ctx.now);
  installWechatPayHooks();
  installEmailHooks();
  installPortalHooks();

  app.decorateRequest('auth', null);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('idempotency', null);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Paydesk API',
        version: '1.0.0',
        description: 'Support desk for payment problems. Errors are RFC 9457 problem documents (application/problem+json).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyMultipart, { limits: { fileSize: ctx.config.attachmentMaxBytes, files: 1, fields: 5 } });
  await app.register(fastifyWebsocket, {
    options: { maxPayload: 64 * 1024 },
    // A client breaking the WebSocket protocol (an oversized frame: WS_ERR_*) is the client's fault, not ours.
    errorHandler: (error, socket, request) => {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('WS_ERR_')) request.log.info({ code, message: error.message }, 'websocket closed for a protocol error');
      else request.log.error({ err: error }, 'websocket handler failed');
      socket.terminate();
    },
  });
  // Only the public self-service routes are limited (config.publicLimit, below).
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('rate_limited', { key: 'detail.public_rate_limited', params: { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) } }),
  });

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onRequest', async (request, reply) => {
    startTimes.set(request, process.hrtime.bigint());
    request.locale = pickLocale(request.headers['accept-language']);
    if (closing) {
      void reply.header('connection', 'close').header('retry-after', '5');
      throw new AppError('service_unavailable');
    }
    const permission = request.routeOptions.config?.permission;
    if (!permission) return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const auth = token ? await authenticate(ctx.database.db, token, ctx.now()) : null;
    if (!auth) {
      void reply.header('www-authenticate', 'Bearer realm="paydesk"');
      throw new AppError('unauthorized', { key: 'detail.invalid_token' });
    }
    if (!allows(auth.role, permission)) {
      throw new AppError('forbidden', { key: 'detail.role_required', params: { roles: permissions[permission].join(', ') } });
    }
    request.auth = auth;
  });

  app.addHook('preValidation', async (request) => {
    const problems = [...findNulBytes(request.query, 'querystring'), ...findNulBytes(request.params, 'params'), ...findNulBytes(request.body, 'body')];
    if (problems.length > 0) throw new AppError('validation_failed', undefined, problems);
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!request.auth || request.method !== 'POST' || request.isMultipart() || request.routeOptions.config?.idempotency === false) return;
    const replayed = await beginIdempotent(ctx.database.db, request, reply, request.auth, ctx.now());
    if (replayed) return reply;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.idempotency) await finishIdempotent(ctx.database.db, request, reply.statusCode, payload);
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const started = startTimes.get(request);
    const seconds = started ? Number(process.hrtime.bigint() - started) / 1e9 : 0;
    metrics.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, seconds);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const appError = classifyError(error, ctx.config.http.bodyLimit);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.status, errors: appError.errors?.map(({ field, message }) => ({ field, message })) }, 'request rejected');
    return sendProblem(request, reply, appError);
  });

  const serveConsole = await consoleRoutes(app as App, options.webRoot ?? defaultWebRoot);
  app.setNotFoundHandler(async (request, reply) => {
    if (serveConsole(request, reply)) return reply;
    request.log.info({ url: redactUrl(request.url) }, 'no such route');
    return sendProblem(request, reply, new AppError('route_not_found', `${request.method} ${redactUrl(request.url.split('?')[0] ?? '')}`));
  });

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    await authRoutes(api as App, ctx);
    await caseRoutes(api as App, ctx);
    await attachmentRoutes(api as App, ctx);
    await customerRoutes(api as App, ctx);
    await calendarRoutes(api as App, ctx);
    await policyRoutes(api as App, ctx);
    await notifyRoutes(api as App, ctx);
    await teamRoutes(api as App, ctx);
    await wechatPayRoutes(api as App, ctx);
    await stripeRoutes(api as App, ctx);
    await incidentRoutes(api as App, ctx);
    await conductRoutes(api as App, ctx);
    await diagnosisRoutes(api as App, ctx);
    await mailboxRoutes(api as App, ctx);
    await inboundEmailRoutes(api as App, ctx);
    await callRoutes(api as App, ctx);
    await analyticsRoutes(api as App, ctx);
    await liveRoutes(api as App, ctx, metrics);
    await kbRoutes(api as App, ctx);
    await portalRoutes(api as App, ctx);
    await chatRoutes(api as App, ctx);
  }, { prefix: '/api/v1' });
  // Self-service for customers: no token; every route sets its own rate limit.
  await app.register(async (pub) => {
    // One read and one write budget per client IP across every public route (not one per route).
    const limit = (max: number, scope: string) => pub.rateLimit({ max, timeWindow: '1 minute', keyGenerator: (request) => `${scope}:${request.ip}` });
    const budgets = { read: limit(ctx.config.selfService.readsPerMinute, 'read'), write: limit(ctx.config.selfService.writesPerMinute, 'write') };
    pub.addHook('onRoute', (route) => {
      const scope = route.config?.publicLimit;
      if (!scope) return;
      const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
      route.onRequest = [budgets[scope], ...existing];
    });
    await kbPublicRoutes(pub as App, ctx);
    await portalPublicRoutes(pub as App, ctx);
    await chatPublicRoutes(pub as App, ctx);
  }, { prefix: '/public/v1' });
  await wechatPayWebhookRoutes(app, ctx, metrics);
  await stripeWebhookRoutes(app, ctx, metrics);

  await app.ready();
  return app;
}

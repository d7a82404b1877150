import { DateTime } from 'luxon';
import { z } from 'zod';
import { actorOf } from '../../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { commonProblems, idParams, problemSchema } from '../../shared/schema.js';
import { WechatPayError } from './client.js';
import { complaintOfCase, complaintView, decideRefund, platformActionResponse, refundDecisionBody } from './complaints.service.js';
import { SHANGHAI } from './ingest.service.js';
import { integrationBody, integrationResponse, integrationTestResponse, notificationUrlBody, syncBody, syncResult } from './integration.schema.js';
import { callbackUrl, clientFor, findWechatPayConfig, getIntegration, putIntegration, requireWechatPayConfig } from './integration.service.js';
import { metricLevels, platformMetrics, putDailyCounts } from './metrics.service.js';
import { runSync } from './reconcile.service.js';

const errors = commonProblems;
const tags = ['wechatpay'];

const localDate = z.iso.date().refine((value) => value >= '1970-01-01' && value <= '9999-12-31', 'between 1970 and 9999');
const levels = z.enum(['ok', 'warning', 'breached']);

export const platformMetricsQuery = z.strictObject({
  /** Only wechatpay for now. */ platform: z.literal('wechatpay').describe('Only wechatpay for now.'),
  /** The day T (Asia/Shanghai); the window is T-33 … T-4. Default: today. */ as_of: localDate.optional().describe('The day T (Asia/Shanghai); the window is T-33 … T-4. Default: today.'),
  /** One merchant id; all when absent. */ mchid: z.string().regex(/^[0-9]{6,32}$/).optional().describe('One merchant id; all when absent.'),
});

export const platformMetricsResponse = z.object({
  platform: z.string(),
  mchid: z.string().nullable(),
  as_of: z.string(),
  /** Creation days (Asia/Shanghai, inclusive) the metrics count. */ window: z.object({ from: z.string(), to: z.string() }).describe('Creation days (Asia/Shanghai, inclusive) the metrics count.'),
  complaints: z.number().int(),
  /** Marked complete (or withdrawn by the user) within 72 h of creation. */ completed_within_72h: z.number().int().describe('Marked complete (or withdrawn by the user) within 72 h of creation.'),
  timely_handling_rate: z.number().nullable(),
  /** Complaints the user raised more than once. */ repeat_complaints: z.number().int().describe('Complaints the user raised more than once.'),
  repeat_complaint_rate: z.number().nullable(),
  /** Complaints per transaction over the same days; null without transaction counts. */ complaint_rate: z.number().nullable().describe('Complaints per transaction over the same days; null without transaction counts.'),
  transactions: z.number().int(),
  /** Complaints paused as unsatisfied after three completion attempts. */ close_attempts_exhausted: z.number().int().describe('Complaints paused as unsatisfied after three completion attempts.'),
  /** Repeats still inside WeChat Pay's 10 % tolerance for malicious complaints. */ malicious_tolerance_left: z.number().int().describe('Repeats still inside WeChat Pay\'s 10 % tolerance for malicious complaints.'),
  /** Each rate against the tenant's thresholds (absent when WeChat Pay is not set up). */
  levels: z.object({ timely_handling_rate: levels, repeat_complaint_rate: levels, complaint_rate: levels }).optional(),
});

const dailyCount = z.strictObject({
  /** Day (Asia/Shanghai). */ date: localDate.describe('Day (Asia/Shanghai).'),
  mchid: z.string().regex(/^[0-9]{6,32}$/, 'digits only'),
  /** Successful payments that day. */ count: z.number().int().min(0).max(1e12).describe('Successful payments that day.'),
});

export async function wechatPayRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const key = ctx.secretKey;
  const links = (request: Parameters<typeof authOf>[0]) => ({ publicUrl: ctx.config.publicUrl, tenantSlug: authOf(request).tenantSlug });
  const log = app.log;

  app.get('/integrations/wechatpay', {
    config: { permission: 'integrations:read' },
    schema: { tags, summary: 'WeChat Pay setup (key fingerprints only) and the reconciliation status', response: { 200: integrationResponse, ...errors, 409: problemSchema } },
  }, async (request) => getIntegration(db, authOf(request).tenantId, key, links(request)));

  app.put('/integrations/wechatpay', {
    config: { permission: 'integrations:manage', idempotency: false },
    schema: { tags, summary: 'Set up WeChat Pay: merchant id, APIv3 key, merchant key and platform keys (encrypted at rest)', body: integrationBody, response: { 200: integrationResponse, 201: integrationResponse, ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const { created, integration } = await putIntegration(db, auth.tenantId, request.body, key, actorOf(auth), ctx.now(), links(request));
    return reply.code(created ? 201 : 200).send(integration);
  });

  app.post('/integrations/wechatpay/test', {
    config: { permission: 'integrations:manage', idempotency: false },
    schema: { tags, summary: 'Call WeChat Pay with the stored keys and report what worked', response: { 200: integrationTestResponse, ...errors, 409: problemSchema } },
  }, async (request) => {
    const config = await requireWechatPayConfig(db, authOf(request).tenantId, key);
    const client = clientFor(config, ctx.fetch, ctx.now);
    const today = DateTime.fromJSDate(ctx.now()).setZone(SHANGHAI).toISODate() ?? '';
    const check = async (name: string, call: () => Promise<unknown>) => {
      try {
        await call();
        return { name, ok: true, status: null, code: null, message: null };
      } catch (error) {
        if (error instanceof WechatPayError) return { name, ok: false, status: error.status, code: error.code, message: error.message };
        return { name, ok: false, status: null, code: 'ERROR', message: error instanceof Error ? error.message : 'failed' };
      }
    };
    const checks = [
      await check('list_complaints', () => client.listComplaints({ beginDate: today, endDate: today, limit: 1, offset: 0 })),
      await check('notification_url', () => client.getNotificationUrl()),
    ];
    return { ok: checks.every((item) => item.ok), checks };
  });

  app.post('/integrations/wechatpay/notification-url', {
    config: { permission: 'integrations:manage', idempotency: false },
    schema: { tags, summary: 'Register the callback URL with WeChat Pay', body: notificationUrlBody, response: { 200: z.object({ url: z.string() }), ...errors, 409: problemSchema, 502: problemSchema } },
  }, async (request) => {
    const auth = authOf(request);
    const config = await requireWechatPayConfig(db, auth.tenantId, key);
    const url = request.body.url ?? callbackUrl(ctx.config.publicUrl, auth.tenantSlug);
    try {
      const setting = await clientFor(config, ctx.fetch, ctx.now).setNotificationUrl(url);
      return { url: setting.url };
    } catch (error) {
      if (error instanceof WechatPayError) throw new AppError('platform_unavailable', `${error.code}: ${error.message}`);
      throw error;
    }
  });

  app.post('/integrations/wechatpay/sync', {
    config: { permission: 'integrations:sync', idempotency: false },
    schema: { tags, summary: 'Reconcile now: list complaints (30-day windows) and apply the new and changed ones', body: syncBody.optional(), response: { 200: syncResult, ...errors, 409: problemSchema, 502: problemSchema } },
  }, async (request) => {
    const result = await runSync({ db, secretKey: key, fetch: ctx.fetch, now: ctx.now, log }, authOf(request).tenantId, { begin: request.body?.begin_date, end: request.body?.end_date }, false);
    return result ?? { windows: 0, listed: 0, created: 0, updated: 0, unchanged: 0, failed: 0, errors: [] };
  });

  app.get('/cases/:id/wechatpay', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'The WeChat Pay complaint behind a case: platform state, refund, close attempts, platform calls', params: idParams, response: { 200: complaintView, ...errors } },
  }, async (request) => complaintOfCase(db, authOf(request).tenantId, request.params.id, key));

  app.post('/cases/:id/refund-decision', {
    config: { permission: 'cases:write' },
    schema: { tags, summary: 'Approve or reject the user\'s refund request on WeChat Pay', params: idParams, body: refundDecisionBody, response: { 202: platformActionResponse, ...errors, 409: problemSchema } },
  }, async (request, reply) => reply.code(202).send(await decideRefund(db, authOf(request), request.params.id, request.body, ctx.now())));

  app.get('/metrics/platform-complaints', {
    config: { permission: 'platform_metrics:read' },
    schema: { tags, summary: 'WeChat Pay complaint metrics as of a day: timely-handling, repeat and complaint rates', querystring: platformMetricsQuery, response: { 200: platformMetricsResponse, ...errors } },
  }, async (request) => {
    const tenantId = authOf(request).tenantId;
    const asOf = request.query.as_of ?? DateTime.fromJSDate(ctx.now()).setZone(SHANGHAI).toISODate() ?? '';
    const metrics = await platformMetrics(db, tenantId, asOf, request.query.mchid);
    const config = await findWechatPayConfig(db, tenantId, key);
    return { ...metrics, ...(config ? { levels: metricLevels(metrics, config.settings.thresholds) } : {}) };
  });

  app.post('/transactions/daily-counts', {
    config: { permission: 'platform_metrics:write' },
    schema: { tags, summary: 'Daily transaction counts per merchant id (the complaint rate\'s denominator); a day sent again is replaced', body: z.array(dailyCount).min(1).max(1000), response: { 200: z.object({ accepted: z.number().int() }), ...errors } },
  }, async (request) => ({ accepted: await putDailyCounts(db, authOf(request).tenantId, request.body, ctx.now()) }));
}

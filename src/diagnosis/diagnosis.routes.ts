import { z } from 'zod';
import { categories } from '../cases/taxonomy.js';
import type { App, AppContext } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { commonProblems } from '../shared/schema.js';
import { listCodes } from './catalog.js';
import { diagnose, diagnoseBody, diagnosisResponse } from './diagnosis.service.js';
import { getPlaybook } from './playbooks.js';

const tags = ['diagnosis'];

export const errorCodesQuery = z.strictObject({
  /** iso8583, cup, stripe, wechatpay, alipay or 3ds. */ scheme: z.string().trim().min(1).max(32).optional().describe('iso8583, cup, stripe, wechatpay, alipay or 3ds.'),
  /** One code (case-insensitive for letter codes). */ code: z.string().trim().min(1).max(64).optional().describe('One code (case-insensitive for letter codes).'),
});

export async function diagnosisRoutes(app: App, _ctx: AppContext) {
  app.post('/diagnose', {
    config: { permission: 'cases:read', idempotency: false },
    schema: { tags, summary: 'What is wrong and what to do: category, confidence, explanation, steps, information to collect, a reply to start from', body: diagnoseBody, response: { 200: diagnosisResponse, ...commonProblems } },
  }, async (request) => diagnose(request.body, request.locale));

  app.get('/error-codes', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'Error-code catalogs: ISO 8583, UnionPay, Stripe, WeChat Pay, Alipay, 3-D Secure', querystring: errorCodesQuery, response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }), ...commonProblems } },
  }, async (request) => ({ items: listCodes({ ...(request.query.scheme ? { scheme: request.query.scheme } : {}), ...(request.query.code ? { code: request.query.code } : {}) }) as unknown as Array<Record<string, unknown>> }));

  app.get('/playbooks/:category', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'The playbook of a category: what to collect, steps, reply templates, escalation', params: z.object({ category: z.enum(categories) }), response: { 200: z.record(z.string(), z.unknown()), ...commonProblems } },
  }, async (request) => {
    // The loader refuses to start without a playbook for every category, so this always finds one.
    const playbook = getPlaybook(request.params.category);
    if (!playbook) throw new AppError('not_found', `No playbook for ${request.params.category}.`);
    return playbook as unknown as Record<string, unknown>;
  });
}

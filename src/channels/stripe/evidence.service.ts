import Stripe from 'stripe';
import { actorOf, type AuthContext } from '../../auth/auth.service.js';
import { requireCase } from '../../cases/cases.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordEvidenceSubmission, toDisputeResponse } from './disputes.service.js';
import { disputeObject, type DisputeResponse, type EvidenceBody } from './integration.schema.js';
import { findStripeConfig, type StripeConfig } from './integration.service.js';

const closed = ['won', 'lost', 'warning_closed', 'prevented'];

/** A Stripe API client for the tenant's key, pointed at its configured base URL. */
export function stripeClient(config: StripeConfig & { apiKey: string }, fetch: typeof globalThis.fetch): Stripe {
  const url = new URL(config.apiBaseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(config.apiKey, {
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 2,
    timeout: 20_000,
    httpClient: Stripe.createFetchHttpClient(fetch),
    appInfo: { name: 'Paydesk' },
  });
}

/**
 * Sends evidence for a case's dispute to Stripe (`POST /v1/disputes/{id}`), staged or submitted,
 * and records Stripe's answer: the evidence clock stops once it is submitted. Nothing is recorded
 * when Stripe refuses or cannot be reached; the agent is told why and can try again.
 */
export async function submitEvidence(db: Executor, auth: AuthContext, caseId: string, input: EvidenceBody, secretKey: Buffer, fetch: typeof globalThis.fetch, now: () => Date): Promise<DisputeResponse> {
  await requireCase(db, auth.tenantId, caseId);
  const row = await db.selectFrom('stripe_disputes').selectAll().where('tenant_id', '=', auth.tenantId).where('case_id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound('detail.dispute_not_found', caseId);
  const config = await findStripeConfig(db, auth.tenantId, secretKey);
  if (!config) throw new AppError('integration_not_configured', { key: 'detail.stripe_not_configured' });
  if (!config.apiKey) throw new AppError('integration_not_configured', { key: 'detail.stripe_api_key_missing' });
  if (closed.includes(row.status)) throw new AppError('conflict', { key: 'detail.dispute_closed', params: { status: row.status } });

  let answer: unknown;
  try {
    answer = await stripeClient({ ...config, apiKey: config.apiKey }, fetch).disputes.update(row.dispute_id, { evidence: input.evidence, submit: input.submit });
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      throw new AppError('conflict', { key: 'detail.stripe_refused', params: { message: (error.message || error.type).slice(0, 300) } });
    }
    if (error instanceof Stripe.errors.StripeError) throw new AppError('platform_unavailable', { key: 'detail.stripe_unreachable' });
    throw error;
  }
  const dispute = disputeObject.safeParse(answer);
  if (!dispute.success || dispute.data.id !== row.dispute_id) throw new AppError('platform_unavailable', { key: 'detail.stripe_unreachable' });
  const updated = await inTransaction(db, (trx) => recordEvidenceSubmission(trx, auth.tenantId, row.dispute_id, dispute.data, input.submit, Object.keys(input.evidence), actorOf(auth), now()));
  return toDisputeResponse(updated);
}

import type { IncomingHttpHeaders } from 'node:http';
import { verifyWebhookSignature } from '../../src/notify/senders/webhook-signature.js';
import { failureQueue, type FakeReply, parseJsonObject, startHttpFake } from './http-fake.js';

export type ReceiverFailure = 'http500' | 'ratelimit' | 'reject' | 'redirect' | 'hang';
export type ReceivedDelivery = { headers: IncomingHttpHeaders; raw: string; body: Record<string, unknown> };

export type FakeWebhookReceiver = {
  url: string;
  received: ReceivedDelivery[];
  attempts: number;
  failNext(count: number, mode: ReceiverFailure): void;
  close(): Promise<void>;
};

/**
 * A customer's webhook endpoint done right: verifies X-Paydesk-Signature over the raw body with
 * the shared helper (401), requires JSON whose id/event match X-Paydesk-Delivery/X-Paydesk-Event
 * (400), answers 204. Failures: HTTP 500, 429 with Retry-After, 422 (a permanent refusal), a 307
 * redirect, or no answer.
 */
export async function startFakeWebhookReceiver(options: { secret: string; now?: () => Date; retryAfterSeconds?: number }): Promise<FakeWebhookReceiver> {
  const now = options.now ?? (() => new Date());
  const failures = failureQueue<ReceiverFailure>();
  const received: ReceivedDelivery[] = [];
  const fake = { attempts: 0 };

  const http = await startHttpFake((request): FakeReply => {
    fake.attempts += 1;
    if (request.method !== 'POST' || request.url.pathname !== '/hooks/paydesk') return { status: 404, body: { error: 'not found' } };
    const signature = request.headers['x-paydesk-signature'];
    if (!verifyWebhookSignature(options.secret, typeof signature === 'string' ? signature : undefined, request.raw, now())) return { status: 401, body: { error: 'invalid signature' } };
    const failure = failures.take();
    if (failure === 'hang') return 'hang';
    if (failure === 'http500') return { status: 500, body: { error: 'internal' } };
    if (failure === 'ratelimit') return { status: 429, body: { error: 'slow down' }, headers: { 'Retry-After': String(options.retryAfterSeconds ?? 30) } };
    if (failure === 'reject') return { status: 422, body: { error: 'unprocessable' } };
    if (failure === 'redirect') return { status: 307, body: '', headers: { Location: '/hooks/elsewhere' } };
    const body = parseJsonObject(request.raw);
    if (!body || !String(request.headers['content-type'] ?? '').startsWith('application/json')) return { status: 400, body: { error: 'expected JSON' } };
    if (body.id !== request.headers['x-paydesk-delivery'] || body.event !== request.headers['x-paydesk-event']) return { status: 400, body: { error: 'headers do not match the body' } };
    received.push({ headers: request.headers, raw: request.raw, body });
    return { status: 204, body: '' };
  });

  return {
    url: `${http.baseUrl}/hooks/paydesk`,
    received,
    get attempts() {
      return fake.attempts;
    },
    failNext: failures.failNext,
    close: http.close,
  };
}

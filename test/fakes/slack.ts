import { failureQueue, type FakeReply, isObject, nonEmptyString, parseJsonObject, randomToken, startHttpFake } from './http-fake.js';

export type SlackFailure = 'http500' | 'ratelimit' | 'archived' | 'hang';
export type SlackMessage = { text: string; blocks?: Array<{ type: string; text?: { type: string; text: string } }> };

export type FakeSlack = {
  /** Incoming webhook URL: …/services/T…/B…/<token>. */
  url: string;
  received: SlackMessage[];
  attempts: number;
  failNext(count: number, mode: SlackFailure): void;
  close(): Promise<void>;
};

/**
 * A Slack incoming webhook. Checks the hook path (404 no_service), JSON (400 invalid_payload),
 * a non-empty `text` (400 no_text) and section blocks of at most 3000 characters (400
 * invalid_blocks); answers 200 `ok`. Failures: HTTP 500, 429 with Retry-After, 410
 * channel_is_archived, or no answer.
 */
export async function startFakeSlack(options: { retryAfterSeconds?: number } = {}): Promise<FakeSlack> {
  const path = `/services/T${randomToken(8).toUpperCase()}/B${randomToken(10).toUpperCase()}/${randomToken(24)}`;
  const failures = failureQueue<SlackFailure>();
  const received: SlackMessage[] = [];
  const fake = { attempts: 0 };

  const http = await startHttpFake((request): FakeReply => {
    fake.attempts += 1;
    if (request.method !== 'POST' || request.url.pathname !== path) return { status: 404, body: 'no_service' };
    const failure = failures.take();
    if (failure === 'hang') return 'hang';
    if (failure === 'http500') return { status: 500, body: 'internal_error' };
    if (failure === 'ratelimit') return { status: 429, body: 'rate_limited', headers: { 'Retry-After': String(options.retryAfterSeconds ?? 30) } };
    if (failure === 'archived') return { status: 410, body: 'channel_is_archived' };
    const body = parseJsonObject(request.raw);
    if (!body) return { status: 400, body: 'invalid_payload' };
    if (!nonEmptyString(body.text)) return { status: 400, body: 'no_text' };
    if (body.blocks !== undefined) {
      const fine =
        Array.isArray(body.blocks) &&
        body.blocks.every((block) => isObject(block) && typeof block.type === 'string' && (block.type !== 'section' || (isObject(block.text) && nonEmptyString(block.text.text) && block.text.text.length <= 3000)));
      if (!fine) return { status: 400, body: 'invalid_blocks' };
    }
    received.push(body as SlackMessage);
    return { status: 200, body: 'ok' };
  });

  return {
    url: `${http.baseUrl}${path}`,
    received,
    get attempts() {
      return fake.attempts;
    },
    failNext: failures.failNext,
    close: http.close,
  };
}

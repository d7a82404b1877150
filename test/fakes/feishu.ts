import { createHmac, timingSafeEqual } from 'node:crypto';
import { failureQueue, type FakeReply, isObject, nonEmptyString, parseJsonObject, randomToken, startHttpFake, utf8Length } from './http-fake.js';

export type FeishuFailure = 'http500' | 'errcode' | 'ratelimit' | 'hang';
export type FeishuMessage = { msg_type: string; content?: { text?: string }; card?: unknown; timestamp?: string; sign?: string };

export type FakeFeishu = {
  /** Webhook URL: …/open-apis/bot/v2/hook/<token>. */
  url: string;
  received: FeishuMessage[];
  attempts: number;
  failNext(count: number, mode: FeishuFailure): void;
  close(): Promise<void>;
};

const signFailure = { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} };

function expectedSign(secret: string, timestamp: string): Buffer {
  // The key is "timestamp\nsecret" and the signed message is empty: the reverse of DingTalk.
  return createHmac('sha256', Buffer.from(`${timestamp}\n${secret}`, 'utf8')).update(Buffer.alloc(0)).digest();
}

/**
 * A Feishu/Lark custom bot. Checks the hook token (19001); the body size (≤ 20 KB) and JSON (9499);
 * with a secret, the body's `timestamp` (seconds, within one hour of its clock) and `sign` (19021);
 * msg_type and its content (19002). Answers `{code: 0}`, or `{StatusCode: 0}` with `legacy`.
 * Failures: HTTP 500, code 2200 (internal error), 11232 (frequency limited), or no answer.
 */
export async function startFakeFeishu(options: { secret?: string; token?: string; now?: () => Date; legacy?: boolean } = {}): Promise<FakeFeishu> {
  const token = options.token ?? `${randomToken(8)}-${randomToken(4)}-${randomToken(4)}-${randomToken(4)}-${randomToken(12)}`;
  const now = options.now ?? (() => new Date());
  const failures = failureQueue<FeishuFailure>();
  const received: FeishuMessage[] = [];
  const fake = { attempts: 0 };
  const answer = (code: number, msg: string) => ({ status: 200, body: { code, msg, data: {} } });

  const http = await startHttpFake((request): FakeReply => {
    fake.attempts += 1;
    if (request.method !== 'POST' || !request.url.pathname.startsWith('/open-apis/bot/v2/hook/')) return { status: 404, body: '404 page not found' };
    if (request.url.pathname !== `/open-apis/bot/v2/hook/${token}`) return answer(19001, 'param invalid: incoming webhook access token invalid');
    if (utf8Length(request.raw) > 20 * 1024) return answer(9499, 'Bad Request: request body exceeds 20 KB');
    const body = parseJsonObject(request.raw);
    if (!body) return answer(9499, 'Bad Request');
    if (options.secret !== undefined) {
      const timestamp = typeof body.timestamp === 'string' ? body.timestamp : '';
      if (!/^\d{10}$/.test(timestamp) || Math.abs(now().getTime() / 1000 - Number(timestamp)) > 3600) return { status: 200, body: signFailure };
      const sign = Buffer.from(typeof body.sign === 'string' ? body.sign : '', 'base64');
      const expected = expectedSign(options.secret, timestamp);
      if (sign.length !== expected.length || !timingSafeEqual(sign, expected)) return { status: 200, body: signFailure };
    }
    const failure = failures.take();
    if (failure === 'hang') return 'hang';
    if (failure === 'http500') return { status: 500, body: 'Internal Server Error' };
    if (failure === 'errcode') return answer(2200, 'Internal Error');
    if (failure === 'ratelimit') return answer(11232, 'frequency limited psm[lark.oapi.app_platform_runtime]appID[0]');
    const content = body.content;
    const valid =
      (body.msg_type === 'text' && isObject(content) && nonEmptyString(content.text)) ||
      (body.msg_type === 'post' && isObject(content) && isObject(content.post)) ||
      (body.msg_type === 'interactive' && isObject(body.card));
    if (!valid) return answer(19002, 'params error, msg_type and content do not match');
    received.push(body as FeishuMessage);
    return options.legacy ? { status: 200, body: { Extra: null, StatusCode: 0, StatusMessage: 'success' } } : answer(0, 'success');
  });

  return {
    url: `${http.baseUrl}/open-apis/bot/v2/hook/${token}`,
    received,
    get attempts() {
      return fake.attempts;
    },
    failNext: failures.failNext,
    close: http.close,
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { failureQueue, type FakeReply, isObject, nonEmptyString, parseJsonObject, randomToken, startHttpFake, utf8Length } from './http-fake.js';

export type DingtalkFailure = 'http500' | 'errcode' | 'ratelimit' | 'hang';
export type DingtalkMessage = { msgtype: 'text' | 'markdown'; text?: { content: string }; markdown?: { title: string; text: string } };

export type FakeDingtalk = {
  /** Webhook URL: …/robot/send?access_token=… (the sender adds timestamp and sign). */
  url: string;
  received: DingtalkMessage[];
  attempts: number;
  failNext(count: number, mode: DingtalkFailure): void;
  close(): Promise<void>;
};

const hourMs = 60 * 60 * 1000;

// Computed here independently of the sender, from the documented recipe.
function expectedSign(secret: string, timestamp: string): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(`${timestamp}\n${secret}`, 'utf8')).digest();
}

/**
 * A DingTalk custom robot. Checks the access_token (300001); with a secret, that `timestamp` (ms)
 * is within one hour of its own clock and `sign` is base64(HMAC-SHA256(secret, "timestamp\nsecret"))
 * after URL decoding (310000); the message type and its required fields (40035); content under
 * 20000 bytes (40035). Failures: HTTP 500, errcode -1, 130101 (send too fast), or no answer.
 */
export async function startFakeDingtalk(options: { secret?: string; token?: string; now?: () => Date } = {}): Promise<FakeDingtalk> {
  const token = options.token ?? randomToken(64);
  const now = options.now ?? (() => new Date());
  const failures = failureQueue<DingtalkFailure>();
  const received: DingtalkMessage[] = [];
  const fake = { attempts: 0 };
  const answer = (errcode: number, errmsg: string) => ({ status: 200, body: { errcode, errmsg } });

  const http = await startHttpFake((request): FakeReply => {
    fake.attempts += 1;
    if (request.method !== 'POST' || request.url.pathname !== '/robot/send') return { status: 404, body: 'not found' };
    if (request.url.searchParams.get('access_token') !== token) return answer(300001, 'token is not exist');
    if (options.secret !== undefined) {
      const timestamp = request.url.searchParams.get('timestamp') ?? '';
      if (!/^\d{13}$/.test(timestamp) || Math.abs(now().getTime() - Number(timestamp)) > hourMs) return answer(310000, 'invalid timestamp');
      const sign = Buffer.from(request.url.searchParams.get('sign') ?? '', 'base64');
      const expected = expectedSign(options.secret, timestamp);
      if (sign.length !== expected.length || !timingSafeEqual(sign, expected)) return answer(310000, 'sign not match');
    }
    const failure = failures.take();
    if (failure === 'hang') return 'hang';
    if (failure === 'http500') return { status: 500, body: 'Internal Server Error' };
    if (failure === 'errcode') return answer(-1, 'system busy');
    if (failure === 'ratelimit') return answer(130101, 'send too fast, exceed 20 times per minute');
    const body = parseJsonObject(request.raw);
    if (!body) return answer(40035, 'invalid parameter: body is not JSON');
    let content: string;
    if (body.msgtype === 'text' && isObject(body.text) && nonEmptyString(body.text.content)) content = body.text.content;
    else if (body.msgtype === 'markdown' && isObject(body.markdown) && nonEmptyString(body.markdown.title) && nonEmptyString(body.markdown.text)) content = body.markdown.text;
    else return answer(40035, 'missing or invalid parameter: msgtype and its content');
    if (utf8Length(content) > 20_000) return answer(40035, 'message content too long');
    received.push(body as DingtalkMessage);
    return answer(0, 'ok');
  });

  return {
    url: `${http.baseUrl}/robot/send?access_token=${token}`,
    received,
    get attempts() {
      return fake.attempts;
    },
    failNext: failures.failNext,
    close: http.close,
  };
}

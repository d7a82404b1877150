import { failureQueue, type FakeReply, isObject, nonEmptyString, parseJsonObject, randomToken, startHttpFake, utf8Length } from './http-fake.js';

export type WecomFailure = 'http500' | 'errcode' | 'ratelimit' | 'hang';
export type WecomMessage = { msgtype: 'text' | 'markdown'; text?: { content: string; mentioned_mobile_list?: string[] }; markdown?: { content: string } };

export type FakeWecom = {
  /** Webhook URL with the right key: …/cgi-bin/webhook/send?key=… */
  url: string;
  key: string;
  /** Messages the robot accepted, in order. */
  received: WecomMessage[];
  /** Every request, accepted or not. */
  attempts: number;
  failNext(count: number, mode: WecomFailure): void;
  close(): Promise<void>;
};

const limits = { markdown: 4096, text: 2048 } as const;

/**
 * A WeCom group robot. Checks like the real one: the key (93000), the message type (40008),
 * empty content (44004), content size in UTF-8 bytes (40058: markdown ≤ 4096, text ≤ 2048) and
 * the mention list's shape. Failures: HTTP 500, errcode -1 (system busy), 45009 (rate limit), or no answer.
 */
export async function startFakeWecom(options: { key?: string } = {}): Promise<FakeWecom> {
  const key = options.key ?? `${randomToken(8)}-${randomToken(4)}-${randomToken(4)}-${randomToken(12)}`;
  const failures = failureQueue<WecomFailure>();
  const received: WecomMessage[] = [];
  const fake = { attempts: 0 };
  const answer = (errcode: number, errmsg: string) => ({ status: 200, body: { errcode, errmsg } });

  const http = await startHttpFake((request): FakeReply => {
    fake.attempts += 1;
    if (request.method !== 'POST' || request.url.pathname !== '/cgi-bin/webhook/send') return { status: 404, body: 'not found' };
    if (request.url.searchParams.get('key') !== key) return answer(93000, 'invalid webhook url, hint: [fake]');
    const failure = failures.take();
    if (failure === 'hang') return 'hang';
    if (failure === 'http500') return { status: 500, body: 'Internal Server Error' };
    if (failure === 'errcode') return answer(-1, 'system busy');
    if (failure === 'ratelimit') return answer(45009, 'api freq out of limit');
    const body = parseJsonObject(request.raw);
    if (!body) return answer(40058, 'invalid Request Parameter: body is not JSON');
    const type = body.msgtype;
    if (type !== 'text' && type !== 'markdown') return answer(40008, 'invalid message type');
    const part = body[type];
    if (!isObject(part) || !nonEmptyString(part.content)) return answer(44004, 'empty content');
    if (utf8Length(part.content) > limits[type]) return answer(40058, `${type}.content exceed max length ${limits[type]}`);
    const mentions = part.mentioned_mobile_list;
    if (mentions !== undefined && !(Array.isArray(mentions) && mentions.every((entry) => typeof entry === 'string'))) {
      return answer(40058, 'invalid mentioned_mobile_list');
    }
    received.push(body as WecomMessage);
    return answer(0, 'ok');
  });

  return {
    url: `${http.baseUrl}/cgi-bin/webhook/send?key=${key}`,
    key,
    received,
    get attempts() {
      return fake.attempts;
    },
    failNext: failures.failNext,
    close: http.close,
  };
}

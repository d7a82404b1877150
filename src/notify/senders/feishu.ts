import { createHmac } from 'node:crypto';
import type { FeishuConfig } from './config.js';
import { codeError, parseJsonReply, postJson, statusError } from './http.js';
import { scrub, secretsOf } from './redact.js';
import { truncateKeepingLastLine } from './truncate.js';
import type { NotificationMessage, SenderDeps } from './types.js';

/** Text limit we keep to; the whole request body may not exceed 20 KB. */
export const feishuTextBytes = 16_000;

const rateLimitWaitMs = 10_000;

/** 签名校验: base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, message = empty)), timestamp in seconds. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

// Feishu text messages turn <at user_id="all"></at> into a real mention: neutralise tags coming from case text.
const neutraliseTags = (text: string) => text.replace(/<(?=\/?[A-Za-z])/g, '＜');

export function feishuBody(config: FeishuConfig, message: NotificationMessage, now: Date): Record<string, unknown> {
  const body: Record<string, unknown> = { msg_type: 'text', content: { text: truncateKeepingLastLine(neutraliseTags(message.text), feishuTextBytes) } };
  if (!config.secret) return body;
  const timestamp = Math.floor(now.getTime() / 1000);
  return { timestamp: String(timestamp), sign: feishuSign(config.secret, timestamp), ...body };
}

/** Feishu/Lark custom bot: success is `code: 0` (bots created before 2020 answer `StatusCode: 0`). */
export async function sendFeishu(config: FeishuConfig, message: NotificationMessage, deps: SenderDeps): Promise<void> {
  const reply = await postJson(config.url, feishuBody(config, message, deps.now()), deps);
  const secrets = secretsOf(config);
  if (reply.status < 200 || reply.status >= 300) throw statusError(reply, 'Feishu', deps.now(), scrub(reply.body, secrets, 200));
  const answer = parseJsonReply(reply, 'Feishu');
  if (answer.code === 0 || (answer.code === undefined && answer.StatusCode === 0)) return;
  const code = answer.code ?? answer.StatusCode;
  const text = String(answer.msg ?? answer.StatusMessage ?? '');
  // 11232: frequency limited (100 a minute, 5 a second per bot). 9499 is a catch-all "Bad Request"
  // that only means "slow down" when its text says so. 2200: internal error.
  const rateLimited = code === 11232 || (code === 9499 && /too many|frequen/i.test(text));
  const retryable = rateLimited || code === 2200;
  throw codeError('Feishu', code, scrub(text, secrets), retryable, rateLimited ? rateLimitWaitMs : undefined);
}

import { createHmac } from 'node:crypto';
import type { DingtalkConfig } from './config.js';
import { codeError, parseJsonReply, postJson, statusError } from './http.js';
import { scrub, secretsOf } from './redact.js';
import { truncateKeepingLastLine, truncateUtf8 } from './truncate.js';
import type { NotificationMessage, SenderDeps } from './types.js';

/** Message content limit of the custom robot, in UTF-8 bytes (kept under the documented 20000). */
export const dingtalkContentBytes = 18_000;

// -1 system busy; 130101 more than 20 messages a minute; 410100 flow control.
const retryableCodes = new Set([-1, 130101, 410100]);
const rateLimitWaitMs = 60_000;

/** 加签: base64(HMAC-SHA256(key = secret, message = `${timestamp}\n${secret}`)), timestamp in ms. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with timestamp and sign added (URLSearchParams does the url-encoding of the base64). */
export function dingtalkSignedUrl(config: DingtalkConfig, now: Date): string {
  if (!config.secret) return config.url;
  const url = new URL(config.url);
  const timestamp = now.getTime();
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', dingtalkSign(config.secret, timestamp));
  return url.toString();
}

export function dingtalkBody(config: DingtalkConfig, message: NotificationMessage): Record<string, unknown> {
  if (config.format === 'markdown') {
    return { msgtype: 'markdown', markdown: { title: truncateUtf8(message.title, 256), text: truncateKeepingLastLine(message.markdown, dingtalkContentBytes) } };
  }
  return { msgtype: 'text', text: { content: truncateKeepingLastLine(message.text, dingtalkContentBytes) } };
}

/** DingTalk (钉钉) custom robot: success is HTTP 200 with errcode 0. */
export async function sendDingtalk(config: DingtalkConfig, message: NotificationMessage, deps: SenderDeps): Promise<void> {
  const reply = await postJson(dingtalkSignedUrl(config, deps.now()), dingtalkBody(config, message), deps);
  if (reply.status < 200 || reply.status >= 300) throw statusError(reply, 'DingTalk', deps.now());
  const answer = parseJsonReply(reply, 'DingTalk');
  if (answer.errcode === 0) return;
  const code = typeof answer.errcode === 'number' ? answer.errcode : NaN;
  const rateLimited = code === 130101 || code === 410100;
  throw codeError('DingTalk', answer.errcode, scrub(String(answer.errmsg ?? ''), secretsOf(config)), retryableCodes.has(code), rateLimited ? rateLimitWaitMs : undefined);
}

import type { WecomConfig } from './config.js';
import { codeError, parseJsonReply, postJson, statusError } from './http.js';
import { scrub, secretsOf } from './redact.js';
import { truncateKeepingLastLine } from './truncate.js';
import type { NotificationMessage, SenderDeps } from './types.js';

/** Content limits of the group robot, in UTF-8 bytes. */
export const wecomLimits = { markdownBytes: 4096, textBytes: 2048 } as const;

// -1 system busy; 45009 API frequency limit (20 messages a minute per robot).
const retryableCodes = new Set([-1, 45009]);
const rateLimitWaitMs = 60_000;

export function wecomBody(config: WecomConfig, message: NotificationMessage): Record<string, unknown> {
  if (config.format === 'markdown') {
    return { msgtype: 'markdown', markdown: { content: truncateKeepingLastLine(message.markdown, wecomLimits.markdownBytes) } };
  }
  return {
    msgtype: 'text',
    text: {
      content: truncateKeepingLastLine(message.text, wecomLimits.textBytes),
      ...(config.mentioned_mobiles?.length ? { mentioned_mobile_list: config.mentioned_mobiles } : {}),
    },
  };
}

/** WeCom (企业微信) group robot: success is HTTP 200 with errcode 0. */
export async function sendWecom(config: WecomConfig, message: NotificationMessage, deps: SenderDeps): Promise<void> {
  const reply = await postJson(config.url, wecomBody(config, message), deps);
  if (reply.status < 200 || reply.status >= 300) throw statusError(reply, 'WeCom', deps.now());
  const answer = parseJsonReply(reply, 'WeCom');
  if (answer.errcode === 0) return;
  const code = typeof answer.errcode === 'number' ? answer.errcode : NaN;
  const retryable = retryableCodes.has(code);
  throw codeError('WeCom', answer.errcode, scrub(String(answer.errmsg ?? ''), secretsOf(config)), retryable, code === 45009 ? rateLimitWaitMs : undefined);
}

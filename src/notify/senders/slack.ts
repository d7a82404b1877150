import type { SlackConfig } from './config.js';
import { postJson, statusError } from './http.js';
import { scrub, secretsOf } from './redact.js';
import { escapeSlack, toSlackMrkdwn } from './slack-mrkdwn.js';
import { truncateKeepingLastLine, truncateUtf8, utf16Units } from './truncate.js';
import { DeliveryError, type NotificationMessage, type SenderDeps } from './types.js';

/** A section block's text may hold 3000 characters. */
export const slackSectionChars = 3000;

export function slackBody(message: NotificationMessage): Record<string, unknown> {
  return {
    // Top-level text is what notifications and previews show when blocks are present.
    text: escapeSlack(truncateUtf8(message.title, 3000, utf16Units)),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncateKeepingLastLine(toSlackMrkdwn(message.markdown), slackSectionChars, utf16Units) } }],
  };
}

/** Slack incoming webhook: success is HTTP 200 with the body `ok`. */
export async function sendSlack(config: SlackConfig, message: NotificationMessage, deps: SenderDeps): Promise<void> {
  const reply = await postJson(config.url, slackBody(message), deps);
  const detail = scrub(reply.body, secretsOf(config), 100);
  // 400 invalid_payload/no_text, 403 action_prohibited, 404 no_service, 410 channel_is_archived: fixing needs a person.
  if (reply.status !== 200) throw statusError(reply, 'Slack', deps.now(), detail);
  if (reply.body.trim() !== 'ok') throw new DeliveryError(`Slack answered HTTP 200 without "ok": ${detail}`, true);
}

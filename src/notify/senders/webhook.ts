import type { WebhookConfig } from './config.js';
import { postRaw, statusError } from './http.js';
import { scrub, secretsOf } from './redact.js';
import type { NotificationMessage, SenderDeps } from './types.js';
import { signWebhook } from './webhook-signature.js';

/** The JSON a generic webhook receiver gets. */
export type WebhookDelivery = {
  id: string;
  event: string;
  title: string;
  text: string;
  link: string | null;
  payload: Record<string, unknown>;
  sent_at: string;
};

/** Generic webhook: signed JSON POST; 2xx is success, 5xx/429 retryable, other answers are not. */
export async function sendWebhook(config: WebhookConfig, message: NotificationMessage, deps: SenderDeps): Promise<void> {
  const now = deps.now();
  const delivery: WebhookDelivery = {
    id: message.id,
    event: message.event,
    title: message.title,
    text: message.text,
    link: message.link ?? null,
    payload: message.payload,
    sent_at: now.toISOString(),
  };
  // Signed over the exact bytes sent: receivers must verify the raw body, not a re-serialisation.
  const rawBody = JSON.stringify(delivery);
  const reply = await postRaw(config.url, rawBody, deps, {
    'X-Paydesk-Event': message.event,
    'X-Paydesk-Delivery': message.id,
    'X-Paydesk-Signature': signWebhook(config.secret, rawBody, now),
  });
  if (reply.status >= 200 && reply.status < 300) return;
  throw statusError(reply, 'webhook receiver', now, scrub(reply.body, secretsOf(config), 200));
}

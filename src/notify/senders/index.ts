import type { ChannelConfig } from './config.js';
import { sendDingtalk } from './dingtalk.js';
import { sendEmail, type MailTransportFactory } from './email.js';
import { sendFeishu } from './feishu.js';
import { sendSlack } from './slack.js';
import type { NotificationMessage, SenderDeps } from './types.js';
import { sendWebhook } from './webhook.js';
import { sendWecom } from './wecom.js';

export type NotifyDeps = SenderDeps & { createMailTransport?: MailTransportFactory };

/** Sends one message through whichever channel the config describes; throws DeliveryError on failure. */
export async function sendNotification(config: ChannelConfig, message: NotificationMessage, deps: NotifyDeps): Promise<void> {
  switch (config.kind) {
    case 'wecom':
      return sendWecom(config, message, deps);
    case 'dingtalk':
      return sendDingtalk(config, message, deps);
    case 'feishu':
      return sendFeishu(config, message, deps);
    case 'slack':
      return sendSlack(config, message, deps);
    case 'webhook':
      return sendWebhook(config, message, deps);
    case 'email':
      return sendEmail(config, message, { now: deps.now, timeoutMs: deps.timeoutMs, createTransport: deps.createMailTransport });
  }
}

export { channelConfigSchema, type ChannelConfig, type ChannelConfigInput } from './config.js';
export { redactConfig, redactUrl } from './redact.js';
export { DeliveryError, type ChannelKind, type NotificationMessage, type SenderDeps } from './types.js';
export { verifyWebhookSignature, signWebhook } from './webhook-signature.js';

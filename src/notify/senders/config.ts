import { z } from 'zod';
import type { ChannelKind } from './types.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);
const format = z.enum(['markdown', 'text']).default('markdown');

export const wecomConfigSchema = z.strictObject({
  kind: z.literal('wecom'),
  /** Group robot webhook, https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… */
  url: httpUrl,
  /** markdown (default) or text; only text messages can mention people. */
  format,
  /** Mobile numbers to @ in text messages ('@all' for everyone). */
  mentioned_mobiles: z.array(z.string().regex(/^(\+?\d{5,20}|@all)$/, 'a mobile number or @all')).max(50).optional(),
});

export const dingtalkConfigSchema = z.strictObject({
  kind: z.literal('dingtalk'),
  /** Custom robot webhook, https://oapi.dingtalk.com/robot/send?access_token=… */
  url: httpUrl,
  /** Signing secret (加签, starts with SEC); requests are signed when set. */
  secret: z.string().min(1).max(256).optional(),
  /** markdown (default) or text. */
  format,
});

export const feishuConfigSchema = z.strictObject({
  kind: z.literal('feishu'),
  /** Custom bot webhook, https://open.feishu.cn/open-apis/bot/v2/hook/… (or larksuite.com). */
  url: httpUrl,
  /** Signature verification secret (签名校验); requests are signed when set. */
  secret: z.string().min(1).max(256).optional(),
});

export const slackConfigSchema = z.strictObject({
  kind: z.literal('slack'),
  /** Incoming webhook, https://hooks.slack.com/services/T…/B…/… */
  url: httpUrl,
});

export const emailConfigSchema = z
  .strictObject({
    kind: z.literal('email'),
    /** SMTP server host name. */
    host: z.string().min(1).max(255),
    /** SMTP port: 465 with secure, 587 or 25 without. */
    port: z.number().int().min(1).max(65535),
    /** true = TLS from the first byte (port 465); false = plain, upgraded by STARTTLS when offered. */
    secure: z.boolean(),
    /** SMTP user name, when the server requires login. */
    user: z.string().min(1).max(255).optional(),
    /** SMTP password, together with user. */
    password: z.string().min(1).max(1024).optional(),
    /** Sender address, "Paydesk <desk@example.cn>" or a bare address. */
    from: z.string().min(3).max(320),
    /** Recipient addresses. */
    to: z.array(z.email()).min(1).max(50),
  })
  .refine((config) => (config.user === undefined) === (config.password === undefined), {
    message: 'user and password go together',
    path: ['password'],
  });

export const webhookConfigSchema = z.strictObject({
  kind: z.literal('webhook'),
  /** Receiver URL; gets a signed JSON POST per notification. */
  url: httpUrl,
  /** Shared secret for X-Paydesk-Signature (HMAC-SHA256), at least 16 characters. */
  secret: z.string().min(16).max(256),
});

/** Any channel's configuration, told apart by `kind`. */
export const channelConfigSchema = z.discriminatedUnion('kind', [
  wecomConfigSchema,
  dingtalkConfigSchema,
  feishuConfigSchema,
  slackConfigSchema,
  emailConfigSchema,
  webhookConfigSchema,
]);

export type WecomConfig = z.output<typeof wecomConfigSchema>;
export type DingtalkConfig = z.output<typeof dingtalkConfigSchema>;
export type FeishuConfig = z.output<typeof feishuConfigSchema>;
export type SlackConfig = z.output<typeof slackConfigSchema>;
export type EmailConfig = z.output<typeof emailConfigSchema>;
export type WebhookConfig = z.output<typeof webhookConfigSchema>;
export type ChannelConfig = z.output<typeof channelConfigSchema>;
/** What a client may send: `format` may be left out. */
export type ChannelConfigInput = z.input<typeof channelConfigSchema>;

// Keeps the schema kinds and ChannelKind from drifting apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<ChannelConfig['kind'], ChannelKind> = true;
void kindsMatch;

import { z } from 'zod';
import { channelConfigSchema } from './senders/config.js';

export const notificationEvents = ['sla.reminder', 'sla.breached', 'case.escalated', 'handover', 'follow_up.due', 'platform.metric_alert', 'incident.opened'] as const;
export type NotificationEventName = (typeof notificationEvents)[number];

export const channelBody = z.strictObject({
  /** Display name, e.g. "L1 WeCom group". */
  name: z.string().trim().min(1).max(200),
  /** Where and how to deliver: wecom, dingtalk, feishu, slack, email or webhook, with its URL and secrets. */
  config: channelConfigSchema,
  /** Which events go to this channel. Default: all. */
  events: z.array(z.enum(notificationEvents)).min(1).max(notificationEvents.length).default([...notificationEvents]),
  /** Only cases of these teams (empty = every team). */
  teams: z.array(z.string().min(1).max(32)).max(20).default([]),
  /** Language of the messages. */
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  /** Disabled channels receive nothing. */
  enabled: z.boolean().default(true),
});
export type ChannelBody = z.infer<typeof channelBody>;

export const channelResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  /** The configuration with keys, tokens and passwords masked. */
  config: z.record(z.string(), z.unknown()),
  events: z.array(z.enum(notificationEvents)),
  teams: z.array(z.string()),
  locale: z.enum(['zh-CN', 'en']),
  enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ChannelResponse = z.infer<typeof channelResponse>;

export const channelTestResponse = z.object({
  /** The test message reached the channel. */
  delivered: z.boolean(),
  /** Why not, with secrets masked. */
  error: z.string().nullable(),
  /** Whether trying again later could help. */
  retryable: z.boolean().nullable(),
});

export const outboxStates = ['pending', 'sending', 'sent', 'dead'] as const;
export const outboxQuery = z.object({
  /** Only notifications in this state (dead = gave up after retries). */
  state: z.enum(outboxStates).optional(),
  /** Only notifications for this channel. */
  channel_id: z.uuid().optional(),
  /** Page size. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** From the previous page's next_cursor. */
  cursor: z.string().max(500).optional(),
});

export const outboxItem = z.object({
  id: z.uuid(),
  channel_id: z.string(),
  event: z.string(),
  case_id: z.string().nullable(),
  /** pending, sending, sent or dead. */
  state: z.enum(outboxStates),
  attempts: z.number().int(),
  /** When the next try is due (pending). */
  next_attempt_at: z.string(),
  /** Why the last try failed, secrets masked. */
  last_error: z.string().nullable(),
  /** Message title as rendered. */
  title: z.string(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});

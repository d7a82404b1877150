// API types of the access settings, inferred from the server's zod schemas (type-only imports).
import type { z } from 'zod';
import type { createdTokenResponse, tokenResponse } from '../../../../../src/auth/auth.schema.js';
import type { escalationPaths, scheduleResponse, shift } from '../../../../../src/teams/teams.schema.js';
import type { channelResponse, channelTestResponse, NotificationEventName, outboxItem, outboxStates } from '../../../../../src/notify/channels.schema.js';
import type { ChannelConfigInput } from '../../../../../src/notify/senders/config.js';
import { weekdays } from '../shared/domain';

export type Token = z.infer<typeof tokenResponse>;
export type CreatedToken = z.infer<typeof createdTokenResponse>;
export type Schedule = z.infer<typeof scheduleResponse>;
export type Shift = z.infer<typeof shift>;
export type Weekday = Shift['days'][number];
export type EscalationPaths = z.infer<typeof escalationPaths>;
export type { Calendar } from '../../../api/types';
export type Channel = z.infer<typeof channelResponse>;
export type ChannelTestResult = z.infer<typeof channelTestResponse>;
export type OutboxItem = z.infer<typeof outboxItem>;
export type OutboxState = (typeof outboxStates)[number];
export type ChannelConfig = ChannelConfigInput;
export type ChannelKind = ChannelConfig['kind'];
export type { NotificationEventName };

/** Body of POST/PUT /notification-channels (defaults filled in by the form). */
export type ChannelBody = {
  name: string;
  config: ChannelConfig;
  events: NotificationEventName[];
  teams: string[];
  locale: 'zh-CN' | 'en';
  enabled: boolean;
};

export { weekdays };
export const channelKinds = ['wecom', 'dingtalk', 'feishu', 'slack', 'email', 'webhook'] as const satisfies readonly ChannelKind[];
export const notificationEvents = ['sla.reminder', 'sla.breached', 'case.escalated', 'handover', 'follow_up.due', 'platform.metric_alert', 'incident.opened'] as const satisfies readonly NotificationEventName[];
export const outboxStateList = ['pending', 'sending', 'sent', 'dead'] as const satisfies readonly OutboxState[];

// Compile-time checks that the lists above cover the server's enums.
type Covers<List extends readonly string[], Union extends string> = [Union] extends [List[number]] ? true : false;
const covered: [Covers<typeof channelKinds, ChannelKind>, Covers<typeof notificationEvents, NotificationEventName>, Covers<typeof outboxStateList, OutboxState>, Covers<typeof weekdays, Weekday>] = [true, true, true, true];
void covered;
// …and that the shared weekday list holds only the server's days.
const serverDays: readonly Weekday[] = weekdays;
void serverDays;

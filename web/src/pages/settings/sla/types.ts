// Types of the SLA, calendar and integration endpoints, inferred from the server's own zod schemas
// (type-only imports: nothing of the server reaches the bundle).
import type { z } from 'zod';
import type { policyBody, policyResponse, policyTarget, reminderSettings } from '../../../../../src/sla/policies.schema.js';
import type { calendarBody, calendarDateBody, calendarResponse, deadlineResponse, interval, weeklyHours } from '../../../../../src/sla/calendars.schema.js';
import type { integrationBody, integrationResponse, integrationTestResponse, syncResult } from '../../../../../src/channels/wechatpay/integration.schema.js';
import type { stripeIntegrationBody, stripeIntegrationResponse } from '../../../../../src/channels/stripe/integration.schema.js';
import type { mailboxBody, mailboxResponse, pollResponse } from '../../../../../src/channels/email/mailbox.schema.js';

export type Policy = z.infer<typeof policyResponse>;
export type PolicyInput = z.input<typeof policyBody>;
export type PolicyTarget = z.infer<typeof policyTarget>;
export type Reminders = z.infer<typeof reminderSettings>;

export type Calendar = z.infer<typeof calendarResponse>;
export type CalendarInput = z.input<typeof calendarBody>;
export type CalendarDateInput = z.input<typeof calendarDateBody>;
export type Interval = z.infer<typeof interval>;
export type WeeklyHours = z.infer<typeof weeklyHours>;
export type Deadline = z.infer<typeof deadlineResponse>;

export type WechatPayIntegration = z.infer<typeof integrationResponse>;
export type WechatPayInput = z.input<typeof integrationBody>;
export type WechatPayTest = z.infer<typeof integrationTestResponse>;
export type WechatPaySync = z.infer<typeof syncResult>;

export type StripeIntegration = z.infer<typeof stripeIntegrationResponse>;
export type StripeInput = z.input<typeof stripeIntegrationBody>;

export type Mailbox = z.infer<typeof mailboxResponse>;
export type MailboxInput = z.input<typeof mailboxBody>;
export type MailboxPoll = z.infer<typeof pollResponse>;

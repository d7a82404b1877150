import { z } from 'zod';
import { channels, isCategoryPattern, priorities } from '../cases/taxonomy.js';
import { isValidTimezone } from '../config.js';

import { breachActions, clockKinds, clockNames, pauseStatuses, policyClockKinds, policyClockNames, reopenModes } from './vocabulary.js';

export { breachActions, clockKinds, clockNames, pauseStatuses, policyClockKinds, policyClockNames, reopenModes };
export type { BreachAction, ClockKind, ClockName } from './vocabulary.js';

const categoryPattern = z.string().refine(isCategoryPattern, 'a category id or a prefix such as payment_failed.*');
const hours = z.number().positive().max(24 * 366);

export const policyTarget = z
  .strictObject({
    /** Which clock: first_reply, next_reply, resolution or a platform deadline. */
    name: z.enum(policyClockNames),
    /** business = working time on a calendar; elapsed = wall-clock hours; calendar_day_end = by 24:00 of creation day + days. */
    kind: z.enum(policyClockKinds),
    /** Target in hours (business and elapsed clocks). */
    hours: hours.optional(),
    /** Per-priority overrides of `hours`, e.g. {"urgent": 1}. */
    priority_hours: z.partialRecord(z.enum(priorities), hours).optional(),
    /** Days after the creation day (calendar_day_end clocks): 1 = by the end of the next day. */
    days: z.number().int().min(0).max(366).optional(),
    /** Time zone of a calendar_day_end clock; default the tenant's. */
    timezone: z.string().max(64).optional(),
  })
  .superRefine((target, ctx) => {
    if (target.kind === 'calendar_day_end') {
      if (target.days === undefined) ctx.addIssue({ code: 'custom', path: ['days'], message: 'required for a calendar_day_end clock' });
      if (target.hours !== undefined || target.priority_hours) ctx.addIssue({ code: 'custom', path: ['hours'], message: 'a calendar_day_end clock counts days, not hours' });
    } else {
      if (target.hours === undefined) ctx.addIssue({ code: 'custom', path: ['hours'], message: `required for a ${target.kind} clock` });
      if (target.days !== undefined) ctx.addIssue({ code: 'custom', path: ['days'], message: 'only for calendar_day_end clocks' });
    }
    if (target.timezone !== undefined && !isValidTimezone(target.timezone)) ctx.addIssue({ code: 'custom', path: ['timezone'], message: `unknown time zone "${target.timezone}"` });
  });
export type PolicyTarget = z.infer<typeof policyTarget>;

export const reminderSettings = z.strictObject({
  /** Remind when this share of the target has passed. */
  percents: z.array(z.number().int().min(1).max(99)).max(10).default([50, 80]),
  /** Remind this many minutes before the deadline. */
  before_minutes: z.array(z.number().int().min(1).max(7 * 24 * 60)).max(10).default([120, 30]),
  /** In the last `repeat_within_minutes`, remind again every this many minutes… */
  repeat_every_minutes: z.number().int().min(5).max(24 * 60).default(30),
  /** …during this window before the deadline… */
  repeat_within_minutes: z.number().int().min(0).max(7 * 24 * 60).default(120),
  /** …for cases of these priorities (platform deadlines always repeat). */
  repeat_priorities: z.array(z.enum(priorities)).default(['urgent']),
}).refine((settings) => settings.repeat_within_minutes / settings.repeat_every_minutes <= 48, { message: 'at most 48 repeats: widen repeat_every_minutes or narrow repeat_within_minutes', path: ['repeat_every_minutes'] });
export type ReminderSettings = z.infer<typeof reminderSettings>;
export const defaultReminders: ReminderSettings = reminderSettings.parse({});

export const policyMatch = z.strictObject({
  /** Cases from these channels (any if empty). */
  channels: z.array(z.enum(channels)).max(20).default([]),
  /** Category ids or prefixes like payment_failed.* (any if empty). */
  categories: z.array(categoryPattern).max(50).default([]),
  /** Priorities (any if empty). */
  priorities: z.array(z.enum(priorities)).max(4).default([]),
  /** Cases carrying at least one of these tags (any if empty). */
  tags: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
});

export const policyBody = z.strictObject({
  /** Display name. */
  name: z.string().trim().min(1).max(200),
  /** Lower positions are tried first; the first enabled match wins. Default: after the last. */
  position: z.number().int().min(0).max(1_000_000).optional(),
  /** Disabled policies match nothing. */
  enabled: z.boolean().default(true),
  /** Which cases the policy applies to. */
  match: policyMatch.default({ channels: [], categories: [], priorities: [], tags: [] }),
  /** The clocks it starts. */
  targets: z
    .array(policyTarget)
    .min(1)
    .max(10)
    .refine((targets) => new Set(targets.map((target) => target.name)).size === targets.length, 'each clock name at most once'),
  /** Calendar for business clocks when the case's team has none. */
  calendar_id: z.uuid().nullable().default(null),
  /** Statuses that pause business and elapsed clocks. */
  pause_statuses: z.array(z.enum(pauseStatuses)).max(3).default(['pending_customer']),
  /** On reopen: restart the resolution clock, or resume it where it stopped. */
  reopen: z.enum(reopenModes).default('restart'),
  /** When reminders go out. */
  reminders: reminderSettings.default(defaultReminders),
  /** What happens when a clock breaches. */
  breach_actions: z.array(z.enum(breachActions)).max(3).default(['notify', 'escalate']),
});
export type PolicyBody = z.infer<typeof policyBody>;
export type PolicyDefinition = Omit<PolicyBody, 'name' | 'position' | 'enabled' | 'calendar_id'>;

export const policyResponse = policyBody.extend({
  id: z.uuid(),
  position: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PolicyResponse = z.infer<typeof policyResponse>;

export const clockResponse = z.object({
  /** Clock name. */
  name: z.enum(clockNames),
  /** business, elapsed, calendar_day_end, or fixed (a deadline a platform set, e.g. a dispute's evidence due date). */
  kind: z.enum(clockKinds),
  /** Policy that set it; null for built-in platform deadlines. */
  policy_id: z.string().nullable(),
  /** Deadline; null while paused (the remaining time is frozen). */
  due_at: z.string().nullable(),
  /** When this run of the clock started (a restart on reopen or a new customer message starts a new run). */
  started_at: z.string(),
  /** Paused by the case status. */
  paused: z.boolean(),
  /** Wall-clock seconds spent paused in this run. */
  paused_seconds: z.number().int(),
  /** When the clock stopped (reply sent, case resolved); null while running. */
  stopped_at: z.string().nullable(),
  /** Missed: stopped after the deadline, or still running past it. */
  breached: z.boolean(),
  /** When it was missed (the deadline). */
  breached_at: z.string().nullable(),
  /** Seconds left until the deadline (negative once breached); null when stopped. */
  remaining_seconds: z.number().int().nullable(),
});
export type ClockResponse = z.infer<typeof clockResponse>;

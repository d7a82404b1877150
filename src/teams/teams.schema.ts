import { z } from 'zod';
import { isCategoryPattern } from '../cases/taxonomy.js';

const teamCode = z.string().min(1).max(32);
const categoryPattern = z.string().refine(isCategoryPattern, 'a category id or a prefix such as fraud.*');

export const escalationPaths = z.strictObject({
  /** Tiers in order: a case escalates from one to the next (L1 → L2 → L3). */
  tiers: z.array(teamCode).min(1).max(10).default(['L1', 'L2', 'L3']),
  /** Categories that go straight to a team whatever the tier (fraud.* → risk, pos.hardware_damage → field). */
  category_rules: z
    .array(z.strictObject({ /** Category id or prefix.* */ category: categoryPattern, /** Team it goes to. */ team: teamCode }))
    .max(50)
    .default([
      { category: 'fraud.*', team: 'risk' },
      { category: 'pos.hardware_damage', team: 'field' },
    ]),
});
export type EscalationPaths = z.infer<typeof escalationPaths>;

export const escalateBody = z.strictObject({
  /** Why the case goes up; shown to the next team. */
  reason: z.string().trim().min(1).max(2000),
  /** Team to hand it to; default: the next one on the escalation path. */
  team: teamCode.optional(),
});

const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d)$/, 'local time as HH:MM');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const shift = z.strictObject({
  /** Shift name, e.g. 早班 / day. */
  name: z.string().trim().min(1).max(100),
  /** Days the shift starts on. */
  days: z.array(weekday).min(1).max(7),
  /** Local start time. */
  start: clockTime,
  /** Local end time; earlier than start means the shift ends the next day (night shift). */
  end: clockTime,
  /** User ids on duty. */
  members: z.array(z.uuid()).max(200).default([]),
});
export type Shift = z.infer<typeof shift>;

export const scheduleBody = z.strictObject({
  /** Time zone of the shift times; default the tenant's. */
  timezone: z.string().max(64).optional(),
  /** The team's shifts. */
  shifts: z.array(shift).max(20),
});
export type ScheduleBody = z.infer<typeof scheduleBody>;
export const scheduleResponse = z.object({ team: z.string(), timezone: z.string(), shifts: z.array(shift) });

const shiftWindow = z.object({ name: z.string(), start: z.string(), end: z.string(), members: z.array(z.string()) });
const handoverCase = z.object({ id: z.string(), number: z.number().int(), subject: z.string(), priority: z.string(), status: z.string(), assignee_id: z.string().nullable(), due_at: z.string().nullable() });
export const handoverResponse = z.object({
  team: z.string(),
  /** The moment the summary is for. */
  at: z.string(),
  timezone: z.string(),
  /** Shift on duty at `at` (null between shifts). */
  current_shift: shiftWindow.nullable(),
  /** The shift that takes over next. */
  next_shift: shiftWindow.nullable(),
  /** Open cases of the team: count and the first 100 by deadline. */
  open_cases: z.object({ count: z.number().int(), items: z.array(handoverCase) }),
  /** Running SLA deadlines of the team's cases due before the next shift ends (overdue ones included). */
  deadlines: z.array(z.object({ case_id: z.string(), number: z.number().int(), subject: z.string(), clock: z.string(), due_at: z.string(), overdue: z.boolean() })),
  /** Promised follow-ups not yet done, due before the next shift ends. */
  follow_ups: z.array(z.object({ id: z.string(), case_id: z.string(), number: z.number().int(), note: z.string(), due_at: z.string(), created_by: z.string() })),
});
export const handoverQuery = z.object({
  /** Team code, e.g. L1. */
  team: teamCode,
  /** Summary as of this instant; default now. */
  at: z.iso.datetime({ offset: true }).optional(),
});

export const followUpBody = z.strictObject({
  /** When we promised to get back to the customer. */
  due_at: z.iso.datetime({ offset: true }),
  /** What was promised. */
  note: z.string().trim().min(1).max(2000),
});
export const followUpResponse = z.object({ id: z.string(), case_id: z.string(), due_at: z.string(), note: z.string(), created_by: z.string(), done_at: z.string().nullable(), created_at: z.string() });

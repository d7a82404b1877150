import { z } from 'zod';
import { teamCodes } from '../auth/roles.js';
import { caseResponse } from '../cases/cases.schema.js';
import { isoInstant, limitParam, listEnvelope, maskedText, uuid } from '../shared/schema.js';
import { normalisePhone } from './phone.js';

export const callDirections = ['inbound', 'outbound'] as const;
export const callOutcomes = ['resolved', 'follow_up', 'transferred', 'escalated', 'no_answer', 'voicemail', 'callback_requested', 'info_given'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** Spaces, dashes, brackets and dots are dropped; 5–20 digits with an optional leading + remain. */
const phoneNumber = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const normalised = normalisePhone(value);
    if (normalised === null) {
      ctx.addIssue({ code: 'custom', message: '5–20 digits with an optional leading +; spaces, dashes, brackets and dots are ignored' });
      return z.NEVER;
    }
    return normalised;
  });

const followUpInput = z.strictObject({
  /** When the agent promised to get back to the customer; must lie in the future. */
  due_at: isoInstant.describe('When the agent promised to get back to the customer; must lie in the future.'),
  /** What was promised ("call back with the refund number"). */
  note: maskedText(2000).describe('What was promised ("call back with the refund number").'),
});

const transferInput = z.strictObject({
  /** Team to hand the case to; with only `tier`, the team of that tier; with neither, the next team on the escalation path. */
  team: z.enum(teamCodes).optional().describe('Team to hand the case to; with only `tier`, the team of that tier; with neither, the next team on the escalation path.'),
  /** Support tier 1–3 to hand the case to. */
  tier: z.number().int().min(1).max(3).optional().describe('Support tier 1–3 to hand the case to.'),
  /** Why the call goes up; shown to the next team. */
  reason: maskedText(2000).describe('Why the call goes up; shown to the next team.'),
});

const callFields = {
  /** inbound = the customer called us, outbound = we called the customer. */
  direction: z.enum(callDirections).describe('inbound = the customer called us, outbound = we called the customer.'),
  /** Number that placed the call (the customer's on an inbound call). */
  caller: phoneNumber.optional().describe("Number that placed the call (the customer's on an inbound call)."),
  /** Number that was called (the customer's on an outbound call). */
  callee: phoneNumber.optional().describe("Number that was called (the customer's on an outbound call)."),
  /** When the call started. */
  started_at: isoInstant.describe('When the call started.'),
  /** When it ended; not before started_at. Left out for a call that never connected. */
  ended_at: isoInstant.optional().describe('When it ended; not before started_at. Left out for a call that never connected.'),
  /** Who answered, the problem and the solution, in the agent's words. Card numbers are masked. */
  summary: maskedText(4000).describe("Who answered, the problem and the solution, in the agent's words. Card numbers are masked."),
  /** How the call ended. `follow_up` needs `follow_up`; `transferred` needs `transfer`. */
  outcome: z.enum(callOutcomes).describe('How the call ended. `follow_up` needs `follow_up`; `transferred` needs `transfer`.'),
  /** A promised call-back: becomes a follow-up with a reminder when it is due. */
  follow_up: followUpInput.optional().describe('A promised call-back: becomes a follow-up with a reminder when it is due.'),
  /** Hand the case to another team or tier during the call. */
  transfer: transferInput.optional().describe('Hand the case to another team or tier during the call.'),
  /** Supervisors and admins only: the user who took the call, when it was not the token's user. */
  agent_id: uuid.optional().describe("Supervisors and admins only: the user who took the call, when it was not the token's user."),
};

export const logCallBody = z.strictObject(callFields);
export type LogCallBody = z.infer<typeof logCallBody>;

export const callFirstBody = z
  .strictObject({
  ...callFields,
  /** Link the call to this case instead of looking one up by the customer's number. */
  case_id: uuid.optional().describe("Link the call to this case instead of looking one up by the customer's number."),
  /** Open a new case even when the customer has an open one. */
  new_case: z.boolean().default(false).describe('Open a new case even when the customer has an open one.'),
  /** Subject of a new case; default: the first line of the summary. */
  subject: maskedText(300).optional().describe('Subject of a new case; default: the first line of the summary.'),
  /** Customer name, kept on a customer created from this number. */
  customer_name: maskedText(200).optional().describe('Customer name, kept on a customer created from this number.'),
  })
  .refine((body) => !(body.case_id && body.new_case), { message: 'give case_id or new_case, not both', path: ['new_case'] });
export type CallFirstBody = z.infer<typeof callFirstBody>;

export const callResponse = z.object({
  id: z.string(),
  case_id: z.string(),
  direction: z.enum(callDirections),
  caller: z.string().nullable(),
  callee: z.string().nullable(),
  /** The user who took or made the call. */ agent_id: z.string().nullable().describe('The user who took or made the call.'),
  agent_name: z.string(),
  started_at: z.string(),
  ended_at: z.string().nullable(),
  /** Whole seconds between started_at and ended_at. */ duration_seconds: z.number().int().nullable().describe('Whole seconds between started_at and ended_at.'),
  summary: z.string(),
  outcome: z.enum(callOutcomes),
  /** The follow-up promised on this call (see /cases/{id}/follow-ups). */ follow_up_id: z.string().nullable().describe('The follow-up promised on this call (see /cases/{id}/follow-ups).'),
  transferred_to_team: z.string().nullable(),
  transferred_to_tier: z.number().int().nullable(),
  created_at: z.string(),
});
export type CallResponse = z.infer<typeof callResponse>;

export const callFirstResponse = z.object({
  /** The call as stored. */ call: callResponse.describe('The call as stored.'),
  /** The case the call belongs to, as it is after the call. */ case: caseResponse.describe('The case the call belongs to, as it is after the call.'),
  /** true when this call opened the case. */ case_created: z.boolean().describe('true when this call opened the case.'),
});

export const listCallsQuery = z.strictObject({
  limit: limitParam,
  /** From the previous page's next_cursor. */ cursor: z.string().max(500).optional().describe("From the previous page's next_cursor."),
});

export const callList = listEnvelope(callResponse);

import { z } from 'zod';
import { maskCardNumbers } from '../privacy/mask.js';
import { commaList, currency, isoInstant, limitParam, listEnvelope, maskedText, uuid } from '../shared/schema.js';
import { customerInput } from '../customers/customers.schema.js';
import { clockResponse } from '../sla/policies.schema.js';
import { statuses } from './status-machine.js';
import { categories, channels, priorities, refNames, resolutions } from './taxonomy.js';

// References are identifiers, but people paste card numbers anywhere: masked like free text. List
// filters go through the same schema, so a lookup by the raw value still finds the case.
const refValue = z.string().trim().min(1).max(128).transform(maskCardNumbers);
const tag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}_.:-]+$/u, 'letters, digits, _ . : - only')
  .transform(maskCardNumbers);

/** External references of a case, all optional. */
export const refsSchema = z.strictObject({
  /** Payment platform transaction id. */ transaction_id: refValue.optional().describe('Payment platform transaction id.'),
  /** Merchant order number. */ order_id: refValue.optional().describe('Merchant order number.'),
  /** Refund id. */ refund_id: refValue.optional().describe('Refund id.'),
  /** Card-scheme or Stripe dispute id. */ dispute_id: refValue.optional().describe('Card-scheme or Stripe dispute id.'),
  /** Complaint id on the payment platform (e.g. WeChat Pay). */ platform_complaint_id: refValue.optional().describe('Complaint id on the payment platform (e.g. WeChat Pay).'),
  /** Merchant number (商户号). */ merchant_no: refValue.optional().describe('Merchant number (商户号).'),
  /** POS terminal serial number. */ terminal_serial: refValue.optional().describe('POS terminal serial number.'),
  /** Error or response code the customer saw. */ error_code: refValue.optional().describe('Error or response code the customer saw.'),
});

const refsPatch = z.strictObject(Object.fromEntries(refNames.map((name) => [name, refValue.nullable().optional()])) as Record<(typeof refNames)[number], z.ZodOptional<z.ZodNullable<typeof refValue>>>);

export const createCaseBody = z
  .strictObject({
    /** Short summary. */ subject: maskedText(300).describe('Short summary.'),
    /** The problem in the customer's words. */ description: maskedText(20000, 0).default('').describe('The problem in the customer\'s words.'),
    /** Where the case came from. */ channel: z.enum(channels).default('api').describe('Where the case came from.'),
    /** Category id from the taxonomy. Left out, auto-triage picks it from the words (and any error code). */ category: z.enum(categories).optional().describe('Category id from the taxonomy. Left out, auto-triage picks it from the words (and any error code).'),
    /** Priority. Left out, the triage hint (amount, fraud, repeat, platform deadline) sets it. */ priority: z.enum(priorities).optional().describe('Priority. Left out, the triage hint (amount, fraud, repeat, platform deadline) sets it.'),
    /** Existing customer. */ customer_id: uuid.optional().describe('Existing customer.'),
    /** Customer to find (by email, phone or external_id) or create. */ customer: customerInput.optional().describe('Customer to find (by email, phone or external_id) or create.'),
    /** External references. */ refs: refsSchema.optional().describe('External references.'),
    /** Amount in integer minor units (fen, cents). */ amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Amount in integer minor units (fen, cents).'),
    /** ISO 4217 currency of `amount`. */ currency: currency.optional().describe('ISO 4217 currency of `amount`.'),
    /** Free tags. */ tags: z.array(tag).max(20).optional().describe('Free tags.'),
    /** User to assign. */ assignee_id: uuid.optional().describe('User to assign.'),
    /** Team code (L1, L2, L3, risk, finance, tech, field). */ team: z.string().min(1).max(32).optional().describe('Team code (L1, L2, L3, risk, finance, tech, field).'),
    /** Support tier 1–3. */ tier: z.number().int().min(1).max(3).optional().describe('Support tier 1–3.'),
    /** Follow-up or deadline instant. */ due_at: isoInstant.optional().describe('Follow-up or deadline instant.'),
  })
  .refine((body) => (body.amount === undefined) === (body.currency === undefined), { message: 'amount and currency go together', path: ['currency'] })
  .refine((body) => !(body.customer_id && body.customer), { message: 'give customer_id or customer, not both', path: ['customer'] });
export type CreateCaseBody = z.infer<typeof createCaseBody>;

export const updateCaseBody = z
  .strictObject({
    subject: maskedText(300).optional(),
    description: maskedText(20000, 0).optional(),
    category: z.enum(categories).optional(),
    priority: z.enum(priorities).optional(),
    /** null unassigns. */ assignee_id: uuid.nullable().optional().describe('null unassigns.'),
    /** null clears the team. */ team: z.string().min(1).max(32).nullable().optional().describe('null clears the team.'),
    tier: z.number().int().min(1).max(3).nullable().optional(),
    /** Replaces all tags. */ tags: z.array(tag).max(20).optional().describe('Replaces all tags.'),
    /** Sets or (with null) clears single references. */ refs: refsPatch.optional().describe('Sets or (with null) clears single references.'),
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    currency: currency.nullable().optional(),
    due_at: isoInstant.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateCaseBody = z.infer<typeof updateCaseBody>;

export const caseResponse = z.object({
  id: z.string(),
  /** Human-readable number, unique per tenant. */ number: z.number().int().describe('Human-readable number, unique per tenant.'),
  subject: z.string(),
  description: z.string(),
  channel: z.enum(channels),
  status: z.enum(statuses),
  resolution: z.enum(resolutions).nullable(),
  category: z.enum(categories),
  /** auto: chosen by the classifier (an agent's change is recorded as a correction); manual: chosen by a person or an integration. */
  category_source: z.enum(['auto', 'manual']).describe('auto: chosen by the classifier (an agent\'s change is recorded as a correction); manual: chosen by a person or an integration.'),
  /** The classifier's confidence for an auto category. */ category_confidence: z.number().nullable().describe("The classifier's confidence for an auto category."),
  /** The category's playbook, a priority hint and the required information the case does not hold yet. */
  triage: z.object({ playbook: z.string(), priority_hint: z.enum(priorities), missing_info: z.array(z.string()) }).describe('The category\'s playbook, a priority hint and the required information the case does not hold yet.'),
  priority: z.enum(priorities),
  customer_id: z.string().nullable(),
  assignee_id: z.string().nullable(),
  team: z.string().nullable(),
  tier: z.number().int().nullable(),
  refs: z.record(z.string(), z.string()),
  amount: z.number().int().nullable(),
  currency: z.string().nullable(),
  tags: z.array(z.string()),
  /** The earlier case this one repeats (same customer and reference within 30 days). */ repeat_of: z.string().nullable().describe('The earlier case this one repeats (same customer and reference within 30 days).'),
  /** The nearest running SLA deadline when the case has clocks; otherwise the due date set by hand. */ due_at: z.string().nullable().describe('The nearest running SLA deadline when the case has clocks; otherwise the due date set by hand.'),
  /** SLA clocks: policy targets and platform deadlines. */ clocks: z.array(clockResponse).describe('SLA clocks: policy targets and platform deadlines.'),
  first_response_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type CaseResponse = z.infer<typeof caseResponse>;

export const caseSorts = ['created_at', '-created_at', 'updated_at', '-updated_at', 'number', '-number', 'priority', '-priority', 'due_at', '-due_at'] as const;

export const listCasesQuery = z.strictObject({
  /** One status or a comma list. */ status: commaList(z.enum(statuses)).optional().describe('One status or a comma list.'),
  /** Category id, or a prefix ending in `*` (e.g. `payment_failed.*`). */ category: z.string().max(64).optional().describe('Category id, or a prefix ending in `*` (e.g. `payment_failed.*`).'),
  priority: commaList(z.enum(priorities)).optional(),
  /** User id, or `none` for unassigned cases. */ assignee: z.union([z.literal('none'), uuid]).optional().describe('User id, or `none` for unassigned cases.'),
  team: z.string().max(32).optional(),
  channel: commaList(z.enum(channels)).optional(),
  /** Customer id. */ customer: uuid.optional().describe('Customer id.'),
  tag: z.string().max(50).transform(maskCardNumbers).optional(),
  /** Text search over subject, description and messages; `#123` or `123` also finds case number 123. */ q: z.string().trim().min(1).max(200).optional().describe('Text search over subject, description and messages; `#123` or `123` also finds case number 123.'),
  transaction_id: refValue.optional(),
  order_id: refValue.optional(),
  refund_id: refValue.optional(),
  dispute_id: refValue.optional(),
  platform_complaint_id: refValue.optional(),
  merchant_no: refValue.optional(),
  terminal_serial: refValue.optional(),
  error_code: refValue.optional(),
  /** Only cases whose due_at is before this instant. */ due_before: isoInstant.optional().describe('Only cases whose due_at is before this instant.'),
  created_after: isoInstant.optional(),
  created_before: isoInstant.optional(),
  /** Sort key; `-` for descending. Sorting by due_at lists only cases that have one. */ sort: z.enum(caseSorts).default('-created_at').describe('Sort key; `-` for descending. Sorting by due_at lists only cases that have one.'),
  limit: limitParam,
  /** From the previous page's next_cursor. */ cursor: z.string().max(500).optional().describe('From the previous page\'s next_cursor.'),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

export const caseList = listEnvelope(caseResponse);

export const messageDirections = ['inbound', 'outbound', 'note'] as const;
export const authorTypes = ['agent', 'customer', 'bot', 'system'] as const;

export const createMessageBody = z.strictObject({
  /** inbound = from the customer, outbound = to the customer, note = internal. */ direction: z.enum(messageDirections).describe('inbound = from the customer, outbound = to the customer, note = internal.'),
  /** Message text. */ body: maskedText(20000).describe('Message text.'),
  /** Who wrote it; defaults to the customer for inbound and the token's user otherwise. */
  author: z.strictObject({ type: z.enum(authorTypes), name: maskedText(200).optional() }).optional(),
});

export const messageResponse = z.object({
  id: z.string(),
  case_id: z.string(),
  direction: z.enum(messageDirections),
  author_type: z.enum(authorTypes),
  author_id: z.string().nullable(),
  author_name: z.string().nullable(),
  body: z.string(),
  /** Replies a platform must carry (WeChat Pay complaints): pending until the platform accepted them, failed after the retries ran out. */
  delivery_status: z.enum(['pending', 'delivered', 'failed']).nullable().describe('Replies a platform must carry (WeChat Pay complaints): pending until the platform accepted them, failed after the retries ran out.'),
  /** Why the last delivery attempt failed. */ delivery_error: z.string().nullable().describe('Why the last delivery attempt failed.'),
  /** Conduct-guard findings that did not block the message (only in the response to a new message). */
  warnings: z.array(z.object({ rule: z.string(), match: z.string(), message: z.string() })).optional().describe('Conduct-guard findings that did not block the message (only in the response to a new message).'),
  created_at: z.string(),
});

export const listPageQuery = z.strictObject({ limit: limitParam, cursor: z.string().max(500).optional() });

export const transitionBody = z.strictObject({
  /** Target status. */ to: z.enum(statuses).describe('Target status.'),
  /** Required when `to` is resolved. */ resolution: z.enum(resolutions).optional().describe('Required when `to` is resolved.'),
  /** Why; kept on the timeline. */ reason: maskedText(2000).optional().describe('Why; kept on the timeline.'),
  /** Platform complaints resolved as `agreed`: the message that records the agreement with the customer. */
  agreement_message_id: uuid.optional().describe('Platform complaints resolved as `agreed`: the message that records the agreement with the customer.'),
  /** Supervisors only: resolve a platform complaint although no completion criterion holds; audited. */
  override_reason: maskedText(2000).optional().describe('Supervisors only: resolve a platform complaint although no completion criterion holds; audited.'),
});

export const timelineItem = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() }),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
});

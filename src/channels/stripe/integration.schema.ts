import { z } from 'zod';
import { maskedText } from '../../shared/schema.js';

export const STRIPE_API_BASE_URL = 'https://api.stripe.com';

export const stripeIntegrationBody = z.strictObject({
  /** The endpoint's signing secret (whsec_…). Required when Stripe is first set up; leave out to keep the stored one. */
  webhook_secret: z.string().trim().regex(/^whsec_[A-Za-z0-9+/=_-]{8,200}$/, 'a Stripe endpoint signing secret (whsec_…)').optional(),
  /** A secret or restricted key (sk_… / rk_…) for submitting evidence; leave out to keep the stored one, null to remove it. */
  api_key: z.string().trim().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,250}$/, 'a Stripe secret or restricted key (sk_… / rk_…)').nullable().optional(),
  /** Where the Stripe API lives (a local fake in tests). */
  api_base_url: z.url({ protocol: /^https?$/ }).max(300).default(STRIPE_API_BASE_URL),
  enabled: z.boolean().default(true),
});
export type StripeIntegrationBody = z.infer<typeof stripeIntegrationBody>;

export const stripeIntegrationResponse = z.object({
  webhook_secret_set: z.boolean(),
  api_key_set: z.boolean(),
  api_base_url: z.string(),
  enabled: z.boolean(),
  /** Give Stripe this endpoint URL, subscribed to the charge.dispute.* events. */
  webhook_url: z.string(),
  /** When the last verified event arrived. */
  last_event_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type StripeIntegrationResponse = z.infer<typeof stripeIntegrationResponse>;

export const disputeStatuses = ['warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost', 'prevented'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];

/** Unix seconds up to the end of year 9999: anything later is not a time. */
const unixSeconds = z.number().int().positive().max(253402300799);

const expandable = z.union([z.string().max(255), z.object({ id: z.string().max(255) }).passthrough()]).nullable().optional();

/** The parts of a Stripe Dispute object Paydesk reads; anything else is ignored. */
export const disputeObject = z.object({
  id: z.string().regex(/^(du|dp)_[A-Za-z0-9]{1,250}$/),
  object: z.literal('dispute'),
  amount: z.number().int().min(0).max(1e13),
  currency: z.string().regex(/^[a-zA-Z]{3}$/),
  charge: expandable,
  payment_intent: expandable,
  reason: z.string().max(64),
  status: z.enum(disputeStatuses),
  created: unixSeconds.optional(),
  is_charge_refundable: z.boolean().optional(),
  evidence_details: z
    .object({
      due_by: unixSeconds.nullable().optional(),
      has_evidence: z.boolean().optional(),
      past_due: z.boolean().optional(),
      submission_count: z.number().int().min(0).optional(),
    })
    .optional(),
});
export type DisputeObject = z.infer<typeof disputeObject>;

export const disputeEventTypes = ['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated'] as const;
export type DisputeEventType = (typeof disputeEventTypes)[number];

/** The envelope of any Stripe event. */
export const stripeEvent = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]{1,250}$/),
  object: z.literal('event'),
  type: z.string().min(1).max(128),
  created: unixSeconds,
  livemode: z.boolean().optional(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

/** Evidence fields Stripe accepts as text (files are uploaded to Stripe separately and named by id). */
const evidenceText = (max = 20000) => maskedText(max).optional();
export const evidenceBody = z.strictObject({
  evidence: z
    .strictObject({
      product_description: evidenceText(),
      customer_name: evidenceText(500),
      customer_email_address: z.email().max(500).optional(),
      customer_purchase_ip: evidenceText(100),
      billing_address: evidenceText(1000),
      shipping_address: evidenceText(1000),
      shipping_date: evidenceText(100),
      shipping_carrier: evidenceText(500),
      shipping_tracking_number: evidenceText(500),
      service_date: evidenceText(100),
      access_activity_log: evidenceText(),
      cancellation_policy_disclosure: evidenceText(),
      cancellation_rebuttal: evidenceText(),
      refund_policy_disclosure: evidenceText(),
      refund_refusal_explanation: evidenceText(),
      duplicate_charge_explanation: evidenceText(),
      duplicate_charge_id: evidenceText(255),
      uncategorized_text: evidenceText(),
      receipt: z.string().regex(/^file_[A-Za-z0-9]{1,250}$/).optional(),
      customer_communication: z.string().regex(/^file_[A-Za-z0-9]{1,250}$/).optional(),
    })
    .refine((evidence) => Object.keys(evidence).length > 0, 'give at least one piece of evidence'),
  /** true submits it to the bank now (final); false only stages it on Stripe. */
  submit: z.boolean().default(true),
});
export type EvidenceBody = z.infer<typeof evidenceBody>;

export const disputeResponse = z.object({
  dispute_id: z.string(),
  case_id: z.string(),
  charge_id: z.string().nullable(),
  payment_intent: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  status: z.enum(disputeStatuses),
  /** The bank's deadline for evidence; the case's `evidence_due` clock. */
  evidence_due_by: z.string().nullable(),
  has_evidence: z.boolean(),
  submission_count: z.number().int(),
  /** held (nothing moved yet), withdrawn (taken from the balance) or reinstated (given back). */
  funds: z.enum(['held', 'withdrawn', 'reinstated']),
  evidence_submitted_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type DisputeResponse = z.infer<typeof disputeResponse>;

/**
 * Shapes of what the WeChat Pay consumer-complaint (投诉 2.0) API returns and pushes. Lenient on purpose:
 * unknown fields pass through, and enumerations are plain strings so a new platform value never breaks parsing.
 * The const arrays list the values known today.
 */
import { z } from 'zod';

/** Complaint states: PENDING until the merchant first replies, then PROCESSING, finally PROCESSED. */
export const complaintStates = ['PENDING', 'PROCESSING', 'PROCESSED'] as const;

/** Problem types a user can choose when complaining. */
export const problemTypes = ['REFUND', 'SERVICE_NOT_WORK', 'OTHERS'] as const;

/** `action_type` values in complaint callbacks. */
export const actionTypes = [
  'CREATE_COMPLAINT',
  'CONTINUE_COMPLAINT',
  'USER_RESPONSE',
  'RESPONSE_BY_PLATFORM',
  'SELLER_REFUND',
  'MERCHANT_RESPONSE',
  'MERCHANT_CONFIRM_COMPLETE',
  'USER_APPLY_PLATFORM_SERVICE',
  'USER_CANCEL_PLATFORM_SERVICE',
  'PLATFORM_SERVICE_FINISHED',
  'MERCHANT_APPROVE_REFUND',
  'MERCHANT_REJECT_REFUND',
  'REFUND_SUCCESS',
] as const;

/** `operate_type` values in negotiation history, including the platform's own misspellings (kept as spelled). */
export const operateTypes = [
  'USER_CREATE_COMPLAINT',
  'USER_CONTINUE_COMPLAINT',
  'USER_RESPONSE',
  'PLATFORM_RESPONSE',
  'MERCHANT_RESPONSE',
  'MERCHANT_CONFIRM_COMPLETE',
  'USER_COMFIRM_COMPLAINT',
  'USER_REVOKE_COMPLAINT',
  'MERCHANT_APPROVE_REFUND',
  'MERCHANT_REFUSE_RERUND',
  'USER_APPLY_PLATFORM_SERVICE',
  'USER_CANCEL_PLATFORM_SERVICE',
  'PLATFORM_SERVICE_FINISHED',
] as const;

export type ComplaintState = (typeof complaintStates)[number];
export type ProblemType = (typeof problemTypes)[number];
export type ActionType = (typeof actionTypes)[number];
export type OperateType = (typeof operateTypes)[number];

const count = z.number().int().nonnegative();

/** Pictures or videos attached by the user or the merchant. */
export const mediaSchema = z.looseObject({
  media_type: z.string(),
  media_url: z.array(z.string()),
});

/** One order the complaint is about; amount in fen. */
export const complaintOrderSchema = z.looseObject({
  transaction_id: z.string(),
  out_trade_no: z.string(),
  amount: count,
});

/** One complaint as returned by the detail and list endpoints. */
export const complaintDetailSchema = z.looseObject({
  complaint_id: z.string(),
  /** RFC 3339 with +08:00. */
  complaint_time: z.string(),
  complaint_detail: z.string(),
  complaint_state: z.string(),
  complainted_mchid: z.string(),
  complaint_full_refunded: z.boolean(),
  incoming_user_response: z.boolean(),
  problem_description: z.string(),
  problem_type: z.string().optional(),
  /** Fen. */
  apply_refund_amount: count.optional(),
  user_complaint_times: count,
  /** RSA-OAEP ciphertext under the merchant's public key, base64. */
  payer_phone: z.string().optional(),
  payer_openid: z.string().optional(),
  complaint_order_info: z.array(complaintOrderSchema).optional(),
  complaint_media_list: z.array(mediaSchema).optional(),
  user_tag_list: z.array(z.string()).optional(),
  need_immediate_service: z.boolean().optional(),
});

/** One entry of a complaint's negotiation history. */
export const historyItemSchema = z.looseObject({
  log_id: z.string(),
  operator: z.string(),
  /** RFC 3339 with +08:00. */
  operate_time: z.string(),
  operate_type: z.string(),
  operate_details: z.string().optional(),
  image_list: z.array(z.string()).optional(),
  complaint_media_list: mediaSchema.optional(),
});

/** A page of complaints; total_count only comes with offset 0. */
export const complaintListSchema = z.looseObject({
  data: z.array(complaintDetailSchema).default([]),
  limit: count,
  offset: count,
  total_count: count.optional(),
});

/** A page of negotiation history; total_count only comes with offset 0. */
export const historyListSchema = z.looseObject({
  data: z.array(historyItemSchema).default([]),
  limit: count,
  offset: count,
  total_count: count.optional(),
});

/** The registered complaint notification URL. */
export const notificationSettingSchema = z.looseObject({
  mchid: z.string(),
  url: z.string(),
});

/** The encrypted resource inside a callback. */
export const callbackResourceSchema = z.looseObject({
  algorithm: z.string(),
  ciphertext: z.string(),
  nonce: z.string(),
  associated_data: z.string().optional(),
  original_type: z.string().optional(),
});

/** Body the platform POSTs to the merchant's notification URL. */
export const callbackBodySchema = z.looseObject({
  id: z.string(),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.string(),
  summary: z.string().optional(),
  resource: callbackResourceSchema,
});

/** Decrypted callback resource. */
export const callbackPlaintextSchema = z.looseObject({
  complaint_id: z.string(),
  action_type: z.string(),
});

/** Platform error body. */
export const platformErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string().optional(),
});

export type ComplaintDetail = z.infer<typeof complaintDetailSchema>;
export type HistoryItem = z.infer<typeof historyItemSchema>;
export type ComplaintList = z.infer<typeof complaintListSchema>;
export type HistoryList = z.infer<typeof historyListSchema>;
export type NotificationSetting = z.infer<typeof notificationSettingSchema>;
export type CallbackBody = z.infer<typeof callbackBodySchema>;
export type CallbackPlaintext = z.infer<typeof callbackPlaintextSchema>;
export type ComplaintMedia = z.infer<typeof mediaSchema>;
export type ComplaintOrder = z.infer<typeof complaintOrderSchema>;

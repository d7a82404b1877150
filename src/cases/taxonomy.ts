/** Stable category ids (DESIGN.md). */
export const categories = [
  'payment_failed.insufficient_funds',
  'payment_failed.limit_exceeded',
  'payment_failed.network_timeout',
  'payment_failed.verification_failed',
  'payment_failed.card_not_supported',
  'payment_failed.card_invalid',
  'payment_failed.risk_blocked',
  'payment_failed.system_error',
  'duplicate_charge',
  'refund.request',
  'refund.delayed',
  'settlement.delayed',
  'order.unpaid',
  'payment_info_error',
  'coupon_conflict',
  'installment_failed',
  'bank_transfer_pending',
  'confirmation_missing',
  'pos.printer',
  'pos.power',
  'pos.card_read',
  'pos.network',
  'pos.operation',
  'pos.hardware_damage',
  'complaint.service',
  'fraud.dispute',
  'other',
] as const;
export type Category = (typeof categories)[number];

/** A category id, or a prefix pattern such as `payment_failed.*` that names at least one category. */
export function isCategoryPattern(value: string): boolean {
  return (categories as readonly string[]).includes(value) || (value.endsWith('.*') && categories.some((category) => category.startsWith(value.slice(0, -1))));
}

/** Whether `category` is `pattern` or falls under a `prefix.*` pattern. */
export function matchesCategory(pattern: string, category: string): boolean {
  return pattern.endsWith('.*') ? category.startsWith(pattern.slice(0, -1)) : pattern === category;
}

export const channels = ['api', 'email', 'web_chat', 'portal', 'phone', 'wechatpay', 'stripe', 'pos_hotline'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];
export const priorityRank: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

export const resolutions = ['full_refund', 'partial_refund', 'customer_withdrew', 'agreed', 'fixed', 'explained', 'duplicate', 'no_response', 'rejected'] as const;

/** External references a case can carry; each is also a list filter of the same name. */
export const refNames = ['transaction_id', 'order_id', 'refund_id', 'dispute_id', 'platform_complaint_id', 'merchant_no', 'terminal_serial', 'error_code'] as const;
export type RefName = (typeof refNames)[number];

/** References that identify one payment or complaint, used to link repeat cases. */
export const repeatRefs = ['transaction_id', 'order_id', 'refund_id', 'dispute_id', 'platform_complaint_id'] as const satisfies readonly RefName[];

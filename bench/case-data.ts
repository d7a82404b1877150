import type { z } from 'zod';
import type { createCaseBody } from '../src/cases/cases.schema.js';
import type { Category, channels, Priority } from '../src/cases/taxonomy.js';
import type { Random } from './random.js';

/** How often each category turns up; failed payments and refunds dominate a payment desk. */
export const categoryWeights: Record<Category, number> = {
  'payment_failed.insufficient_funds': 8,
  'payment_failed.limit_exceeded': 5,
  'payment_failed.network_timeout': 6,
  'payment_failed.verification_failed': 5,
  'payment_failed.card_not_supported': 3,
  'payment_failed.card_invalid': 3,
  'payment_failed.risk_blocked': 6,
  'payment_failed.system_error': 4,
  duplicate_charge: 6,
  'refund.request': 10,
  'refund.delayed': 6,
  'settlement.delayed': 4,
  'order.unpaid': 3,
  payment_info_error: 3,
  coupon_conflict: 2,
  installment_failed: 2,
  bank_transfer_pending: 3,
  confirmation_missing: 3,
  'pos.printer': 1,
  'pos.power': 1,
  'pos.card_read': 2,
  'pos.network': 2,
  'pos.operation': 1,
  'pos.hardware_damage': 1,
  'complaint.service': 4,
  'fraud.dispute': 3,
  other: 3,
};

export const priorityWeights: Record<Priority, number> = { low: 15, normal: 55, high: 22, urgent: 8 };

export const channelWeights: Record<(typeof channels)[number], number> = {
  api: 10,
  email: 20,
  web_chat: 25,
  portal: 10,
  phone: 15,
  wechatpay: 10,
  stripe: 5,
  pos_hotline: 5,
};

export const tagPool = ['vip', 'wechat', 'alipay', 'unionpay', 'escalated', 'merchant:large', 'weekend', 'cross_border'] as const;
export const errorCodes = ['51', '61', '05', 'SYSTEMERROR', 'NOTENOUGH', 'ORDERPAID', 'card_declined', 'expired_card'] as const;
const currencyWeights = { CNY: 85, USD: 10, HKD: 5 } as const;

/** Customers are numbered; seeding creates the first N and requests reuse most of them. */
export function customerEmail(index: number): string {
  return `customer-${index}@example.com`;
}

export function merchantNo(index: number): string {
  return `1900${String(index).padStart(6, '0')}`;
}

export function caseSubject(category: Category, orderId: string): string {
  return `${category.replace(/[._]/g, ' ')} — order ${orderId}`;
}

export function caseDescription(random: Random): string {
  const sentences = [
    'The customer says the money left their account but the order still shows unpaid.',
    '顾客反映付款已扣款，但订单仍显示未支付。',
    'They tried twice from the mobile app and once from the web checkout.',
    'The bank statement shows a pending authorisation from yesterday evening.',
    'The merchant asks for a callback before the end of the business day.',
    '商户希望今天下班前得到回复。',
  ] as const;
  const count = random.int(1, 3);
  return Array.from({ length: count }, () => random.pick(sentences)).join(' ');
}

export type CreateCaseRequest = z.input<typeof createCaseBody>;

/**
 * The body of the n-th POST /api/v1/cases in a run: a customer from the seeded pool most of the
 * time (a new one otherwise), a unique transaction id, money and a tag now and then.
 */
export function createCaseRequest(index: number, runTag: string, seededCustomers: number, random: Random): CreateCaseRequest {
  const category = random.weighted(categoryWeights);
  const orderId = `${runTag}-${index}`;
  const reuseCustomer = seededCustomers > 0 && random.chance(0.8);
  const customerIndex = reuseCustomer ? random.int(0, seededCustomers - 1) : seededCustomers + index;
  const withMoney = random.chance(0.8);
  return {
    subject: caseSubject(category, orderId),
    description: caseDescription(random),
    channel: random.weighted(channelWeights),
    category,
    priority: random.weighted(priorityWeights),
    customer: { email: customerEmail(customerIndex), name: `Customer ${customerIndex}` },
    refs: {
      transaction_id: `42000${runTag}${String(index).padStart(10, '0')}`,
      order_id: orderId,
      ...(random.chance(0.3) ? { merchant_no: merchantNo(random.int(0, 199)) } : {}),
      ...(category.startsWith('payment_failed.') ? { error_code: random.pick(errorCodes) } : {}),
    },
    ...(withMoney ? { amount: random.int(100, 500_000), currency: random.weighted(currencyWeights) } : {}),
    ...(random.chance(0.3) ? { tags: [random.pick(tagPool)] } : {}),
  };
}

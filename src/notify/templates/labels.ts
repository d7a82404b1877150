import type { NotificationLocale, SlaClock } from './types.js';

type Label = Record<NotificationLocale, string>;

const clocks: Record<SlaClock | 'follow_up', Label> = {
  first_reply: { 'zh-CN': '首次回复', en: 'first reply' },
  next_reply: { 'zh-CN': '下次回复', en: 'next reply' },
  resolution: { 'zh-CN': '解决', en: 'resolution' },
  platform_reply: { 'zh-CN': '平台首次回复', en: 'platform first reply' },
  platform_complete: { 'zh-CN': '平台处理完成', en: 'platform completion' },
  platform_72h: { 'zh-CN': '平台72小时时限', en: 'platform 72-hour limit' },
  evidence_due: { 'zh-CN': '拒付举证截止', en: 'dispute evidence due' },
  follow_up: { 'zh-CN': '跟进', en: 'follow-up' },
};

const priorities: Record<string, Label> = {
  low: { 'zh-CN': '低', en: 'Low' },
  normal: { 'zh-CN': '普通', en: 'Normal' },
  high: { 'zh-CN': '高', en: 'High' },
  urgent: { 'zh-CN': '紧急', en: 'Urgent' },
};

const categories: Record<string, Label> = {
  'payment_failed.insufficient_funds': { 'zh-CN': '支付失败·余额不足', en: 'Payment failed: insufficient funds' },
  'payment_failed.limit_exceeded': { 'zh-CN': '支付失败·超出限额', en: 'Payment failed: limit exceeded' },
  'payment_failed.network_timeout': { 'zh-CN': '支付失败·网络超时', en: 'Payment failed: network timeout' },
  'payment_failed.verification_failed': { 'zh-CN': '支付失败·验证失败', en: 'Payment failed: verification failed' },
  'payment_failed.card_not_supported': { 'zh-CN': '支付失败·卡不支持', en: 'Payment failed: card not supported' },
  'payment_failed.card_invalid': { 'zh-CN': '支付失败·卡无效', en: 'Payment failed: card invalid' },
  'payment_failed.risk_blocked': { 'zh-CN': '支付失败·风控拦截', en: 'Payment failed: blocked by risk control' },
  'payment_failed.system_error': { 'zh-CN': '支付失败·系统错误', en: 'Payment failed: system error' },
  duplicate_charge: { 'zh-CN': '重复扣款', en: 'Duplicate charge' },
  'refund.request': { 'zh-CN': '退款申请', en: 'Refund request' },
  'refund.delayed': { 'zh-CN': '退款未到账', en: 'Refund delayed' },
  'settlement.delayed': { 'zh-CN': '结算延迟', en: 'Settlement delayed' },
  'order.unpaid': { 'zh-CN': '订单未支付', en: 'Order not paid yet' },
  payment_info_error: { 'zh-CN': '支付信息错误', en: 'Wrong payment details' },
  coupon_conflict: { 'zh-CN': '优惠券冲突', en: 'Coupon conflict' },
  installment_failed: { 'zh-CN': '分期失败', en: 'Instalment failed' },
  bank_transfer_pending: { 'zh-CN': '银行转账待确认', en: 'Bank transfer pending' },
  confirmation_missing: { 'zh-CN': '缺少支付确认', en: 'Confirmation missing' },
  'pos.printer': { 'zh-CN': 'POS·打印机', en: 'POS: printer' },
  'pos.power': { 'zh-CN': 'POS·电源', en: 'POS: power' },
  'pos.card_read': { 'zh-CN': 'POS·读卡', en: 'POS: card reading' },
  'pos.network': { 'zh-CN': 'POS·网络', en: 'POS: network' },
  'pos.operation': { 'zh-CN': 'POS·操作', en: 'POS: operation' },
  'pos.hardware_damage': { 'zh-CN': 'POS·硬件损坏', en: 'POS: hardware damage' },
  'complaint.service': { 'zh-CN': '服务投诉', en: 'Service complaint' },
  'fraud.dispute': { 'zh-CN': '欺诈/争议', en: 'Fraud or dispute' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const clockLabel = (clock: SlaClock | 'follow_up', locale: NotificationLocale): string => clocks[clock]?.[locale] ?? clock;
export const priorityLabel = (priority: string, locale: NotificationLocale): string => priorities[priority]?.[locale] ?? priority;

/** "退款未到账（refund.delayed）" / "Refund delayed (refund.delayed)"; unknown ids show as they are. */
export function categoryLabel(category: string, locale: NotificationLocale): string {
  const label = categories[category]?.[locale];
  if (!label) return category;
  return locale === 'zh-CN' ? `${label}（${category}）` : `${label} (${category})`;
}

/** The label tables themselves, for the web console's dictionaries (one source for both). */
export { clocks as clockLabels, priorities as priorityLabels, categories as categoryLabels };

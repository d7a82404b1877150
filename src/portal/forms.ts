import { categories, type Category } from '../cases/taxonomy.js';
import { isUploadInfo } from '../bot/bot.js';
import { getPlaybook } from '../diagnosis/playbooks.js';
import type { Locale } from '../i18n/i18n.js';
import { categoryLabels } from '../notify/templates/labels.js';
import { portalText } from './strings.js';

export const problemGroups = ['payment', 'refund', 'order', 'pos', 'other'] as const;
export type ProblemGroup = (typeof problemGroups)[number];

/** Categories without a telling prefix, placed where a customer would look for them. */
const groupOf: Partial<Record<Category, ProblemGroup>> = {
  duplicate_charge: 'payment',
  payment_info_error: 'payment',
  installment_failed: 'payment',
  bank_transfer_pending: 'payment',
  coupon_conflict: 'order',
  confirmation_missing: 'order',
};

export function problemGroup(category: Category): ProblemGroup {
  const explicit = groupOf[category];
  if (explicit) return explicit;
  if (category.startsWith('payment_failed.')) return 'payment';
  if (category.startsWith('refund.')) return 'refund';
  if (category.startsWith('order.')) return 'order';
  if (category.startsWith('pos.')) return 'pos';
  return 'other';
}

/** The category's name for customers ("支付失败·余额不足" / "Payment failed: insufficient funds"). */
export function problemLabel(category: string, locale: Locale): string {
  return categoryLabels[category]?.[locale] ?? category;
}

/** Every problem a customer can pick, in taxonomy order. */
export function problemList(locale: Locale) {
  return categories.map((category) => ({ category, label: problemLabel(category, locale), group: problemGroup(category) }));
}

export type FormField = { key: string; label: string; kind: 'text' | 'amount' | 'upload'; required: boolean; ref: string | null };

/** The reference that identifies the payment, order or terminal; the one field a case cannot start without. */
const identifyingRefs = ['transaction_id', 'order_id', 'terminal_serial', 'merchant_no'] as const;

/**
 * The key of the required field of a category: the first identifying reference its playbook asks
 * for. Everything else is optional for the customer (the bot and the agent ask for what is missing);
 * `other` requires nothing beyond the description.
 */
export function requiredKey(category: Category): string | null {
  if (category === 'other') return null;
  const playbook = getPlaybook(category);
  const found = playbook?.required_info.find((info) => (identifyingRefs as readonly string[]).includes(info.ref ?? ''));
  return found?.key ?? null;
}

/** Keys the playbook asks that the fixed fields already cover. */
const coveredByDescription = new Set(['issue_description']);

/** The guided form of a category: the playbook's required information, then the fixed fields. */
export function formFields(category: Category, locale: Locale): FormField[] {
  const playbook = getPlaybook(category);
  const required = requiredKey(category);
  const fields: FormField[] = [];
  for (const info of playbook?.required_info ?? []) {
    if (coveredByDescription.has(info.key)) continue;
    // The bot's rule, so the form and the bot agree on what is a file (the customer uploads it on the status page).
    const kind = info.ref === 'amount' ? 'amount' : isUploadInfo(info) ? 'upload' : 'text';
    fields.push({ key: info.key, label: info.label[locale], kind, required: info.key === required, ref: info.ref });
  }
  fields.push({ key: 'description', label: portalText(locale, 'description'), kind: 'text', required: true, ref: null });
  for (const key of ['name', 'email', 'phone'] as const) fields.push({ key, label: portalText(locale, key), kind: 'text', required: false, ref: null });
  return fields;
}

// ISO 4217 minor-unit exponents that differ from 2.
const zeroDecimal = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const threeDecimal = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

export function currencyExponent(currency: string): number {
  return zeroDecimal.has(currency) ? 0 : threeDecimal.has(currency) ? 3 : 2;
}

/**
 * "12.50" CNY → 1250 (integer minor units); null when the value has more decimals than the
 * currency has, or is too large to hold exactly.
 */
export function toMinorUnits(value: string, currency: string): number | null {
  const match = /^(\d{1,15})(?:\.(\d{1,3}))?$/.exec(value);
  if (!match) return null;
  const exponent = currencyExponent(currency);
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > exponent) return null;
  const minor = Number(`${match[1]}${fraction.padEnd(exponent, '0').slice(0, exponent)}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

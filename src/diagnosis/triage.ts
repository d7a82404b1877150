import type { Category, Priority } from '../cases/taxonomy.js';
import { classifier } from './classifier.js';
import { extractCodes, findCode } from './catalog.js';
import { getPlaybook } from './playbooks.js';

/** What triage needs to know about a case. */
export type TriageInput = {
  category: string;
  channel: string;
  amount: number | null;
  repeat_of: string | null;
  refs: Record<string, string>;
};

/** Above this amount (in minor units: 5,000.00) a case deserves a closer look. */
const LARGE_AMOUNT = 500_000;
const order: Priority[] = ['low', 'normal', 'high', 'urgent'];
const higher = (a: Priority, b: Priority) => (order.indexOf(a) >= order.indexOf(b) ? a : b);

/**
 * How urgent a case looks from what is known: fraud and disputes are urgent; a platform complaint
 * (hard deadlines), a repeat, a large amount, or a playbook that says so raise it to high.
 */
export function priorityHint(input: TriageInput): Priority {
  let hint: Priority = getPlaybook(input.category as Category)?.priority_hint ?? 'normal';
  if (input.category === 'fraud.dispute' || input.category === 'payment_failed.risk_blocked') hint = higher(hint, 'high');
  if (input.category === 'fraud.dispute') hint = 'urgent';
  if (input.channel === 'wechatpay' || input.channel === 'stripe' || input.refs.platform_complaint_id || input.refs.dispute_id) hint = higher(hint, 'high');
  if (input.repeat_of) hint = higher(hint, 'high');
  if (input.amount !== null && input.amount >= LARGE_AMOUNT) hint = higher(hint, 'high');
  return hint;
}

/** The playbook's required information that the case does not hold yet (by reference or amount). */
export function missingInfo(input: TriageInput): string[] {
  const playbook = getPlaybook(input.category as Category);
  if (!playbook) return [];
  return playbook.required_info
    .filter((info) => {
      if (info.ref === 'amount') return input.amount === null;
      if (info.ref) return !input.refs[info.ref];
      return true;
    })
    .map((info) => info.key);
}

export type Triage = { playbook: string; priority_hint: Priority; missing_info: string[] };

export function triageOf(input: TriageInput): Triage {
  return { playbook: input.category, priority_hint: priorityHint(input), missing_info: missingInfo(input) };
}

/** Umbrella codes that say a payment was declined but not why; a more specific code beside them wins. */
const UMBRELLA = new Set(['card_declined', 'generic_decline', 'do_not_honor', '05']);

/** The most telling catalogued code a text mentions ("card_declined: insufficient_funds" → insufficient_funds). */
export function mentionedCode(text: string, scheme?: string) {
  const found = extractCodes(text)
    .map((entry) => (scheme ? findCode(scheme, entry.code) : findCode(entry.scheme, entry.code)))
    .filter((entry) => entry !== undefined);
  return found.find((entry) => !UMBRELLA.has(entry.code.toLowerCase())) ?? found[0];
}

/** The category a new case's words point to: a catalogued error code first, then the text model. */
export function autoCategory(text: string, errorCode?: string | null): { category: Category; confidence: number } {
  const code = errorCode ? findCode(undefined, errorCode) : undefined;
  if (code) return { category: code.category as Category, confidence: 0.97 };
  const mentioned = mentionedCode(text);
  if (mentioned) return { category: mentioned.category as Category, confidence: 0.97 };
  const prediction = classifier().predict(text);
  return { category: prediction.category, confidence: prediction.confidence };
}

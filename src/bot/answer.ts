import type { Category } from '../cases/taxonomy.js';
import type { Executor } from '../db/database.js';
import { diagnose, type Diagnosis } from '../diagnosis/diagnosis.service.js';
import { getPlaybook, missingInfo, type RequiredInfo } from '../diagnosis/playbooks.js';
import type { Locale } from '../i18n/i18n.js';
import { suggestArticles, type ArticleHit } from '../kb/kb.service.js';
import { formatAmount } from './extract.js';
import { customerTips, fieldLabel, retryAdvice, say } from './strings.js';

// The substance of an answer: what is wrong, what to try, which article, and what we still need.

/** Below this (or `other`) the bot asks what happened instead of answering. */
export const LOW_CONFIDENCE = 0.5;
const MAX_STEPS = 3;
/** Keys that are satisfied by the visitor's own words. */
const DESCRIPTION_KEYS = new Set(['issue_description']);

/** One piece of required information, labelled in the visitor's language. */
export type Requirement = { key: string; label: string; upload: boolean };

/** A picture or document, not something to type (the portal's rule: no ref and a proof-like key). */
export function isUploadInfo(info: Pick<RequiredInfo, 'key' | 'ref'>): boolean {
  return info.ref === null && /screenshot|proof|receipt|photo|image|voucher/.test(info.key);
}

/** Keys present in what was collected, counting an on-screen message as the error code's answer. */
function presentKeys(collected: Record<string, string>): Set<string> {
  const present = new Set(Object.keys(collected).filter((key) => collected[key] !== ''));
  if (present.has('error_message')) present.add('error_code');
  for (const key of DESCRIPTION_KEYS) present.add(key);
  return present;
}

/** The playbook's required information for a category that `collected` does not hold yet. */
export function missingFor(category: string | undefined, locale: Locale, collected: Record<string, string>): Requirement[] {
  const playbook = category ? getPlaybook(category) : undefined;
  if (!playbook) return [];
  return missingInfo(playbook, presentKeys(collected)).map((info) => ({ key: info.key, label: info.label[locale], upload: isUploadInfo(info) }));
}

/** How a collected key is called: the category's playbook label, else the bot's own, else the key. */
export function labelFor(category: string | undefined, locale: Locale, key: string): string {
  const info = category ? getPlaybook(category)?.required_info.find((entry) => entry.key === key) : undefined;
  return info?.label[locale] ?? fieldLabel(locale, key) ?? key;
}

/** "交易流水号（…）：4200…", amounts written with their currency. */
export function describeFields(category: string | undefined, locale: Locale, collected: Record<string, string>, keys: string[]): string[] {
  return keys
    .filter((key) => key !== 'currency' && collected[key] !== undefined)
    .map((key) => say(locale, 'field_value', { label: labelFor(category, locale, key), value: key === 'amount' ? formatAmount(collected[key]!, collected.currency) : collected[key]! }));
}

export type Analysis = { diagnosis: Diagnosis; category: string; confidence: number; unclear: boolean; article: ArticleHit | null; missing: Requirement[] };

/** Diagnoses the words (and code), finds the best published article and what is still missing. */
export async function analyse(db: Executor, tenantId: string, input: { text: string; locale: Locale; errorCode?: string; category?: string; collected: Record<string, string> }): Promise<Analysis> {
  const diagnosis = diagnose({ text: input.text, error_code: input.errorCode, locale: input.locale }, input.locale);
  const forced = input.category && getPlaybook(input.category) ? input.category : undefined;
  const category = forced ?? diagnosis.category;
  const confidence = forced ? 1 : diagnosis.confidence;
  const unclear = category === 'other' || confidence < LOW_CONFIDENCE;
  const [article] = await suggestArticles(db, tenantId, { text: input.text, category: unclear ? null : category, locale: input.locale, limit: 1 });
  return { diagnosis, category, confidence, unclear, article: article ?? null, missing: missingFor(category, input.locale, input.collected) };
}

/** The category the words so far point to, keeping an earlier one when the words alone say nothing. */
export function categoryOf(history: string[], known: string | undefined, errorCode: string | undefined, locale: Locale): { category?: string; confidence?: number } {
  const diagnosis = diagnose({ text: history.join('\n'), error_code: errorCode, locale }, locale);
  if (diagnosis.category === 'other' && known) return {};
  return { category: diagnosis.category, confidence: diagnosis.confidence };
}

/** "看起来是：…" from the matched code's customer explanation, else the category's title. */
export function explanationLine(analysis: Analysis, locale: Locale): string {
  const code = analysis.diagnosis.matched_code;
  if (code && analysis.diagnosis.category === analysis.category) return say(locale, 'diagnosis_code', { code: code.code, explanation: analysis.diagnosis.explanation });
  return say(locale, 'diagnosis', { explanation: getPlaybook(analysis.category)?.title[locale] ?? analysis.category });
}

/** Retry advice is about paying again; for refunds, settlement or terminals it would read oddly. */
const RETRYABLE = /^(?:payment_failed\.|installment_failed$)/;

/** Up to three things the customer can do: a payment code's retry advice first, then the category's tips. */
export function customerSteps(analysis: Analysis, locale: Locale): string[] {
  const code = analysis.diagnosis.matched_code;
  const advice = code && analysis.diagnosis.category === analysis.category && RETRYABLE.test(analysis.category) ? retryAdvice(locale, code.retry_advice) : undefined;
  const retry = advice ? [advice] : [];
  return [...retry, ...(customerTips[locale][analysis.category as Category] ?? [])].slice(0, MAX_STEPS);
}

export function stepsBlock(steps: string[], locale: Locale): string | null {
  if (steps.length === 0) return null;
  return [say(locale, 'steps_intro'), ...steps.map((step, index) => `${index + 1}. ${step}`)].join('\n');
}

export function articleLine(article: ArticleHit | null, locale: Locale): string | null {
  return article ? say(locale, 'article', { title: article.title, url: article.url }) : null;
}

/** The question for the next typed fields, plus a note that a picture is welcome when one is wanted. */
export function questionLines(ask: Requirement[], missing: Requirement[], locale: Locale): string[] {
  const lines: string[] = [];
  if (ask.length > 0) lines.push(say(locale, 'ask_fields', { fields: ask.map((info) => info.label).join(say(locale, 'list_separator')) }));
  const upload = missing.find((info) => info.upload);
  if (upload) lines.push(say(locale, 'ask_upload', { label: upload.label }));
  return lines;
}

/** The first typed fields to ask for, least often asked first (so an ignored question is not repeated forever). */
export function nextQuestions(missing: Requirement[], asked: string[], limit = 2): Requirement[] {
  const times = (key: string) => asked.filter((entry) => entry === key).length;
  return missing
    .filter((info) => !info.upload && times(info.key) < 2)
    .map((info, index) => ({ info, index }))
    .sort((a, b) => times(a.info.key) - times(b.info.key) || a.index - b.index)
    .slice(0, limit)
    .map(({ info }) => info);
}

/** The full answer: explanation, steps, article and the question, or a clarifying question when unclear. */
export function answerBody(analysis: Analysis, ask: Requirement[], locale: Locale): string {
  if (analysis.unclear) {
    return [say(locale, 'clarify'), articleLine(analysis.article, locale), say(locale, 'clarify_handoff')].filter((line) => line !== null).join('\n\n');
  }
  const parts = [explanationLine(analysis, locale), stepsBlock(customerSteps(analysis, locale), locale), articleLine(analysis.article, locale), questionLines(ask, analysis.missing, locale).join('\n')];
  return parts.filter((part): part is string => part !== null && part !== '').join('\n\n');
}

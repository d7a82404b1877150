import { z } from 'zod';
import { categories, type Category } from '../cases/taxonomy.js';
import { AppError } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { findCode, schemes } from './catalog.js';
import { mentionedCode } from './triage.js';
import { classifier } from './classifier.js';
import { getPlaybook, renderTemplate } from './playbooks.js';

export const diagnoseBody = z
  .strictObject({
    /** The customer's or merchant's words, in Chinese, English or both. */
    text: z.string().max(20000).optional().describe("The customer's or merchant's words, in Chinese, English or both."),
    /** An error or response code the customer saw (51, insufficient_funds, NOTENOUGH, ACQ.TRADE_HAS_SUCCESS…). */
    error_code: z.string().trim().min(1).max(64).optional().describe('An error or response code the customer saw (51, insufficient_funds, NOTENOUGH, ACQ.TRADE_HAS_SUCCESS…).'),
    /** Which catalog the code is from: iso8583, cup, stripe, wechatpay, alipay, 3ds. Any when absent. */
    scheme: z.string().trim().min(1).max(32).optional().describe('Which catalog the code is from: iso8583, cup, stripe, wechatpay, alipay, 3ds. Any when absent.'),
    /** Language of the explanation and reply; default by Accept-Language. */
    locale: z.enum(['zh-CN', 'en']).optional().describe('Language of the explanation and reply; default by Accept-Language.'),
  })
  .refine((body) => (body.text?.trim() ?? '') !== '' || body.error_code !== undefined, { message: 'give text, error_code or both', path: ['text'] });
export type DiagnoseBody = z.infer<typeof diagnoseBody>;

const scored = z.object({ category: z.enum(categories), confidence: z.number() });
export const diagnosisResponse = z.object({
  category: z.enum(categories),
  /** 0–1; a code found in a catalog is near-certain, the text model's answer is calibrated on held-out examples. */
  confidence: z.number().describe("0–1; a code found in a catalog is near-certain, the text model's answer is calibrated on held-out examples."),
  /** The text model's top three. */ alternatives: z.array(scored).describe("The text model's top three."),
  /** How the category was chosen. */ source: z.enum(['error_code', 'text', 'none']).describe('How the category was chosen.'),
  matched_code: z.object({ scheme: z.string(), code: z.string(), retry_advice: z.string() }).nullable(),
  explanation: z.string(),
  steps: z.array(z.string()),
  required_info: z.array(z.object({ key: z.string(), label: z.string() })),
  reply_template: z.string().nullable(),
  resolvable_remotely: z.boolean(),
  escalate_to: z.string().nullable(),
});
export type Diagnosis = z.infer<typeof diagnosisResponse>;

/** Codes outrank text: a recognised code is near-certain. */
const CODE_CONFIDENCE = 0.97;

/**
 * What is wrong and what to do: a code (given, or mentioned in the text) found in a catalog decides
 * the category; otherwise the text model does, and below its threshold the answer is `other` for a
 * person. The category's playbook supplies steps, what to ask for and a reply to start from.
 */
export function diagnose(input: DiagnoseBody, fallbackLocale: Locale): Diagnosis {
  const locale = input.locale ?? fallbackLocale;
  if (input.scheme && !schemes().includes(input.scheme.toLowerCase())) {
    throw new AppError('validation_failed', `Unknown scheme "${input.scheme}".`, [{ field: 'body.scheme', message: `one of ${schemes().join(', ')}` }]);
  }
  const text = input.text?.trim() ?? '';
  const given = input.error_code ? findCode(input.scheme?.toLowerCase(), input.error_code) : undefined;
  const mentioned = !given && text ? mentionedCode(text, input.scheme?.toLowerCase()) : undefined;
  const code = given ?? mentioned;
  const prediction = text ? classifier().predict(text) : { category: 'other' as Category, confidence: 0, alternatives: [] };
  const category: Category = code ? (code.category as Category) : prediction.category;
  const confidence = code ? CODE_CONFIDENCE : prediction.confidence;
  const playbook = getPlaybook(category);
  const explanation = code ? code.explanation[locale] : playbook ? playbook.title[locale] : '';
  const steps = [...(code ? code.agent_steps[locale] : []), ...(playbook ? playbook.steps[locale] : [])];
  const template = playbook?.reply_templates[0];
  return {
    category,
    confidence,
    alternatives: prediction.alternatives,
    source: code ? 'error_code' : text && prediction.confidence > 0 ? 'text' : 'none',
    matched_code: code ? { scheme: code.scheme, code: code.code, retry_advice: code.retry_advice } : null,
    explanation,
    steps,
    required_info: (playbook?.required_info ?? []).map((info) => ({ key: info.key, label: info.label[locale] })),
    reply_template: template ? renderTemplate(template.text[locale], code ? { error_code: code.code } : {}) : null,
    resolvable_remotely: code ? code.resolvable_remotely && (playbook?.resolvable_remotely ?? true) : (playbook?.resolvable_remotely ?? true),
    escalate_to: code?.escalate_to ?? playbook?.escalation[0]?.to ?? null,
  };
}

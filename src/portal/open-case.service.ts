import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../audit/audit.service.js';
import { activeBroadcasts, composeAnswer, guardRefundPromises, promisesRefund } from '../bot/bot.js';
import type { CreateCaseBody } from '../cases/cases.schema.js';
import { createCaseAs, requireCase } from '../cases/cases.service.js';
import { recordMessage } from '../cases/messages.service.js';
import type { RefName } from '../cases/taxonomy.js';
import { inTransaction } from '../db/database.js';
import type { TenantRow } from '../db/schema.js';
import { AppError, type FieldError } from '../http/errors.js';
import { translate, type Locale } from '../i18n/i18n.js';
import type { ArticleHit } from '../kb/kb.service.js';
import { currencyExponent, formFields, problemLabel, toMinorUnits } from './forms.js';
import { createLink, statusUrl } from './links.js';
import { mailStatusLink, type LinkMailDeps } from './mail.js';
import type { OpenCaseBody } from './portal.schema.js';
import { portalText } from './strings.js';

const MAX_REF_CHARS = 128;
const SUMMARY_CHARS = 80;

export type PortalDeps = LinkMailDeps & { linkKey: Buffer; publicUrl: string; linkDays: number; log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> };

/** The bot's messages on a case are written in its name. */
export const botActor: Actor = { kind: 'system', id: null, name: 'Paydesk bot' };

type CheckedForm = { refs: Partial<Record<RefName, string>>; lines: string[]; collected: Record<string, string>; amount?: { minor: number; currency: string } };

/** Checks the answers against the category's form: required field present, no unknown keys, a sound amount. */
function checkForm(body: OpenCaseBody, locale: Locale): CheckedForm {
  const form = formFields(body.category, locale);
  const playbookFields = new Map(form.filter((field) => field.kind === 'text' && !['description', 'name', 'email', 'phone'].includes(field.key)).map((field) => [field.key, field]));
  const errors: FieldError[] = [];
  const checked: CheckedForm = { refs: {}, lines: [], collected: {} };
  for (const [key, value] of Object.entries(body.fields)) {
    const field = playbookFields.get(key);
    if (!field) {
      errors.push({ field: `body.fields.${key}`, message: translate(locale, 'detail.portal_field_unknown', { key }) });
      continue;
    }
    if (value === '') continue;
    if (field.ref) {
      if (value.length > MAX_REF_CHARS) errors.push({ field: `body.fields.${key}`, message: `at most ${MAX_REF_CHARS} characters` });
      else checked.refs[field.ref as RefName] = value;
    } else {
      checked.lines.push(portalText(locale, 'field_line', { label: field.label, value }));
    }
    checked.collected[key] = value;
  }
  for (const field of form) {
    if (field.required && playbookFields.has(field.key) && !checked.collected[field.key]) {
      errors.push({ field: `body.fields.${field.key}`, message: translate(locale, 'detail.portal_field_required', { label: field.label }) });
    }
  }
  if (body.amount) {
    const minor = toMinorUnits(body.amount.value, body.amount.currency);
    if (minor === null) {
      errors.push({ field: 'body.amount.value', message: translate(locale, 'detail.portal_amount_invalid', { currency: body.amount.currency, decimals: currencyExponent(body.amount.currency) }) });
    } else {
      checked.amount = { minor, currency: body.amount.currency };
      // As the bot keeps what it collects: minor units, and the currency beside them.
      checked.collected.amount = String(minor);
      checked.collected.currency = body.amount.currency;
    }
  }
  if (errors.length > 0) throw new AppError('validation_failed', { key: 'detail.portal_fields_missing' }, errors);
  return checked;
}

/**
 * The bot's first answer: notices of open incidents, who is talking (a bot, and a person follows),
 * then its diagnosis, steps, article and questions. A failing or over-promising bot gives way to a
 * plain acknowledgement.
 */
async function firstAnswer(deps: PortalDeps, tenantId: string, body: OpenCaseBody, checked: CheckedForm, locale: Locale): Promise<{ text: string; article: ArticleHit | null }> {
  let composed: { text: string; article: ArticleHit | null } = { text: '', article: null };
  let notices: string[] = [];
  try {
    // Staff write the notices: they pass the same refund-promise guard as the bot's own words.
    notices = (await activeBroadcasts(deps.db, tenantId, locale)).map((notice) => portalText(locale, 'broadcast', { text: guardRefundPromises(notice.text, locale) }));
    const answer = await composeAnswer(deps.db, tenantId, { text: body.description, locale, category: body.category, ...(checked.refs.error_code ? { errorCode: checked.refs.error_code } : {}), collected: checked.collected, now: deps.now() });
    composed = { text: answer.text.trim(), article: answer.article };
  } catch (error) {
    deps.log.error({ tenant: tenantId, err: error }, 'portal: the bot could not answer; sent the plain acknowledgement');
  }
  if (!composed.text) return { text: [...notices, portalText(locale, 'bot_fallback')].join('\n\n'), article: null };
  const text = [...notices, portalText(locale, 'bot_intro'), composed.text].join('\n\n');
  if (promisesRefund(text)) {
    deps.log.warn({ tenant: tenantId }, 'portal: the bot answer promised a refund; sent the plain acknowledgement instead');
    return { text: [...notices, portalText(locale, 'bot_fallback')].join('\n\n'), article: null };
  }
  return { text, article: composed.article };
}

function caseInput(body: OpenCaseBody, checked: CheckedForm, locale: Locale): CreateCaseBody {
  const summary = (body.description.split('\n').find((line) => line.trim()) ?? '').trim();
  const short = summary.length > SUMMARY_CHARS ? `${summary.slice(0, SUMMARY_CHARS - 1)}…` : summary;
  const description = checked.lines.length > 0 ? `${body.description}\n\n${checked.lines.join('\n')}` : body.description;
  const hasContact = body.email !== undefined || body.phone !== undefined;
  return {
    subject: portalText(locale, 'subject', { label: problemLabel(body.category, locale), summary: short }).slice(0, 300),
    description,
    channel: 'portal',
    category: body.category,
    ...(hasContact ? { customer: { ...(body.name ? { name: body.name } : {}), ...(body.email ? { email: body.email } : {}), ...(body.phone ? { phone: body.phone } : {}), locale } } : {}),
    ...(Object.keys(checked.refs).length > 0 ? { refs: checked.refs } : {}),
    ...(checked.amount ? { amount: checked.amount.minor, currency: checked.amount.currency } : {}),
  };
}

/**
 * A customer opens a case in the portal: the form is checked against the playbook, the case is
 * created with the bot's first answer (an outbound bot message, which starts no clock and stops
 * none) and a status link, all in one transaction; the link is e-mailed afterwards when the
 * customer gave an address and the desk has a mailbox that can send.
 */
export async function openPortalCase(deps: PortalDeps, tenant: Pick<TenantRow, 'id' | 'slug'>, body: OpenCaseBody, locale: Locale) {
  if (body.website?.trim()) {
    deps.log.warn({ tenant: tenant.slug }, 'portal: the robot trap field was filled; request refused');
    throw new AppError('bad_request', { key: 'detail.portal_rejected' });
  }
  const checked = checkForm(body, locale);
  const answer = await firstAnswer(deps, tenant.id, body, checked, locale);
  const now = deps.now();
  const customerActor: Actor = { kind: 'customer', id: null, name: body.name ?? body.email ?? portalText(locale, 'customer') };
  const created = await inTransaction(deps.db, async (trx) => {
    const opened = await createCaseAs(trx, tenant.id, customerActor, caseInput(body, checked, locale), now);
    const current = await requireCase(trx, tenant.id, opened.id, true);
    await recordMessage(trx, current, { direction: 'outbound', authorType: 'bot', authorId: null, authorName: portalText(locale, 'bot_name'), body: answer.text }, botActor, now, locale);
    const link = await createLink(trx, deps.linkKey, { tenantId: tenant.id, caseId: opened.id, createdBy: 'portal', days: deps.linkDays, actor: customerActor, now });
    return { id: opened.id, number: opened.number, ...link };
  });
  const url = statusUrl(deps.publicUrl, created.token);
  if (body.email) {
    // After the commit and off the request's path: the customer already has the link on screen.
    mailStatusLink(deps, { tenantId: tenant.id, caseId: created.id, caseNumber: created.number, to: body.email, locale, url, expiresAt: created.row.expires_at }).catch((error: unknown) =>
      deps.log.error({ tenant: tenant.id, case: created.number, err: error instanceof Error ? error.message : String(error) }, 'portal: status link not e-mailed'),
    );
  }
  return { case_number: created.number, status_url: url, token: created.token, expires_at: created.row.expires_at, answer };
}

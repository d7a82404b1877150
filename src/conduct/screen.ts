import { DateTime } from 'luxon';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { translate, type Locale } from '../i18n/i18n.js';
import { readSetting, writeSetting } from '../teams/settings.repository.js';
import { tenantTimezone } from '../tenants/tenants.service.js';
import { checkConduct, conductDecision, defaultConductModes, exceedsDailyContactLimit, type ConductFinding } from './conduct.js';
import { conductSettingsSchema, type ConductSettings } from './conduct.schema.js';
import { conductExplanation } from './strings.js';

export type ConductWarning = { rule: string; match: string; message: string };

const SETTING = 'conduct';
const present = (finding: ConductFinding, locale: Locale): ConductWarning => ({ rule: finding.rule, match: finding.match, message: conductExplanation(finding.rule, locale) });

export async function getConductSettings(db: Executor, tenantId: string): Promise<ConductSettings> {
  const stored = await readSetting(db, tenantId, SETTING);
  return conductSettingsSchema.parse(stored ? JSON.parse(stored) : {});
}

export async function putConductSettings(db: Executor, tenantId: string, settings: ConductSettings, actor: Actor, now: Date): Promise<ConductSettings> {
  await writeSetting(db, tenantId, SETTING, JSON.stringify(settings), now.toISOString());
  await appendEvent(db, { tenantId, caseId: null, actor, type: 'settings.conduct_changed', payload: { ...settings }, at: now.toISOString() });
  return settings;
}

/** Outbound messages agents sent this customer, and calls placed to them, since the start of the tenant's day. */
async function sentToday(trx: Executor, current: CaseRow, now: Date): Promise<number> {
  if (!current.customer_id) return 0;
  const zone = await tenantTimezone(trx, current.tenant_id);
  const since = DateTime.fromJSDate(now).setZone(zone).startOf('day').toUTC().toISO() ?? now.toISOString();
  const row = await trx
    .selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('cases.tenant_id', '=', current.tenant_id)
    .where('cases.customer_id', '=', current.customer_id)
    .where('messages.direction', '=', 'outbound')
    .where('messages.author_type', '=', 'agent')
    .where('messages.created_at', '>=', since)
    .executeTakeFirst();
  // Calls the desk placed to the customer are contact attempts too, answered or not.
  const calls = await trx
    .selectFrom('calls')
    .innerJoin('cases', 'cases.id', 'calls.case_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('cases.tenant_id', '=', current.tenant_id)
    .where('cases.customer_id', '=', current.customer_id)
    .where('calls.direction', '=', 'outbound')
    .where('calls.started_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.count ?? 0) + Number(calls?.count ?? 0);
}

/** A finding as the agent sees it, with what the guard does about it. */
export type ScreenedFinding = ConductWarning & { mode: 'block' | 'warn' };

/** What the conduct guard makes of an outbound text: the worst outcome, and every finding in text order (the daily contact limit last). */
export type ConductVerdict = { decision: 'ok' | 'warn' | 'block'; findings: ScreenedFinding[] };

const withoutMode = ({ rule, match, message }: ScreenedFinding): ConductWarning => ({ rule, match, message });

/**
 * The guard's rules, without reading or writing anything: the channel's modes (WeChat Pay
 * complaints block everything, whatever the tenant set) overlaid with the tenant's, the allowed
 * contacts, and the daily contact limit when `contactsToday` is known (null: the limit does not
 * apply, e.g. to the system).
 */
export function judgeOutbound(text: string, channel: string, settings: ConductSettings, contactsToday: number | null, locale: Locale): ConductVerdict {
  const modes = { ...defaultConductModes(channel), ...(channel === 'wechatpay' ? {} : settings.modes) };
  const findings = checkConduct(text, { allowedContacts: settings.allowed_contacts });
  const { blocked, warnings } = conductDecision(findings, modes);
  const modeOf = new Map<ConductFinding, 'block' | 'warn'>([...blocked.map((finding) => [finding, 'block'] as const), ...warnings.map((finding) => [finding, 'warn'] as const)]);
  const screened: ScreenedFinding[] = [];
  for (const finding of findings) {
    const mode = modeOf.get(finding);
    if (mode) screened.push({ ...present(finding, locale), mode });
  }
  if (contactsToday !== null && settings.daily_contact_limit > 0 && exceedsDailyContactLimit(contactsToday, settings.daily_contact_limit)) {
    const message = translate(locale, 'detail.contact_limit', { limit: settings.daily_contact_limit });
    screened.push({ rule: 'contact_limit', match: '', message, mode: settings.contact_limit_mode });
  }
  const decision = screened.some((finding) => finding.mode === 'block') ? 'block' : screened.length > 0 ? 'warn' : 'ok';
  return { decision, findings: screened };
}

/**
 * What the guard says about an outbound text on a case, without acting on it: reads the tenant's
 * settings and, when a daily limit is set, the customer's contacts today; writes nothing. The
 * limit counts only for people (token actors), not for the system.
 */
export async function evaluateOutbound(db: Executor, current: CaseRow, text: string, actor: Actor, now: Date, locale: Locale): Promise<ConductVerdict> {
  const settings = await getConductSettings(db, current.tenant_id);
  const contactsToday = settings.daily_contact_limit > 0 && actor.kind === 'token' ? await sentToday(db, current, now) : null;
  return judgeOutbound(text, current.channel, settings, contactsToday, locale);
}

/**
 * Screens an outbound text before it reaches the customer (see evaluateOutbound). Blocking
 * findings refuse the message (422, nothing stored); warnings are returned and kept on the
 * timeline. Beyond the tenant's daily contact limit a customer gets no more messages that day
 * (no harassment).
 */
export async function screenOutbound(trx: Executor, current: CaseRow, text: string, actor: Actor, now: Date, locale: Locale): Promise<ConductWarning[]> {
  const { findings } = await evaluateOutbound(trx, current, text, actor, now, locale);
  const limit = findings.find((finding) => finding.rule === 'contact_limit');
  const blocked = findings.filter((finding) => finding !== limit && finding.mode === 'block');
  if (blocked.length > 0) {
    throw new AppError(
      'conduct_blocked',
      { key: 'detail.conduct_blocked', params: { rules: [...new Set(blocked.map((finding) => finding.rule))].join(', ') } },
      blocked.map((finding) => ({ field: 'body.body', message: `${finding.message}: "${finding.match}"` })),
      { findings: blocked.map(withoutMode) },
    );
  }
  if (limit?.mode === 'block') throw new AppError('conduct_blocked', limit.message, [{ field: 'body.body', message: limit.message }], { findings: [withoutMode(limit)] });
  const presented = findings.map(withoutMode);
  if (presented.length > 0) {
    await appendEvent(trx, { tenantId: current.tenant_id, caseId: current.id, actor, type: 'conduct.warned', payload: { rules: presented.map((finding) => finding.rule), matches: presented.map((finding) => finding.match) }, at: now.toISOString() });
  }
  return presented;
}

/**
 * Records a refused message on the case's timeline. The refusal rolled the request's transaction
 * back, so this writes in a transaction of its own: supervisors see every attempt, sent or not.
 */
export async function auditBlocked(db: Executor, tenantId: string, caseId: string, actor: Actor, error: AppError, now: Date): Promise<void> {
  const findings = Array.isArray(error.extra.findings) ? (error.extra.findings as ConductWarning[]) : [];
  await inTransaction(db, (trx) =>
    appendEvent(trx, { tenantId, caseId, actor, type: 'conduct.blocked', payload: { rules: findings.map((finding) => finding.rule), matches: findings.map((finding) => finding.match) }, at: now.toISOString() }),
  );
}

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

/**
 * Screens an outbound text before it reaches the customer. Blocking findings refuse the message
 * (422, nothing stored); warnings are returned and kept on the timeline. A platform complaint's
 * channel rules (WeChat Pay: everything blocks) cannot be loosened by tenant settings. Beyond the
 * tenant's daily contact limit a customer gets no more messages that day (no harassment).
 */
export async function screenOutbound(trx: Executor, current: CaseRow, text: string, actor: Actor, now: Date, locale: Locale): Promise<ConductWarning[]> {
  const settings = await getConductSettings(trx, current.tenant_id);
  const modes = { ...defaultConductModes(current.channel), ...(current.channel === 'wechatpay' ? {} : settings.modes) };
  const findings = checkConduct(text, { allowedContacts: settings.allowed_contacts });
  const { blocked, warnings } = conductDecision(findings, modes);
  if (blocked.length > 0) {
    throw new AppError(
      'conduct_blocked',
      { key: 'detail.conduct_blocked', params: { rules: [...new Set(blocked.map((finding) => finding.rule))].join(', ') } },
      blocked.map((finding) => ({ field: 'body.body', message: `${conductExplanation(finding.rule, locale)}: "${finding.match}"` })),
      { findings: blocked.map((finding) => present(finding, locale)) },
    );
  }
  const presented = warnings.map((finding) => present(finding, locale));
  if (settings.daily_contact_limit > 0 && actor.kind === 'token') {
    const sent = await sentToday(trx, current, now);
    if (exceedsDailyContactLimit(sent, settings.daily_contact_limit)) {
      const message = translate(locale, 'detail.contact_limit', { limit: settings.daily_contact_limit });
      const finding: ConductWarning = { rule: 'contact_limit', match: '', message };
      if (settings.contact_limit_mode === 'block') throw new AppError('conduct_blocked', message, [{ field: 'body.body', message }], { findings: [finding] });
      presented.push(finding);
    }
  }
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

import { appendEvent, type Actor } from '../audit/audit.service.js';
import type { Executor } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { readSetting } from '../teams/settings.repository.js';
import { checkConduct, conductDecision, defaultConductModes, type ConductFinding, type ConductRule } from './conduct.js';
import { conductExplanation } from './strings.js';

export type ConductWarning = { rule: string; match: string; message: string };
type Mode = 'block' | 'warn' | 'off';
/** A tenant's own choices, stored under the `conduct` setting. */
export type ConductSettings = { modes?: Partial<Record<ConductRule, Mode>>; allowed_contacts?: string[] };

const present = (finding: ConductFinding, locale: Locale): ConductWarning => ({ rule: finding.rule, match: finding.match, message: conductExplanation(finding.rule, locale) });

/**
 * Screens an outbound text before it reaches the customer. Blocking findings refuse the message
 * (422, nothing stored); warnings are returned and kept on the timeline. A platform complaint's
 * channel rules (WeChat Pay: everything blocks) cannot be loosened by tenant settings.
 */
export async function screenOutbound(trx: Executor, current: CaseRow, text: string, actor: Actor, now: Date, locale: Locale): Promise<ConductWarning[]> {
  const stored = await readSetting(trx, current.tenant_id, 'conduct');
  const settings = stored ? (JSON.parse(stored) as ConductSettings) : {};
  const modes = { ...defaultConductModes(current.channel), ...(current.channel === 'wechatpay' ? {} : settings.modes) };
  const findings = checkConduct(text, { allowedContacts: settings.allowed_contacts ?? [] });
  const { blocked, warnings } = conductDecision(findings, modes);
  if (blocked.length > 0) {
    throw new AppError(
      'conduct_blocked',
      { key: 'detail.conduct_blocked', params: { rules: [...new Set(blocked.map((finding) => finding.rule))].join(', ') } },
      blocked.map((finding) => ({ field: 'body.body', message: `${conductExplanation(finding.rule, locale)}: "${finding.match}"` })),
      { findings: blocked.map((finding) => present(finding, locale)) },
    );
  }
  if (warnings.length > 0) {
    await appendEvent(trx, { tenantId: current.tenant_id, caseId: current.id, actor, type: 'conduct.warned', payload: { rules: warnings.map((finding) => finding.rule), matches: warnings.map((finding) => finding.match) }, at: now.toISOString() });
  }
  return warnings.map((finding) => present(finding, locale));
}

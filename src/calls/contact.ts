import type { Actor } from '../audit/audit.service.js';
import { refreshClocks } from '../cases/case-clocks.js';
// Only for stamping first_response_at and updated_at, exactly as recordMessage does; cases has no service function for it.
import * as caseRepo from '../cases/cases.repository.js';
import { applyTransition } from '../cases/transitions.service.js';
import type { Executor } from '../db/database.js';
import type { CaseRow, CaseUpdate } from '../db/schema.js';
import type { Locale } from '../i18n/i18n.js';
import type { CallOutcome } from './calls.schema.js';

/** Outcomes where nobody at our end talked with the customer. */
const unspokenOutcomes: readonly CallOutcome[] = ['no_answer', 'voicemail'];

/**
 * What a call means for the case, following recordMessage: an inbound call is the customer getting
 * in touch (restarts the next-reply clock, brings a case waiting on them back to `open`); a call in
 * which an agent talked with the customer is a human reply (stamps first_response_at, stops the
 * reply clocks, opens a new case). A WeChat Pay complaint is answered only on the platform, so a
 * call leaves its reply clocks running.
 */
export async function applyCallContact(trx: Executor, current: CaseRow, call: { direction: 'inbound' | 'outbound'; outcome: CallOutcome; startedAt: string }, actor: Actor, now: Date, locale: Locale): Promise<void> {
  const tenantId = current.tenant_id;
  const humanReply = !unspokenOutcomes.includes(call.outcome) && current.channel !== 'wechatpay';
  const set: CaseUpdate = { updated_at: now.toISOString() };
  // A call logged on a case opened later still answered the customer no earlier than the case existed.
  if (humanReply && !current.first_response_at) set.first_response_at = call.startedAt > current.created_at ? call.startedAt : current.created_at;
  await caseRepo.updateCase(trx, tenantId, current.id, set);
  if (call.direction === 'inbound') await refreshClocks(trx, tenantId, current.id, { type: 'customer_message' }, now);
  if (humanReply) await refreshClocks(trx, tenantId, current.id, { type: 'agent_reply' }, now);
  if (humanReply && current.status === 'new') await applyTransition(trx, tenantId, current, { to: 'open', reason: 'phone call' }, actor, now, locale);
  if (call.direction === 'inbound' && current.status === 'pending_customer') await applyTransition(trx, tenantId, current, { to: 'open', reason: 'customer called' }, actor, now, locale);
}

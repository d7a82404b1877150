import type { Actor } from '../audit/audit.service.js';
import { applyContact } from '../cases/messages.service.js';
import type { Executor } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
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
  const humanReply = !unspokenOutcomes.includes(call.outcome) && current.channel !== 'wechatpay';
  // A call logged on a case opened later still answered the customer no earlier than the case existed.
  const humanReplyAt = humanReply ? (call.startedAt > current.created_at ? call.startedAt : current.created_at) : null;
  const inbound = call.direction === 'inbound';
  await applyContact(trx, current, { customerMessage: inbound, customerWaited: inbound, humanReplyAt, reasons: { reply: 'phone call', customer: 'customer called' } }, actor, now, locale);
}

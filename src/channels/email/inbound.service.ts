import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../audit/audit.service.js';
import { addAttachmentAs } from '../../cases/attachments.service.js';
import { createCaseBody } from '../../cases/cases.schema.js';
import { createCaseAs, findCaseByNumber, requireCase } from '../../cases/cases.service.js';
import { recordMessage } from '../../cases/messages.service.js';
import { applyTransition } from '../../cases/transitions.service.js';
import { getCustomer } from '../../customers/customers.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { CaseRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { translate, type Locale, type MessageKey } from '../../i18n/i18n.js';
import type { InboundResult } from './mailbox.schema.js';
import { ownAddresses, type MailboxConfig } from './mailbox.service.js';
import { automaticKind, MalformedEmailError, parseEmail, stripQuoted, subjectCaseNumber, threadCandidates, type Disposition, type InboundEmail } from './parse.js';

export type InboundDeps = { db: Executor; now: () => Date; attachmentMaxBytes: number; log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> };

/** Who opened a case from an e-mail (the customer is the author of its messages). */
export const emailActor: Actor = { kind: 'system', id: null, name: 'E-mail' };

const HOUR_MS = 60 * 60 * 1000;
const MAX_BODY_CHARS = 20000;
const MAX_SUBJECT_CHARS = 300;

const notes: Record<'auto_reply' | 'bounce' | 'loop', MessageKey> = { auto_reply: 'email.note_auto_reply', bounce: 'email.note_bounce', loop: 'email.note_loop' };

async function findSeen(db: Executor, tenantId: string, messageId: string) {
  return db.selectFrom('email_messages').selectAll().where('tenant_id', '=', tenantId).where('message_id', '=', messageId).executeTakeFirst();
}

async function resultOf(db: Executor, tenantId: string, messageId: string, flags: { duplicate: boolean; caseCreated: boolean }): Promise<InboundResult> {
  const seen = await findSeen(db, tenantId, messageId);
  if (!seen) throw new Error('e-mail record vanished');
  const caseRow = seen.case_id ? await requireCase(db, tenantId, seen.case_id) : undefined;
  return { message_id: seen.message_id, disposition: seen.disposition, case_id: seen.case_id, case_number: caseRow?.number ?? null, case_created: flags.caseCreated, duplicate: flags.duplicate };
}

/** Inbound messages from one sender to the tenant within the last hour (any outcome). */
async function recentFromSender(db: Executor, tenantId: string, sender: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('email_messages')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tenant_id', '=', tenantId)
    .where('direction', '=', 'inbound')
    .where('from_address', '=', sender)
    .where('created_at', '>', new Date(now.getTime() - HOUR_MS).toISOString())
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * The case an e-mail continues: one of our stored Message-IDs in In-Reply-To/References, else a
 * `[#number]` token in the subject, but only when the sender is that case's customer (anyone can
 * type a number; only the customer's own address may add to the case by it).
 */
async function threadedCase(trx: Executor, tenantId: string, email: InboundEmail, bounce: boolean): Promise<CaseRow | undefined> {
  // Only a bounce is matched by the ids it quotes: a person quoting an old message has not replied to it.
  const candidates = threadCandidates(bounce ? email : { inReplyTo: email.inReplyTo, references: email.references });
  if (candidates.length > 0) {
    const known = await trx.selectFrom('email_messages').select(['message_id', 'case_id']).where('tenant_id', '=', tenantId).where('message_id', 'in', candidates).where('case_id', 'is not', null).execute();
    for (const id of candidates) {
      const hit = known.find((row) => row.message_id === id);
      if (hit?.case_id) return requireCase(trx, tenantId, hit.case_id, true);
    }
  }
  const number = subjectCaseNumber(email.subject);
  if (number === null) return undefined;
  const byNumber = await findCaseByNumber(trx, tenantId, number);
  if (!byNumber?.customer_id) return undefined;
  const customer = await getCustomer(trx, tenantId, byNumber.customer_id);
  if (customer.email?.toLowerCase() !== email.from.address) return undefined;
  return requireCase(trx, tenantId, byNumber.id, true);
}

const hasCjk = (text: string) => /[\u3400-\u9fff]/.test(text);

/** The case-opening input from an e-mail, validated (and masked) by the same schema as the API's. */
function caseInput(email: InboundEmail, locale: Locale) {
  const subject = email.subject.slice(0, MAX_SUBJECT_CHARS).trim() || translate(locale, 'email.no_subject');
  const parsed = createCaseBody.safeParse({
    subject,
    description: email.text.slice(0, MAX_BODY_CHARS),
    channel: 'email',
    customer: { email: email.from.address, ...(email.from.name ? { name: email.from.name.slice(0, 200) } : {}), ...(hasCjk(`${email.subject}${email.text}`) ? { locale: 'zh-CN' } : {}) },
  });
  if (!parsed.success) throw new MalformedEmailError(`sender ${email.from.address || '(none)'} cannot be a customer`);
  return parsed.data;
}

/** Keeps the attachments the desk accepts; the others are named in one system note instead. */
async function keepAttachments(trx: Executor, deps: InboundDeps, caseRow: CaseRow, email: InboundEmail, locale: Locale): Promise<void> {
  const skipped: string[] = [];
  for (const attachment of email.attachments) {
    const size = attachment.content.length;
    if (size > deps.attachmentMaxBytes) {
      skipped.push(translate(locale, 'email.note_attachment_skipped', { filename: attachment.filename, size, reason: translate(locale, 'email.reason_too_large', { limit: deps.attachmentMaxBytes }) }));
      continue;
    }
    try {
      await addAttachmentAs(trx, caseRow.tenant_id, emailActor, 'email', caseRow.id, { filename: attachment.filename, mimetype: attachment.contentType, data: attachment.content }, deps.now());
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      skipped.push(translate(locale, 'email.note_attachment_skipped', { filename: attachment.filename, size, reason: translate(locale, 'email.reason_type', { type: attachment.contentType }) }));
    }
  }
  if (skipped.length > 0) {
    const current = await requireCase(trx, caseRow.tenant_id, caseRow.id, true);
    await recordMessage(trx, current, { direction: 'note', authorType: 'system', authorId: null, authorName: emailActor.name, body: skipped.join('\n') }, emailActor, deps.now(), locale);
  }
}

/**
 * Takes one raw e-mail into a mailbox: a Message-ID seen before changes nothing; mail from
 * machines (auto-replies, bounces, our own address) is recorded and never answered, at most noted
 * on the case it belongs to; a sender over the hourly limit is recorded as rate_limited; anything
 * else joins the case it replies to or opens a new one, with its attachments. The mailbox may be
 * chosen from the parsed message (its recipients), so the message is parsed once.
 */
export async function ingestEmail(deps: InboundDeps, mailboxOf: MailboxConfig | ((email: InboundEmail) => Promise<MailboxConfig>), raw: Buffer): Promise<InboundResult> {
  const email = await parseEmail(raw);
  const mailbox = typeof mailboxOf === 'function' ? await mailboxOf(email) : mailboxOf;
  const tenantId = mailbox.tenantId;
  const locale = mailbox.settings.locale;
  if (await findSeen(deps.db, tenantId, email.messageId)) return resultOf(deps.db, tenantId, email.messageId, { duplicate: true, caseCreated: false });
  const now = deps.now();
  const at = now.toISOString();
  const automatic = automaticKind(email, await ownAddresses(deps.db, tenantId));
  let disposition: Disposition = automatic ?? 'accepted';
  if (disposition === 'accepted' && (await recentFromSender(deps.db, tenantId, email.from.address, now)) >= mailbox.settings.sender_limit_per_hour) disposition = 'rate_limited';
  const input = disposition === 'accepted' ? caseInput(email, locale) : undefined;
  let caseCreated = false;
  try {
    await inTransaction(deps.db, async (trx) => {
      // Recorded first: a second copy arriving at the same moment fails here on the key and changes nothing.
      await trx.insertInto('email_messages').values({ tenant_id: tenantId, message_id: email.messageId, mailbox_id: mailbox.id, case_id: null, case_message_id: null, direction: 'inbound', from_address: email.from.address, subject: email.subject.slice(0, 500), disposition, created_at: at }).execute();
      if (disposition === 'rate_limited') return;
      const found = await threadedCase(trx, tenantId, email, automatic === 'bounce');
      // A closed case is final: the customer's new mail opens a follow-up case instead (machine mail is still noted on it).
      const closedCase = found && !automatic && found.status === 'closed' ? found : undefined;
      const threaded = closedCase ? undefined : found;
      const subject = email.subject || translate(locale, 'email.no_subject');
      let caseId: string | null = null;
      let caseMessageId: string | null = null;
      if (automatic) {
        if (threaded) {
          const note = await recordMessage(trx, threaded, { direction: 'note', authorType: 'system', authorId: null, authorName: emailActor.name, body: translate(locale, notes[automatic], { sender: email.from.address || '<>', subject }) }, emailActor, now, locale);
          caseId = threaded.id;
          caseMessageId = note.id;
        }
      } else if (threaded) {
        const body = (stripQuoted(email.text) || subject).slice(0, MAX_BODY_CHARS);
        // Anyone who saw one of our Message-IDs (a forward, a CC) can reply in the thread: only the case's own
        // customer is written down as the customer; anyone else appears under their real address.
        const customer = threaded.customer_id ? await getCustomer(trx, tenantId, threaded.customer_id) : undefined;
        const isCustomer = customer?.email?.toLowerCase() === email.from.address;
        const author: Actor = isCustomer ? { kind: 'customer', id: threaded.customer_id, name: email.from.name ?? email.from.address } : { kind: 'customer', id: null, name: email.from.address };
        const message = await recordMessage(trx, threaded, { direction: 'inbound', authorType: 'customer', authorId: author.id, authorName: author.name, body }, author, now, locale);
        caseId = threaded.id;
        caseMessageId = message.id;
        // The customer writing back to a resolved case means it is not resolved for them.
        if (threaded.status === 'resolved') await applyTransition(trx, tenantId, await requireCase(trx, tenantId, threaded.id, true), { to: 'open', reason: 'customer replied by e-mail' }, author, now, locale);
        await keepAttachments(trx, deps, threaded, email, locale);
      } else if (input) {
        const opened = await createCaseAs(trx, tenantId, emailActor, input, now);
        caseId = opened.id;
        caseCreated = true;
        if (closedCase) {
          const note = translate(locale, 'email.note_follow_up', { number: closedCase.number });
          await recordMessage(trx, await requireCase(trx, tenantId, opened.id, true), { direction: 'note', authorType: 'system', authorId: null, authorName: emailActor.name, body: note }, emailActor, now, locale);
        }
        await keepAttachments(trx, deps, await requireCase(trx, tenantId, opened.id), email, locale);
      }
      if (caseId) await trx.updateTable('email_messages').set({ case_id: caseId, case_message_id: caseMessageId }).where('tenant_id', '=', tenantId).where('message_id', '=', email.messageId).execute();
    });
  } catch (error) {
    if (isUniqueViolation(error) && (await findSeen(deps.db, tenantId, email.messageId))) return resultOf(deps.db, tenantId, email.messageId, { duplicate: true, caseCreated: false });
    throw error;
  }
  if (disposition === 'rate_limited') deps.log.warn({ tenant: tenantId, mailbox: mailbox.id, sender: email.from.address, limit: mailbox.settings.sender_limit_per_hour }, 'e-mail sender over the hourly limit; recorded, no case');
  else if (disposition !== 'accepted') deps.log.info({ tenant: tenantId, mailbox: mailbox.id, disposition }, 'automatic e-mail recorded, not answered');
  return resultOf(deps.db, tenantId, email.messageId, { duplicate: false, caseCreated });
}

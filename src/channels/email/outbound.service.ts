import { randomUUID } from 'node:crypto';
import { registerCaseHooks, type OutboundContext } from '../../cases/hooks.js';
import { getCustomer } from '../../customers/customers.service.js';
import { AppError } from '../../http/errors.js';
import type { Executor } from '../../db/database.js';
import type { MailboxRow } from '../../db/schema.js';
import { translate, type Locale } from '../../i18n/i18n.js';
import { mailboxSettings } from './mailbox.schema.js';
import { referenceChain, replySubject } from './parse.js';

/** The text of a reply: greeting, the agent's words, the signature and how to keep the thread. */
export function replyText(input: { locale: Locale; customerName: string | null; body: string; signature: string; caseNumber: number; note?: string | undefined }): string {
  const greeting = input.customerName ? translate(input.locale, 'email.greeting', { name: input.customerName }) : translate(input.locale, 'email.greeting_anonymous');
  const parts = [greeting, input.body.trim()];
  if (input.signature.trim()) parts.push(`-- \n${input.signature.trim()}`);
  if (input.note) parts.push(input.note);
  parts.push(translate(input.locale, 'email.footer', { number: input.caseNumber }));
  return `${parts.join('\n\n')}\n`;
}

/** `<uuid@domain-of-the-mailbox>`: ours, unique, and recognisable when a reply quotes it. */
export function newMessageId(address: string): string {
  const domain = address.split('@')[1] ?? 'paydesk.invalid';
  return `<${randomUUID()}@${domain}>`;
}

/** The mailbox a case's mail came in at, else the tenant's first enabled mailbox that can send. */
async function sendingMailbox(trx: Executor, tenantId: string, caseId: string): Promise<MailboxRow | undefined> {
  const canSend = (row: MailboxRow | undefined) => row !== undefined && row.enabled === 1 && mailboxSettings.parse(JSON.parse(row.settings)).smtp !== null;
  const last = await trx.selectFrom('email_messages').select('mailbox_id').where('tenant_id', '=', tenantId).where('case_id', '=', caseId).where('direction', '=', 'inbound').where('mailbox_id', 'is not', null).orderBy('created_at', 'desc').executeTakeFirst();
  if (last?.mailbox_id) {
    const row = await trx.selectFrom('mailboxes').selectAll().where('tenant_id', '=', tenantId).where('id', '=', last.mailbox_id).executeTakeFirst();
    if (canSend(row)) return row;
  }
  const rows = await trx.selectFrom('mailboxes').selectAll().where('tenant_id', '=', tenantId).where('enabled', '=', 1).orderBy('created_at').orderBy('id').execute();
  return rows.find((row) => canSend(row));
}

/** The thread so far: the customer's newest accepted message (answered) and every id of the case in order. */
async function threadOf(trx: Executor, tenantId: string, caseId: string) {
  const rows = await trx
    .selectFrom('email_messages')
    .select(['message_id', 'direction', 'disposition'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('disposition', 'in', ['accepted', 'sent'])
    .orderBy('created_at')
    .orderBy('message_id')
    .execute();
  const inbound = rows.filter((row) => row.direction === 'inbound');
  const inReplyTo = inbound.at(-1)?.message_id ?? null;
  return { inReplyTo, references: referenceChain(rows.map((row) => row.message_id).filter((id) => id !== inReplyTo), inReplyTo) };
}

export type ReplyMailOptions = {
  /** A customer without an address: refuse the reply (409), or keep it on the case only. */
  withoutAddress: 'refuse' | 'keep';
  /** A paragraph put before the footer, in the customer's language (a portal case's status link). */
  note?(locale: Locale): string;
};

/**
 * An agent's reply e-mailed to the customer: queued for SMTP in the same transaction as the message,
 * with our Message-ID recorded so the customer's answer threads back onto the case. A tenant without
 * a mailbox that can send keeps the message on the case only (as on an `api` case).
 */
export async function queueReplyMail({ trx, current, message, now }: OutboundContext, options: ReplyMailOptions): Promise<string | undefined> {
  const mailbox = await sendingMailbox(trx, current.tenant_id, current.id);
  if (!mailbox) return undefined;
  const settings = mailboxSettings.parse(JSON.parse(mailbox.settings));
  const customer = current.customer_id ? await getCustomer(trx, current.tenant_id, current.customer_id) : undefined;
  if (!customer?.email) {
    if (options.withoutAddress === 'keep') return undefined;
    throw new AppError('conflict', { key: 'detail.email_no_recipient' });
  }
  const locale: Locale = customer.locale === 'en' || customer.locale === 'zh-CN' ? customer.locale : settings.locale;
  const note = options.note?.(locale);
  const { inReplyTo, references } = await threadOf(trx, current.tenant_id, current.id);
  const messageId = newMessageId(mailbox.address);
  const subject = replySubject(current.subject, current.number);
  const at = now.toISOString();
  await trx
    .insertInto('email_deliveries')
    .values({
      id: randomUUID(),
      tenant_id: current.tenant_id,
      case_id: current.id,
      case_message_id: message.id,
      mailbox_id: mailbox.id,
      message_id: messageId,
      to_address: customer.email,
      subject,
      text_body: replyText({ locale, customerName: customer.name, body: message.body, signature: settings.signature, caseNumber: current.number, note }),
      in_reply_to: inReplyTo,
      references: references.length > 0 ? references.join(' ') : null,
      state: 'pending',
      attempts: 0,
      next_attempt_at: at,
      locked_until: null,
      last_error: null,
      sent_at: null,
      created_at: at,
    })
    .execute();
  await trx.insertInto('email_messages').values({ tenant_id: current.tenant_id, message_id: messageId, mailbox_id: mailbox.id, case_id: current.id, case_message_id: message.id, direction: 'outbound', from_address: mailbox.address, subject, disposition: 'sent', created_at: at }).execute();
  return 'pending';
}

/**
 * Puts e-mail delivery into the case core (idempotent). On an e-mail case a reply to a customer
 * without an address is refused (409) so the agent can add one, rather than lost.
 */
export function installEmailHooks(): void {
  registerCaseHooks('email', { outbound: (context) => queueReplyMail(context, { withoutAddress: 'refuse' }) });
}

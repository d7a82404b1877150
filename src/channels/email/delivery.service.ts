import type { FastifyBaseLogger } from 'fastify';
import { appendEvent } from '../../audit/audit.service.js';
import { setMessageDelivery } from '../../cases/messages.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import type { EmailDeliveryRow } from '../../db/schema.js';
import { connectionErrorCodes, defaultMailTransport, smtpFailure, smtpOptions, type MailTransportFactory } from '../../shared/smtp.js';
import { emailActor } from './inbound.service.js';
import { toMailboxConfig, type MailboxConfig } from './mailbox.service.js';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 120_000;
const TIMEOUT_MS = 20_000;
/** 30 s, 1 min, 2 min … capped at an hour. */
export const backoffMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export type DeliveryDeps = {
  db: Executor;
  secretKey: Buffer;
  now: () => Date;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  createTransport?: MailTransportFactory;
  /**
   * Fills in, at send time, what must not be stored with the queued text (a customer's status
   * link); returns the text to send.
   */
  expandText?(db: Executor, delivery: EmailDeliveryRow): Promise<string>;
};

class SendError extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

/** A server saying "later" (4xx) and connection trouble are worth another try; so is a refused login or TLS, which an admin can fix. */
function sendError(error: unknown, mailbox: MailboxConfig): SendError {
  const password = mailbox.secrets.smtp_password;
  const scrub = (text: string) => (password ? text.split(password).join('***') : text).slice(0, 300);
  const failure = smtpFailure(error, `SMTP ${mailbox.settings.smtp?.host ?? '?'}:${mailbox.settings.smtp?.port ?? '?'}`, scrub);
  const fixable = failure.code === 'EAUTH' || failure.code === 'ETLS';
  const final = failure.responseCode !== null ? failure.responseCode >= 500 && !fixable : !connectionErrorCodes.has(failure.code) && !fixable && failure.code !== 'error';
  return new SendError(failure.message, final);
}

async function send(deps: DeliveryDeps, mailbox: MailboxConfig, delivery: EmailDeliveryRow): Promise<void> {
  const smtp = mailbox.settings.smtp;
  if (!smtp) throw new SendError('the mailbox has no SMTP server', false);
  const text = deps.expandText ? await deps.expandText(deps.db, delivery) : delivery.text_body;
  const options = smtpOptions({ ...smtp, password: mailbox.secrets.smtp_password }, TIMEOUT_MS);
  const transport = (deps.createTransport ?? defaultMailTransport)(options);
  try {
    await transport.sendMail({
      from: mailbox.displayName ? { name: mailbox.displayName, address: mailbox.address } : mailbox.address,
      to: delivery.to_address,
      subject: delivery.subject,
      text,
      date: deps.now(),
      messageId: delivery.message_id,
      ...(delivery.in_reply_to ? { inReplyTo: delivery.in_reply_to } : {}),
      ...(delivery.references ? { references: delivery.references.split(' ') } : {}),
      headers: { 'X-Paydesk-Case': delivery.case_id },
    });
  } catch (error) {
    throw sendError(error, mailbox);
  } finally {
    transport.close();
  }
}

async function settle(deps: DeliveryDeps, delivery: EmailDeliveryRow, outcome: { ok: true } | { ok: false; error: string; final: boolean }) {
  const now = deps.now();
  const at = now.toISOString();
  const attempts = delivery.attempts + 1;
  await inTransaction(deps.db, async (trx) => {
    const event = (type: string, payload: Record<string, unknown>) => appendEvent(trx, { tenantId: delivery.tenant_id, caseId: delivery.case_id, actor: emailActor, type, payload, at });
    if (outcome.ok) {
      await trx.updateTable('email_deliveries').set({ state: 'delivered', attempts, sent_at: at, locked_until: null, last_error: null }).where('id', '=', delivery.id).execute();
      await setMessageDelivery(trx, delivery.tenant_id, delivery.case_message_id, 'delivered', null);
      await event('email.delivered', { delivery_id: delivery.id, message_id: delivery.message_id, to: delivery.to_address, attempts });
      return;
    }
    const failed = outcome.final || attempts >= MAX_ATTEMPTS;
    await trx
      .updateTable('email_deliveries')
      .set({ state: failed ? 'failed' : 'pending', attempts, locked_until: null, last_error: outcome.error, next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString() })
      .where('id', '=', delivery.id)
      .execute();
    await setMessageDelivery(trx, delivery.tenant_id, delivery.case_message_id, failed ? 'failed' : 'pending', outcome.error);
    if (failed) await event('email.delivery_failed', { delivery_id: delivery.id, message_id: delivery.message_id, attempts, error: outcome.error });
  });
}

/**
 * Sends due replies, oldest first. Each is claimed with a conditional update (several nodes never
 * send the same one); a failure stays pending with its error on the message and is retried with
 * backoff; a permanent refusal (5xx) or MAX_ATTEMPTS failures leave it failed.
 */
export async function deliverDueEmails(deps: DeliveryDeps, limit = 20): Promise<number> {
  const now = deps.now();
  const at = now.toISOString();
  const due = await deps.db.selectFrom('email_deliveries').selectAll().where('state', '=', 'pending').where('next_attempt_at', '<=', at).orderBy('next_attempt_at').orderBy('created_at').limit(limit).execute();
  let delivered = 0;
  for (const candidate of due) {
    const claimed = await deps.db
      .updateTable('email_deliveries')
      .set({ locked_until: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('id', '=', candidate.id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const delivery = await deps.db.selectFrom('email_deliveries').selectAll().where('id', '=', candidate.id).executeTakeFirst();
    if (!delivery) continue;
    const row = await deps.db.selectFrom('mailboxes').selectAll().where('tenant_id', '=', delivery.tenant_id).where('id', '=', delivery.mailbox_id).executeTakeFirst();
    if (!row) {
      await settle(deps, delivery, { ok: false, error: 'the mailbox was deleted', final: true });
      continue;
    }
    const mailbox = toMailboxConfig(row, deps.secretKey);
    if (!mailbox.enabled) {
      await settle(deps, delivery, { ok: false, error: 'the mailbox is disabled', final: false });
      continue;
    }
    try {
      await send(deps, mailbox, delivery);
      await settle(deps, delivery, { ok: true });
      delivered += 1;
    } catch (error) {
      const failure = error instanceof SendError ? error : new SendError(error instanceof Error ? error.message.slice(0, 300) : 'failed', false);
      deps.log.warn({ tenant: delivery.tenant_id, delivery: delivery.id, attempts: delivery.attempts + 1, final: failure.final, err: failure.message }, 'e-mail reply not delivered');
      await settle(deps, delivery, { ok: false, error: failure.message, final: failure.final });
    }
  }
  return delivered;
}

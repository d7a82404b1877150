import type { FastifyBaseLogger } from 'fastify';
import { newMessageId } from '../channels/email/outbound.service.js';
import { mailboxRows, toMailboxConfig, type MailboxConfig } from '../channels/email/mailbox.service.js';
import type { Executor } from '../db/database.js';
import type { Locale } from '../i18n/i18n.js';
import { defaultMailTransport, smtpFailure, smtpOptions, type MailTransportFactory } from '../shared/smtp.js';
import { portalText } from './strings.js';

const TIMEOUT_MS = 15_000;

export type LinkMailDeps = {
  db: Executor;
  secretKey: Buffer;
  now: () => Date;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  createTransport?: MailTransportFactory;
};

export type LinkMail = { tenantId: string; caseId: string; caseNumber: number; to: string; locale: Locale; url: string; expiresAt: string };

/** The tenant's first enabled mailbox that can send, or undefined. */
async function sendingMailbox(deps: LinkMailDeps, tenantId: string): Promise<MailboxConfig | undefined> {
  for (const row of await mailboxRows(deps.db, tenantId)) {
    if (row.enabled !== 1) continue;
    const mailbox = toMailboxConfig(row, deps.secretKey);
    if (mailbox.settings.smtp) return mailbox;
  }
  return undefined;
}

/**
 * E-mails the customer their status link through the tenant's mailbox. Returns whether it was
 * sent; never throws: a desk without a mailbox or a refusing server only costs a log line (the
 * customer already has the link on screen). The log names the case, never the link.
 */
export async function mailStatusLink(deps: LinkMailDeps, mail: LinkMail): Promise<boolean> {
  let mailbox: MailboxConfig | undefined;
  try {
    mailbox = await sendingMailbox(deps, mail.tenantId);
  } catch (error) {
    deps.log.warn({ tenant: mail.tenantId, case: mail.caseNumber, err: error instanceof Error ? error.message : String(error) }, 'portal: mailbox settings unreadable; status link not e-mailed');
    return false;
  }
  if (!mailbox?.settings.smtp) {
    deps.log.info({ tenant: mail.tenantId, case: mail.caseNumber }, 'portal: no mailbox can send; status link not e-mailed');
    return false;
  }
  const smtp = mailbox.settings.smtp;
  const password = mailbox.secrets.smtp_password;
  let transport: ReturnType<typeof defaultMailTransport> | undefined;
  try {
    transport = (deps.createTransport ?? defaultMailTransport)(smtpOptions({ ...smtp, password }, TIMEOUT_MS));
    await transport.sendMail({
      from: mailbox.displayName ? { name: mailbox.displayName, address: mailbox.address } : mailbox.address,
      to: mail.to,
      subject: portalText(mail.locale, 'mail_subject', { number: mail.caseNumber }),
      text: portalText(mail.locale, 'mail_body', { number: mail.caseNumber, url: mail.url, expires: mail.expiresAt.slice(0, 16).replace('T', ' ') }),
      date: deps.now(),
      messageId: newMessageId(mailbox.address),
      headers: { 'X-Paydesk-Case': mail.caseId },
    });
    return true;
  } catch (error) {
    const failure = smtpFailure(error, `SMTP ${smtp.host}:${smtp.port}`, (text) => (password ? text.split(password).join('***') : text).slice(0, 300));
    deps.log.warn({ tenant: mail.tenantId, case: mail.caseNumber, err: failure.message }, 'portal: status link not e-mailed');
    return false;
  } finally {
    transport?.close();
  }
}

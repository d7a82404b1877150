import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailConfig } from './config.js';
import { scrub, secretsOf } from './redact.js';
import { defaultTimeoutMs, DeliveryError, type NotificationMessage, type SenderDeps } from './types.js';

/** The part of a nodemailer transport a sender uses. */
export type MailTransport = { sendMail(mail: Mail.Options): Promise<unknown>; close(): void };
export type MailTransportFactory = (options: SMTPTransport.Options) => MailTransport;
export type EmailDeps = Pick<SenderDeps, 'now' | 'timeoutMs'> & { createTransport?: MailTransportFactory };

const defaultFactory: MailTransportFactory = (options) => nodemailer.createTransport(options);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A plain HTML twin of the text body: escaped lines and, when there is one, a link to the case. */
export function emailHtml(message: NotificationMessage): string {
  const lines = message.text.split('\n').map(escapeHtml).join('<br>\n');
  const link = message.link ? `\n<p><a href="${escapeHtml(message.link)}">${escapeHtml(message.link)}</a></p>` : '';
  return `<!doctype html>\n<html><body style="font-family:sans-serif;font-size:14px">\n<p>${lines}</p>${link}\n</body></html>\n`;
}

// Connection-level failures that say nothing about the message itself: worth another try.
const transientCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

/** Maps a nodemailer error: SMTP 4xx and connection problems are retryable, 5xx and bad credentials/addresses are not. */
export function emailError(error: unknown, config: EmailConfig): DeliveryError {
  const details = (error ?? {}) as { code?: unknown; responseCode?: unknown; response?: unknown };
  const where = `SMTP ${config.host}:${config.port}`;
  const secrets = secretsOf(config);
  if (typeof details.responseCode === 'number') {
    const reply = typeof details.response === 'string' ? scrub(details.response, secrets, 200) : String(details.responseCode);
    const retryable = details.responseCode >= 400 && details.responseCode < 500;
    return new DeliveryError(`${where} refused: ${reply}`, retryable);
  }
  const code = typeof details.code === 'string' ? details.code : 'error';
  return new DeliveryError(`could not send through ${where}: ${code}`, transientCodes.has(code));
}

/** Email through SMTP. A transport per send: sends are rare and this never holds a stale connection. */
export async function sendEmail(config: EmailConfig, message: NotificationMessage, deps: EmailDeps): Promise<void> {
  const timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;
  const transport = (deps.createTransport ?? defaultFactory)({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user !== undefined && config.password !== undefined ? { auth: { user: config.user, pass: config.password } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: message.title,
      text: message.text + (message.link && !message.text.includes(message.link) ? `\n\n${message.link}` : ''),
      html: emailHtml(message),
      date: deps.now(),
      messageId: `<notify-${message.id}@paydesk.local>`,
      headers: { 'X-Paydesk-Event': message.event, 'X-Paydesk-Delivery': message.id },
    });
  } catch (error) {
    throw emailError(error, config);
  } finally {
    transport.close();
  }
}

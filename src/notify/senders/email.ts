import { connectionErrorCodes, defaultMailTransport, smtpFailure, smtpOptions, type MailTransportFactory } from '../../shared/smtp.js';
import type { EmailConfig } from './config.js';
import { scrub, secretsOf } from './redact.js';
import { defaultTimeoutMs, DeliveryError, type NotificationMessage, type SenderDeps } from './types.js';

export type { MailTransport, MailTransportFactory } from '../../shared/smtp.js';
export type EmailDeps = Pick<SenderDeps, 'now' | 'timeoutMs'> & { createTransport?: MailTransportFactory };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A plain HTML twin of the text body: escaped lines and, when there is one, a link to the case. */
export function emailHtml(message: NotificationMessage): string {
  const lines = message.text.split('\n').map(escapeHtml).join('<br>\n');
  const link = message.link ? `\n<p><a href="${escapeHtml(message.link)}">${escapeHtml(message.link)}</a></p>` : '';
  return `<!doctype html>\n<html><body style="font-family:sans-serif;font-size:14px">\n<p>${lines}</p>${link}\n</body></html>\n`;
}

/** Maps a nodemailer error: SMTP 4xx and connection problems are retryable, 5xx and bad credentials/addresses are not. */
export function emailError(error: unknown, config: EmailConfig): DeliveryError {
  const secrets = secretsOf(config);
  const failure = smtpFailure(error, `SMTP ${config.host}:${config.port}`, (text) => scrub(text, secrets, 200));
  const retryable = failure.responseCode !== null ? failure.responseCode >= 400 && failure.responseCode < 500 : connectionErrorCodes.has(failure.code);
  return new DeliveryError(failure.message, retryable);
}

/** Email through SMTP. A transport per send: sends are rare and this never holds a stale connection. */
export async function sendEmail(config: EmailConfig, message: NotificationMessage, deps: EmailDeps): Promise<void> {
  const timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;
  const transport = (deps.createTransport ?? defaultMailTransport)(smtpOptions(config, timeoutMs));
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

import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

/** The part of a nodemailer transport Paydesk uses (tests pass their own). */
export type MailTransport = { sendMail(mail: Mail.Options): Promise<unknown>; close(): void };
export type MailTransportFactory = (options: SMTPTransport.Options) => MailTransport;

export const defaultMailTransport: MailTransportFactory = (options) => nodemailer.createTransport(options);

/** Connection-level failures that say nothing about the message itself. */
export const connectionErrorCodes: ReadonlySet<string> = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

/** Transport options for one SMTP server; credentials only when both are set. A transport per send: sends are rare and never hold a stale connection. */
export function smtpOptions(server: { host: string; port: number; secure: boolean; user?: string | null | undefined; password?: string | null | undefined }, timeoutMs: number): SMTPTransport.Options {
  return {
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.user && server.password ? { auth: { user: server.user, pass: server.password } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/**
 * What a nodemailer error says: the server's reply (passed through `scrub`, which removes secrets)
 * with its SMTP code, or a connection error code. Callers decide what is worth another try.
 */
export function smtpFailure(error: unknown, where: string, scrub: (text: string) => string): { message: string; responseCode: number | null; code: string } {
  const details = (error ?? {}) as { code?: unknown; responseCode?: unknown; response?: unknown };
  const code = typeof details.code === 'string' ? details.code : 'error';
  if (typeof details.responseCode === 'number') {
    const reply = typeof details.response === 'string' ? scrub(details.response) : String(details.responseCode);
    return { message: `${where} refused: ${reply}`, responseCode: details.responseCode, code };
  }
  return { message: `could not send through ${where}: ${code}`, responseCode: null, code };
}

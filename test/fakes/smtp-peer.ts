import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; user: string | null };

export type SmtpPeer = {
  port: number;
  /** Messages accepted, in order. */
  messages: ReceivedMail[];
  /** The next `count` messages are refused after DATA with this SMTP reply code (e.g. 451 or 554). */
  failNext(count: number, responseCode: number): void;
  close(): Promise<void>;
};

// RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), enough for the subjects nodemailer writes.
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_whole, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** The decoded Subject header of a raw message. */
export function subjectOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((entry) => /^subject:/i.test(entry));
  return line ? decodeWords(line.slice('subject:'.length).trim()) : '';
}

/**
 * A local SMTP server (smtp-server, plain, 127.0.0.1, random port). With `user`/`password` it
 * requires AUTH and answers 535 to wrong credentials; it captures every accepted message raw.
 */
export async function startSmtpPeer(options: { user?: string; password?: string } = {}): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const failures: number[] = [];
  const requireAuth = options.user !== undefined;
  const server = new SMTPServer({
    secure: false,
    logger: false,
    // No TLS on loopback: STARTTLS off, so nodemailer sends AUTH in the clear, which we allow here only.
    disabledCommands: requireAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !requireAuth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = failures.shift();
        if (code !== undefined) {
          const error: SMTPServerError = Object.assign(new Error(code >= 500 ? 'Message rejected' : 'Try again later'), { responseCode: code });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const user = typeof session.user === 'string' ? session.user : null;
        messages.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, subject: subjectOf(raw), user });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    failNext(count, responseCode) {
      for (let index = 0; index < count; index += 1) failures.push(responseCode);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { z } from 'zod';

const host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'a host name or IP address');
const port = z.number().int().min(1).max(65535);
const password = z.string().min(1).max(500);

/** Where to fetch mail from (IMAP). */
export const imapInput = z.strictObject({
  /** IMAP server host. */ host: host.describe('IMAP server host.'),
  /** Port; 993 with TLS, 143 without. */ port: port.default(993).describe('Port; 993 with TLS, 143 without.'),
  /** TLS from the first byte (imaps). */ secure: z.boolean().default(true).describe('TLS from the first byte (imaps).'),
  /** Login name. */ user: z.string().trim().min(1).max(320).describe('Login name.'),
  /** Password; left out on an update to keep the stored one. Never returned. */ password: password.optional().describe('Password; left out on an update to keep the stored one. Never returned.'),
  /** Folder to read. */ folder: z.string().trim().min(1).max(200).default('INBOX').describe('Folder to read.'),
});

/** How replies go out (SMTP). */
export const smtpInput = z.strictObject({
  /** SMTP server host. */ host: host.describe('SMTP server host.'),
  /** Port; 465 with TLS, 587 with STARTTLS. */ port: port.default(587).describe('Port; 465 with TLS, 587 with STARTTLS.'),
  /** TLS from the first byte (port 465). */ secure: z.boolean().default(false).describe('TLS from the first byte (port 465).'),
  /** Login name, when the server wants one. */ user: z.string().trim().min(1).max(320).optional().describe('Login name, when the server wants one.'),
  /** Password; left out on an update to keep the stored one. Never returned. */ password: password.optional().describe('Password; left out on an update to keep the stored one. Never returned.'),
});

export const mailboxBody = z.strictObject({
  /** The address customers write to; replies are sent from it. */ address: z.email().max(254).transform((value) => value.toLowerCase()).describe('The address customers write to; replies are sent from it.'),
  /** Sender name on replies. */ display_name: z.string().trim().min(1).max(100).nullable().default(null).describe('Sender name on replies.'),
  /** Off: not polled and nothing is sent. */ enabled: z.boolean().default(true).describe('Off: not polled and nothing is sent.'),
  /** Language of the reply template when the customer has none. */ locale: z.enum(['zh-CN', 'en']).default('zh-CN').describe('Language of the reply template when the customer has none.'),
  /** Signature under every reply. */ signature: z.string().max(2000).default('').describe('Signature under every reply.'),
  imap: imapInput.nullable().default(null),
  smtp: smtpInput.nullable().default(null),
  /** Seconds between IMAP polls. */ poll_interval_seconds: z.number().int().min(10).max(86400).default(60).describe('Seconds between IMAP polls.'),
  /** Messages accepted per sender per hour (more are recorded as rate_limited and not opened as cases). */
  sender_limit_per_hour: z.number().int().min(1).max(100000).default(20).describe('Messages accepted per sender per hour (more are recorded as rate_limited and not opened as cases).'),
});
export type MailboxBody = z.infer<typeof mailboxBody>;

/** Non-secret settings, stored as JSON in mailboxes.settings. */
export const mailboxSettings = z.object({
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  signature: z.string().default(''),
  imap: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string(), folder: z.string() }).nullable().default(null),
  smtp: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string().nullable() }).nullable().default(null),
  poll_interval_seconds: z.number().int().default(60),
  sender_limit_per_hour: z.number().int().default(20),
});
export type MailboxSettings = z.infer<typeof mailboxSettings>;

/** Encrypted JSON in mailboxes.secrets_enc. */
export type MailboxSecrets = { imap_password?: string; smtp_password?: string };

export const mailboxResponse = z.object({
  id: z.string(),
  address: z.string(),
  display_name: z.string().nullable(),
  enabled: z.boolean(),
  locale: z.enum(['zh-CN', 'en']),
  signature: z.string(),
  imap: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string(), folder: z.string(), /** A password is stored (it is never returned). */ password_set: z.boolean() }).nullable(),
  smtp: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string().nullable(), password_set: z.boolean() }).nullable(),
  poll_interval_seconds: z.number().int(),
  sender_limit_per_hour: z.number().int(),
  /** IMAP position and the last poll's outcome. */
  poll: z
    .object({ uid_validity: z.number().nullable(), last_uid: z.number(), next_poll_at: z.string(), last_polled_at: z.string().nullable(), last_error: z.string().nullable() })
    .describe("IMAP position and the last poll's outcome."),
  created_at: z.string(),
  updated_at: z.string(),
});
export type MailboxResponse = z.infer<typeof mailboxResponse>;

export const pollResponse = z.object({
  /** Messages read from IMAP in this poll. */ fetched: z.number().int().describe('Messages read from IMAP in this poll.'),
  /** How many of them opened or joined a case. */ accepted: z.number().int().describe('How many of them opened or joined a case.'),
  /** null when the poll worked. */ error: z.string().nullable().describe('null when the poll worked.'),
  mailbox: mailboxResponse,
});

export const inboundQuery = z.strictObject({
  /** The mailbox the message arrived at; by default found from the recipients (To, Cc, Delivered-To). */
  mailbox_id: z.uuid().optional().describe('The mailbox the message arrived at; by default found from the recipients (To, Cc, Delivered-To).'),
});

export const inboundResponse = z.object({
  /** The message's Message-ID (or one derived from its content when it had none). */ message_id: z.string().describe("The message's Message-ID (or one derived from its content when it had none)."),
  /** accepted, auto_reply, bounce, loop, rate_limited or rejected. */ disposition: z.string().describe('accepted, auto_reply, bounce, loop, rate_limited or rejected.'),
  /** The case it opened or joined, if any. */ case_id: z.string().nullable().describe('The case it opened or joined, if any.'),
  case_number: z.number().int().nullable(),
  /** True when it opened a new case. */ case_created: z.boolean().describe('True when it opened a new case.'),
  /** True when this Message-ID was seen before (nothing changed). */ duplicate: z.boolean().describe('True when this Message-ID was seen before (nothing changed).'),
});
export type InboundResult = z.infer<typeof inboundResponse>;

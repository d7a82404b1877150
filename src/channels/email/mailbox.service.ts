import { randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../../audit/audit.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import type { MailboxRow } from '../../db/schema.js';
import { AppError, notFound, type FieldError } from '../../http/errors.js';
import { decryptJson, encryptJson } from '../../shared/secrets.js';
import { mailboxSettings, type MailboxBody, type MailboxResponse, type MailboxSecrets, type MailboxSettings } from './mailbox.schema.js';

/** A mailbox with its settings parsed and its passwords decrypted (for the poller and the sender only). */
export type MailboxConfig = {
  id: string;
  tenantId: string;
  address: string;
  displayName: string | null;
  enabled: boolean;
  settings: MailboxSettings;
  secrets: MailboxSecrets;
};

export function toMailboxConfig(row: MailboxRow, key: Buffer): MailboxConfig {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    address: row.address,
    displayName: row.display_name,
    enabled: row.enabled === 1,
    settings: mailboxSettings.parse(JSON.parse(row.settings)),
    secrets: decryptJson(key, row.secrets_enc) as MailboxSecrets,
  };
}

export function toMailboxResponse(row: MailboxRow, key: Buffer): MailboxResponse {
  const { settings, secrets } = toMailboxConfig(row, key);
  return {
    id: row.id,
    address: row.address,
    display_name: row.display_name,
    enabled: row.enabled === 1,
    locale: settings.locale,
    signature: settings.signature,
    imap: settings.imap ? { ...settings.imap, password_set: Boolean(secrets.imap_password) } : null,
    smtp: settings.smtp ? { ...settings.smtp, password_set: Boolean(secrets.smtp_password) } : null,
    poll_interval_seconds: settings.poll_interval_seconds,
    sender_limit_per_hour: settings.sender_limit_per_hour,
    poll: { uid_validity: row.uid_validity === null ? null : Number(row.uid_validity), last_uid: Number(row.last_uid), next_poll_at: row.next_poll_at, last_polled_at: row.last_polled_at, last_error: row.last_error },
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function findMailboxRow(db: Executor, tenantId: string, id: string): Promise<MailboxRow | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function requireMailboxRow(db: Executor, tenantId: string, id: string): Promise<MailboxRow> {
  const row = await findMailboxRow(db, tenantId, id);
  if (!row) throw notFound('detail.mailbox_not_found', id);
  return row;
}

/** The tenant's mailboxes, oldest first. */
export async function mailboxRows(db: Executor, tenantId: string): Promise<MailboxRow[]> {
  return db.selectFrom('mailboxes').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
}

/** Every address the tenant receives at: mail from one of them is our own coming back (a loop). */
export async function ownAddresses(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('mailboxes').select('address').where('tenant_id', '=', tenantId).execute();
  return rows.map((row) => row.address);
}

export async function listMailboxes(db: Executor, tenantId: string, key: Buffer) {
  return { items: (await mailboxRows(db, tenantId)).map((row) => toMailboxResponse(row, key)) };
}

export async function getMailbox(db: Executor, tenantId: string, id: string, key: Buffer) {
  return toMailboxResponse(await requireMailboxRow(db, tenantId, id), key);
}

/** What the audit log keeps of a mailbox: hosts, users and whether passwords changed, never a password. */
function auditPayload(row: { address: string; enabled: boolean }, settings: MailboxSettings, changed: { imap: boolean; smtp: boolean }) {
  return {
    address: row.address,
    enabled: row.enabled,
    imap: settings.imap ? { host: settings.imap.host, port: settings.imap.port, secure: settings.imap.secure, user: settings.imap.user, folder: settings.imap.folder, password_changed: changed.imap } : null,
    smtp: settings.smtp ? { host: settings.smtp.host, port: settings.smtp.port, secure: settings.smtp.secure, user: settings.smtp.user, password_changed: changed.smtp } : null,
    locale: settings.locale,
    poll_interval_seconds: settings.poll_interval_seconds,
    sender_limit_per_hour: settings.sender_limit_per_hour,
  };
}

function settingsOf(input: MailboxBody): MailboxSettings {
  return {
    locale: input.locale,
    signature: input.signature,
    imap: input.imap ? { host: input.imap.host, port: input.imap.port, secure: input.imap.secure, user: input.imap.user, folder: input.imap.folder } : null,
    smtp: input.smtp ? { host: input.smtp.host, port: input.smtp.port, secure: input.smtp.secure, user: input.smtp.user ?? null } : null,
    poll_interval_seconds: input.poll_interval_seconds,
    sender_limit_per_hour: input.sender_limit_per_hour,
  };
}

/** Passwords for the new settings: given ones replace, left-out ones are kept, dropped servers lose theirs. */
function secretsOf(input: MailboxBody, stored: MailboxSecrets): { secrets: MailboxSecrets; errors: FieldError[] } {
  const secrets: MailboxSecrets = {};
  const errors: FieldError[] = [];
  if (input.imap) {
    const imapPassword = input.imap.password ?? stored.imap_password;
    if (!imapPassword) errors.push({ field: 'body.imap.password', message: 'required when IMAP is first set up' });
    else secrets.imap_password = imapPassword;
  }
  if (input.smtp) {
    const smtpPassword = input.smtp.password ?? stored.smtp_password;
    if (input.smtp.user && !smtpPassword) errors.push({ field: 'body.smtp.password', message: 'required with an SMTP user' });
    else if (input.smtp.user && smtpPassword) secrets.smtp_password = smtpPassword;
  }
  return { secrets, errors };
}

async function addressTaken(db: Executor, tenantId: string, address: string, exceptId: string | null) {
  let query = db.selectFrom('mailboxes').select('id').where('tenant_id', '=', tenantId).where('address', '=', address);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createMailbox(db: Executor, tenantId: string, input: MailboxBody, key: Buffer, actor: Actor, now: Date): Promise<MailboxResponse> {
  const { secrets, errors } = secretsOf(input, {});
  if (errors.length > 0) throw new AppError('validation_failed', undefined, errors);
  return inTransaction(db, async (trx) => {
    if (await addressTaken(trx, tenantId, input.address, null)) throw new AppError('conflict', { key: 'detail.mailbox_address_taken', params: { address: input.address } });
    const at = now.toISOString();
    const settings = settingsOf(input);
    const row: MailboxRow = {
      id: randomUUID(),
      tenant_id: tenantId,
      address: input.address,
      display_name: input.display_name,
      secrets_enc: encryptJson(key, secrets),
      settings: JSON.stringify(settings),
      enabled: input.enabled ? 1 : 0,
      uid_validity: null,
      last_uid: 0,
      next_poll_at: at,
      locked_until: null,
      lease: null,
      last_polled_at: null,
      last_error: null,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('mailboxes').values(row).execute();
    await appendEvent(trx, { tenantId, caseId: null, actor, type: 'mailbox.created', payload: { mailbox_id: row.id, ...auditPayload({ address: row.address, enabled: input.enabled }, settings, { imap: Boolean(input.imap?.password), smtp: Boolean(input.smtp?.password) }) }, at });
    return toMailboxResponse(row, key);
  });
}

/**
 * Replaces a mailbox's settings. Passwords left out are kept; a new IMAP server or folder starts
 * reading from the beginning again (Message-IDs already seen are still skipped).
 */
export async function updateMailbox(db: Executor, tenantId: string, id: string, input: MailboxBody, key: Buffer, actor: Actor, now: Date): Promise<MailboxResponse> {
  return inTransaction(db, async (trx) => {
    const existing = await requireMailboxRow(trx, tenantId, id);
    const stored = toMailboxConfig(existing, key);
    const { secrets, errors } = secretsOf(input, stored.secrets);
    if (errors.length > 0) throw new AppError('validation_failed', undefined, errors);
    if (await addressTaken(trx, tenantId, input.address, id)) throw new AppError('conflict', { key: 'detail.mailbox_address_taken', params: { address: input.address } });
    const settings = settingsOf(input);
    const before = stored.settings.imap;
    const moved = !settings.imap || !before || before.host !== settings.imap.host || before.user !== settings.imap.user || before.folder !== settings.imap.folder;
    const at = now.toISOString();
    await trx
      .updateTable('mailboxes')
      .set({
        address: input.address,
        display_name: input.display_name,
        secrets_enc: encryptJson(key, secrets),
        settings: JSON.stringify(settings),
        enabled: input.enabled ? 1 : 0,
        next_poll_at: at,
        last_error: null,
        updated_at: at,
        ...(moved ? { uid_validity: null, last_uid: 0 } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    const changed = { imap: input.imap?.password !== undefined && input.imap.password !== stored.secrets.imap_password, smtp: input.smtp?.password !== undefined && input.smtp.password !== stored.secrets.smtp_password };
    await appendEvent(trx, { tenantId, caseId: null, actor, type: 'mailbox.updated', payload: { mailbox_id: id, ...auditPayload({ address: input.address, enabled: input.enabled }, settings, changed) }, at });
    return toMailboxResponse(await requireMailboxRow(trx, tenantId, id), key);
  });
}

/** Removes a mailbox; replies still queued for it fail visibly on their messages when the sender next looks. */
export async function deleteMailbox(db: Executor, tenantId: string, id: string, actor: Actor, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const existing = await requireMailboxRow(trx, tenantId, id);
    await trx.deleteFrom('mailboxes').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    await appendEvent(trx, { tenantId, caseId: null, actor, type: 'mailbox.deleted', payload: { mailbox_id: id, address: existing.address }, at: now.toISOString() });
  });
}

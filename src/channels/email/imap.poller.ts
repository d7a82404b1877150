import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { Executor } from '../../db/database.js';
import type { MailboxRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { ingestEmail, type InboundDeps } from './inbound.service.js';
import { toMailboxConfig, type MailboxConfig } from './mailbox.service.js';
import { MalformedEmailError } from './parse.js';

export type PollDeps = InboundDeps & { secretKey: Buffer };
export type PollResult = { fetched: number; accepted: number; error: string | null };

const LEASE_MS = 5 * 60_000;
const TIMEOUT_MS = 20_000;
/** Messages read per poll; a mailbox with more is polled again at once. */
const BATCH = 50;

type ImapSettings = NonNullable<MailboxConfig['settings']['imap']>;

/**
 * A client for one mailbox's IMAP server. Polling connections never IDLE; a watching connection
 * IDLEs while nothing else runs, so the server tells it at once when mail arrives.
 */
export function imapClient(imap: ImapSettings, mailbox: MailboxConfig, options: { idle: boolean }): ImapFlow {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: mailbox.secrets.imap_password ?? '' },
    logger: false,
    disableAutoIdle: !options.idle,
    // A watcher enters IDLE half a second after it goes quiet (imapflow waits 15 s by default).
    ...(options.idle ? { autoIdleDelay: 500 } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    // An IDLE connection is quiet for minutes at a time; imapflow renews IDLE itself well within this.
    socketTimeout: options.idle ? 30 * 60_000 : TIMEOUT_MS * 3,
  });
  // A dropped connection emits 'error'; the awaited command rejects as well, so this only keeps the process alive.
  client.on('error', () => undefined);
  return client;
}

/** Claims the mailbox for one poll (several nodes never read it together); returns the lease or null. */
async function claim(db: Executor, row: MailboxRow, now: Date): Promise<string | null> {
  const at = now.toISOString();
  const lease = randomUUID();
  const result = await db
    .updateTable('mailboxes')
    .set({ lease, locked_until: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where('id', '=', row.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? lease : null;
}

/** Saves the position after each message, so a crash mid-batch neither loses nor repeats one. */
async function advance(db: Executor, id: string, lease: string, uidValidity: number, lastUid: number) {
  await db.updateTable('mailboxes').set({ uid_validity: uidValidity, last_uid: lastUid }).where('id', '=', id).where('lease', '=', lease).execute();
}

const failedAt = (uid: number) => `[uid ${uid}]`;

/** One message failed to be taken in: the poll stops there, and the mailbox's last_error names its UID. */
class MessageFailed extends Error {
  constructor(
    readonly uid: number,
    reason: unknown,
  ) {
    super(`${failedAt(uid)} ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

function describe(error: unknown, mailbox: MailboxConfig): string {
  const details = (error ?? {}) as { code?: unknown; responseText?: unknown; authenticationFailed?: unknown; message?: unknown };
  const where = `IMAP ${mailbox.settings.imap?.host ?? '?'}:${mailbox.settings.imap?.port ?? '?'}`;
  let text = error instanceof MessageFailed ? error.message : details.authenticationFailed ? 'authentication failed' : typeof details.responseText === 'string' ? details.responseText : typeof details.code === 'string' ? details.code : typeof details.message === 'string' ? details.message : 'failed';
  const password = mailbox.secrets.imap_password;
  if (password) text = text.split(password).join('***');
  return `${where}: ${text}`.slice(0, 300);
}

/**
 * Reads new mail of one claimed mailbox: every UID above the stored one (all of them again after a
 * UIDVALIDITY change; Message-IDs already seen are skipped by the ingest), in UID order.
 */
async function readNew(deps: PollDeps, row: MailboxRow, mailbox: MailboxConfig, lease: string): Promise<{ fetched: number; accepted: number; more: boolean }> {
  const imap = mailbox.settings.imap;
  if (!imap) return { fetched: 0, accepted: 0, more: false };
  const client = imapClient(imap, mailbox, { idle: false });
  await client.connect();
  let fetched = 0;
  let accepted = 0;
  let more = false;
  try {
    const lock = await client.getMailboxLock(imap.folder);
    try {
      if (!client.mailbox) throw new Error('folder not selected');
      const uidValidity = Number(client.mailbox.uidValidity);
      let lastUid = row.uid_validity !== null && Number(row.uid_validity) === uidValidity ? Number(row.last_uid) : 0;
      if (lastUid === 0 && row.uid_validity !== null && Number(row.uid_validity) !== uidValidity) deps.log.warn({ mailbox: row.id, from: row.uid_validity, to: uidValidity }, 'IMAP UIDVALIDITY changed; reading the folder again (seen Message-IDs are skipped)');
      const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
      // "n:*" also matches the highest UID when it is below n: keep only what is really new.
      const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
      more = uids.length > BATCH;
      for (const uid of uids.slice(0, BATCH)) {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (message && message.source) {
          fetched += 1;
          try {
            const result = await ingestEmail(deps, mailbox, message.source);
            if (result.disposition === 'accepted' && !result.duplicate) accepted += 1;
          } catch (error) {
            // A message we cannot read is skipped (and logged), never retried forever. Anything else stops the
            // poll and is retried once on the next one; failing again at the same UID, it is skipped too, so one
            // bad message cannot hold back the mail behind it.
            const unreadable = error instanceof MalformedEmailError || (error instanceof AppError && error.status < 500);
            if (!unreadable && !row.last_error?.includes(failedAt(uid))) throw new MessageFailed(uid, error);
            deps.log.warn({ mailbox: row.id, uid, err: error instanceof Error ? error.message : String(error) }, unreadable ? 'unreadable e-mail skipped' : 'e-mail failed twice; skipped');
          }
        }
        lastUid = uid;
        await advance(deps.db, row.id, lease, uidValidity, lastUid);
      }
      await advance(deps.db, row.id, lease, uidValidity, lastUid);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { fetched, accepted, more };
}

/** Polls one mailbox now (unless another node is polling it); the outcome is kept on the mailbox. */
export async function pollMailbox(deps: PollDeps, row: MailboxRow): Promise<PollResult & { claimed: boolean; more: boolean }> {
  const lease = await claim(deps.db, row, deps.now());
  if (!lease) return { fetched: 0, accepted: 0, error: null, claimed: false, more: false };
  const mailbox = toMailboxConfig(row, deps.secretKey);
  let outcome: { fetched: number; accepted: number; more: boolean } = { fetched: 0, accepted: 0, more: false };
  let error: string | null = null;
  try {
    const fresh = await deps.db.selectFrom('mailboxes').selectAll().where('id', '=', row.id).executeTakeFirst();
    if (fresh) outcome = await readNew(deps, fresh, mailbox, lease);
  } catch (caught) {
    error = describe(caught, mailbox);
    deps.log.warn({ tenant: row.tenant_id, mailbox: row.id, err: error }, 'IMAP poll failed; will retry');
  }
  const now = deps.now();
  const next = outcome.more ? now : new Date(now.getTime() + mailbox.settings.poll_interval_seconds * 1000);
  await deps.db
    .updateTable('mailboxes')
    .set({ last_polled_at: now.toISOString(), last_error: error, next_poll_at: next.toISOString(), lease: null, locked_until: null })
    .where('id', '=', row.id)
    .where('lease', '=', lease)
    .execute();
  return { fetched: outcome.fetched, accepted: outcome.accepted, error, claimed: true, more: outcome.more };
}

/** Polls every enabled mailbox with IMAP whose turn has come; returns how many messages were read. */
export async function pollDueMailboxes(deps: PollDeps, limit = 20): Promise<number> {
  const at = deps.now().toISOString();
  const due = await deps.db.selectFrom('mailboxes').selectAll().where('enabled', '=', 1).where('next_poll_at', '<=', at).orderBy('next_poll_at').limit(limit).execute();
  let fetched = 0;
  for (const row of due) {
    if (!(JSON.parse(row.settings) as { imap?: unknown }).imap) {
      // Nothing to poll (pipe-only mailbox): look again in an hour in case IMAP is added.
      await deps.db.updateTable('mailboxes').set({ next_poll_at: new Date(deps.now().getTime() + 3_600_000).toISOString() }).where('id', '=', row.id).execute();
      continue;
    }
    fetched += (await pollMailbox(deps, row)).fetched;
  }
  return fetched;
}

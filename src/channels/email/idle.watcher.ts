import type { ImapFlow } from 'imapflow';
import type { MailboxRow } from '../../db/schema.js';
import { startLoop } from '../../shared/loop.js';
import { imapClient, type PollDeps } from './imap.poller.js';
import { toMailboxConfig } from './mailbox.service.js';

type Watch = { client: ImapFlow; version: string };

/** How often the watcher looks for added, changed or removed mailboxes and dropped connections. */
export const IDLE_REFRESH_MS = 30_000;

/**
 * Keeps one IDLE connection per enabled IMAP mailbox whose server offers IDLE. When the server
 * announces new mail, the mailbox's next poll is brought forward to now, so the ordinary poller
 * (with its lease, UID bookkeeping and dedupe) reads it within a tick instead of at the next
 * interval. Nothing is read here: a watcher that dies only costs latency, never mail. Servers
 * without IDLE are left to the interval.
 */
export function startIdleWatchers(deps: PollDeps, refreshMs = IDLE_REFRESH_MS) {
  const watches = new Map<string, Watch>();
  /** Mailboxes (at a version) whose server has no IDLE: not asked again until the mailbox changes. */
  const noIdle = new Set<string>();
  let stopped = false;

  const close = async (id: string) => {
    const watch = watches.get(id);
    if (!watch) return;
    watches.delete(id);
    await watch.client.logout().catch(() => watch.client.close());
  };

  const wake = async (id: string) => {
    await deps.db.updateTable('mailboxes').set({ next_poll_at: deps.now().toISOString() }).where('id', '=', id).where('enabled', '=', 1).execute();
    deps.log.info({ mailbox: id }, 'IMAP IDLE: new mail announced; polling now');
  };

  const watch = async (row: MailboxRow, version: string) => {
    const mailbox = toMailboxConfig(row, deps.secretKey);
    const imap = mailbox.settings.imap;
    if (!imap) return;
    const client = imapClient(imap, mailbox, { idle: true });
    client.on('exists', () => {
      wake(row.id).catch((error: unknown) => deps.log.warn({ mailbox: row.id, err: error instanceof Error ? error.message : String(error) }, 'IMAP IDLE wake-up not recorded'));
    });
    client.on('close', () => {
      if (watches.get(row.id)?.client === client) watches.delete(row.id);
    });
    try {
      await client.connect();
      if (!client.capabilities.has('IDLE')) {
        noIdle.add(version);
        await client.logout().catch(() => client.close());
        return;
      }
      await client.mailboxOpen(imap.folder, { readOnly: true });
      if (stopped) {
        await client.logout().catch(() => client.close());
        return;
      }
      watches.set(row.id, { client, version });
      // Anything that arrived while no one was watching is picked up by a poll now.
      await wake(row.id);
    } catch (error) {
      client.close();
      deps.log.warn({ mailbox: row.id, err: error instanceof Error ? error.message : String(error) }, 'IMAP IDLE watcher could not connect; polling on the interval meanwhile');
    }
  };

  const refresh = async () => {
    const rows = await deps.db.selectFrom('mailboxes').selectAll().where('enabled', '=', 1).execute();
    const wanted = new Map<string, { row: MailboxRow; version: string }>();
    for (const row of rows) {
      const version = `${row.id}@${row.updated_at}`;
      if ((JSON.parse(row.settings) as { imap?: unknown }).imap && !noIdle.has(version)) wanted.set(row.id, { row, version });
    }
    for (const [id, current] of watches) if (wanted.get(id)?.version !== current.version) await close(id);
    for (const [id, { row, version }] of wanted) if (!watches.has(id) && !stopped) await watch(row, version);
  };

  // One refresh at a time: the first runs at once, then the loop's.
  let busy: Promise<void> | null = null;
  const run = async () => {
    busy ??= refresh().finally(() => {
      busy = null;
    });
    await busy;
  };
  const first = run().catch((error: unknown) => deps.log.error({ err: error, loop: 'email-idle' }, 'email-idle failed; will retry'));
  const loop = startLoop('email-idle', run, deps.log, refreshMs);
  return {
    /** Mailboxes watched right now (for tests and health). */
    watching: () => [...watches.keys()],
    async stop() {
      stopped = true;
      await first;
      await loop.stop();
      for (const id of [...watches.keys()]) await close(id);
    },
  };
}

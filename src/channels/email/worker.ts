import { startLoop } from '../../shared/loop.js';
import { deliverDueEmails, type DeliveryDeps } from './delivery.service.js';
import { startIdleWatchers } from './idle.watcher.js';
import { pollDueMailboxes, type PollDeps } from './imap.poller.js';

export type EmailDeps = PollDeps & DeliveryDeps;
export type EmailWork = { fetched: number; delivered: number };

/** One round of e-mail work from durable tables, safe on several nodes: poll due mailboxes, send due replies. */
export async function runEmailWork(deps: EmailDeps): Promise<EmailWork> {
  const fetched = await pollDueMailboxes(deps);
  const delivered = await deliverDueEmails(deps);
  return { fetched, delivered };
}

/** Two loops, so a slow IMAP server never holds up the replies waiting for SMTP, and IDLE watchers that wake the poller. */
export function startEmailWorker(deps: EmailDeps, intervalMs: number) {
  const polling = startLoop('email-poll', async () => {
    await pollDueMailboxes(deps);
  }, deps.log, intervalMs);
  // A full batch of replies means more may be waiting: go again at once.
  const sending = startLoop('email-send', async () => (await deliverDueEmails(deps)) >= 20, deps.log, intervalMs);
  // IMAP IDLE where the server offers it: new mail brings the next poll forward to now.
  const idle = startIdleWatchers(deps);
  return {
    async stop() {
      await idle.stop();
      await polling.stop();
      await sending.stop();
    },
  };
}

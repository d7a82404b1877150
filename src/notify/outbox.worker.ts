import type { FastifyBaseLogger } from 'fastify';
import { inTransaction, type Executor } from '../db/database.js';
import type { OutboxRow } from '../db/schema.js';
import { decryptJson, SecretDecryptError } from '../shared/secrets.js';
import { startLoop } from '../shared/loop.js';
import { findChannel } from './channels.repository.js';
import * as repo from './outbox.repository.js';
import { channelConfigSchema, DeliveryError, sendNotification, type NotifyDeps } from './senders/index.js';
import type { NotificationMessage } from './senders/types.js';

export type OutboxDeps = NotifyDeps & { secretKey: Buffer; log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'info'> };

/** After this many failed tries a notification is dead-lettered for an admin to look at. */
export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
const LEASE_MS = 2 * 60_000;
const BATCH = 20;

const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/** 30 s, 1 min, 2 min, … capped at 1 h; a platform's Retry-After wins when it asks for longer (up to a day). */
export function backoffMs(attempts: number, retryAfterMs?: number): number {
  const delay = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  const asked = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) : 0;
  return Math.max(delay, asked);
}

async function deliverOne(db: Executor, row: OutboxRow, deps: OutboxDeps): Promise<void> {
  const now = deps.now();
  const lease = row.locked_until ?? '';
  const channel = await findChannel(db, row.tenant_id, row.channel_id);
  if (!channel || !channel.enabled) {
    await repo.markFailed(db, row.id, lease, 'dead', now.toISOString(), channel ? 'channel disabled' : 'channel deleted');
    return;
  }
  try {
    const config = channelConfigSchema.parse(decryptJson(deps.secretKey, channel.config_enc));
    await sendNotification(config, JSON.parse(row.message) as NotificationMessage, deps);
    await repo.markSent(db, row.id, lease, deps.now().toISOString());
  } catch (error) {
    // Another node may hold the right key (PAYDESK_SECRET_KEY differs between nodes): try again later.
    const retryable = error instanceof DeliveryError ? error.retryable : error instanceof SecretDecryptError;
    const reason = error instanceof Error ? error.message : String(error);
    const dead = !retryable || row.attempts >= MAX_ATTEMPTS;
    const next = new Date(now.getTime() + backoffMs(row.attempts, error instanceof DeliveryError ? error.retryAfterMs : undefined));
    await repo.markFailed(db, row.id, lease, dead ? 'dead' : 'pending', next.toISOString(), reason.slice(0, 500));
    // The error text comes from the sender, which masks keys and tokens.
    deps.log.warn({ outbox: row.id, channel: row.channel_id, kind: channel.kind, attempts: row.attempts, dead, error: reason }, 'notification delivery failed');
  }
}

/** One round: lease due notifications, send them, record the outcome. Returns how many it took. */
export async function deliverDue(db: Executor, deps: OutboxDeps): Promise<number> {
  const now = deps.now();
  const rows = await inTransaction(db, (trx) => repo.leaseDue(trx, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), BATCH, MAX_ATTEMPTS));
  await Promise.all(rows.map((row) => deliverOne(db, row, deps)));
  return rows.length;
}

export function startOutboxWorker(db: Executor, deps: OutboxDeps, intervalMs = 500) {
  return startLoop('notification delivery', async () => (await deliverDue(db, deps)) === BATCH, deps.log, intervalMs);
}

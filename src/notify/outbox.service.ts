import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { ChannelRow, OutboxRow } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import type { NotificationMessage } from './senders/types.js';
import { notificationMessage, type NotificationEvent, type NotificationLocale } from './templates/index.js';
import { listChannels } from './channels.repository.js';
import * as repo from './outbox.repository.js';

/**
 * Queues a notification for every enabled channel of the tenant that takes this event (and this
 * team), in the caller's transaction: it goes out only if the change that caused it commits.
 */
export async function enqueueNotification(trx: Executor, tenantId: string, event: NotificationEvent, scope: { team: string | null; caseId: string | null }, now: Date, knownChannels?: ChannelRow[]): Promise<number> {
  const channels = knownChannels ?? (await listChannels(trx, tenantId, true));
  if (channels.length === 0) return 0;
  const at = now.toISOString();
  const rows: OutboxRow[] = [];
  for (const channel of channels) {
    const events = JSON.parse(channel.events) as string[];
    const teams = JSON.parse(channel.teams) as string[];
    if (!events.includes(event.event)) continue;
    if (teams.length > 0 && (!scope.team || !teams.includes(scope.team))) continue;
    const id = randomUUID();
    const message = notificationMessage(id, event, channel.locale as NotificationLocale);
    rows.push({ id, tenant_id: tenantId, channel_id: channel.id, event: event.event, case_id: scope.caseId, message: JSON.stringify(message), state: 'pending', attempts: 0, next_attempt_at: at, locked_until: null, last_error: null, created_at: at, sent_at: null });
  }
  await repo.insertOutbox(trx, rows);
  return rows.length;
}

function toOutboxItem(row: OutboxRow) {
  const message = JSON.parse(row.message) as NotificationMessage;
  return {
    id: row.id,
    channel_id: row.channel_id,
    event: row.event,
    case_id: row.case_id,
    state: row.state as 'pending' | 'sending' | 'sent' | 'dead',
    attempts: row.attempts,
    next_attempt_at: row.next_attempt_at,
    last_error: row.last_error,
    title: message.title,
    created_at: row.created_at,
    sent_at: row.sent_at,
  };
}

export async function listOutbox(db: Executor, tenantId: string, query: { state?: string | undefined; channel_id?: string | undefined; limit: number; cursor?: string | undefined }) {
  const after = query.cursor ? (decodeCursor(query.cursor, 'outbox', ['instant', 'id']) as [string, string]) : undefined;
  const rows = await repo.listOutbox(db, tenantId, { state: query.state, channelId: query.channel_id }, after, query.limit + 1);
  return toPage(rows, query.limit, toOutboxItem, (last) => encodeCursor('outbox', [last.created_at, last.id]));
}

/** Gives a dead-lettered notification a fresh set of attempts, due now. */
export async function retryDead(db: Executor, tenantId: string, id: string, now: Date) {
  const row = await repo.findOutbox(db, tenantId, id);
  if (!row) throw notFound('detail.outbox_not_found', id);
  if (row.state !== 'dead') throw new AppError('conflict', { key: 'detail.outbox_not_dead', params: { state: row.state } });
  await repo.requeue(db, tenantId, id, now.toISOString());
  const updated = await repo.findOutbox(db, tenantId, id);
  return toOutboxItem(updated ?? row);
}

/** The enabled channels of a tenant, for callers that queue many notifications in one transaction. */
export async function enabledChannels(db: Executor, tenantId: string): Promise<ChannelRow[]> {
  return listChannels(db, tenantId, true);
}

/** Notifications per outbox state, all tenants (for /metrics). */
export const outboxCounts = repo.countByState;

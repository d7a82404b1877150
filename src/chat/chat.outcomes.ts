import type { Executor } from '../db/database.js';
import * as repo from './chat.repository.js';

/** A chat the bot was left alone with this long is over. */
export const CHAT_IDLE_MS = 30 * 60 * 1000;

/**
 * Closes the tenant's idle bot conversations (deflected when the visitor wrote and the bot
 * answered, abandoned otherwise). Cheap enough to run before every read that reports on chats.
 */
export async function sweepIdleChats(db: Executor, tenantId: string, now: Date): Promise<number> {
  return repo.closeIdle(db, tenantId, new Date(now.getTime() - CHAT_IDLE_MS).toISOString(), now.toISOString());
}

export type ChatOutcomeCounts = { conversations: number; deflected: number; handed_off: number; abandoned: number; open: number };

/**
 * Conversations started in [from, to) by how they ended, for the self-service report. With `now`,
 * idle conversations are closed first so the figures are current.
 */
export async function chatOutcomeCounts(db: Executor, tenantId: string, range: { from: Date; to: Date }, now?: Date): Promise<ChatOutcomeCounts> {
  if (now) await sweepIdleChats(db, tenantId, now);
  const counts: ChatOutcomeCounts = { conversations: 0, deflected: 0, handed_off: 0, abandoned: 0, open: 0 };
  for (const row of await repo.outcomeCounts(db, tenantId, range.from.toISOString(), range.to.toISOString())) {
    const count = Number(row.count);
    counts.conversations += count;
    if (row.outcome === 'deflected' || row.outcome === 'handed_off' || row.outcome === 'abandoned') counts[row.outcome] += count;
    else counts.open += count;
  }
  return counts;
}

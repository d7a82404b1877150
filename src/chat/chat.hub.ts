import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../db/database.js';
import type { ServerFrame } from './chat.schema.js';
import * as repo from './chat.repository.js';
import { stateOf, toChatMessage } from './chat.service.js';

/** One open visitor socket as the hub sees it. */
export type ChatListener = {
  /** Highest seq this socket has been sent; it gets every later message once, in order. */
  lastSent: number;
  deliver(frame: ServerFrame): void;
  /** The conversation has ended: close the socket (its state frame has been delivered). */
  close(): void;
};

/** One conversation's sockets on this node, and what they were last told. */
type Feed = {
  tenantId: string;
  listeners: Set<ChatListener>;
  timer: NodeJS.Timeout;
  running: Promise<void> | null;
  again: boolean;
  agentReadSeq: number;
  state: string;
};

export type ChatHubOptions = { db: Executor; pollMs: number; log: Pick<FastifyBaseLogger, 'error'> };

const PAGE = 200;
const TYPING_MS = 10_000;

/**
 * This node's chat sockets by conversation. Messages always come from the database: a change
 * made here nudges the conversation's feed at once, and every feed also reads the conversation
 * about once a second, so what another node (or a transaction whose commit we cannot see from
 * here, like a case hook's) wrote arrives too. Typing is passed on in memory only.
 */
export class ChatHub {
  private readonly feeds = new Map<string, Feed>();
  /** Socket slots taken per conversation (from a successful hello until the socket closes). */
  private readonly slots = new Map<string, number>();
  /** Open chat sockets per client address (from the upgrade until the socket closes). */
  private readonly addresses = new Map<string, number>();
  private readonly visitorTypingUntil = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly options: ChatHubOptions) {}

  /** Adds a socket that has just been sent everything up to `listener.lastSent`. */
  join(conversation: repo.ConversationView, listener: ChatListener): void {
    if (this.closed) return;
    let feed = this.feeds.get(conversation.id);
    if (!feed) {
      const timer = setInterval(() => void this.flush(conversation.id), this.options.pollMs);
      timer.unref();
      feed = { tenantId: conversation.tenant_id, listeners: new Set(), timer, running: null, again: false, agentReadSeq: conversation.agent_read_seq, state: JSON.stringify(stateOf(conversation)) };
      this.feeds.set(conversation.id, feed);
    }
    feed.listeners.add(listener);
  }

  leave(conversationId: string, listener: ChatListener): void {
    const feed = this.feeds.get(conversationId);
    if (!feed) return;
    feed.listeners.delete(listener);
    if (feed.listeners.size === 0) {
      clearInterval(feed.timer);
      this.feeds.delete(conversationId);
      this.visitorTypingUntil.delete(conversationId);
    }
  }

  /**
   * Takes one of a conversation's `max` socket slots on this node, or says no. Synchronous, so two
   * sockets saying hello at once cannot both take the last slot; give it back with `unreserve`.
   */
  reserve(conversationId: string, max: number): boolean {
    return take(this.slots, conversationId, max);
  }

  unreserve(conversationId: string): void {
    give(this.slots, conversationId);
  }

  /** Counts a new socket from `address` against `max` open ones, or says no; give it back with `release`. */
  admit(address: string, max: number): boolean {
    return take(this.addresses, address, max);
  }

  release(address: string): void {
    give(this.addresses, address);
  }

  /** Passes a frame that is not stored (typing) to the conversation's sockets here. */
  send(conversationId: string, frame: ServerFrame, except?: ChatListener): void {
    for (const listener of this.feeds.get(conversationId)?.listeners ?? []) if (listener !== except) listener.deliver(frame);
  }

  /** Reads the conversation now and sends what its sockets have not seen; resolves when they have it. */
  flush(conversationId: string): Promise<void> {
    const feed = this.feeds.get(conversationId);
    if (!feed || this.closed) return Promise.resolve();
    if (feed.running) {
      feed.again = true;
      return feed.running;
    }
    feed.running = (async () => {
      do {
        feed.again = false;
        try {
          await this.readOnce(conversationId, feed);
        } catch (error) {
          if (!this.closed) this.options.log.error({ err: error, conversationId }, 'chat feed read failed');
        }
      } while (feed.again && !this.closed && this.feeds.get(conversationId) === feed);
    })().finally(() => {
      feed.running = null;
    });
    return feed.running;
  }

  private async readOnce(conversationId: string, feed: Feed): Promise<void> {
    const { db } = this.options;
    const conversation = await repo.findConversation(db, feed.tenantId, conversationId);
    if (!conversation || feed.listeners.size === 0) return;
    let after = Math.min(...[...feed.listeners].map((listener) => listener.lastSent));
    while (conversation.last_seq > after) {
      const rows = await repo.messagesAfter(db, feed.tenantId, conversationId, after, PAGE);
      for (const row of rows) {
        const frame: ServerFrame = { type: 'message', message: toChatMessage(row) };
        for (const listener of feed.listeners) {
          if (row.seq <= listener.lastSent) continue;
          listener.lastSent = row.seq;
          listener.deliver(frame);
        }
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]?.seq ?? conversation.last_seq;
    }
    if (conversation.agent_read_seq !== feed.agentReadSeq) {
      feed.agentReadSeq = conversation.agent_read_seq;
      this.send(conversationId, { type: 'read', by: 'agent', seq: conversation.agent_read_seq });
    }
    const state = stateOf(conversation);
    if (JSON.stringify(state) !== feed.state) {
      feed.state = JSON.stringify(state);
      this.send(conversationId, { type: 'state', ...state });
    }
    if (state.status === 'closed') this.retire(conversationId, feed);
  }

  /** An ended conversation: its sockets are closed (after the state frame) and its poll stops. */
  private retire(conversationId: string, feed: Feed): void {
    clearInterval(feed.timer);
    if (this.feeds.get(conversationId) === feed) this.feeds.delete(conversationId);
    this.visitorTypingUntil.delete(conversationId);
    feed.again = false;
    const listeners = [...feed.listeners];
    feed.listeners.clear();
    for (const listener of listeners) listener.close();
  }

  /** Runs conversation work (the bot's turns) one after another, off the socket that caused it. */
  enqueue(conversationId: string, work: () => Promise<void>): void {
    if (this.closed) return;
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous
      .then(() => (this.closed ? undefined : work()))
      .catch((error: unknown) => {
        if (!this.closed) this.options.log.error({ err: error, conversationId }, 'chat work failed');
      })
      .finally(() => {
        if (this.queues.get(conversationId) === next) this.queues.delete(conversationId);
      });
    this.queues.set(conversationId, next);
  }

  setVisitorTyping(conversationId: string, typing: boolean, now: Date): void {
    if (typing) this.visitorTypingUntil.set(conversationId, now.getTime() + TYPING_MS);
    else this.visitorTypingUntil.delete(conversationId);
  }

  /** Whether the visitor said they are typing in the last few seconds (on this node). */
  visitorTyping(conversationId: string, now: Date): boolean {
    const until = this.visitorTypingUntil.get(conversationId);
    if (until === undefined) return false;
    if (until > now.getTime()) return true;
    this.visitorTypingUntil.delete(conversationId);
    return false;
  }

  /** Stops every poll and waits for work in flight; sockets are closed by the WebSocket plugin. */
  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [...this.queues.values()];
    for (const feed of this.feeds.values()) {
      clearInterval(feed.timer);
      if (feed.running) running.push(feed.running);
    }
    this.feeds.clear();
    this.visitorTypingUntil.clear();
    this.slots.clear();
    this.addresses.clear();
    await Promise.allSettled(running);
  }
}

function take(counts: Map<string, number>, key: string, max: number): boolean {
  const count = counts.get(key) ?? 0;
  if (count >= max) return false;
  counts.set(key, count + 1);
  return true;
}

function give(counts: Map<string, number>, key: string): void {
  const count = (counts.get(key) ?? 0) - 1;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}

import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { caseEventsAfter, latestSeq, type LiveBatch, type LiveEvent } from './live.source.js';

/** Where a stream's events go. */
export type LiveSink = {
  /** New case events of the tenant, in seq order, each once. */
  events(events: LiveEvent[]): void;
  /** The client asked to resume from too far back (or from a position that does not exist): it must refetch; events continue after `seq`. */
  reset(seq: number): void;
  /** The node is shutting down. */
  end(): void;
};

export type LiveHubOptions = {
  db: Executor;
  /** How often a tenant's audit log is read while it has streams. */
  pollMs: number;
  /** Streams one tenant may hold open on this node. */
  maxStreamsPerTenant: number;
  /** A resumed stream further behind than this many events gets a reset instead of a replay. */
  maxResumeGap: number;
  /** Audit events read per query. */
  batchSize: number;
  log: Pick<FastifyBaseLogger, 'error'>;
  /** Told the number of open streams and of polled tenants whenever either changes. */
  onChange?: (streams: number, pollers: number) => void;
};

type Subscriber = { cursor: number; sink: LiveSink };

/** One tenant's streams on this node share one poller; each stream keeps its own position. */
type Feed = {
  subscribers: Set<Subscriber>;
  /** Places held by streams still looking up where to start (they count against the limit). */
  joining: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  again: boolean;
};

export type LiveHub = ReturnType<typeof createLiveHub>;

/** Hands each tenant's new case events to its open streams, polling the audit log only while a stream is open. */
export function createLiveHub(options: LiveHubOptions) {
  const { db, log } = options;
  const feeds = new Map<string, Feed>();
  let closed = false;

  const report = () => {
    let streams = 0;
    let pollers = 0;
    for (const feed of feeds.values()) {
      streams += feed.subscribers.size;
      if (feed.subscribers.size > 0) pollers += 1;
    }
    options.onChange?.(streams, pollers);
  };

  const feedOf = (tenantId: string): Feed => {
    let feed = feeds.get(tenantId);
    if (!feed) {
      feed = { subscribers: new Set(), joining: 0, timer: null, running: null, again: false };
      feeds.set(tenantId, feed);
    }
    return feed;
  };

  const dropIfIdle = (tenantId: string, feed: Feed) => {
    if (feed.subscribers.size > 0 || feed.joining > 0) return;
    if (feed.timer) clearTimeout(feed.timer);
    feed.timer = null;
    if (feeds.get(tenantId) === feed) feeds.delete(tenantId);
  };

  const deliver = (subscriber: Subscriber, batch: LiveBatch) => {
    const fresh = batch.events.filter((event) => event.seq > subscriber.cursor);
    // Events without a case move the position too, so they are not read again.
    if (batch.lastSeq !== null && batch.lastSeq > subscriber.cursor) subscriber.cursor = batch.lastSeq;
    if (fresh.length > 0) subscriber.sink.events(fresh);
  };

  const round = async (tenantId: string, feed: Feed) => {
    do {
      feed.again = false;
      if (closed || feed.subscribers.size === 0) return;
      const from = Math.min(...Array.from(feed.subscribers, (subscriber) => subscriber.cursor));
      const batch = await caseEventsAfter(db, tenantId, from, options.batchSize);
      for (const subscriber of feed.subscribers) deliver(subscriber, batch);
      if (batch.full) feed.again = true;
    } while (feed.again);
  };

  const schedule = (tenantId: string, feed: Feed) => {
    if (closed || feed.subscribers.size === 0 || feed.timer || feed.running) return;
    feed.timer = setTimeout(() => {
      feed.timer = null;
      poll(tenantId, feed);
    }, options.pollMs);
    feed.timer.unref();
  };

  /** Reads now (or right after the round in progress), then every pollMs. */
  const poll = (tenantId: string, feed: Feed) => {
    if (closed || feed.subscribers.size === 0) return;
    if (feed.running) {
      feed.again = true;
      return;
    }
    if (feed.timer) clearTimeout(feed.timer);
    feed.timer = null;
    feed.running = round(tenantId, feed)
      .catch((error: unknown) => log.error({ err: error, tenant: tenantId }, 'live updates: reading the audit log failed; will retry'))
      .finally(() => {
        feed.running = null;
        schedule(tenantId, feed);
      });
  };

  return {
    /**
     * Opens a stream for a tenant from its newest event, or after `resumeAfter` (a Last-Event-ID).
     * Returns the function that closes it. Over the tenant's limit: a 429 problem.
     */
    async subscribe(tenantId: string, resumeAfter: number | undefined, sink: LiveSink): Promise<() => void> {
      if (closed) throw new AppError('service_unavailable');
      const feed = feedOf(tenantId);
      if (feed.subscribers.size + feed.joining >= options.maxStreamsPerTenant) {
        dropIfIdle(tenantId, feed);
        throw new AppError('rate_limited', { key: 'detail.stream_limit', params: { limit: options.maxStreamsPerTenant } });
      }
      feed.joining += 1;
      let latest: number;
      try {
        latest = await latestSeq(db, tenantId);
      } catch (error) {
        feed.joining -= 1;
        dropIfIdle(tenantId, feed);
        throw error;
      }
      feed.joining -= 1;
      if (closed) throw new AppError('service_unavailable');
      let cursor = latest;
      if (resumeAfter !== undefined) {
        if (resumeAfter <= latest && latest - resumeAfter <= options.maxResumeGap) cursor = resumeAfter;
        else sink.reset(latest);
      }
      const subscriber: Subscriber = { cursor, sink };
      feed.subscribers.add(subscriber);
      report();
      // A resumed stream gets what it missed at once; a fresh one waits for the next change.
      if (cursor < latest) poll(tenantId, feed);
      else schedule(tenantId, feed);
      let left = false;
      return () => {
        if (left) return;
        left = true;
        feed.subscribers.delete(subscriber);
        dropIfIdle(tenantId, feed);
        report();
      };
    },

    /** Ends every stream and stops polling; waits for reads in progress (the database may close next). */
    async close(): Promise<void> {
      closed = true;
      const inFlight: Promise<void>[] = [];
      for (const feed of feeds.values()) {
        if (feed.timer) clearTimeout(feed.timer);
        feed.timer = null;
        if (feed.running) inFlight.push(feed.running);
        const subscribers = [...feed.subscribers];
        feed.subscribers.clear();
        for (const subscriber of subscribers) subscriber.sink.end();
      }
      feeds.clear();
      report();
      await Promise.all(inFlight);
    },
  };
}

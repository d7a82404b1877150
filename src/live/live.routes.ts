import { authOf, type App, type AppContext } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { Metrics } from '../http/metrics.js';
import { commonProblems, problemSchema } from '../shared/schema.js';
import { createLiveHub } from './live.hub.js';
import { streamHeaders, streamResponse } from './live.schema.js';
import { openSseStream } from './live.sse.js';

/** Per tenant and node; each open stream holds a connection. */
const MAX_STREAMS_PER_TENANT = 50;
/** Beyond this many missed events a client refetches instead of replaying them. */
const MAX_RESUME_GAP = 1000;
const PING_MS = 15_000;
const BATCH_SIZE = 200;
const MAX_BUFFERED_BYTES = 1024 * 1024;

export async function liveRoutes(app: App, ctx: AppContext, metrics?: Pick<Metrics, 'live'>) {
  const hub = createLiveHub({
    db: ctx.database.db,
    pollMs: ctx.config.streamPollMs,
    maxStreamsPerTenant: MAX_STREAMS_PER_TENANT,
    maxResumeGap: MAX_RESUME_GAP,
    batchSize: BATCH_SIZE,
    log: app.log,
    ...(metrics ? { onChange: (streams: number, pollers: number) => metrics.live(streams, pollers) } : {}),
  });
  // preClose, not onClose: open streams would keep the server from closing.
  app.addHook('preClose', async () => hub.close());

  app.get('/stream', {
    config: { permission: 'cases:read' },
    schema: {
      tags: ['live'],
      summary: 'Live updates: a Server-Sent Events stream of changes to the tenant\'s cases',
      description:
        'Read it with fetch and a stream reader (the token goes in the Authorization header, never the URL). One `event: case` per timeline event of a case, in chain order, from the moment of connecting — or after `Last-Event-ID`, so a reconnecting client misses nothing; more than 1000 events back it gets one `event: reset` (refetch) and carries on from the newest. New events show up within PAYDESK_STREAM_POLL_MS. At most 50 streams per tenant and server (429 beyond).',
      headers: streamHeaders,
      response: { 200: streamResponse, ...commonProblems, 429: problemSchema, 503: problemSchema },
    },
  }, async (request, reply) => {
    const auth = authOf(request);
    const lastEventId = request.headers['last-event-id'];
    const { stream, sink } = openSseStream({ pingMs: PING_MS, maxBufferedBytes: MAX_BUFFERED_BYTES });
    // The client may leave at any time, even while the stream is being set up.
    reply.raw.once('close', () => stream.destroy());
    let leave: () => void;
    try {
      leave = await hub.subscribe(auth.tenantId, lastEventId === undefined ? undefined : Number(lastEventId), sink);
    } catch (error) {
      stream.destroy();
      if (error instanceof AppError && error.code === 'rate_limited') void reply.header('retry-after', '5');
      throw error;
    }
    if (stream.destroyed) {
      leave();
      return reply.hijack();
    }
    stream.once('close', leave);
    // A stream is piped as is: no serializer, no compression. `connection: close` lets the socket
    // go with the stream, so a shutdown that ends the stream is not held up by keep-alive.
    return reply
      .code(200)
      .headers({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'close', 'x-accel-buffering': 'no' })
      .send(stream);
  });
}

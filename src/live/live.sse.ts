// The Server-Sent Events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html)
// of a live-update stream, written into a stream that Fastify pipes to the client as is.
import { PassThrough } from 'node:stream';
import type { LiveSink } from './live.hub.js';
import type { LiveEvent } from './live.source.js';

/** `id` is the event's seq, so a reconnecting client's Last-Event-ID says where to resume. */
export function caseFrame(event: LiveEvent): string {
  const data = JSON.stringify({ case_id: event.case_id, type: event.type, seq: event.seq, at: event.at });
  return `id: ${event.seq}\nevent: case\ndata: ${data}\n\n`;
}

/** Tells the client to refetch what it shows; the stream goes on after `seq`. */
export function resetFrame(seq: number): string {
  return `id: ${seq}\nevent: reset\ndata: ${JSON.stringify({ seq })}\n\n`;
}

export const pingFrame = ': ping\n\n';

export type SseStreamOptions = {
  /** A comment this often keeps proxies from closing a quiet connection. */
  pingMs: number;
  /** A client that lets this much pile up is cut off; it resumes with Last-Event-ID. */
  maxBufferedBytes: number;
};

/** A text/event-stream body and the sink that writes into it. */
export function openSseStream(options: SseStreamOptions): { stream: PassThrough; sink: LiveSink } {
  const stream = new PassThrough();
  const write = (text: string) => {
    if (stream.destroyed || stream.writableEnded) return;
    if (stream.writableLength + stream.readableLength > options.maxBufferedBytes) {
      // A reader that does not drain never lets an ended stream close: destroy it, which closes the
      // response and frees the subscriber's slot.
      stream.destroy();
      return;
    }
    stream.write(text);
  };
  const ping = setInterval(() => write(pingFrame), options.pingMs);
  ping.unref();
  stream.once('close', () => clearInterval(ping));
  // Sent at once so the client sees the response start (headers go out with the first bytes).
  write(': connected\n\n');
  return {
    stream,
    sink: {
      events: (events) => write(events.map(caseFrame).join('')),
      reset: (seq) => write(resetFrame(seq)),
      end: () => {
        clearInterval(ping);
        if (!stream.destroyed && !stream.writableEnded) stream.end();
        // A stalled reader would keep an ended stream open (and app.close() waiting): give it a moment, then cut.
        setTimeout(() => stream.destroy(), 1000).unref();
      },
    },
  };
}

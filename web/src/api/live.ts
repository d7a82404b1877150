import { useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiUrl, authHeaders, notifyUnauthorized } from './client';

export type LiveEvent = { case_id: string; type: string; seq: number; at: string };

/** Parses a text/event-stream body into events; `onEvent` gets each complete one. */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: { id?: string; event: string; data: string }) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let id: string | undefined;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = text;
        else if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length > 0 || event !== 'message') onEvent({ id, event, data: data.join('\n') });
    }
  }
}

function invalidateFor(queryClient: QueryClient, caseIds: Set<string>, everything: boolean): void {
  void queryClient.invalidateQueries({ queryKey: ['cases'] });
  void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  if (everything) void queryClient.invalidateQueries({ queryKey: ['case'] });
  else for (const id of caseIds) void queryClient.invalidateQueries({ queryKey: ['case', id] });
}

/**
 * Follows GET /api/v1/stream (fetch, so the token travels in a header) and refetches what changed.
 * Reconnects with backoff and resumes from the last seen event id, so nothing is missed.
 */
export function useLiveUpdates(): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    let lastId: string | undefined;
    let reconnecting = false;
    let pending = new Set<string>();
    let everything = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      invalidateFor(queryClient, pending, everything);
      pending = new Set();
      everything = false;
      timer = undefined;
    };
    const schedule = () => {
      timer ??= setTimeout(flush, 300);
    };
    const run = async () => {
      let delay = 1000;
      while (!abort.signal.aborted) {
        try {
          const headers = authHeaders();
          if (lastId) headers['last-event-id'] = lastId;
          const response = await fetch(apiUrl('/stream'), { headers, signal: abort.signal });
          if (response.status === 401) {
            notifyUnauthorized();
            return;
          }
          if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
          // A reconnect without a last event id cannot be resumed: whatever changed in the gap is unknown.
          if (reconnecting && !lastId) {
            everything = true;
            schedule();
          }
          reconnecting = true;
          setConnected(true);
          delay = 1000;
          await readEventStream(response.body, (event) => {
            if (event.id) lastId = event.id;
            if (event.event === 'reset') everything = true;
            else if (event.event === 'case') pending.add((JSON.parse(event.data) as LiveEvent).case_id);
            else return;
            schedule();
          });
        } catch {
          if (abort.signal.aborted) return;
        }
        setConnected(false);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    };
    void run();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient]);
  return connected;
}

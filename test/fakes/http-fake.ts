import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a fake platform sees it. */
export type FakeRequest = { method: string; url: URL; headers: IncomingHttpHeaders; raw: string };
/** The fake's answer; 'hang' never answers (until close), for timeout tests. */
export type FakeReply = { status: number; body: unknown; headers?: Record<string, string> } | 'hang';

export type HttpFake = { baseUrl: string; close(): Promise<void> };

/** A loopback HTTP server (127.0.0.1, random port) answering with `handle`; JSON unless the body is a string. */
export async function startHttpFake(handle: (request: FakeRequest) => FakeReply): Promise<HttpFake> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = handle({ method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      if (reply === 'hang') return;
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const type = typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
      res.writeHead(reply.status, { 'Content-Type': type, ...reply.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets from fetch and hung requests would otherwise hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Queued failure modes: failNext(2, 'http500') makes the next two requests fail that way. */
export function failureQueue<Mode extends string>() {
  const queue: Mode[] = [];
  return {
    failNext(count: number, mode: Mode): void {
      for (let index = 0; index < count; index += 1) queue.push(mode);
    },
    take: (): Mode | undefined => queue.shift(),
  };
}

export function parseJsonObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
export const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
export const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');
export const randomToken = (length = 32) => randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);

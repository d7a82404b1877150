import { redactUrl } from './redact.js';
import { defaultTimeoutMs, DeliveryError, type SenderDeps } from './types.js';

export type HttpReply = { status: number; headers: Headers; body: string };

/**
 * POSTs JSON with a timeout and reads the whole answer. Network failures and timeouts become
 * retryable DeliveryErrors; the URL in messages is always redacted. Redirects are not followed:
 * a webhook that moved is a configuration problem, and following it could leak the body elsewhere.
 */
export async function postJson(url: string, body: unknown, deps: SenderDeps, headers: Record<string, string> = {}): Promise<HttpReply> {
  return postRaw(url, JSON.stringify(body), deps, headers);
}

export async function postRaw(url: string, rawBody: string, deps: SenderDeps, headers: Record<string, string> = {}): Promise<HttpReply> {
  const timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'Paydesk-Notify/1', ...headers },
      body: rawBody,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new DeliveryError(`no answer from ${redactUrl(url)} within ${timeoutMs} ms`, true);
    }
    throw new DeliveryError(`could not reach ${redactUrl(url)}: ${networkReason(error)}`, true);
  }
}

// undici wraps the socket error in `cause`; only its code is shown, never a message that might echo the URL.
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'network error';
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** The DeliveryError for a non-2xx answer: 5xx, 408 and 429 may pass, other statuses will not. */
export function statusError(reply: HttpReply, what: string, now: Date, detail = ''): DeliveryError {
  const retryable = reply.status >= 500 || reply.status === 429 || reply.status === 408;
  const suffix = detail ? `: ${detail}` : '';
  return new DeliveryError(`${what} answered HTTP ${reply.status}${suffix}`, retryable, retryable ? parseRetryAfter(reply.headers.get('retry-after'), now) : undefined);
}

/** Parses a JSON answer body; a 200 with garbage is treated as a passing platform fault. */
export function parseJsonReply(reply: HttpReply, what: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(reply.body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new DeliveryError(`${what} answered HTTP ${reply.status} with a body that is not a JSON object`, true);
}

/** A platform's own refusal (HTTP 200 with a non-zero errcode/code), its message scrubbed of secrets. */
export function codeError(what: string, code: unknown, platformMessage: unknown, retryable: boolean, retryAfterMs?: number): DeliveryError {
  const text = typeof platformMessage === 'string' ? platformMessage : '';
  return new DeliveryError(`${what} refused the message: code ${String(code)}${text ? ` (${text})` : ''}`, retryable, retryAfterMs);
}

// The console's one way to the API: bearer token from the sign-in screen, JSON in and out,
// RFC 9457 problems turned into ProblemError with the server's (localized) title and field errors.

import { problemFromResponse } from '../../shared/problem';

export { ProblemError, type FieldError } from '../../shared/problem';

const TOKEN_KEY = 'paydesk.token';

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when the server refuses the token (revoked, expired, deactivated user). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function notifyUnauthorized(): void {
  for (const listener of unauthorizedListeners) listener();
}

let currentLanguage = 'zh-CN';
export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  token?: string;
  idempotencyKey?: string;
};

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const suffix = search.toString();
  return `/api/v1${path}${suffix ? `?${suffix}` : ''}`;
}

export function authHeaders(token = storedToken()): Record<string, string> {
  const headers: Record<string, string> = { 'accept-language': currentLanguage };
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers = authHeaders(options.token);
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(apiUrl(path, options.query), { method: options.method ?? 'GET', headers, body, signal: options.signal });
  if (response.status === 401 && !options.token) notifyUnauthorized();
  if (!response.ok) throw await problemFromResponse(response, { bodyAsDetail: true });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export type Page<T> = { items: T[]; next_cursor: string | null };

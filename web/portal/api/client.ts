// The portal's one way to the public API (/public/v1): no token, JSON in and out, the page's
// language as Accept-Language so problems come back with a localized `detail`.
import { ProblemError, problemFromResponse } from '../../shared/problem';

export { ProblemError };

let language = 'zh-CN';
export function setPublicLanguage(next: string): void {
  language = next;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function publicUrl(path: string, query?: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const suffix = search.toString();
  return `/public/v1${path}${suffix ? `?${suffix}` : ''}`;
}

export type PublicRequest = { method?: 'GET' | 'POST'; body?: unknown; query?: Query; signal?: AbortSignal; headers?: Record<string, string> };

export async function publicApi<T>(path: string, options: PublicRequest = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': language, ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(publicUrl(path, options.query), { method: options.method ?? 'GET', headers, body, signal: options.signal });
  if (!response.ok) throw await problemFromResponse(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Uploads one file as multipart `file`. */
export function uploadFile<T>(path: string, file: File | Blob, filename?: string, headers?: Record<string, string>): Promise<T> {
  const form = new FormData();
  form.append('file', file, filename ?? (file instanceof File ? file.name : 'upload'));
  return publicApi<T>(path, { method: 'POST', body: form, headers });
}

/** What to tell the customer about a failed call: the server's localized detail, else its title. */
export function problemMessage(error: unknown, networkText: string): string {
  if (error instanceof ProblemError) return error.detail ?? error.title;
  if (error instanceof TypeError) return networkText;
  return error instanceof Error ? error.message : String(error);
}

/** Field errors keyed by the form's field name: `body.fields.order_id` → `order_id`, `body.email` → `email`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ProblemError)) return {};
  const found: Record<string, string> = {};
  for (const item of error.errors) {
    const name = item.field.replace(/^body\./, '').replace(/^fields\./, '').replace(/^amount(\..*)?$/, 'amount');
    found[name] ??= item.message;
  }
  return found;
}

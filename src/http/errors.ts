import type { IssueSummary } from '../i18n/field-messages.js';
import type { MessageKey } from '../i18n/i18n.js';

/** The one list of errors the API returns: stable code → HTTP status (title comes from i18n). */
export const errorList = {
  validation_failed: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  invalid_transition: 409,
  conflict: 409,
  idempotency_in_progress: 409,
  completion_refused: 409,
  integration_not_configured: 409,
  sync_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  gone: 410,
  uri_too_long: 414,
  upgrade_required: 426,
  rate_limited: 429,
  idempotency_key_reused: 422,
  conduct_blocked: 422,
  platform_unavailable: 502,
  service_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorList;

/**
 * One field-level problem, as listed in a problem response's `errors`. `issue` (zod's issue code and
 * details) is kept only to word the message in the caller's language; it is never sent.
 */
export type FieldError = { field: string; message: string; issue?: IssueSummary };

export type Detail = { key: MessageKey; params?: Record<string, string | number> } | string;

/** Thrown anywhere; the HTTP error handler turns it into an RFC 9457 problem response. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Detail,
    readonly errors?: FieldError[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(typeof detail === 'string' ? detail : (detail?.key ?? code));
    this.status = errorList[code];
  }
}

export const notFound = (key: MessageKey, id: string) => new AppError('not_found', { key, params: { id } });

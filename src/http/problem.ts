import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { localizeFieldMessage } from '../i18n/field-messages.js';
import { translate, type Locale } from '../i18n/i18n.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError, type FieldError } from './errors.js';

export const PROBLEM_TYPE_BASE = 'urn:paydesk:problem:';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
  [extra: string]: unknown;
};

export function toProblem(error: AppError, locale: Locale): Problem {
  const detail = error.detail === undefined ? undefined : typeof error.detail === 'string' ? error.detail : translate(locale, error.detail.key, error.detail.params);
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code}`,
    title: translate(locale, `problem.${error.code}`),
    status: error.status,
    code: error.code,
    ...(detail === undefined ? {} : { detail }),
    ...(error.errors ? { errors: error.errors.map(({ field, message, issue }) => ({ field, message: localizeFieldMessage(message, locale, issue) })) } : {}),
    ...error.extra,
  };
}

/** A validation failure as Fastify hands it over: zod's issue, reshaped by fastify-type-provider-zod. */
type ValidationIssue = { keyword?: string; instancePath?: string; message?: string; params?: Record<string, unknown> };

function fieldErrors(error: { validation?: unknown; validationContext?: string }): FieldError[] {
  const context = error.validationContext ?? 'body';
  const issues = Array.isArray(error.validation) ? (error.validation as ValidationIssue[]) : [];
  return issues.map((issue) => {
    const path = issue.instancePath?.replace(/^\//, '').replaceAll('/', '.') ?? '';
    return {
      field: path ? `${context}.${path}` : context,
      message: issue.message ?? 'invalid',
      ...(issue.keyword ? { issue: { ...issue.params, code: issue.keyword } } : {}),
    };
  });
}

/** Maps anything thrown in a request to an AppError; unknown errors become `internal`. */
export function classifyError(error: unknown, bodyLimit: number): AppError {
  if (error instanceof AppError) return error;
  const err = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(err) || err.validation) return new AppError('validation_failed', undefined, fieldErrors(err as { validation?: unknown; validationContext?: string }));
  if (isResponseSerializationError(err)) return new AppError('internal');
  if (isUniqueViolation(err)) return new AppError('conflict', { key: 'detail.duplicate' });
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', { key: 'detail.body_too_large', params: { limit: bodyLimit } });
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', err.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', err.message);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', { key: 'detail.invalid_json' });
  }
  if (err instanceof SyntaxError && err.statusCode === 400) return new AppError('bad_request', { key: 'detail.invalid_json' });
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    if (err.statusCode === 413) return new AppError('payload_too_large', err.message);
    if (err.statusCode === 415) return new AppError('unsupported_media_type', err.message);
    return new AppError('bad_request', err.message);
  }
  return new AppError('internal');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const problem = toProblem(error, request.locale ?? 'en');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

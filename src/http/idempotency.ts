import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/canonical-json.js';
import type { Executor } from '../db/database.js';
import { AppError } from './errors.js';

// A key is remembered for a day, like the payment APIs that popularised the header.
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n`).update(canonicalJson(request.body ?? null)).digest('hex');
}

function isUniqueViolation(error: unknown): boolean {
  const err = error as { code?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs before a write handler. Returns true when the reply was already sent (a replay).
 * A key first seen is recorded as `processing` so a concurrent duplicate gets a 409.
 */
export async function beginIdempotent(db: Executor, request: FastifyRequest, reply: FastifyReply, tenantId: string, now: Date): Promise<boolean> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || request.method !== 'POST') return false;
  if (key.length === 0 || key.length > 255) {
    throw new AppError('validation_failed', undefined, [{ field: 'header.idempotency-key', message: 'must be 1–255 characters' }]);
  }
  const hash = requestHash(request);
  const existing = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'status_code', 'response_body', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (existing && now.getTime() - Date.parse(existing.created_at) > KEY_LIFETIME_MS) {
    await db.deleteFrom('idempotency_keys').where('tenant_id', '=', tenantId).where('key', '=', key).execute();
  } else if (existing) {
    if (existing.request_hash !== hash) throw new AppError('idempotency_key_reused', { key: 'detail.idempotency_key_reused' });
    if (existing.state !== 'done') throw new AppError('idempotency_in_progress');
    await reply
      .code(existing.status_code ?? 200)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(existing.response_body ?? '');
    return true;
  }
  try {
    await db.insertInto('idempotency_keys').values({ tenant_id: tenantId, key, request_hash: hash, state: 'processing', status_code: null, response_body: null, created_at: now.toISOString() }).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('idempotency_in_progress');
    throw error;
  }
  request.idempotency = { key, tenantId };
  return false;
}

/** Stores a successful response for replay; a failed request frees its key for a corrected retry. */
export async function finishIdempotent(db: Executor, request: FastifyRequest, statusCode: number, payload: unknown): Promise<void> {
  const pending = request.idempotency;
  if (!pending) return;
  request.idempotency = null;
  const scope = db.updateTable('idempotency_keys').where('tenant_id', '=', pending.tenantId).where('key', '=', pending.key);
  if (statusCode < 300 && typeof payload === 'string') {
    await scope.set({ state: 'done', status_code: statusCode, response_body: payload }).execute();
  } else {
    await db.deleteFrom('idempotency_keys').where('tenant_id', '=', pending.tenantId).where('key', '=', pending.key).execute();
  }
}

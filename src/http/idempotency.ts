import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/canonical-json.js';
import type { Executor } from '../db/database.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError } from './errors.js';

// A key is remembered for a day, like the payment APIs that popularised the header.
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
// A key still `processing` after this long belongs to a request that died (crash, kill -9).
const ABANDONED_AFTER_MS = 60 * 1000;
// Expired keys are swept every this many new keys.
const SWEEP_EVERY = 500;
let keysSinceSweep = 0;

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n`).update(canonicalJson(request.body ?? null)).digest('hex');
}

/**
 * Runs before a write handler. Returns true when the reply was already sent (a replay).
 * A key first seen is recorded as `processing` so a concurrent duplicate gets a 409.
 */
export async function beginIdempotent(db: Executor, request: FastifyRequest, reply: FastifyReply, scope: { tenantId: string; tokenId: string }, now: Date): Promise<boolean> {
  const header = request.headers['idempotency-key'];
  if (typeof header !== 'string' || request.method !== 'POST') return false;
  if (header.length === 0 || header.length > 255) {
    throw new AppError('validation_failed', undefined, [{ field: 'header.idempotency-key', message: 'must be 1–255 characters' }]);
  }
  // Keys belong to the token that sent them: two integrations of one tenant never share replays.
  const key = `${scope.tokenId} ${header}`;
  const tenantId = scope.tenantId;
  const hash = requestHash(request);
  const existing = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'status_code', 'response_body', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .executeTakeFirst();
  const age = existing ? now.getTime() - Date.parse(existing.created_at) : 0;
  if (existing && (age > KEY_LIFETIME_MS || (existing.state !== 'done' && age > ABANDONED_AFTER_MS))) {
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
  keysSinceSweep += 1;
  if (keysSinceSweep >= SWEEP_EVERY) {
    keysSinceSweep = 0;
    await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now.getTime() - KEY_LIFETIME_MS).toISOString()).execute();
  }
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

import type { FastifyBaseLogger } from 'fastify';
import { inTransaction, type Executor } from '../../db/database.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { findTenantBySlug } from '../../tenants/tenants.service.js';
import { decryptResource, ResourceDecryptError, verifyMessage } from './crypto.js';
import { syncComplaint } from './ingest.service.js';
import { clientFor, findWechatPayConfig, type WechatPayConfig } from './integration.service.js';
import { callbackBodySchema, callbackPlaintextSchema } from './types.js';
import { afterComplaintIngested } from './floods.service.js';

/** How far a callback's timestamp may be from our clock. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;
/** Nonces are remembered a little longer than a timestamp stays acceptable. */
const NONCE_TTL_MS = 2 * TIMESTAMP_TOLERANCE_SECONDS * 1000;
/** While a request works on a new notification, the worker leaves it alone. */
const INLINE_LEASE_MS = 60_000;
const MAX_ATTEMPTS = 12;
/**
 * Callbacks whose complaint is fetched before answering, at once per process. Beyond it (a flood)
 * the committed notification is left to the worker, so WeChat Pay still gets its answer quickly.
 */
export const INLINE_CONCURRENCY = 4;
let inlineRunning = 0;

export type CallbackDeps = { db: Executor; secretKey: Buffer; fetch: typeof globalThis.fetch; now: () => Date; log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>; publicUrl?: string };

/** Why a callback was refused; each is a counter label in /metrics. */
export type RejectReason =
  | 'unknown_tenant'
  | 'not_configured'
  | 'missing_headers'
  | 'unknown_serial'
  | 'stale_timestamp'
  | 'bad_signature'
  | 'replayed_nonce'
  | 'malformed_json'
  | 'invalid_body'
  | 'decrypt_failed';

export type CallbackOutcome =
  | { ok: true; duplicate: boolean; notificationId: string; complaintId: string; processed: boolean }
  | { ok: false; status: number; reason: RejectReason; message: string };

const reject = (status: number, reason: RejectReason, message: string): CallbackOutcome => ({ ok: false, status, reason, message });

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Takes one complaint notification: checks the signature with the platform key its serial names,
 * the timestamp and the nonce, decrypts the resource, and commits the notification (with its nonce)
 * before anything else. A notification seen before is acknowledged and changes nothing. The
 * complaint itself is then fetched and applied right away; when WeChat Pay cannot be reached the
 * committed notification waits for the worker, so the callback is still acknowledged.
 */
export async function receiveCallback(deps: CallbackDeps, tenantSlug: string, headers: Headers, raw: Buffer): Promise<CallbackOutcome> {
  const tenant = await findTenantBySlug(deps.db, tenantSlug);
  if (!tenant) return reject(404, 'unknown_tenant', 'unknown tenant');
  const config = await findWechatPayConfig(deps.db, tenant.id, deps.secretKey);
  if (!config || !config.enabled) return reject(404, 'not_configured', 'WeChat Pay is not enabled for this tenant');

  const timestamp = header(headers, 'wechatpay-timestamp');
  const nonce = header(headers, 'wechatpay-nonce');
  const signature = header(headers, 'wechatpay-signature');
  const serial = header(headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial || nonce.length > 64 || signature.length > 1024) return reject(400, 'missing_headers', 'Wechatpay-Timestamp, -Nonce, -Signature and -Serial are required');
  const key = config.platformKeys.find((candidate) => candidate.id === serial);
  if (!key) return reject(401, 'unknown_serial', 'no platform key with this serial');
  const seconds = /^[0-9]{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  const now = deps.now();
  if (!Number.isFinite(seconds) || Math.abs(now.getTime() / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS) return reject(401, 'stale_timestamp', 'timestamp outside the accepted window');
  if (!verifyMessage(key.pem, timestamp, nonce, raw, signature)) return reject(401, 'bad_signature', 'signature verification failed');

  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return reject(400, 'malformed_json', 'body is not JSON');
  }
  const parsed = callbackBodySchema.safeParse(body);
  if (!parsed.success || parsed.data.resource.algorithm !== 'AEAD_AES_256_GCM' || parsed.data.id.length > 128) return reject(400, 'invalid_body', 'not a complaint notification');
  let plaintext: string;
  try {
    plaintext = decryptResource(config.apiv3Key, parsed.data.resource);
  } catch (error) {
    if (error instanceof ResourceDecryptError) return reject(400, 'decrypt_failed', 'resource could not be decrypted');
    throw error;
  }
  let resource: unknown;
  try {
    resource = JSON.parse(plaintext);
  } catch {
    return reject(400, 'invalid_body', 'decrypted resource is not JSON');
  }
  const notice = callbackPlaintextSchema.safeParse(resource);
  if (!notice.success || notice.data.complaint_id.length > 64) return reject(400, 'invalid_body', 'decrypted resource is not a complaint notice');

  const at = now.toISOString();
  const inline = inlineRunning < INLINE_CONCURRENCY;
  if (inline) inlineRunning += 1;
  try {
    return await commitAndApply(deps, config, inline, nonce, at, now, { id: parsed.data.id, event_type: parsed.data.event_type, complaint_id: notice.data.complaint_id, action_type: notice.data.action_type, create_time: parsed.data.create_time });
  } finally {
    if (inline) inlineRunning -= 1;
  }
}

async function commitAndApply(deps: CallbackDeps, config: WechatPayConfig, inline: boolean, nonce: string, at: string, now: Date, notice: Omit<NewNotification, 'lockedUntil'>): Promise<CallbackOutcome> {
  const stored = await storeNotification(deps.db, config.tenantId, nonce, at, {
    ...notice,
    lockedUntil: inline ? new Date(now.getTime() + INLINE_LEASE_MS).toISOString() : null,
  });
  if (stored === 'replayed') return reject(401, 'replayed_nonce', 'nonce already used');
  if (stored === 'duplicate') return { ok: true, duplicate: true, notificationId: notice.id, complaintId: notice.complaint_id, processed: false };
  const processed = inline ? await processNotification(deps, config, notice.id, notice.complaint_id, notice.action_type) : false;
  return { ok: true, duplicate: false, notificationId: notice.id, complaintId: notice.complaint_id, processed };
}

type NewNotification = { id: string; event_type: string; complaint_id: string; action_type: string; create_time: string; lockedUntil: string | null };

async function storeNotification(db: Executor, tenantId: string, nonce: string, at: string, notification: NewNotification): Promise<'stored' | 'duplicate' | 'replayed'> {
  try {
    return await inTransaction(db, async (trx) => {
      await trx.insertInto('wechatpay_nonces').values({ tenant_id: tenantId, nonce, seen_at: at }).execute();
      const existing = await trx.selectFrom('wechatpay_notifications').select('id').where('tenant_id', '=', tenantId).where('id', '=', notification.id).executeTakeFirst();
      if (existing) return 'duplicate' as const;
      await trx
        .insertInto('wechatpay_notifications')
        .values({
          tenant_id: tenantId,
          id: notification.id,
          event_type: notification.event_type,
          complaint_id: notification.complaint_id,
          action_type: notification.action_type,
          create_time: notification.create_time,
          state: 'pending',
          attempts: 0,
          next_attempt_at: at,
          locked_until: notification.lockedUntil,
          last_error: null,
          received_at: at,
          processed_at: null,
        })
        .execute();
      return 'stored' as const;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either the nonce was used (a replay) or a twin of this notification committed first.
    const twin = await db.selectFrom('wechatpay_notifications').select('id').where('tenant_id', '=', tenantId).where('id', '=', notification.id).executeTakeFirst();
    const nonceSeen = await db.selectFrom('wechatpay_nonces').select('nonce').where('tenant_id', '=', tenantId).where('nonce', '=', nonce).executeTakeFirst();
    if (nonceSeen) return 'replayed';
    if (twin) return 'duplicate';
    throw error;
  }
}

const backoffMs = (attempts: number) => Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/** Fetches and applies the complaint a notification names; records success or schedules a retry. */
async function processNotification(deps: CallbackDeps, config: WechatPayConfig, id: string, complaintId: string, actionType: string): Promise<boolean> {
  const client = clientFor(config, deps.fetch, deps.now);
  try {
    const outcome = await syncComplaint({ db: deps.db, config, client, secretKey: deps.secretKey, now: deps.now, log: deps.log }, complaintId, actionType);
    const at = deps.now().toISOString();
    await deps.db.updateTable('wechatpay_notifications').set({ state: 'processed', processed_at: at, locked_until: null, last_error: null }).where('tenant_id', '=', config.tenantId).where('id', '=', id).execute();
    if (outcome.created) await afterComplaintIngested(deps, config, outcome.caseId);
    return true;
  } catch (error) {
    const row = await deps.db.selectFrom('wechatpay_notifications').select('attempts').where('tenant_id', '=', config.tenantId).where('id', '=', id).executeTakeFirst();
    const attempts = (row?.attempts ?? 0) + 1;
    const message = error instanceof Error ? error.message.slice(0, 500) : 'failed';
    deps.log.warn({ tenant: config.tenantId, notification: id, complaint: complaintId, attempts, err: message }, 'wechatpay notification not applied yet');
    await deps.db
      .updateTable('wechatpay_notifications')
      .set({ state: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, next_attempt_at: new Date(deps.now().getTime() + backoffMs(attempts)).toISOString(), locked_until: null, last_error: message })
      .where('tenant_id', '=', config.tenantId)
      .where('id', '=', id)
      .execute();
    return false;
  }
}

/**
 * The worker's turn: notifications whose complaint could not be fetched yet, a few at a time. Each is
 * claimed with a conditional update, so two nodes never work on the same one.
 */
export async function retryPendingNotifications(deps: CallbackDeps, limit = 20): Promise<number> {
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.deleteFrom('wechatpay_nonces').where('seen_at', '<', new Date(now.getTime() - NONCE_TTL_MS).toISOString()).execute();
  const due = await deps.db
    .selectFrom('wechatpay_notifications')
    .select(['tenant_id', 'id', 'complaint_id', 'action_type', 'locked_until'])
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  let done = 0;
  const configs = new Map<string, WechatPayConfig | undefined>();
  const one = async (row: (typeof due)[number]) => {
    if (row.locked_until && row.locked_until > at) return;
    const claimed = await deps.db
      .updateTable('wechatpay_notifications')
      .set({ locked_until: new Date(now.getTime() + INLINE_LEASE_MS).toISOString() })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    if (!configs.has(row.tenant_id)) configs.set(row.tenant_id, await findWechatPayConfig(deps.db, row.tenant_id, deps.secretKey));
    const config = configs.get(row.tenant_id);
    if (!config || !config.enabled) return;
    if (await processNotification(deps, config, row.id, row.complaint_id, row.action_type)) done += 1;
  };
  // A few at a time: most of the wait is WeChat Pay answering.
  for (let index = 0; index < due.length; index += INLINE_CONCURRENCY) await Promise.all(due.slice(index, index + INLINE_CONCURRENCY).map(one));
  return done;
}

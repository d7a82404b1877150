import { appendEvent, type Actor } from '../../audit/audit.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import type { WechatpayIntegrationRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { decryptJson, encryptJson } from '../../shared/secrets.js';
import { createWechatPayClient } from './client.js';
import { isValidPrivateKeyPem, isValidPublicKeyPem, keyFingerprint } from './crypto.js';
import {
  burstSettingsSchema,
  integrationSettingsSchema,
  thresholdsSchema,
  type IntegrationBody,
  type IntegrationResponse,
  type IntegrationSettings,
} from './integration.schema.js';

type Secrets = { apiv3_key: string; merchant_private_key: string };
export type PlatformKey = { id: string; pem: string; fingerprint: string };

/** Everything needed to talk to WeChat Pay for one tenant, secrets decrypted. */
export type WechatPayConfig = {
  tenantId: string;
  mchid: string;
  serialNo: string;
  baseUrl: string;
  apiv3Key: string;
  privateKeyPem: string;
  platformKeys: PlatformKey[];
  settings: IntegrationSettings;
  enabled: boolean;
};

export const PLATFORM = 'wechatpay';

async function findRow(db: Executor, tenantId: string) {
  return db.selectFrom('wechatpay_integrations').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

function toConfig(row: WechatpayIntegrationRow, key: Buffer): WechatPayConfig {
  const secrets = decryptJson(key, row.secrets_enc) as Secrets;
  return {
    tenantId: row.tenant_id,
    mchid: row.mchid,
    serialNo: row.merchant_serial_no,
    baseUrl: row.api_base_url,
    apiv3Key: secrets.apiv3_key,
    privateKeyPem: secrets.merchant_private_key,
    platformKeys: JSON.parse(row.platform_keys) as PlatformKey[],
    settings: integrationSettingsSchema.parse(JSON.parse(row.settings)),
    enabled: row.enabled === 1,
  };
}

/** The tenant's WeChat Pay setup, or undefined when there is none. */
export async function findWechatPayConfig(db: Executor, tenantId: string, key: Buffer): Promise<WechatPayConfig | undefined> {
  const row = await findRow(db, tenantId);
  return row ? toConfig(row, key) : undefined;
}

export async function requireWechatPayConfig(db: Executor, tenantId: string, key: Buffer): Promise<WechatPayConfig> {
  const config = await findWechatPayConfig(db, tenantId, key);
  if (!config) throw new AppError('integration_not_configured', { key: 'detail.wechatpay_not_configured' });
  return config;
}

export function clientFor(config: WechatPayConfig, fetch: typeof globalThis.fetch, now: () => Date) {
  return createWechatPayClient({ baseUrl: config.baseUrl, mchid: config.mchid, serialNo: config.serialNo, privateKeyPem: config.privateKeyPem, platformKeys: config.platformKeys, fetch, now });
}

export type WechatPayClient = ReturnType<typeof clientFor>;

export function callbackUrl(publicUrl: string, tenantSlug: string): string {
  return `${publicUrl}/webhooks/wechatpay/${encodeURIComponent(tenantSlug)}`;
}

async function present(db: Executor, row: WechatpayIntegrationRow, key: Buffer, links: { publicUrl: string; tenantSlug: string }): Promise<IntegrationResponse> {
  const config = toConfig(row, key);
  const job = await db.selectFrom('platform_sync_jobs').selectAll().where('tenant_id', '=', row.tenant_id).where('platform', '=', PLATFORM).executeTakeFirst();
  return {
    mchid: row.mchid,
    merchant_serial_no: row.merchant_serial_no,
    merchant_key_fingerprint: keyFingerprint(config.privateKeyPem),
    apiv3_key_set: config.apiv3Key.length === 32,
    platform_public_keys: config.platformKeys.map(({ id, fingerprint }) => ({ id, fingerprint })),
    api_base_url: row.api_base_url,
    enabled: row.enabled === 1,
    callback_url: callbackUrl(links.publicUrl, links.tenantSlug),
    sync_interval_minutes: config.settings.sync_interval_minutes,
    thresholds: config.settings.thresholds,
    burst: config.settings.burst,
    sync: {
      next_run_at: job?.next_run_at ?? null,
      last_started_at: job?.last_started_at ?? null,
      last_finished_at: job?.last_finished_at ?? null,
      last_result: job?.last_result ? (JSON.parse(job.last_result) as Record<string, unknown>) : null,
      last_error: job?.last_error ?? null,
    },
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function getIntegration(db: Executor, tenantId: string, key: Buffer, links: { publicUrl: string; tenantSlug: string }): Promise<IntegrationResponse> {
  const row = await findRow(db, tenantId);
  if (!row) throw new AppError('integration_not_configured', { key: 'detail.wechatpay_not_configured' });
  return present(db, row, key, links);
}

/**
 * Creates or replaces the tenant's WeChat Pay setup. Keys are checked before anything is stored;
 * the APIv3 key and merchant private key may be left out of an update to keep the stored ones.
 * The audit event names fingerprints, never key material.
 */
export async function putIntegration(db: Executor, tenantId: string, input: IntegrationBody, key: Buffer, actor: Actor, now: Date, links: { publicUrl: string; tenantSlug: string }): Promise<{ created: boolean; integration: IntegrationResponse }> {
  const errors: Array<{ field: string; message: string }> = [];
  input.platform_public_keys.forEach((platformKey, index) => {
    if (!isValidPublicKeyPem(platformKey.pem)) errors.push({ field: `body.platform_public_keys.${index}.pem`, message: 'not an RSA public key of at least 2048 bits' });
  });
  if (new Set(input.platform_public_keys.map((platformKey) => platformKey.id)).size !== input.platform_public_keys.length) errors.push({ field: 'body.platform_public_keys', message: 'key ids must be unique' });
  if (input.merchant_private_key !== undefined && !isValidPrivateKeyPem(input.merchant_private_key)) errors.push({ field: 'body.merchant_private_key', message: 'not an RSA private key of at least 2048 bits' });
  return inTransaction(db, async (trx) => {
    const existing = await findRow(trx, tenantId);
    const stored = existing ? (decryptJson(key, existing.secrets_enc) as Secrets) : undefined;
    const apiv3Key = input.apiv3_key ?? stored?.apiv3_key;
    const privateKey = input.merchant_private_key ?? stored?.merchant_private_key;
    if (!apiv3Key) errors.push({ field: 'body.apiv3_key', message: 'required when WeChat Pay is first set up' });
    if (!privateKey) errors.push({ field: 'body.merchant_private_key', message: 'required when WeChat Pay is first set up' });
    if (errors.length > 0 || !apiv3Key || !privateKey) throw new AppError('validation_failed', undefined, errors);
    const previous = existing ? integrationSettingsSchema.parse(JSON.parse(existing.settings)) : undefined;
    const settings: IntegrationSettings = {
      sync_interval_minutes: input.sync_interval_minutes,
      thresholds: input.thresholds ?? previous?.thresholds ?? thresholdsSchema.parse({}),
      burst: input.burst ?? previous?.burst ?? burstSettingsSchema.parse({}),
    };
    const at = now.toISOString();
    const platformKeys: PlatformKey[] = input.platform_public_keys.map((platformKey) => ({ id: platformKey.id, pem: platformKey.pem, fingerprint: keyFingerprint(platformKey.pem) }));
    const values = {
      mchid: input.mchid,
      merchant_serial_no: input.merchant_serial_no,
      api_base_url: input.api_base_url.replace(/\/+$/, ''),
      secrets_enc: encryptJson(key, { apiv3_key: apiv3Key, merchant_private_key: privateKey } satisfies Secrets),
      platform_keys: JSON.stringify(platformKeys),
      settings: JSON.stringify(settings),
      enabled: input.enabled ? 1 : 0,
      updated_at: at,
    };
    if (existing) await trx.updateTable('wechatpay_integrations').set(values).where('tenant_id', '=', tenantId).execute();
    else await trx.insertInto('wechatpay_integrations').values({ tenant_id: tenantId, created_at: at, ...values }).execute();
    // The reconciliation job runs soon after a (re)configuration.
    await trx
      .insertInto('platform_sync_jobs')
      .values({ tenant_id: tenantId, platform: PLATFORM, next_run_at: at, locked_until: null, lease: null, last_started_at: null, last_finished_at: null, last_result: null, last_error: null })
      .onConflict((oc) => oc.columns(['tenant_id', 'platform']).doUpdateSet({ next_run_at: at }))
      .execute();
    await appendEvent(trx, {
      tenantId,
      caseId: null,
      actor,
      type: existing ? 'integration.updated' : 'integration.created',
      payload: {
        platform: PLATFORM,
        mchid: input.mchid,
        merchant_serial_no: input.merchant_serial_no,
        merchant_key_fingerprint: keyFingerprint(privateKey),
        apiv3_key_changed: input.apiv3_key !== undefined && input.apiv3_key !== stored?.apiv3_key,
        platform_keys: platformKeys.map(({ id, fingerprint }) => ({ id, fingerprint })),
        api_base_url: values.api_base_url,
        enabled: input.enabled,
      },
      at,
    });
    const row = await findRow(trx, tenantId);
    if (!row) throw new Error('integration vanished inside its own transaction');
    return { created: !existing, integration: await present(trx, row, key, links) };
  });
}

/** Tenants with an enabled WeChat Pay setup (for the background jobs). */
export async function enabledTenants(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('wechatpay_integrations').select('tenant_id').where('enabled', '=', 1).execute();
  return rows.map((row) => row.tenant_id);
}

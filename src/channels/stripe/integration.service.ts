import { appendEvent, type Actor } from '../../audit/audit.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import type { Selectable } from 'kysely';
import type { StripeIntegrationsTable } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { decryptJson, encryptJson } from '../../shared/secrets.js';
import type { StripeIntegrationBody, StripeIntegrationResponse } from './integration.schema.js';

type Secrets = { webhook_secret: string; api_key: string | null };
type Row = Selectable<StripeIntegrationsTable>;

/** The tenant's Stripe setup with its secrets decrypted (never leaves the server). */
export type StripeConfig = { tenantId: string; webhookSecret: string; apiKey: string | null; apiBaseUrl: string; enabled: boolean };

export const STRIPE = 'stripe';

async function findRow(db: Executor, tenantId: string): Promise<Row | undefined> {
  return db.selectFrom('stripe_integrations').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

function toConfig(row: Row, key: Buffer): StripeConfig {
  const secrets = decryptJson(key, row.secrets_enc) as Secrets;
  return { tenantId: row.tenant_id, webhookSecret: secrets.webhook_secret, apiKey: secrets.api_key, apiBaseUrl: row.api_base_url, enabled: row.enabled === 1 };
}

export async function findStripeConfig(db: Executor, tenantId: string, key: Buffer): Promise<StripeConfig | undefined> {
  const row = await findRow(db, tenantId);
  return row ? toConfig(row, key) : undefined;
}

export function stripeWebhookUrl(publicUrl: string, tenantSlug: string): string {
  return `${publicUrl}/webhooks/stripe/${encodeURIComponent(tenantSlug)}`;
}

async function present(db: Executor, row: Row, key: Buffer, links: { publicUrl: string; tenantSlug: string }): Promise<StripeIntegrationResponse> {
  const config = toConfig(row, key);
  const last = await db.selectFrom('stripe_events').select((eb) => eb.fn.max('received_at').as('at')).where('tenant_id', '=', row.tenant_id).executeTakeFirst();
  return {
    webhook_secret_set: config.webhookSecret.length > 0,
    api_key_set: config.apiKey !== null,
    api_base_url: row.api_base_url,
    enabled: row.enabled === 1,
    webhook_url: stripeWebhookUrl(links.publicUrl, links.tenantSlug),
    last_event_at: (last?.at as string | null | undefined) ?? null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function getStripeIntegration(db: Executor, tenantId: string, key: Buffer, links: { publicUrl: string; tenantSlug: string }): Promise<StripeIntegrationResponse> {
  const row = await findRow(db, tenantId);
  if (!row) throw new AppError('integration_not_configured', { key: 'detail.stripe_not_configured' });
  return present(db, row, key, links);
}

/**
 * Creates or replaces the tenant's Stripe setup. The signing secret is needed the first time; both
 * secrets can be left out later to keep the stored ones (api_key: null removes the key). The audit
 * event says which secrets changed, never what they are.
 */
export async function putStripeIntegration(db: Executor, tenantId: string, input: StripeIntegrationBody, key: Buffer, actor: Actor, now: Date, links: { publicUrl: string; tenantSlug: string }): Promise<{ created: boolean; integration: StripeIntegrationResponse }> {
  return inTransaction(db, async (trx) => {
    const existing = await findRow(trx, tenantId);
    const stored = existing ? (decryptJson(key, existing.secrets_enc) as Secrets) : undefined;
    const webhookSecret = input.webhook_secret ?? stored?.webhook_secret;
    if (!webhookSecret) throw new AppError('validation_failed', undefined, [{ field: 'body.webhook_secret', message: 'required when Stripe is first set up' }]);
    const apiKey = input.api_key === undefined ? (stored?.api_key ?? null) : input.api_key;
    const at = now.toISOString();
    const values = {
      secrets_enc: encryptJson(key, { webhook_secret: webhookSecret, api_key: apiKey } satisfies Secrets),
      api_base_url: input.api_base_url.replace(/\/+$/, ''),
      enabled: input.enabled ? 1 : 0,
      updated_at: at,
    };
    if (existing) await trx.updateTable('stripe_integrations').set(values).where('tenant_id', '=', tenantId).execute();
    else await trx.insertInto('stripe_integrations').values({ tenant_id: tenantId, created_at: at, ...values }).execute();
    await appendEvent(trx, {
      tenantId,
      caseId: null,
      actor,
      type: existing ? 'integration.updated' : 'integration.created',
      payload: {
        platform: STRIPE,
        webhook_secret_changed: webhookSecret !== stored?.webhook_secret,
        api_key_changed: apiKey !== (stored?.api_key ?? null),
        api_key_set: apiKey !== null,
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

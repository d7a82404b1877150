import { randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { ChannelRow } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import { decryptJson, encryptJson, SecretDecryptError } from '../shared/secrets.js';
import { requireTeam } from '../tenants/tenants.service.js';
import type { ChannelBody, ChannelResponse, NotificationEventName } from './channels.schema.js';
import * as repo from './channels.repository.js';
import { channelConfigSchema, DeliveryError, redactConfig, sendNotification, type NotifyDeps } from './senders/index.js';
import { notificationMessage } from './templates/index.js';

/** The stored config, masked; if the server key changed, say so instead of failing the whole list. */
function shownConfig(row: ChannelRow, key: Buffer): Record<string, unknown> {
  try {
    return redactConfig(channelConfigSchema.parse(decryptJson(key, row.config_enc))) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SecretDecryptError) return { kind: row.kind, unreadable: 'stored with another PAYDESK_SECRET_KEY; replace the channel (PUT) to store it again' };
    throw error;
  }
}

function readConfig(row: ChannelRow, key: Buffer) {
  try {
    return channelConfigSchema.parse(decryptJson(key, row.config_enc));
  } catch (error) {
    if (error instanceof SecretDecryptError) throw new AppError('conflict', { key: 'detail.secret_key_mismatch' });
    throw error;
  }
}

function present(row: ChannelRow, key: Buffer): ChannelResponse {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    config: shownConfig(row, key),
    events: JSON.parse(row.events) as NotificationEventName[],
    teams: JSON.parse(row.teams) as string[],
    locale: row.locale as 'zh-CN' | 'en',
    enabled: row.enabled === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

async function requireChannel(db: Executor, tenantId: string, id: string): Promise<ChannelRow> {
  const row = await repo.findChannel(db, tenantId, id);
  if (!row) throw notFound('detail.channel_not_found', id);
  return row;
}

async function checkTeams(db: Executor, tenantId: string, teams: string[]) {
  for (const [index, team] of teams.entries()) await requireTeam(db, tenantId, team, `body.teams.${index}`);
}

/** The config is stored encrypted; the audit log records the channel without its secrets. */
export async function createChannel(db: Executor, tenantId: string, body: ChannelBody, key: Buffer, actor: Actor, now: Date): Promise<ChannelResponse> {
  return inTransaction(db, async (trx) => {
    await checkTeams(trx, tenantId, body.teams);
    const at = now.toISOString();
    const row: ChannelRow = { id: randomUUID(), tenant_id: tenantId, name: body.name, kind: body.config.kind, config_enc: encryptJson(key, body.config), events: JSON.stringify(body.events), teams: JSON.stringify(body.teams), locale: body.locale, enabled: body.enabled ? 1 : 0, created_at: at, updated_at: at };
    await repo.insertChannel(trx, row);
    const response = present(row, key);
    await appendEvent(trx, { tenantId, actor, type: 'notification_channel.created', payload: { channel: response }, at });
    return response;
  });
}

export async function replaceChannel(db: Executor, tenantId: string, id: string, body: ChannelBody, key: Buffer, actor: Actor, now: Date): Promise<ChannelResponse> {
  return inTransaction(db, async (trx) => {
    const current = await requireChannel(trx, tenantId, id);
    await checkTeams(trx, tenantId, body.teams);
    const at = now.toISOString();
    const row: ChannelRow = { ...current, name: body.name, kind: body.config.kind, config_enc: encryptJson(key, body.config), events: JSON.stringify(body.events), teams: JSON.stringify(body.teams), locale: body.locale, enabled: body.enabled ? 1 : 0, updated_at: at };
    await repo.updateChannel(trx, row);
    const response = present(row, key);
    await appendEvent(trx, { tenantId, actor, type: 'notification_channel.updated', payload: { channel: response }, at });
    return response;
  });
}

export async function deleteChannel(db: Executor, tenantId: string, id: string, actor: Actor, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const current = await requireChannel(trx, tenantId, id);
    await repo.deleteChannel(trx, tenantId, id);
    await appendEvent(trx, { tenantId, actor, type: 'notification_channel.deleted', payload: { id, name: current.name }, at: now.toISOString() });
  });
}

export async function getChannel(db: Executor, tenantId: string, id: string, key: Buffer): Promise<ChannelResponse> {
  return present(await requireChannel(db, tenantId, id), key);
}

export async function listChannels(db: Executor, tenantId: string, key: Buffer): Promise<ChannelResponse[]> {
  return (await repo.listChannels(db, tenantId)).map((row) => present(row, key));
}

/** Sends a test message straight away (not through the outbox) and says what happened. */
export async function testChannel(db: Executor, tenantId: string, id: string, key: Buffer, deps: NotifyDeps) {
  const row = await requireChannel(db, tenantId, id);
  const config = readConfig(row, key);
  const message = notificationMessage(randomUUID(), { event: 'test', data: { channel_name: row.name } }, row.locale as 'zh-CN' | 'en');
  try {
    await sendNotification(config, message, deps);
    return { delivered: true, error: null, retryable: null };
  } catch (error) {
    return { delivered: false, error: error instanceof Error ? error.message : String(error), retryable: error instanceof DeliveryError ? error.retryable : false };
  }
}

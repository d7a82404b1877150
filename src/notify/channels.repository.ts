import type { Executor } from '../db/database.js';
import type { ChannelRow } from '../db/schema.js';

export async function insertChannel(db: Executor, row: ChannelRow): Promise<void> {
  await db.insertInto('notification_channels').values(row).execute();
}

export async function findChannel(db: Executor, tenantId: string, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('notification_channels').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listChannels(db: Executor, tenantId: string, onlyEnabled = false): Promise<ChannelRow[]> {
  let query = db.selectFrom('notification_channels').selectAll().where('tenant_id', '=', tenantId);
  if (onlyEnabled) query = query.where('enabled', '=', 1);
  return query.orderBy('created_at').orderBy('id').limit(500).execute();
}

export async function updateChannel(db: Executor, row: ChannelRow): Promise<void> {
  const { id, tenant_id, created_at: _created, ...set } = row;
  await db.updateTable('notification_channels').set(set).where('tenant_id', '=', tenant_id).where('id', '=', id).execute();
}

export async function deleteChannel(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('notification_channels').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

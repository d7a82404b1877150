import type { Executor } from '../db/database.js';

export async function readSetting(db: Executor, tenantId: string, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('tenant_settings').select('value').where('tenant_id', '=', tenantId).where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Executor, tenantId: string, key: string, value: string, at: string): Promise<void> {
  const insert = db.insertInto('tenant_settings').values({ tenant_id: tenantId, key, value, updated_at: at });
  await insert.onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value, updated_at: at })).execute();
}

import type { Executor } from '../db/database.js';
import type { PolicyRow } from '../db/schema.js';

export async function listPolicies(db: Executor, tenantId: string, onlyEnabled = false): Promise<PolicyRow[]> {
  let query = db.selectFrom('sla_policies').selectAll().where('tenant_id', '=', tenantId);
  if (onlyEnabled) query = query.where('enabled', '=', 1);
  return query.orderBy('position').orderBy('created_at').orderBy('id').limit(1000).execute();
}

export async function findPolicy(db: Executor, tenantId: string, id: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function nextPosition(db: Executor, tenantId: string): Promise<number> {
  const row = await db.selectFrom('sla_policies').select((eb) => eb.fn.max('position').as('max')).where('tenant_id', '=', tenantId).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 10 : Number(row.max) + 10;
}

export async function insertPolicy(db: Executor, row: PolicyRow): Promise<void> {
  await db.insertInto('sla_policies').values(row).execute();
}

export async function updatePolicy(db: Executor, row: PolicyRow): Promise<void> {
  const { id, tenant_id, created_at: _created, ...set } = row;
  await db.updateTable('sla_policies').set(set).where('tenant_id', '=', tenant_id).where('id', '=', id).execute();
}

export async function deletePolicy(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

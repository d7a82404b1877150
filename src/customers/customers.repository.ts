import type { Executor } from '../db/database.js';
import type { CustomerRow } from '../db/schema.js';
import { containsText } from '../db/dialect.js';

const customerColumns = ['id', 'tenant_id', 'name', 'email', 'phone', 'external_id', 'locale', 'created_at'] as const;

export async function findById(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('customers').select(customerColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findByIdentity(db: Executor, tenantId: string, field: 'email' | 'phone' | 'external_id', value: string) {
  return db.selectFrom('customers').select(customerColumns).where('tenant_id', '=', tenantId).where(field, '=', value).executeTakeFirst();
}

/** Inserts unless another customer already holds the email, phone or external id; true if inserted. */
export async function insertIfNew(db: Executor, row: CustomerRow): Promise<boolean> {
  const inserted = await db.insertInto('customers').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

export async function fillMissing(db: Executor, tenantId: string, id: string, changes: Partial<Pick<CustomerRow, 'name' | 'email' | 'phone' | 'external_id' | 'locale'>>) {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('customers').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function list(db: Executor, tenantId: string, filter: { q?: string; after?: [string, string]; limit: number }) {
  let query = db.selectFrom('customers').select(customerColumns).where('tenant_id', '=', tenantId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or(['name', 'email', 'phone', 'external_id'].map((column) => containsText(column, q))));
  }
  if (filter.after) {
    const [createdAt, id] = filter.after;
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function namesByIds(db: Executor, tenantId: string, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  // By primary key only (see findCases); the tenant is checked on the rows.
  const rows = await db.selectFrom('customers').select(['id', 'name', 'tenant_id']).where('id', 'in', ids).execute();
  return new Map(rows.filter((row) => row.tenant_id === tenantId).map((row) => [row.id, row.name]));
}

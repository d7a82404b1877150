import type { Executor } from '../db/database.js';
import type { UserRow } from '../db/schema.js';

const userColumns = ['id', 'tenant_id', 'name', 'email', 'role', 'team', 'active', 'created_at'] as const;

export async function insertUser(db: Executor, row: UserRow) {
  await db.insertInto('users').values(row).execute();
}

export async function findUser(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('users').select(userColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Executor, tenantId: string, email: string) {
  return db.selectFrom('users').select(userColumns).where('tenant_id', '=', tenantId).where('email', '=', email).executeTakeFirst();
}

export async function listUsers(db: Executor, tenantId: string, filter: { team?: string; role?: string }) {
  let query = db.selectFrom('users').select(userColumns).where('tenant_id', '=', tenantId);
  if (filter.team) query = query.where('team', '=', filter.team);
  if (filter.role) query = query.where('role', '=', filter.role);
  return query.orderBy('name').execute();
}

export async function updateUser(db: Executor, tenantId: string, id: string, changes: Partial<Pick<UserRow, 'name' | 'email' | 'role' | 'team' | 'active'>>) {
  await db.updateTable('users').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

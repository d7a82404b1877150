import type { Executor } from '../db/database.js';

// token_hash is never selected for output; lookups compare it in SQL only.
const publicColumns = ['id', 'tenant_id', 'user_id', 'name', 'role', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

export async function insertToken(db: Executor, row: { id: string; tenant_id: string; user_id: string | null; name: string; role: string; token_hash: string; token_prefix: string; created_at: string }) {
  await db.insertInto('api_tokens').values(row).execute();
}

/** A token that is not revoked and whose user, if it has one, is still active. */
export async function findActiveByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('tenants', 'tenants.id', 'api_tokens.tenant_id')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id', 'api_tokens.tenant_id', 'api_tokens.user_id', 'api_tokens.name', 'api_tokens.role', 'api_tokens.last_used_at',
      'tenants.slug as tenant_slug', 'tenants.timezone as tenant_timezone', 'users.name as user_name', 'users.role as user_role',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.user_id', 'is', null), eb('users.active', '=', 1)]))
    .executeTakeFirst();
}

export async function touch(db: Executor, id: string, at: string) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function listTokens(db: Executor, tenantId: string) {
  return db.selectFrom('api_tokens').select(publicColumns).where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').execute();
}

export async function findToken(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('api_tokens').select(publicColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function revoke(db: Executor, tenantId: string, id: string, at: string) {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

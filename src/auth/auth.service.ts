import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { UserRow } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import { requireTeam } from '../tenants/tenants.service.js';
import { effectiveRole, type Role } from './roles.js';
import * as tokens from './tokens.repository.js';
import * as users from './users.repository.js';

/** What a verified bearer token grants: always exactly one tenant. */
export type AuthContext = {
  tenantId: string;
  tenantSlug: string;
  tenantTimezone: string;
  tokenId: string;
  userId: string | null;
  /** The lower of the token's role and its user's current role. */
  role: Role;
  /** The user's name, or the token's name for a token without a user. */
  name: string;
};

export function actorOf(auth: AuthContext): Actor {
  return { kind: 'token', id: auth.userId ?? auth.tokenId, name: auth.name };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// last_used_at is refreshed at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 60_000;

export async function authenticate(db: Executor, token: string, now: Date): Promise<AuthContext | null> {
  if (!token.startsWith('pdk_') || token.length > 200) return null;
  const row = await tokens.findActiveByHash(db, hashToken(token));
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    await tokens.touch(db, row.id, now.toISOString());
  }
  return {
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    tenantTimezone: row.tenant_timezone,
    tokenId: row.id,
    userId: row.user_id,
    role: effectiveRole(row.role as Role, (row.user_role as Role | null) ?? null),
    name: row.user_name ?? row.name,
  };
}

export type NewToken = { name: string; role: Role; userId?: string | null };

/** Creates a token and returns its secret once; only a hash is stored. */
export async function createToken(db: Executor, tenantId: string, input: NewToken, actor: Actor, now: Date) {
  const secret = `pdk_${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    if (input.userId && !(await users.findUser(trx, tenantId, input.userId))) throw notFound('detail.user_not_found', input.userId);
    await tokens.insertToken(trx, { id, tenant_id: tenantId, user_id: input.userId ?? null, name: input.name, role: input.role, token_hash: hashToken(secret), token_prefix: secret.slice(0, 10), created_at: at });
    await appendEvent(trx, { tenantId, actor, type: 'token.created', payload: { token_id: id, name: input.name, role: input.role, user_id: input.userId ?? null }, at });
  });
  const row = await tokens.findToken(db, tenantId, id);
  if (!row) throw new Error('token vanished after insert');
  return { token: secret, row };
}

export async function revokeToken(db: Executor, auth: AuthContext, id: string, now: Date) {
  if (id === auth.tokenId) throw new AppError('conflict', { key: 'detail.cannot_revoke_self' });
  return inTransaction(db, async (trx) => {
    const row = await tokens.findToken(trx, auth.tenantId, id);
    if (!row) throw notFound('detail.token_not_found', id);
    if (!row.revoked_at) {
      await tokens.revoke(trx, auth.tenantId, id, now.toISOString());
      await appendEvent(trx, { tenantId: auth.tenantId, actor: actorOf(auth), type: 'token.revoked', payload: { token_id: id, name: row.name }, at: now.toISOString() });
    }
    const updated = await tokens.findToken(trx, auth.tenantId, id);
    if (!updated) throw notFound('detail.token_not_found', id);
    return updated;
  });
}

export const listTokens = tokens.listTokens;

export type NewUser = { name: string; email?: string | null; role: Role; team?: string | null };

export async function createUser(db: Executor, tenantId: string, input: NewUser, actor: Actor, now: Date): Promise<UserRow> {
  return inTransaction(db, async (trx) => {
    await requireTeam(trx, tenantId, input.team, 'body.team');
    if (input.email && (await users.findUserByEmail(trx, tenantId, input.email))) {
      throw new AppError('conflict', { key: 'detail.email_taken', params: { email: input.email } });
    }
    const row: UserRow = { id: randomUUID(), tenant_id: tenantId, name: input.name, email: input.email ?? null, role: input.role, team: input.team ?? null, active: 1, created_at: now.toISOString() };
    await users.insertUser(trx, row);
    await appendEvent(trx, { tenantId, actor, type: 'user.created', payload: { user_id: row.id, name: row.name, role: row.role, team: row.team }, at: row.created_at });
    return row;
  });
}

export async function updateUser(db: Executor, tenantId: string, id: string, changes: { name?: string; role?: Role; team?: string | null; active?: boolean }, actor: Actor, now: Date): Promise<UserRow> {
  return inTransaction(db, async (trx) => {
    const existing = await users.findUser(trx, tenantId, id);
    if (!existing) throw notFound('detail.user_not_found', id);
    await requireTeam(trx, tenantId, changes.team, 'body.team');
    const { active, ...rest } = changes;
    await users.updateUser(trx, tenantId, id, { ...rest, ...(active === undefined ? {} : { active: active ? 1 : 0 }) });
    await appendEvent(trx, { tenantId, actor, type: 'user.updated', payload: { user_id: id, changes }, at: now.toISOString() });
    const updated = await users.findUser(trx, tenantId, id);
    if (!updated) throw notFound('detail.user_not_found', id);
    return updated;
  });
}

export const findUser = users.findUser;
export const listUsers = users.listUsers;

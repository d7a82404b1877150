import { z } from 'zod';
import { verifyChain } from '../audit/audit.service.js';
import type { TokenRow, UserRow } from '../db/schema.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { idParams, commonProblems, problemSchema } from '../shared/schema.js';
import { listTeams } from '../tenants/tenants.service.js';
import {
  auditVerifyResponse,
  createdTokenResponse,
  createTokenBody,
  createUserBody,
  listUsersQuery,
  meResponse,
  teamResponse,
  tokenResponse,
  updateUserBody,
  userResponse,
} from './auth.schema.js';
import { actorOf, createToken, createUser, listTokens, listUsers, revokeToken, updateUser } from './auth.service.js';
import type { Role } from './roles.js';

const errors = commonProblems;

function toTokenResponse(row: Omit<TokenRow, 'token_hash'>) {
  return { id: row.id, name: row.name, role: row.role as Role, user_id: row.user_id, prefix: row.token_prefix, created_at: row.created_at, last_used_at: row.last_used_at, revoked_at: row.revoked_at };
}

function toUserResponse(row: UserRow) {
  return { id: row.id, name: row.name, email: row.email, role: row.role as Role, team: row.team, active: row.active === 1, created_at: row.created_at };
}

export async function authRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/me', {
    config: { permission: 'cases:read' },
    schema: { tags: ['auth'], summary: 'Who this token is', response: { 200: meResponse, 401: problemSchema } },
  }, async (request) => {
    const auth = authOf(request);
    return { tenant: { id: auth.tenantId, slug: auth.tenantSlug, timezone: auth.tenantTimezone }, token_id: auth.tokenId, user_id: auth.userId, name: auth.name, role: auth.role };
  });

  app.get('/tokens', {
    config: { permission: 'tokens:manage' },
    schema: { tags: ['auth'], summary: 'API tokens of this tenant (secrets are never shown again)', response: { 200: z.object({ items: z.array(tokenResponse) }), ...errors } },
  }, async (request) => ({ items: (await listTokens(db, authOf(request).tenantId)).map(toTokenResponse) }));

  app.post('/tokens', {
    config: { permission: 'tokens:manage', idempotency: false },
    schema: { tags: ['auth'], summary: 'Create an API token', body: createTokenBody, response: { 201: createdTokenResponse, ...errors } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const { token, row } = await createToken(db, auth.tenantId, { name: request.body.name, role: request.body.role, userId: request.body.user_id }, actorOf(auth), ctx.now());
    return reply.code(201).send({ ...toTokenResponse(row), token });
  });

  app.delete('/tokens/:id', {
    config: { permission: 'tokens:manage' },
    schema: { tags: ['auth'], summary: 'Revoke a token', params: idParams, response: { 200: tokenResponse, ...errors, 409: problemSchema } },
  }, async (request) => toTokenResponse(await revokeToken(db, authOf(request), request.params.id, ctx.now())));

  app.get('/users', {
    config: { permission: 'users:read' },
    schema: { tags: ['auth'], summary: 'Users of this tenant', querystring: listUsersQuery, response: { 200: z.object({ items: z.array(userResponse) }), ...errors } },
  }, async (request) => ({ items: (await listUsers(db, authOf(request).tenantId, request.query)).map(toUserResponse) }));

  app.post('/users', {
    config: { permission: 'users:write' },
    schema: { tags: ['auth'], summary: 'Add a user', body: createUserBody, response: { 201: userResponse, ...errors, 409: problemSchema } },
  }, async (request, reply) => {
    const auth = authOf(request);
    return reply.code(201).send(toUserResponse(await createUser(db, auth.tenantId, request.body, actorOf(auth), ctx.now())));
  });

  app.patch('/users/:id', {
    config: { permission: 'users:write' },
    schema: { tags: ['auth'], summary: 'Change role, team or active flag of a user', params: idParams, body: updateUserBody, response: { 200: userResponse, ...errors } },
  }, async (request) => {
    const auth = authOf(request);
    return toUserResponse(await updateUser(db, auth.tenantId, request.params.id, request.body, actorOf(auth), ctx.now()));
  });

  app.get('/teams', {
    config: { permission: 'users:read' },
    schema: { tags: ['auth'], summary: 'Teams of this tenant', response: { 200: z.object({ items: z.array(teamResponse) }), ...errors } },
  }, async (request) => ({ items: await listTeams(db, authOf(request).tenantId) }));

  app.get('/audit/verify', {
    config: { permission: 'audit:verify' },
    schema: { tags: ['audit'], summary: "Check this tenant's hash chain for edits and deletions", response: { 200: auditVerifyResponse, ...errors } },
  }, async (request) => verifyChain(db, authOf(request).tenantId));
}

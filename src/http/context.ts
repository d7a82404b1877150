import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuthContext } from '../auth/auth.service.js';
import type { Permission } from '../auth/roles.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Locale } from '../i18n/i18n.js';

/** Everything with a side effect that the HTTP layer and services need, passed in (tests swap it). */
export type AppContext = {
  database: Database;
  config: Config;
  /** The current time; tests pass a fixed or moving clock. */
  now: () => Date;
  /** Key for secrets stored in the database (channel webhooks, passwords). */
  secretKey: Buffer;
  /** Outgoing HTTP for notifications; tests may wrap it. */
  fetch: typeof globalThis.fetch;
};

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    locale: Locale;
    idempotency: { key: string; tenantId: string } | null;
  }
  interface FastifyContextConfig {
    /** What the route needs from the token; routes without it are public. */
    permission?: Permission;
    /** false for routes whose response holds a secret that must not be stored for replays. */
    idempotency?: false;
    /** Public self-service routes: which per-IP budget (shared by all such routes) a call spends. */
    publicLimit?: 'read' | 'write';
  }
}

/** The auth context of a route that declared a permission (the hook guarantees it is set). */
export function authOf(request: { auth: AuthContext | null }): AuthContext {
  if (!request.auth) throw new Error('route without a permission asked for the auth context');
  return request.auth;
}

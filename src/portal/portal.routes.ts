import type { App, AppContext } from '../http/context.js';

/** Agents' portal routes (under /api/v1): status links for a case. */
export async function portalRoutes(_app: App, _ctx: AppContext): Promise<void> {}

/** The customer portal's public routes (under /public/v1), no token. */
export async function portalPublicRoutes(_app: App, _ctx: AppContext): Promise<void> {}

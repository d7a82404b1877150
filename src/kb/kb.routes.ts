import type { App, AppContext } from '../http/context.js';

/** Agents' knowledge-base routes (under /api/v1). */
export async function kbRoutes(_app: App, _ctx: AppContext): Promise<void> {}

/** Public knowledge-base routes (under /public/v1), no token. */
export async function kbPublicRoutes(_app: App, _ctx: AppContext): Promise<void> {}

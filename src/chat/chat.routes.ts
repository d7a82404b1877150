import type { App, AppContext } from '../http/context.js';

/** Agents' chat routes (under /api/v1). */
export async function chatRoutes(_app: App, _ctx: AppContext): Promise<void> {}

/** The chat widget's public routes and WebSocket (under /public/v1), no token. */
export async function chatPublicRoutes(_app: App, _ctx: AppContext): Promise<void> {}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './context.js';

/** Where `npm install` / `npm start` put the built console (scripts/build-web.mjs). */
export const defaultWebRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths the console never owns: they stay JSON problems when nothing matches. */
const serverPrefixes = ['/api/', '/public/', '/webhooks/', '/docs', '/metrics', '/healthz', '/openapi.json', '/assets/'];

// AntD writes its styles at run time (style-src 'unsafe-inline'); scripts only from our origin.
const pageRules = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; base-uri 'self'; form-action 'self'";
const commonHeaders = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };
const consoleHeaders = {
  'content-security-policy': `${pageRules}; connect-src 'self'; frame-ancestors 'none'`,
  'x-frame-options': 'DENY',
  ...commonHeaders,
};

/**
 * The customer portal also talks to the chat WebSocket on this origin ('self' does not cover ws:
 * everywhere). Only its chat page (/portal/chat) may be framed, by any merchant's site: the widget.
 */
function portalHeaders(request: FastifyRequest, framable: boolean): Record<string, string> {
  const host = /^[\w.:[\]-]+$/.test(request.headers.host ?? '') ? request.headers.host : null;
  const sockets = host ? `ws://${host} wss://${host}` : 'ws: wss:';
  const csp = `${pageRules}; connect-src 'self' ${sockets}; frame-ancestors ${framable ? '*' : "'none'"}`;
  // The widget's iframe sits on the merchant's page: a referrer would only tell us its origin, which we ask for anyway.
  return framable ? { 'content-security-policy': csp, ...commonHeaders } : { 'content-security-policy': csp, 'x-frame-options': 'DENY', ...commonHeaders };
}

/** The widget loader is a script on other sites: readable cross-origin, cached for a short while so updates spread. */
const widgetHeaders = {
  'content-type': 'text/javascript; charset=utf-8',
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
  'x-content-type-options': 'nosniff',
  'cache-control': 'public, max-age=300',
};

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Paydesk</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;line-height:1.6">
<h1>Paydesk</h1>
<p>控制台尚未构建。请在项目目录运行 <code>npm run build:web</code>（<code>npm install</code> 与 <code>npm start</code> 会自动构建），然后刷新本页。API 照常可用：<a href="/docs">/docs</a>。</p>
<p>The console has not been built yet. Run <code>npm run build:web</code> in the project folder (<code>npm install</code> and <code>npm start</code> do it for you), then reload. The API works as usual: <a href="/docs">/docs</a>.</p>
</body></html>`;

const isPortalPath = (path: string) => path === '/portal' || path.startsWith('/portal/');
const isChatPage = (path: string) => path === '/portal/chat' || path === '/portal/chat/';

function readPage(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/**
 * Serves the web pages: hashed assets under /assets/ (cached for a year), the widget loader at
 * /widget.js, the customer portal's page for /portal and /portal/* navigations, and the console's
 * index.html for every other browser navigation (client-side routes like /cases/…). Returns the
 * fallback the not-found handler calls; it answers only GET/HEAD requests that want HTML.
 */
export async function consoleRoutes(app: App, webRoot: string): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  // Registered even before the console is built: files are looked up per request, so a build made
  // while the server runs is served without a restart.
  const assets = join(webRoot, 'assets');
  {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      wildcard: true,
      cacheControl: true,
      maxAge: '365d',
      immutable: true,
    });
  }
  app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) => {
    const script = readPage(join(webRoot, 'widget.js'));
    // Not built yet: still valid JavaScript on the merchant's page, with a hint for whoever looks.
    return reply
      .code(script ? 200 : 503)
      .headers(widgetHeaders)
      .send(script ?? "console.warn('Paydesk: the chat widget has not been built yet (npm run build:web on the desk).');\n");
  });
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0] ?? '/';
    if (serverPrefixes.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))) return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    const portal = isPortalPath(path);
    const html = readPage(portal ? join(webRoot, 'portal', 'index.html') : join(webRoot, 'index.html'));
    void reply
      .code(html ? 200 : 503)
      .headers(portal ? portalHeaders(request, isChatPage(path)) : consoleHeaders)
      .type('text/html; charset=utf-8')
      .send(html ?? notBuilt);
    return true;
  };
}

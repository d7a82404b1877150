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
const consoleHeaders = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Paydesk</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;line-height:1.6">
<h1>Paydesk</h1>
<p>控制台尚未构建。请在项目目录运行 <code>npm run build:web</code>（<code>npm install</code> 与 <code>npm start</code> 会自动构建），然后刷新本页。API 照常可用：<a href="/docs">/docs</a>。</p>
<p>The console has not been built yet. Run <code>npm run build:web</code> in the project folder (<code>npm install</code> and <code>npm start</code> do it for you), then reload. The API works as usual: <a href="/docs">/docs</a>.</p>
</body></html>`;

/**
 * Serves the web console: hashed assets under /assets/ (cached for a year), and index.html for
 * every other browser navigation (client-side routes like /cases/…). Returns the fallback the
 * not-found handler calls; it answers only GET/HEAD requests that want HTML.
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
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0] ?? '/';
    if (serverPrefixes.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))) return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    const index = join(webRoot, 'index.html');
    const html = existsSync(index) ? readFileSync(index, 'utf8') : null;
    void reply
      .code(html ? 200 : 503)
      .headers(consoleHeaders)
      .type('text/html; charset=utf-8')
      .send(html ?? notBuilt);
    return true;
  };
}

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The one-tag widget loader (web/widget/loader.ts) is a classic script on merchants' pages, so it
 * is built on its own as a tiny IIFE, without React or shared chunks, and written next to the
 * pages as `widget.js` (served at /widget.js).
 */
function widgetLoader(): Plugin {
  let outDir = resolve(root, 'dist');
  return {
    name: 'paydesk-widget-loader',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          minify: true,
          sourcemap: false,
          lib: { entry: resolve(root, 'widget/loader.ts'), formats: ['iife'], name: 'PaydeskWidgetLoader', fileName: () => 'widget.js' },
        },
      });
    },
  };
}

/** In `npm run dev:web`, portal routes (/portal/status/…) load the portal's page, not the console's. */
function portalDevFallback(): Plugin {
  return {
    name: 'paydesk-portal-dev-fallback',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        if ((path === '/portal' || path.startsWith('/portal/')) && !/\.\w+$/.test(path) && (request.headers.accept ?? '').includes('text/html')) request.url = '/portal/index.html';
        next();
      });
    },
  };
}

// Two pages: the console (index.html) and the customer portal (portal/index.html, served at /portal/).
// `npm run dev:web` serves both with hot reload and forwards the API to a running desk.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), widgetLoader(), portalDevFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
    rollupOptions: {
      input: { console: resolve(root, 'index.html'), portal: resolve(root, 'portal/index.html') },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
      '/public': { target: 'http://localhost:8080', ws: true },
      '/widget.js': 'http://localhost:8080',
    },
  },
});

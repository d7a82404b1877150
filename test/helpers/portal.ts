// Browser tests of the customer portal and the chat widget: the real server (tenant `acme`, the
// starter knowledge base loaded) with the pages built from the current sources, and Chromium.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { classifier } from '../../src/diagnosis/classifier.js';
import { seedStarterArticles } from '../../src/kb/kb.service.js';
import { findTenantBySlug } from '../../src/tenants/tenants.service.js';
import { artifactsDir, buildConsole, chromiumFlags, chromiumPath } from './browser.js';
import { startTestServer, type TestServer } from './harness.js';

export type Viewport = { width: number; height: number };
export const phone: Viewport = { width: 390, height: 844 };
export const desktop: Viewport = { width: 1280, height: 860 };

export type PortalSession = {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far, in every page and frame of the session. */
  errors: string[];
  /** A fresh page in a new browser context (its own storage), watched for errors the same way. */
  newPage(viewport?: Viewport): Promise<Page>;
  /** Saves a full-page PNG of `target` (default: the first page) as artifacts/screenshots/<name>.png. */
  screenshot(name: string, target?: Page): Promise<string>;
  /** The API below /api/v1 as the tenant's agent; fails unless the status is under 300. */
  agent<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
};

/** The server on a temp SQLite database whose clock follows real time, the starter articles in, and a browser page. */
export async function openPortal(options: { viewport?: Viewport; locale?: 'zh-CN' | 'en' } = {}): Promise<PortalSession> {
  const webRoot = buildConsole();
  const server = await startTestServer('sqlite', {}, { webRoot });
  server.clock.now = new Date();
  const tick = setInterval(() => (server.clock.now = new Date()), 200);
  const db = server.db.database.db;
  const tenant = await findTenantBySlug(db, server.tenant.slug);
  assert.ok(tenant);
  const added = await seedStarterArticles(db, tenant.id, new Date());
  assert.ok(added > 0, 'the starter articles were loaded');
  // The diagnosis model trains on first use, synchronously; doing it now keeps that pause away from
  // the browser driver (it shares this process's event loop with the server).
  classifier();

  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const open = async (viewport: Viewport) => {
    const context = await browser.newContext({ viewport, locale: options.locale ?? 'zh-CN', isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
    return { context, page };
  };
  const first = await open(options.viewport ?? phone);
  mkdirSync(artifactsDir, { recursive: true });
  const agentToken = server.tenant.seats.agent.token;

  return {
    server,
    browser,
    context: first.context,
    page: first.page,
    errors,
    async newPage(viewport = desktop) {
      return (await open(viewport)).page;
    },
    async screenshot(name, target = first.page) {
      const path = join(artifactsDir, `${name}.png`);
      await target.screenshot({ path, fullPage: true });
      return path;
    },
    async agent(method, path, body) {
      const response = await server.call(method, `/api/v1${path}`, { token: agentToken, body });
      assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${response.text}`);
      return response.body;
    },
    async close() {
      clearInterval(tick);
      await browser.close();
      await server.close();
    },
  };
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (8-bit RGB) of one colour with a darker band, like a small screenshot of an error page. */
export function pngScreenshot(width = 120, height = 80, rgb: [number, number, number] = [230, 60, 60]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      const band = y > height / 3 && y < (height * 2) / 3 ? 0.6 : 1;
      row[1 + x * 3] = Math.round(rgb[0] * band);
      row[2 + x * 3] = Math.round(rgb[1] * band);
      row[3 + x * 3] = Math.round(rgb[2] * band);
    }
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

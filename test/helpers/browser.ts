// Browser tests: the real server on a temp database with demo data, the console built from the
// current sources, driven by Debian's Chromium through playwright-core. Screenshots go to
// artifacts/screenshots/. Without Chromium the tests are skipped locally, but fail under CI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Role } from '../../src/auth/roles.js';
import type { DialectName } from '../../src/db/dialect.js';
import { loadDemo } from '../../src/demo/demo.service.js';
import { classifier } from '../../src/diagnosis/classifier.js';
import { loadStripeDemo } from '../../src/demo/stripe-demo.js';
import { loadWechatPayDemo } from '../../src/demo/wechatpay-demo.js';
import { findTenantBySlug } from '../../src/tenants/tenants.service.js';
import { startTestServer, type TestServer } from './harness.js';

export const chromiumPath = process.env.PAYDESK_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const artifactsDir = join(process.cwd(), 'artifacts', 'screenshots');
const haveChromium = existsSync(chromiumPath);

/** A browser test: skipped (with the reason) when Chromium is missing, except under CI where that fails. */
export function browserTest(name: string, fn: (t: TestContext) => Promise<void>): void {
  if (!haveChromium && !process.env.CI) {
    test(name, { skip: `no Chromium at ${chromiumPath} (apt-get install chromium, or set PAYDESK_CHROMIUM)` }, () => {});
    return;
  }
  test(name, { timeout: 240_000 }, async (t) => {
    assert.ok(haveChromium, `browser tests need Chromium at ${chromiumPath}; .ci/run installs it`);
    await fn(t);
  });
}

let builtWebRoot: string | null = null;
/** Builds the console from the current sources into a temp folder once per test process. */
export function buildConsole(): string {
  if (builtWebRoot) return builtWebRoot;
  const outDir = mkdtempSync(join(tmpdir(), 'paydesk-web-'));
  const result = spawnSync(process.execPath, [join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  assert.equal(result.status, 0, `vite build failed:\n${result.stdout}\n${result.stderr}`);
  process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
  builtWebRoot = outDir;
  return outDir;
}

export type ConsoleOptions = { demoCases?: number; locale?: 'zh-CN' | 'en'; viewport?: { width: number; height: number } };

export type ConsoleSession = {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Saves a full-page PNG as artifacts/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Opens the console and signs in through the sign-in screen with the seeded user of that role. */
  signIn(role?: Role): Promise<void>;
  close(): Promise<void>;
};

/**
 * The real server (tenant `acme`, one user per role) whose clock follows real time, loaded with
 * the demo (cases, WeChat Pay complaints, Stripe disputes), and a fresh browser page on it.
 */
export async function openConsole(dialect: DialectName, options: ConsoleOptions = {}): Promise<ConsoleSession> {
  const webRoot = buildConsole();
  // The desk trains its classifier at start-up (src/server.ts); here the server shares the test's
  // process with Playwright, so train it now rather than stall the first bot answer mid-click.
  classifier();
  const server = await startTestServer(dialect, {}, { webRoot });
  server.clock.now = new Date();
  const tick = setInterval(() => (server.clock.now = new Date()), 200);
  const db = server.db.database.db;
  const tenant = await findTenantBySlug(db, server.tenant.slug);
  assert.ok(tenant);
  const quiet = { info() {}, warn() {}, error() {} };
  await loadDemo(db, tenant, { cases: options.demoCases ?? 60, now: new Date() });
  await loadWechatPayDemo(db, tenant, { now: new Date(), secretKey: server.secretKey, publicUrl: server.baseUrl, log: quiet });
  await loadStripeDemo(db, tenant, { now: new Date(), secretKey: server.secretKey, publicUrl: server.baseUrl, log: quiet });

  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 860 }, locale: options.locale ?? 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  mkdirSync(artifactsDir, { recursive: true });

  return {
    server,
    browser,
    context,
    page,
    errors,
    async screenshot(name) {
      const path = join(artifactsDir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async signIn(role = 'admin') {
      await page.goto(server.baseUrl + '/');
      await page.getByLabel(/API 令牌|API token/).fill(server.tenant.seats[role].token);
      await page.getByRole('button', { name: /登录|Sign in/ }).click();
      await page.getByRole('button', { name: /退出登录|Sign out/ }).waitFor();
    },
    async close() {
      clearInterval(tick);
      await browser.close();
      await server.close();
    },
  };
}

/** The API (paths below /api/v1) as the seeded user of `role` sees it, answers as they come (status, body, text). */
export function callAs(session: ConsoleSession, role: Role = 'admin') {
  const { server } = session;
  return (method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: server.tenant.seats[role].token, body });
}

/** One API call that must succeed (status under 300), as the seeded user of `role`; returns the body. */
export async function api<T>(session: ConsoleSession, method: string, path: string, body?: unknown, role: Role = 'admin'): Promise<T> {
  const response = await callAs(session, role)(method, path, body);
  assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${response.text}`);
  return response.body as T;
}

export type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** `api` bound to one seeded user. */
export function apiAs(session: ConsoleSession, role: Role): Api {
  return <T>(method: string, path: string, body?: unknown) => api<T>(session, method, path, body, role);
}

/**
 * Polls `probe` until `ok` accepts what it returns (by default: anything truthy), and returns that;
 * a probe that throws counts as not yet. After `timeoutMs` it fails with what it saw last.
 */
export async function until<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean = (value) => Boolean(value), timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: string;
    try {
      const value = await probe();
      if (ok(value)) return value;
      last = `still ${JSON.stringify(value)}`;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Waits until no toast is showing: a toast at the top of the window can swallow a click meant for what is under it. */
export async function quiet(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, undefined, { timeout: timeoutMs });
}

/** No hover tooltip or toast left over (in a screenshot, or over the next click). */
export async function settle(page: Page) {
  await page.mouse.move(0, 0);
  await quiet(page, 8_000).catch(() => undefined);
}

/** Clicks `option` in the Ant Design select dropdown that is open. */
export async function pickOption(page: Page, option: string | RegExp, timeout?: number): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click(timeout === undefined ? {} : { timeout });
}

/** Picks `option` in the Ant Design select labelled `label`. */
export async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  await chooseIn(page, page.getByLabel(label, { exact: true }), option);
}

/**
 * Picks `option` in the Ant Design select whose input is `input`, and checks the select shows it.
 * An option clicked while the dropdown is still opening can be missed, and a dialog still animating
 * in can cover the open dropdown: then the dropdown is closed and the pick tried again.
 */
export async function chooseIn(page: Page, input: Locator, option: string | RegExp): Promise<void> {
  const select = input.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  // The dropdown lives outside the select, so the select holds the option's text only once it is
  // chosen; the placeholder (shown only while nothing is chosen) must not pass for it.
  const chosen = select.filter({ hasText: option, hasNot: page.locator('.ant-select-placeholder') });
  const openDropdown = page.locator('.ant-select-dropdown:visible');
  const pickedAlready = openDropdown.locator('.ant-select-item-option-selected').filter({ hasText: option });
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await still(page).catch(() => undefined);
    if (!(await openDropdown.count())) await input.click({ timeout: 5_000 }).catch(() => undefined);
    // In a multiple select a second click on a chosen option would clear it again.
    if (!(await pickedAlready.count())) await pickOption(page, option, 4_000).catch(() => undefined);
    if (await chosen.first().waitFor({ timeout: 2_000 }).then(() => true, () => false)) return;
    if (attempt < 3) await closeDropdown(page);
  }
  // Say what the page looked like, so a failure in CI can be understood from its log alone.
  const shows = await select.first().textContent({ timeout: 1_000 }).catch(() => null);
  const offered = await openDropdown.locator('.ant-select-item-option').allTextContents().catch(() => []);
  const inputVisible = await input.isVisible().catch(() => false);
  throw new Error(`could not choose ${String(option)}: the select ${shows === null ? 'is not on the page' : `shows "${shows}"`}, its input is ${inputVisible ? '' : 'not '}visible, open options: ${offered.join(' | ') || 'none'}`);
}

/** Closes an open select dropdown (Escape with none open would close the dialog around it instead). */
export async function closeDropdown(page: Page): Promise<void> {
  if (await page.locator('.ant-select-dropdown:visible').count()) await page.keyboard.press('Escape');
}

/**
 * Clicks `button` until `shows` is visible: on a loaded machine a click on a button that React is
 * re-rendering at that moment can be lost, and a dialog that never opens only shows up as a timeout.
 */
export async function clickUntil(button: Locator, shows: Locator, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await still(button.page()).catch(() => undefined);
    await button.click({ timeout: 5_000 }).catch(() => undefined);
    if (await shows.first().waitFor({ timeout: 4_000 }).then(() => true, () => false)) return;
    if (attempt >= attempts) throw new Error(`clicking ${String(button)} did not show ${String(shows)}`);
  }
}

/** Waits until no dialog or drawer is still animating in or out (a click on a moving target can miss). */
export async function still(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]') === null, undefined, { timeout: timeoutMs });
}

/**
 * Ticks or clears a checkbox and makes sure it took: a click that lands while its dialog is still
 * moving (a slow machine) can leave the state as it was, so it is tried again.
 */
export async function setChecked(locator: Locator, checked: boolean): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await still(locator.page()).catch(() => undefined);
    if ((await locator.isChecked()) === checked) return;
    await locator.click();
    const took = await until('the checkbox to change', () => locator.isChecked(), (value) => value === checked, 2_000).then(() => true, () => false);
    if (took) return;
  }
  throw new Error(`could not ${checked ? 'tick' : 'clear'} the checkbox`);
}

/** Share of the chart's area painted on any of its canvas layers (ECharts may split a chart into several). */
export async function paintedShare(page: Page, chart: string): Promise<number> {
  return page.evaluate((name) => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>(`[data-chart="${name}"] canvas`)];
    const first = canvases[0];
    if (!first || first.width === 0 || first.height === 0) return 0;
    const painted = new Uint8Array(first.width * first.height);
    for (const canvas of canvases) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width !== first.width || canvas.height !== first.height) continue;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let index = 0; index < painted.length; index += 1) if (pixels[index * 4 + 3] !== 0) painted[index] = 1;
    }
    return painted.reduce((sum, value) => sum + value, 0) / painted.length;
  }, chart);
}

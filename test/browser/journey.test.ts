// The newcomer's path from the issue, through the real commands: `npm start` (build the console,
// `paydesk serve` on a fresh data folder, token printed once), `npx paydesk demo`, then the
// browser — sign in, filter the queue, open a case, be warned by the conduct guard, reply,
// resolve with a resolution code, read the dashboard, switch to English. Menus only, no URLs typed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { artifactsDir, browserTest, chooseOption, chromiumFlags, chromiumPath, clickUntil, paintedShare } from '../helpers/browser.js';
import { runCli, startServe } from '../helpers/cli.js';

browserTest('newcomer: npm start, paydesk demo, then work a case from the queue to resolution and read the dashboard, in Chinese and English', async () => {
  // What `npm start` runs first (prestart): bring web/dist up to date.
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  assert.equal(build.status, 0, build.stderr);
  const dataDir = mkdtempSync(join(tmpdir(), 'paydesk-journey-'));
  const served = await startServe({ PAYDESK_DATA_DIR: dataDir });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
  try {
    assert.match(served.stdout(), /console at \//);
    const token = /\b(pdk_[A-Za-z0-9_-]+)/.exec(served.stdout())?.[1];
    assert.ok(token, `no admin token printed:\n${served.stdout()}`);
    const demo = await runCli(['demo', '--cases', '40'], { PAYDESK_DATA_DIR: dataDir });
    assert.equal(demo.code, 0, demo.stderr);

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    page.on('pageerror', (error) => errors.push(error.message));
    const shot = (name: string) => page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });

    await page.goto(served.baseUrl + '/');
    await page.getByText('第一次使用？令牌从哪里来').waitFor();
    await page.getByLabel('API 令牌').fill(token);
    await page.getByRole('button', { name: '登录' }).click();

    // The queue: the demo's cases with deadlines; narrow it to WeChat Pay complaints, then all open.
    await page.getByTestId('queue-page').waitFor();
    await page.locator('.queue-table [data-tone]').first().waitFor();
    await shot('00-journey-queue-zh-CN');
    await page.getByTestId('queue-views').getByText('微信支付投诉', { exact: true }).click();
    await page.locator('.queue-table tbody tr[data-row-key]').first().waitFor();
    await page.getByTestId('queue-views').getByText('全部未结', { exact: true }).click();
    const row = page.locator('.queue-table tbody tr[data-row-key]').filter({ hasNot: page.locator('text=微信支付投诉') }).first();
    const caseId = await row.getAttribute('data-row-key');
    assert.ok(caseId);
    await row.locator('a').first().click();

    // The case: the conduct guard speaks before anything is sent; then a clean reply and resolution.
    await page.getByTestId('case-workspace').waitFor();
    assert.match(page.url(), new RegExp(`/cases/${caseId}$`));
    await page.locator('#case-composer-text').fill('方便的话加我微信 wxid_journey88 详细说');
    await page.getByTestId('conduct-warn').getByText('wxid_journey88').waitFor();
    await shot('01-journey-case-conduct-warning-zh-CN');
    await page.locator('#case-composer-text').fill('您好，已核实您的订单，退款将在 3 个工作日内原路退回。');
    await page.getByTestId('conduct-ok').waitFor();
    await page.getByTestId('composer-send').click();
    await page.getByText('回复已发送').waitFor();
    await clickUntil(page.getByTestId('transitions').getByRole('button', { name: '解决工单' }), page.getByLabel('结案方式', { exact: true }));
    await page.getByTestId('resolve-dialog').waitFor();
    await chooseOption(page, '结案方式', '已解释说明');
    await page.getByRole('dialog').getByRole('button', { name: '解决工单' }).click();
    await page.getByText('工单已转为「已解决」').waitFor();
    await shot('02-journey-case-resolved-zh-CN');

    const check = await fetch(`${served.baseUrl}/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${token}` } });
    const stored = (await check.json()) as { status: string; resolution: string; first_response_at: string | null };
    assert.equal(stored.status, 'resolved');
    assert.equal(stored.resolution, 'explained');
    assert.ok(stored.first_response_at);

    // The dashboard, reached from the menu: charts drawn.
    await page.getByRole('menuitem', { name: '主管看板' }).click();
    await page.locator('[data-chart] canvas').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-chart] canvas').length >= 5);
    const charts = await page.locator('[data-chart]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-chart') ?? ''));
    assert.ok(charts.length >= 5, `charts: ${charts.join(', ')}`);
    // Every chart marks itself ready when ECharts has finished drawing.
    await page.waitForFunction(() => document.querySelectorAll('[data-chart]:not([data-ready="true"])').length === 0, undefined, { timeout: 20_000 });
    for (const chart of charts) assert.ok((await paintedShare(page, chart)) > 0.001, `chart ${chart} is blank`);
    // Self-service from the demo's web chats, portal cases and ratings: the bot-solved rate and both charts.
    for (const chart of ['deflection', 'csat']) {
      await page.locator(`[data-chart="${chart}"][data-ready="true"]`).waitFor({ timeout: 20_000 });
      assert.ok((await paintedShare(page, chart)) > 0.001, `chart ${chart} is blank`);
    }
    assert.match(await page.getByTestId('deflection-rate').innerText(), /^\d+(\.\d)?%$/);
    await shot('03-journey-dashboard-zh-CN');

    // English everywhere, and it sticks.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Dashboard' }).waitFor();
    await page.getByRole('heading', { name: 'Supervisor dashboard' }).waitFor();
    await shot('04-journey-dashboard-en');
    await page.getByRole('menuitem', { name: 'Queue' }).click();
    await page.getByTestId('queue-page').waitFor();
    await page.getByRole('columnheader', { name: 'Subject' }).waitFor();
    await shot('05-journey-queue-en');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    served.child.kill('SIGTERM');
    await served.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import { apiAs, browserTest, callAs, openConsole, paintedShare, until } from '../helpers/browser.js';
import { seedTenant } from '../helpers/harness.js';

type Dashboard = {
  range: { from: string; to: string; timezone: string };
  open_by_category_status: Array<{ category: string; status: string; count: number }>;
  first_response: { count: number; median_minutes: number | null };
  resolution: { count: number; median_minutes: number | null };
  sla: { met: number; breached: number; achievement: number | null };
  wechatpay: Array<{ merchant_id: string; timely_handling_rate: number | null; timely_threshold: number }>;
};

type PlatformMetrics = { levels: { timely_handling_rate: string }; window: { from: string; to: string } };

const charts = ['backlog', 'breaches', 'heatmap', 'durations', 'sla', 'agent-load', 'wechatpay'] as const;
const isDashboardCall = (request: Request) => request.url().includes('/api/v1/analytics/dashboard?');

// The console's own formats, restated so the test checks the figures, not the code under test.
const percent = (rate: number, language: string) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
function span(minutes: number): string {
  const total = Math.round(minutes);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${total % 60} min`;
  return `${total % 60} min`;
}
const openTotal = (data: Dashboard) => data.open_by_category_status.reduce((sum, row) => sum + row.count, 0);

/** Every chart drawn and done animating (the wrapper marks it on ECharts' `finished`). */
async function chartsSettled(page: Page): Promise<void> {
  await until('charts settled', () => page.locator('[data-chart]:not([data-ready="true"])').count(), (pending) => pending === 0);
}

const kpiValue = (page: Page, name: string) => page.locator(`[data-kpi="${name}"]`).getAttribute('data-value');
const kpiText = (page: Page, name: string) => page.locator(`[data-kpi="${name}"] .ant-statistic-content`).innerText();
const canvasImage = (page: Page, chart: string) => page.locator(`[data-chart="${chart}"] canvas`).first().evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());

browserTest('dashboard: a supervisor sees the API figures, every chart drawn, filters by range and team, live updates, both languages', async () => {
  const session = await openConsole('sqlite');
  const { page } = session;
  const supervisor = apiAs(session, 'supervisor');
  const fetchDashboard = (query: string) => supervisor<Dashboard>('GET', `/analytics/dashboard?${query}`);
  try {
    await session.signIn('supervisor');
    const firstCall = page.waitForRequest(isDashboardCall);
    await page.getByRole('link', { name: '主管看板' }).click();
    await page.getByRole('heading', { name: '主管看板' }).waitFor();
    const query = new URL((await firstCall).url()).searchParams;
    // Default range: the last 30 days, all teams.
    const from = query.get('from') ?? '';
    const to = query.get('to') ?? '';
    assert.equal((Date.parse(to) - Date.parse(from)) / 86_400_000, 29);
    assert.equal(query.get('team'), null);

    // The KPI figures are the API's for the same range.
    const all = await fetchDashboard(`from=${from}&to=${to}`);
    await until('open cases KPI', () => kpiValue(page, 'open'), (value) => value === String(openTotal(all)));
    assert.ok(openTotal(all) > 0);
    assert.equal(await kpiText(page, 'open'), String(openTotal(all)));
    assert.ok(all.sla.achievement !== null);
    assert.equal(Number(await kpiValue(page, 'sla')), all.sla.achievement);
    assert.equal(await kpiText(page, 'sla'), percent(all.sla.achievement, 'zh-CN'));
    assert.ok(all.first_response.median_minutes !== null && all.resolution.median_minutes !== null);
    assert.equal(await kpiText(page, 'first-reply'), span(all.first_response.median_minutes));
    assert.equal(await kpiText(page, 'resolution'), span(all.resolution.median_minutes));
    const merchant = all.wechatpay[0];
    assert.ok(merchant && merchant.timely_handling_rate !== null, 'the demo sets up WeChat Pay');
    assert.equal(await kpiText(page, 'wechatpay'), percent(merchant.timely_handling_rate, 'zh-CN'));
    // Coloured by the server's own verdict against the threshold (the demo merchant is below it).
    const platform = await supervisor<PlatformMetrics>('GET', `/metrics/platform-complaints?platform=wechatpay&mchid=${merchant.merchant_id}&as_of=${to}`);
    const level = platform.levels.timely_handling_rate;
    await page.locator(`[data-kpi="wechatpay"] [data-level="${level}"]`).waitFor();
    if (level === 'breached') {
      assert.equal(await page.locator('[data-kpi="wechatpay"] .ant-statistic-content').evaluate((node) => getComputedStyle(node).color), 'rgb(207, 19, 34)');
    }
    // What the thresholds mean, and what happens below them.
    await page.getByText('这两个指标意味着什么').waitFor();
    await page.getByText(/限制收款能力.*关闭商户主体下全部支付权限/).waitFor();
    await page.getByText(`${platform.window.from} 至 ${platform.window.to}`).waitFor();

    // Every chart is drawn on a canvas with something on it, and named for screen readers.
    for (const chart of charts) {
      await page.locator(`[data-chart="${chart}"] canvas`).first().waitFor();
      await until(`${chart} canvas painted`, () => paintedShare(page, chart), (share) => share > 0.01);
      assert.ok(((await page.locator(`[data-chart="${chart}"]`).getAttribute('aria-label')) ?? '').length > 10, `${chart} has an aria-label`);
    }
    assert.match((await page.locator('[data-chart="backlog"]').getAttribute('aria-label')) ?? '', new RegExp(`^未结工单：类别 × 状态。横向堆叠条形图：共 ${openTotal(all)} 件未结工单，最多的类别是`));
    await chartsSettled(page);
    await session.screenshot('50-dashboard-overview-zh-CN');
    // Chart tooltips speak the console's language.
    await page.locator('[data-chart="sla"]').hover();
    await page.locator('[data-chart="sla"]').getByText(/达成率: \d/).waitFor();
    await page.mouse.move(0, 0);

    // Refresh asks again for the same range.
    const refreshCall = page.waitForRequest((request) => isDashboardCall(request) && request.url().includes(`from=${from}&to=${to}`));
    await page.getByRole('button', { name: '刷新' }).click();
    await refreshCall;

    // A new case reaches the dashboard through the live stream, without a reload or the 60 s timer.
    const created = await callAs(session, 'supervisor')('POST', '/cases', { subject: '看板实时更新检查', category: 'refund.request', team: 'L1' });
    assert.equal(created.status, 201, created.text);
    await until('open cases after a new case', () => kpiValue(page, 'open'), (value) => value === String(openTotal(all) + 1), 10_000);

    // A preset range asks for those days and shows them.
    const weekCall = page.waitForRequest((request) => isDashboardCall(request) && new URL(request.url()).searchParams.get('from') !== from);
    await page.getByLabel('开始日期').click();
    await page.getByText('最近 7 天').click();
    const week = new URL((await weekCall).url()).searchParams;
    assert.equal((Date.parse(week.get('to') ?? '') - Date.parse(week.get('from') ?? '')) / 86_400_000, 6);
    await page.getByTestId('dashboard-range').getByText(`${week.get('from')} 至 ${week.get('to')}`).waitFor();
    assert.match(page.url(), new RegExp(`from=${week.get('from')}&to=${week.get('to')}`));
    const weekData = await fetchDashboard(`from=${week.get('from')}&to=${week.get('to')}`);
    await until('SLA KPI for 7 days', () => kpiValue(page, 'sla'), (value) => value === String(weekData.sla.achievement ?? ''));

    // The team filter asks for that team's figures and shows its handover.
    const teamCall = page.waitForRequest((request) => isDashboardCall(request) && request.url().includes('team=L1'));
    await page.getByLabel('团队', { exact: true }).click();
    await page.locator('.ant-select-item-option[title="L1 frontline (L1)"]').click();
    await teamCall;
    const l1 = await fetchDashboard(`from=${week.get('from')}&to=${week.get('to')}&team=L1`);
    assert.notEqual(openTotal(l1), openTotal(all) + 1);
    await until('open cases KPI for L1', () => kpiValue(page, 'open'), (value) => value === String(openTotal(l1)));
    const handover = await supervisor<{ open_cases: { count: number } }>('GET', '/handover?team=L1');
    await page.getByRole('region', { name: '交接班：L1 frontline' }).getByText(String(handover.open_cases.count), { exact: true }).first().waitFor();
    assert.match(page.url(), /team=L1/);
    await chartsSettled(page);
    await session.screenshot('51-dashboard-team-L1-zh-CN');

    // Back to every team over 30 days.
    await page.getByLabel('团队', { exact: true }).click();
    await page.locator('.ant-select-item-option[title="全部团队"]').click();
    await page.getByLabel('开始日期').click();
    await page.getByText('最近 30 天').click();
    await until('open cases KPI, all teams', () => kpiValue(page, 'open'), (value) => value === String(openTotal(all) + 1));
    await page.getByText('选择一个团队，即可在这里看到它的交接班摘要', { exact: false }).waitFor();

    // English: card titles, screen-reader labels, canvas texts and tooltips all change.
    await page.mouse.move(0, 0);
    const backlogZh = await canvasImage(page, 'backlog');
    await page.getByText('EN', { exact: true }).click();
    for (const title of ['Open cases by category and status', 'Upcoming breaches by team', 'New cases by weekday and hour', 'First reply and resolution (daily median)', 'SLA achievement by clock', 'Agent load', 'WeChat Pay complaint metrics']) {
      await page.getByText(title, { exact: true }).waitFor();
    }
    await page.getByText('Pick a team to see its shift handover here', { exact: false }).waitFor();
    await page.getByText('What these metrics mean').waitFor();
    assert.match((await page.locator('[data-chart="heatmap"]').getAttribute('aria-label')) ?? '', /^New cases by weekday and hour\. Heat map: /);
    await until('backlog legend redrawn in English', () => canvasImage(page, 'backlog'), (image) => image !== backlogZh);
    const allNow = await fetchDashboard(`from=${from}&to=${to}`);
    assert.equal(await kpiText(page, 'sla'), allNow.sla.achievement === null ? '—' : percent(allNow.sla.achievement, 'en'));
    await chartsSettled(page);
    await session.screenshot('52-dashboard-overview-en');
    await page.locator('[data-chart="sla"]').hover();
    await page.locator('[data-chart="sla"]').getByText(/Achievement: \d/).waitFor();
    await page.mouse.move(0, 0);

    // Tablet width: one column, nothing wider than the screen, charts resized to fit.
    await page.setViewportSize({ width: 820, height: 1180 });
    await until('page fits 820 px', () => page.evaluate(() => document.documentElement.scrollWidth), (width) => width <= 820);
    for (const chart of charts) {
      const fits = await page.locator(`[data-chart="${chart}"]`).evaluate((node) => {
        const canvas = node.querySelector('canvas');
        return canvas !== null && canvas.getBoundingClientRect().width <= node.getBoundingClientRect().width + 1 && node.getBoundingClientRect().right <= 820;
      });
      assert.ok(fits, `${chart} fits the tablet width`);
    }
    await chartsSettled(page);
    await session.screenshot('53-dashboard-tablet-en');

    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
});

browserTest('dashboard: an agent gets the 403 page; a desk without cases shows how to start', async () => {
  const session = await openConsole('sqlite', { demoCases: 5 });
  const { page, server } = session;
  try {
    await session.signIn('agent');
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    assert.equal(await page.getByRole('link', { name: '主管看板' }).count(), 0);
    await page.goto(server.baseUrl + '/dashboard');
    await page.getByText('您的角色无权查看此页面。').waitFor();
    assert.equal(await page.locator('[data-testid="dashboard"]').count(), 0);
    await session.screenshot('54-dashboard-forbidden-agent-zh-CN');

    // A second tenant with no cases at all.
    const empty = await seedTenant(server.db.database, 'empty');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('API 令牌').fill(empty.seats.supervisor.token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '主管看板' }).click();
    const emptyCard = page.getByTestId('dashboard-empty');
    await emptyCard.getByText(/运行 npx paydesk demo 载入演示数据/).waitFor();
    await emptyCard.getByText('如果您预期这里有数据，请扩大日期范围或清除团队筛选。').waitFor();
    assert.equal(await page.locator('[data-chart]').count(), 0);
    await session.screenshot('55-dashboard-empty-zh-CN');
    await page.getByText('EN', { exact: true }).click();
    await emptyCard.getByText(/Run npx paydesk demo to load demo data/).waitFor();
    await session.screenshot('56-dashboard-empty-en');

    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
});

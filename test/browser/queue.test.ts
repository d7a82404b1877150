import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, browserTest, callAs, openConsole, pickOption, until, type ConsoleSession } from '../helpers/browser.js';
import { dialects, seedTenant } from '../helpers/harness.js';

const openStatuses = 'new,open,pending_customer,pending_internal,paused';
const tones = ['green', 'amber', 'red', 'breached'];

type ListedCase = { id: string; number: number; subject: string; channel: string; status: string; assignee_id: string | null };

/** Case ids of the queue's rows, top to bottom. */
function rowIds(page: Page): Promise<string[]> {
  return page.$$eval('.queue-table tbody tr[data-row-key]', (rows) => rows.map((row) => row.getAttribute('data-row-key') ?? ''));
}

async function listCases(session: ConsoleSession, query: string): Promise<ListedCase[]> {
  return (await apiAs(session, 'agent')<{ items: ListedCase[] }>('GET', `/cases?${query}`)).items;
}

/** Waits until the table shows exactly what the API lists for the same filter. */
async function expectRowsMatch(session: ConsoleSession, query: string, what: string): Promise<ListedCase[]> {
  let expected: ListedCase[] = [];
  let shown: string[] = [];
  try {
    await until(what, async () => {
      expected = await listCases(session, `${query}&limit=50`);
      shown = await rowIds(session.page);
      return shown.length > 0 && JSON.stringify(shown) === JSON.stringify(expected.map((item) => item.id));
    });
  } catch (error) {
    await session.screenshot(`failed-${what.replace(/\W+/g, '-')}`);
    throw new Error(`${(error as Error).message}\n shown ${shown.length}: ${shown.slice(0, 5).join(' ')}\n expected ${expected.length}: ${expected.slice(0, 5).map((item) => item.id).join(' ')}\n at ${session.page.url()}`);
  }
  return expected;
}

async function selectedView(page: Page): Promise<string> {
  return (await page.locator('[data-testid="queue-views"] .ant-segmented-item-selected').textContent()) ?? '';
}

/** Picks a built-in view and waits until the page shows it as the current one. */
async function pickView(page: Page, label: string): Promise<void> {
  await page.getByTestId('queue-views').getByText(label, { exact: true }).click();
  await until(`view ${label}`, async () => (await selectedView(page)) === label);
}

async function queueFlow(session: ConsoleSession, dialect: string, screenshots: boolean): Promise<void> {
  const { page, server } = session;
  const agent = server.tenant.seats.agent;
  await session.signIn('agent');

  // The default view is "all open", newest first, with a coloured time-left tag on each clock.
  await page.getByTestId('queue-page').waitFor();
  await expectRowsMatch(session, `status=${openStatuses}&sort=-created_at`, `${dialect}: default view rows`);
  assert.equal(await selectedView(page), '全部未结');
  const shownTones = await page.locator('.queue-table [data-tone]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-tone') ?? ''));
  assert.ok(shownTones.length > 0, 'deadline tags are shown');
  for (const tone of shownTones) assert.ok(tones.includes(tone), `tone ${tone}`);
  await page.getByText('已加载 50 个工单，还有更多').waitFor();
  await page.getByTestId('key-hint').waitFor();
  if (screenshots) await session.screenshot('10-queue-open-zh-CN');

  // "More" pages come through the cursor.
  await page.getByRole('button', { name: '加载更多' }).click();
  await until('a second page', async () => (await rowIds(page)).length > 50);

  // WeChat Pay complaints: exactly the API's answer for channel=wechatpay, every row a WeChat Pay case.
  await pickView(page, '微信支付投诉');
  await until('the URL to carry the view', async () => new URL(page.url()).searchParams.get('channel') === 'wechatpay');
  const wechat = await expectRowsMatch(session, `status=${openStatuses}&channel=wechatpay`, `${dialect}: WeChat Pay rows`);
  assert.ok(wechat.every((item) => item.channel === 'wechatpay'));
  const channelsShown = await page.locator('.queue-table tbody [data-channel]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-channel')));
  assert.ok(channelsShown.length > 0 && channelsShown.every((channel) => channel === 'wechatpay'), `channels shown: ${channelsShown.join(',')}`);
  assert.equal(await selectedView(page), '微信支付投诉');
  if (screenshots) await session.screenshot('11-queue-wechatpay-zh-CN');

  // Text search over every status finds a known demo case by its subject.
  await pickView(page, '全部');
  await until('the "all" view', async () => new URL(page.url()).searchParams.get('status') === 'any');
  const [known] = await listCases(session, 'sort=number&limit=1');
  assert.ok(known);
  await page.getByRole('searchbox', { name: '搜索工单' }).fill(known.subject);
  await page.getByRole('searchbox', { name: '搜索工单' }).press('Enter');
  await until('q in the URL', async () => new URL(page.url()).searchParams.get('q') === known.subject);
  await expectRowsMatch(session, `q=${encodeURIComponent(known.subject)}`, `${dialect}: search rows`);
  assert.ok((await rowIds(page)).includes(known.id));

  // Status filter: only resolved cases; the filter is in the URL and survives a reload.
  await page.getByRole('button', { name: '重置筛选' }).click();
  await until('filters reset', async () => new URL(page.url()).search === '');
  const status = page.getByTestId('filter-status');
  await status.hover();
  await status.locator('.ant-select-clear').click();
  await until('status=any in the URL', async () => page.url(), (url) => new URL(url).searchParams.get('status') === 'any');
  await status.getByText('全部状态').waitFor();
  // An option clicked while the dropdown is still opening can be missed: open and pick again until the URL has it.
  for (let attempt = 0; attempt < 3 && new URL(page.url()).searchParams.get('status') !== 'resolved'; attempt += 1) {
    await status.click();
    await pickOption(page, '已解决');
    await page.keyboard.press('Escape');
    await until('status=resolved in the URL', async () => page.url(), (url) => new URL(url).searchParams.get('status') === 'resolved', 3_000).catch(() => undefined);
  }
  await until('status=resolved in the URL', async () => page.url(), (url) => new URL(url).searchParams.get('status') === 'resolved');
  await expectRowsMatch(session, 'status=resolved', `${dialect}: resolved rows`);
  const statusesShown = await page.locator('.queue-table tbody [data-status]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-status')));
  assert.ok(statusesShown.every((value) => value === 'resolved'));
  await page.reload();
  await page.getByTestId('queue-page').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('status'), 'resolved');
  await expectRowsMatch(session, 'status=resolved', `${dialect}: resolved rows after reload`);
  await status.getByText('已解决').waitFor();

  // Keyboard: j/k move the highlight, Enter opens the case, r opens it with the reply composer.
  await pickView(page, '全部未结');
  const open = await expectRowsMatch(session, `status=${openStatuses}`, `${dialect}: open rows`);
  await page.locator('h3').first().click();
  await page.keyboard.press('j');
  await page.locator(`tr[data-row-key="${open[0]?.id}"][data-focused="true"]`).waitFor();
  await page.keyboard.press('j');
  await page.locator(`tr[data-row-key="${open[1]?.id}"][data-focused="true"]`).waitFor();
  await page.keyboard.press('k');
  await page.locator(`tr[data-row-key="${open[0]?.id}"][data-focused="true"]`).waitFor();
  assert.equal(await page.locator('tr[data-focused="true"]').count(), 1);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === `/cases/${open[0]?.id}`);
  await page.getByTestId('queue-page').waitFor({ state: 'detached' });
  await page.goBack();
  // Back in the queue, the highlight is still on the case just opened; j moves on from there.
  await page.locator(`tr[data-row-key="${open[0]?.id}"][data-focused="true"]`).waitFor();
  const openAgain = await expectRowsMatch(session, `status=${openStatuses}`, `${dialect}: open rows again`);
  const next = openAgain[openAgain.findIndex((item) => item.id === open[0]?.id) + 1];
  assert.ok(next);
  await page.locator('h3').first().click();
  await page.keyboard.press('j');
  await page.locator(`tr[data-row-key="${next.id}"][data-focused="true"]`).waitFor();
  await page.keyboard.press('r');
  await page.waitForURL((url) => url.pathname === `/cases/${next.id}` && url.searchParams.get('reply') === '1');
  await page.getByTestId('queue-page').waitFor({ state: 'detached' });
  await page.goBack();
  // "/" jumps to search; keys typed there stay there.
  await page.getByTestId('queue-page').waitFor();
  await page.locator('h3').first().click();
  await page.keyboard.press('/');
  await page.keyboard.type('jk');
  assert.equal(await page.getByRole('searchbox', { name: '搜索工单' }).inputValue(), 'jk');
  assert.equal(new URL(page.url()).pathname, '/');
  await page.getByRole('searchbox', { name: '搜索工单' }).fill('');

  // Bulk assignment: two unassigned cases to the agent, checked through the API.
  await pickView(page, '未分配');
  const unassigned = await expectRowsMatch(session, `status=${openStatuses}&assignee=none`, `${dialect}: unassigned rows`);
  assert.ok(unassigned.length >= 2, 'the demo leaves some cases unassigned');
  const picked = unassigned.slice(0, 2);
  for (const item of picked) await page.locator(`tr[data-row-key="${item.id}"] input[type="checkbox"]`).check();
  await page.getByTestId('bulk-bar').getByText('已选择 2 个工单').waitFor();
  await page.getByTestId('bulk-assignee').click();
  await page.keyboard.type('agent of acme');
  await pickOption(page, 'agent of acme');
  if (screenshots) await session.screenshot('12-queue-bulk-assign-zh-CN');
  await page.getByTestId('bulk-bar').locator('button', { hasText: /^分配$/ }).click();
  await page.getByText('成功 2 个，失败 0 个').waitFor();
  for (const item of picked) {
    const fetched = await apiAs(session, 'agent')<ListedCase>('GET', `/cases/${item.id}`);
    assert.equal(fetched.assignee_id, agent.userId, `case #${item.number} assigned to the agent`);
  }
  await until('assigned cases to leave the unassigned view', async () => (await rowIds(page)).every((id) => !picked.some((item) => item.id === id)));
  await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
  // They are now the agent's own.
  await pickView(page, '我的');
  await until('the agent\'s cases', async () => {
    const mine = await rowIds(page);
    return picked.every((item) => mine.includes(item.id));
  });

  // Live: a case created through the API while the page is open appears without a reload.
  await pickView(page, '未分配');
  await expectRowsMatch(session, `status=${openStatuses}&assignee=none`, `${dialect}: unassigned rows before the new case`);
  await page.locator('[data-testid="live-status"][data-live="true"]').waitFor();
  const subject = `Live queue check ${dialect} ${Date.now()}`;
  const created = await callAs(session, 'supervisor')('POST', '/cases', { subject, channel: 'email', description: 'Card was charged twice for one order.' });
  assert.equal(created.status, 201, created.text);
  await page.locator(`tr[data-row-key="${created.body.id}"]`).getByText(subject).waitFor({ timeout: 15_000 });
  assert.equal((await rowIds(page))[0], created.body.id);

  // English labels, and the URL filters still apply.
  await page.getByText('EN', { exact: true }).click();
  await page.getByTestId('queue-views').getByText('Unassigned', { exact: true }).waitFor();
  await page.getByRole('columnheader', { name: 'Subject' }).waitFor();
  await page.getByRole('columnheader', { name: 'Time left' }).waitFor();
  assert.equal(await selectedView(page), 'Unassigned');
  await pickView(page, 'All open');
  await expectRowsMatch(session, `status=${openStatuses}`, `${dialect}: open rows in English`);
  await page.getByText('Cases loaded: 50 (more available)').waitFor();
  await page.locator('.queue-table [data-status="new"]').first().getByText('New', { exact: true }).waitFor();
  if (screenshots) await session.screenshot('13-queue-open-en');
}

for (const dialect of dialects) {
  browserTest(`queue (${dialect}): views, filters in the URL, search, keyboard, bulk assignment, live rows, both languages`, async () => {
    const session = await openConsole(dialect);
    try {
      await queueFlow(session, dialect, dialect === 'sqlite');
      assert.deepEqual(session.errors, []);
    } finally {
      await session.close();
    }
  });
}

browserTest('queue: saved views per user, breaching-soon order, category groups, tablet width', async () => {
  const session = await openConsole('sqlite', { locale: 'en' });
  const { page, server } = session;
  try {
    await page.goto(server.baseUrl + '/');
    await page.evaluate(() => localStorage.setItem('paydesk.language', 'en'));
    await session.signIn('agent');
    await page.getByTestId('queue-page').waitFor();

    // Breaching soon: open cases due within 4 hours (overdue included), soonest first.
    await pickView(page, 'Breaching soon');
    await until('due window in the URL', async () => new URL(page.url()).searchParams.get('due') === '4' && new URL(page.url()).searchParams.get('sort') === 'due_at');
    await until('breaching rows', async () => {
      const dueBefore = new Date(Date.now() + 4 * 3_600_000).toISOString();
      const expected = await listCases(session, `status=${openStatuses}&sort=due_at&due_before=${encodeURIComponent(dueBefore)}&limit=50`);
      return JSON.stringify(await rowIds(page)) === JSON.stringify(expected.map((item) => item.id));
    });
    const breachingTones = await page.locator('.queue-table tbody [data-tone]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-tone') ?? ''));
    assert.ok(breachingTones.every((tone) => tone !== 'green'), `nothing due in more than 4 h: ${breachingTones.join(',')}`);
    await page.getByText('Sorted by deadline: only cases that have a deadline are listed.').waitFor();

    // Category groups: "all payment failures" lists only payment_failed.* cases.
    await pickView(page, 'All');
    await page.getByTestId('filter-category').click();
    await pickOption(page, 'All payment failures');
    await until('category in the URL', async () => new URL(page.url()).searchParams.get('category') === 'payment_failed.*');
    const failures = await expectRowsMatch(session, 'category=payment_failed.*', 'payment failure rows');
    assert.ok(failures.length > 0);

    // Save the current filters as a view, open another view, come back through the saved one.
    await page.getByRole('button', { name: 'Save as view' }).click();
    await page.getByLabel('View name').fill('Payment failures, any status');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Open view "Payment failures, any status"' }).waitFor();
    await pickView(page, 'Disputes');
    await until('the disputes view', async () => new URL(page.url()).searchParams.get('channel') === 'stripe');
    await expectRowsMatch(session, `status=${openStatuses}&channel=stripe`, 'dispute rows');
    await page.getByRole('button', { name: 'Open view "Payment failures, any status"' }).click();
    await until('the saved view restored', async () => new URL(page.url()).searchParams.get('category') === 'payment_failed.*' && new URL(page.url()).searchParams.get('status') === 'any');
    await expectRowsMatch(session, 'category=payment_failed.*', 'saved view rows');
    // It is kept in this browser for this user, across reloads.
    await page.reload();
    await page.getByRole('button', { name: 'Open view "Payment failures, any status"' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Open view "Payment failures, any status"' }).getAttribute('aria-pressed'), 'true');
    await session.screenshot('14-queue-saved-view-en');

    // Another user on this browser does not see it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await session.signIn('supervisor');
    await page.getByText('No saved views yet', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await session.signIn('agent');
    await page.getByRole('button', { name: 'Delete view "Payment failures, any status"' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No saved views yet', { exact: false }).waitFor();

    // Tablet width: less important columns give way to the subject.
    await page.setViewportSize({ width: 820, height: 1000 });
    await pickView(page, 'All open');
    await expectRowsMatch(session, `status=${openStatuses}`, 'open rows on a tablet');
    assert.equal(await page.getByRole('columnheader', { name: 'Category' }).count(), 0);
    assert.equal(await page.getByRole('columnheader', { name: 'Channel' }).count(), 0);
    assert.ok(await page.getByRole('columnheader', { name: 'Subject' }).isVisible());
    assert.ok(await page.getByRole('columnheader', { name: 'Time left' }).isVisible());
    await session.screenshot('15-queue-tablet-en');
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
});

browserTest('queue: a fresh desk tells the newcomer to load the demo, in both languages', async () => {
  const session = await openConsole('sqlite', { demoCases: 5 });
  const { page, server } = session;
  try {
    // The console's tenant has the demo; a second tenant on the same server has nothing yet.
    const fresh = await seedTenant(server.db.database, 'fresh');
    await page.goto(server.baseUrl + '/');
    await page.getByLabel('API 令牌').fill(fresh.seats.agent.token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('还没有工单。运行 npx paydesk demo 载入演示数据').waitFor();
    await session.screenshot('16-queue-empty-desk-zh-CN');
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('No cases yet. Run npx paydesk demo to load demo data').waitFor();
    await session.screenshot('17-queue-empty-desk-en');
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
});

import assert from 'node:assert/strict';
import { browserTest, openConsole } from '../helpers/browser.js';

browserTest('console: first-run sign-in screen, a refused token, sign in, switch language, sign out', async () => {
  const session = await openConsole('sqlite', { demoCases: 10 });
  const { page, server } = session;
  try {
    await page.goto(server.baseUrl + '/');
    // A newcomer is told where the token comes from.
    await page.getByText('第一次使用？令牌从哪里来').waitFor();
    await page.getByText('npx paydesk token create --tenant default --role admin').waitFor();
    await session.screenshot('01-sign-in-zh-CN');

    await page.getByLabel('API 令牌').fill('pdk_not-a-real-token');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('令牌无效、已吊销或已过期。').waitFor();

    await page.getByLabel('API 令牌').fill(server.tenant.seats.supervisor.token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.getByText('supervisor of acme · 主管 · acme').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');

    // The language switch changes every text, the server's problem titles included, and sticks.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByText('supervisor of acme · Supervisor · acme').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

    // Live updates connect over the stream.
    await page.locator('[data-testid="live-status"][data-live="true"]').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('First time here? Where the token comes from').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('paydesk.token')), null);
    // The one refused token above is the only failed request the browser saw.
    assert.deepEqual(session.errors, ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  } finally {
    await session.close();
  }
});

browserTest('console: a revoked token signs the browser out', async () => {
  const session = await openConsole('sqlite', { demoCases: 5 });
  const { page, server } = session;
  try {
    const created = await server.call('POST', '/api/v1/tokens', { token: server.tenant.seats.admin.token, body: { name: 'short-lived', role: 'agent' } });
    assert.equal(created.status, 201, created.text);
    await page.goto(server.baseUrl + '/');
    await page.getByLabel('API 令牌').fill(created.body.token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    const revoked = await server.call('DELETE', `/api/v1/tokens/${created.body.id}`, { token: server.tenant.seats.admin.token });
    assert.equal(revoked.status, 200, revoked.text);
    await page.reload();
    await page.getByLabel('API 令牌').waitFor();
  } finally {
    await session.close();
  }
});

// Settings › users and tokens, teams and schedules, notification channels: driven through the
// console as an admin, checked against the API and, for notifications, against a fake receiver.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserTest, callAs as adminCall, closeDropdown, openConsole, setChecked } from '../helpers/browser.js';
import { startFakeWebhookReceiver } from '../fakes/webhook-receiver.js';
import { startFakeWecom } from '../fakes/wecom.js';

/** Opens the antd Select labelled `label` and picks the option showing `option`. */
async function choose(page: Page, label: string | RegExp | ReturnType<Page['locator']>, option: string, search = false): Promise<void> {
  await page.locator('.ant-select-dropdown').filter({ visible: true }).first().waitFor({ state: 'hidden' });
  await (typeof label === 'string' || label instanceof RegExp ? page.getByLabel(label, { exact: typeof label === 'string' }) : label).click();
  // Long lists are virtual: search so the option is rendered.
  if (search) await page.keyboard.type(option);
  const item = page.locator('.ant-select-item-option').filter({ visible: true }).filter({ has: page.getByText(option, { exact: true }) }).first();
  const open = page.locator('.ant-select-dropdown').filter({ visible: true }).first();
  // A click that lands while the dropdown is still sliding in can miss: try again until it closes.
  for (let attempt = 1; ; attempt += 1) {
    await item.click();
    try {
      await open.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3 || (await item.count()) === 0) throw error;
    }
  }
}

/** Adds `name` in the multiple Select labelled `label` inside `scope`, and closes its dropdown. */
async function addTo(page: Page, scope: ReturnType<Page['locator']>, label: string, name: string): Promise<void> {
  await page.locator('.ant-select-dropdown').filter({ visible: true }).first().waitFor({ state: 'hidden' });
  await scope.getByLabel(label, { exact: true }).click();
  const item = page.locator('.ant-select-item-option').filter({ visible: true }).filter({ hasText: name });
  // The chosen name shows as a tag in the field; a click that missed the sliding dropdown is repeated.
  for (let attempt = 1; ; attempt += 1) {
    await item.click();
    try {
      await scope.getByText(name, { exact: true }).first().waitFor({ timeout: 3_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await closeDropdown(page);
  await page.locator('.ant-select-dropdown').filter({ visible: true }).first().waitFor({ state: 'hidden' });
}

/** The table row that holds `text`. */
const rowWith = (page: Page, text: string, within?: string) => (within ? page.getByTestId(within) : page).locator('tr.ant-table-row').filter({ hasText: text });

browserTest('settings: an admin adds a user, changes their role, deactivates them, and creates a token shown once that stops working when revoked', async () => {
  const session = await openConsole('sqlite', { demoCases: 10 });
  const { page, server } = session;
  const call = adminCall(session);
  try {
    await session.signIn('admin');
    await page.goto(server.baseUrl + '/settings/users');
    await page.getByRole('tab', { name: '用户与令牌', selected: true }).waitFor();
    await rowWith(page, 'agent of acme', 'users-card').waitFor();
    await session.screenshot('50-settings-users-zh-CN');

    // The form checks its fields before anything is sent.
    await page.getByRole('button', { name: '添加用户' }).click();
    const addDialog = page.getByRole('dialog', { name: '添加用户' });
    await addDialog.getByRole('button', { name: '添加' }).click();
    await addDialog.getByText('请填写姓名').waitFor();
    await addDialog.getByLabel('邮箱').fill('not-an-address');
    await addDialog.getByText('请输入有效的邮箱地址').waitFor();

    await addDialog.getByLabel('姓名').fill('王小明');
    await addDialog.getByLabel('邮箱').fill('xiaoming@acme.test');
    await choose(page, '团队', 'L2 专家支持');
    await session.screenshot('51-settings-user-form-zh-CN');
    await addDialog.getByRole('button', { name: '添加' }).click();
    await addDialog.waitFor({ state: 'hidden' });
    await rowWith(page, '王小明', 'users-card').waitFor();

    type ApiUser = { id: string; name: string; email: string; role: string; team: string; active: boolean };
    const users = (await call('GET', '/users')).body as { items: ApiUser[] };
    const xiaoming = users.items.find((user) => user.name === '王小明');
    assert.ok(xiaoming, 'the new user exists in the API');
    assert.equal(xiaoming.email, 'xiaoming@acme.test');
    assert.equal(xiaoming.role, 'agent');
    assert.equal(xiaoming.team, 'L2');
    assert.equal(xiaoming.active, true);

    // The server's refusal of a taken e-mail lands on the e-mail field.
    await page.getByRole('button', { name: '添加用户' }).click();
    await addDialog.getByLabel('姓名').fill('另一个小明');
    await addDialog.getByLabel('邮箱').fill('xiaoming@acme.test');
    await addDialog.getByRole('button', { name: '添加' }).click();
    await addDialog.locator('.ant-form-item').filter({ has: page.getByLabel('邮箱') }).getByText('xiaoming@acme.test').waitFor();
    await addDialog.getByRole('button', { name: '取消' }).click();
    await addDialog.waitFor({ state: 'hidden' });

    // Role change through the edit form.
    await page.getByRole('button', { name: '编辑 王小明' }).click();
    const editDialog = page.getByRole('dialog', { name: '编辑用户「王小明」' });
    await choose(page, '角色', '主管');
    await editDialog.getByRole('button', { name: '保存' }).click();
    await editDialog.waitFor({ state: 'hidden' });
    await rowWith(page, '王小明', 'users-card').locator('[data-role="supervisor"]').waitFor();
    assert.equal((await call('GET', '/users')).body.items.find((user: { id: string }) => user.id === xiaoming.id).role, 'supervisor');

    // Deactivating asks first.
    await page.getByRole('switch', { name: '启用 王小明' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '停用用户「王小明」？' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '停用' }).click();
    await page.getByRole('switch', { name: '启用 王小明', checked: false }).waitFor();
    assert.equal((await call('GET', '/users')).body.items.find((user: { id: string }) => user.id === xiaoming.id).active, false);

    // A token is shown once, works, and stops working when revoked.
    await page.getByRole('button', { name: '创建令牌' }).click();
    const tokenDialog = page.getByRole('dialog', { name: '创建 API 令牌' });
    await tokenDialog.getByLabel('名称').fill('CRM 集成');
    await choose(page, '所属用户', 'agent of acme');
    await tokenDialog.getByRole('button', { name: '创建' }).click();
    const shown = page.getByRole('dialog', { name: '令牌「CRM 集成」已创建' });
    await shown.getByText('请立即复制：关闭此窗口后将无法再次查看此令牌。').waitFor();
    const token = await shown.getByTestId('new-token').inputValue();
    assert.match(token, /^pdk_/);
    // The copy button puts exactly the token on the clipboard.
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await shown.getByRole('button', { name: /复制$/ }).click();
    await page.getByText('已复制到剪贴板').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
    await session.screenshot('52-settings-token-created-zh-CN');

    const me = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    const meBody = (await me.json()) as { role: string; name: string };
    assert.equal(meBody.role, 'agent');
    assert.equal(meBody.name, 'agent of acme');

    await shown.getByRole('button', { name: '我已复制，关闭' }).click();
    await shown.waitFor({ state: 'hidden' });
    const tokenRow = rowWith(page, 'CRM 集成', 'tokens-card');
    await tokenRow.getByText(`${token.slice(0, 10)}…`).waitFor();
    assert.ok(!(await page.content()).includes(token), 'the secret is gone from the page once the dialog closes');

    await tokenRow.getByRole('button', { name: '吊销 CRM 集成' }).click();
    const popconfirm = page.locator('.ant-popconfirm').filter({ hasText: '吊销令牌「CRM 集成」？' });
    await popconfirm.getByRole('button', { name: '吊销' }).click();
    await tokenRow.locator('[data-state="revoked"]').waitFor();
    const refused = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(refused.status, 401);
    // The admin's own token cannot be revoked from its own session.
    assert.equal(await rowWith(page, 'admin token', 'tokens-card').getByRole('button', { name: '吊销 admin token' }).isDisabled(), true);
    await session.screenshot('53-settings-tokens-zh-CN');

    // The taken e-mail above is the only failed request the browser saw.
    assert.deepEqual(session.errors, ['console: Failed to load resource: the server responded with a status of 409 (Conflict)']);
  } finally {
    await session.close();
  }
});

browserTest('settings: an admin edits a team’s on-duty week, its calendar and the escalation paths', async () => {
  const session = await openConsole('sqlite', { demoCases: 10 });
  const { page, server } = session;
  const call = adminCall(session);
  try {
    const agentId = server.tenant.seats.agent.userId;
    const supervisorId = server.tenant.seats.supervisor.userId;
    const calendar = await call('POST', '/calendars', { name: '上海客服日历', timezone: 'Asia/Shanghai', holiday_regions: ['CN'] });
    assert.equal(calendar.status, 201, calendar.text);

    await session.signIn('admin');
    await page.goto(server.baseUrl + '/settings/teams');
    await page.getByRole('tab', { name: '团队与排班', selected: true }).waitFor();
    // Seven teams, with who is in them (the seeded agent is in L1).
    for (const name of ['L1 一线客服', 'L2 专家支持', 'L3 技术研发', '风控与反欺诈', '财务与退款', '技术支持', '现场服务']) await page.getByRole('button', { name: `查看 ${name} 的排班` }).waitFor();
    assert.equal(await page.getByTestId('members-L1').textContent(), '1');
    assert.equal(await page.getByTestId('members-L2').textContent(), '0');
    const editor = page.getByTestId('schedule-editor');
    await editor.getByText('还没有班次').waitFor();

    // A day shift on weekdays and a night shift that runs past midnight.
    await editor.getByRole('button', { name: '添加班次' }).click();
    const day = editor.getByTestId('shift-card').nth(0);
    await day.getByLabel('班次名称').fill('早班');
    await addTo(page, day, '值班人员', 'agent of acme');

    await editor.getByRole('button', { name: '添加班次' }).click();
    const night = editor.getByTestId('shift-card').nth(1);
    await night.getByLabel('班次名称').fill('夜班');
    await choose(page, night.getByLabel('开始', { exact: true }), '21:00', true);
    await choose(page, night.getByLabel('结束', { exact: true }), '08:30', true);
    await night.getByText('跨夜：次日结束').waitFor();
    await night.getByRole('button', { name: '每天' }).click();
    await addTo(page, night, '值班人员', 'supervisor of acme');

    // The week view follows the form before anything is saved: 5 day blocks, 7 nights split over midnight.
    assert.equal(await editor.locator('[data-testid="shift-block"][data-shift="早班"]').count(), 5);
    assert.equal(await editor.locator('[data-testid="shift-block"][data-shift="夜班"]').count(), 14);
    assert.equal(await editor.locator('[data-testid="shift-block"][data-shift="早班"][data-day="sat"]').count(), 0);
    await editor.getByText('有未保存的修改').waitFor();
    await editor.getByRole('button', { name: '保存排班' }).click();
    await page.getByText('排班已保存').waitFor();

    const schedule = await call('GET', '/teams/L1/schedule');
    assert.equal(schedule.status, 200, schedule.text);
    assert.equal(schedule.body.timezone, 'Asia/Shanghai');
    assert.deepEqual(schedule.body.shifts, [
      { name: '早班', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00', members: [agentId] },
      { name: '夜班', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '21:00', end: '08:30', members: [supervisorId] },
    ]);
    await editor.getByText('有未保存的修改').waitFor({ state: 'hidden' });

    // The team's business-hours calendar.
    await choose(page, 'L1 一线客服 的工作日历', '上海客服日历 · Asia/Shanghai');
    await page.getByRole('button', { name: '保存日历' }).click();
    await page.getByText('已为「L1 一线客服」设置工作日历').waitFor();
    const calendars = await call('GET', '/calendars');
    assert.deepEqual(calendars.body.items.find((item: { id: string }) => item.id === calendar.body.id).teams, ['L1']);
    await session.screenshot('54-settings-teams-schedule-zh-CN');

    // Escalation: refunds go straight to finance.
    const paths = page.getByTestId('escalation-editor');
    await paths.getByText('L1 一线客服').first().waitFor();
    await paths.getByRole('button', { name: '添加规则' }).click();
    const ruleNumber = (await call('GET', '/escalation-paths')).body.category_rules.length + 1;
    await choose(page, `规则 ${ruleNumber} 的类别`, '退款（全部）（refund.*）');
    await choose(page, `规则 ${ruleNumber} 的团队`, '财务与退款 (finance)');
    await paths.getByRole('button', { name: '保存升级路径' }).click();
    await page.getByText('升级路径已保存').waitFor();
    const saved = await call('GET', '/escalation-paths');
    assert.deepEqual(saved.body.tiers, ['L1', 'L2', 'L3']);
    assert.deepEqual(saved.body.category_rules.at(-1), { category: 'refund.*', team: 'finance' });
    await paths.scrollIntoViewIfNeeded();
    await session.screenshot('55-settings-escalation-zh-CN');

    // Another team starts empty, at its own address.
    await page.getByRole('button', { name: '查看 L2 专家支持 的排班' }).click();
    await page.waitForURL(/team=L2/);
    await editor.getByText('还没有班次').waitFor();
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
});

browserTest('settings: an admin adds a signed-webhook channel, sends a test that reaches the receiver, retries a dead notification and deletes the channel', async () => {
  const secret = 'paydesk-test-secret-0123456789';
  const receiver = await startFakeWebhookReceiver({ secret });
  const session = await openConsole('sqlite', { demoCases: 10 });
  const { page, server } = session;
  const call = adminCall(session);
  try {
    await session.signIn('admin');
    await page.goto(server.baseUrl + '/settings/notifications');
    await page.getByRole('tab', { name: '通知渠道', selected: true }).waitFor();
    await page.getByText('还没有通知渠道。').waitFor();
    await page.getByText('发件箱为空。').waitFor();
    await session.screenshot('56-settings-notifications-empty-zh-CN');

    // The form's fields follow the kind: a webhook needs a URL and a shared secret of 16+ characters.
    await page.getByRole('button', { name: '添加渠道' }).first().click();
    const drawer = page.getByRole('dialog', { name: '添加通知渠道' });
    await drawer.getByLabel('名称').fill('值班 Webhook');
    await drawer.getByText('群设置 › 群机器人 › 复制 Webhook 地址（含 key）。').waitFor();
    await choose(page, '类型', '签名 Webhook');
    await drawer.getByLabel('Webhook 地址').fill(receiver.url);
    await drawer.getByLabel('签名密钥').fill('too-short');
    await drawer.getByRole('button', { name: '添加', exact: true }).click();
    await drawer.getByText('至少 16 个字符', { exact: true }).waitFor();
    await drawer.getByLabel('签名密钥').fill(secret);
    await setChecked(drawer.getByLabel('SLA 已超时'), false);
    await addTo(page, drawer, '团队范围', 'L1 一线客服');
    await session.screenshot('57-settings-channel-form-zh-CN');
    await drawer.getByRole('button', { name: '添加', exact: true }).click();
    await drawer.waitFor({ state: 'hidden' });
    const row = rowWith(page, '值班 Webhook');
    await row.getByText('签名 Webhook').waitFor();
    await row.getByText(new URL(receiver.url).host).waitFor();

    const listed = await call('GET', '/notification-channels');
    assert.equal(listed.body.items.length, 1);
    const channel = listed.body.items[0];
    assert.equal(channel.kind, 'webhook');
    assert.equal(channel.config.url.startsWith(new URL(receiver.url).origin), true);
    assert.notEqual(channel.config.secret, secret);
    assert.deepEqual(channel.teams, ['L1']);
    assert.equal(channel.events.includes('sla.breached'), false);
    assert.ok(!(await page.content()).includes(secret), 'the secret is never echoed');

    // Send test: the receiver verifies the signature and gets the message; the console says so.
    await row.getByRole('button', { name: '向 值班 Webhook 发送测试消息' }).click();
    await page.getByTestId('test-result').and(page.locator('[data-delivered="true"]')).getByText('测试消息已送达「值班 Webhook」').waitFor();
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]?.body.event, 'test');
    await session.screenshot('58-settings-channel-tested-zh-CN');

    // A refusal is shown with the receiver's answer.
    receiver.failNext(1, 'reject');
    await row.getByRole('button', { name: '向 值班 Webhook 发送测试消息' }).click();
    const failed = page.getByTestId('test-result').and(page.locator('[data-delivered="false"]'));
    await failed.getByText('测试消息未能送达「值班 Webhook」').waitFor();
    await failed.getByText(/HTTP 422/).waitFor();
    await failed.getByText('对方拒绝了请求，请检查地址和密钥后重新保存。').waitFor();

    // A notification the receiver refuses is dead-lettered; once fixed, it is retried from the outbox.
    // The channel only takes L1's cases: a case handed to L2 and back to L1 queues one notification.
    const cases = await call('GET', '/cases?status=new,open,pending_customer,pending_internal&team=L1&limit=5');
    const target = cases.body.items[0];
    assert.ok(target, 'an open L1 demo case');
    assert.equal((await call('POST', `/cases/${target.id}/escalate`, { reason: '需要二线支持', team: 'L2' })).status, 200);
    assert.equal((await call('POST', `/cases/${target.id}/escalate`, { reason: '退回一线', team: 'L1' })).status, 200);
    const queued = await call('GET', '/notifications/outbox');
    assert.equal(queued.body.items.length, 1, queued.text);
    receiver.failNext(1, 'reject');
    await server.runWorkers();
    const dead = await call('GET', '/notifications/outbox?state=dead');
    assert.equal(dead.body.items.length, 1, dead.text);
    const deadItem = dead.body.items[0];

    const outboxCard = page.locator('.ant-card').filter({ hasText: '发送记录（发件箱）' });
    await outboxCard.getByRole('button', { name: '刷新' }).click();
    const deadRow = outboxCard.locator('tr.ant-table-row').filter({ has: page.locator('[data-state="dead"]') });
    await deadRow.getByText('工单升级').waitFor();
    await deadRow.getByText(/HTTP 422/).waitFor();
    await session.screenshot('59-settings-outbox-dead-zh-CN');
    const receivedBefore = receiver.received.length;
    await deadRow.getByRole('button', { name: `重试「${deadItem.title}」` }).click();
    await page.getByText('已重新排队，稍后发送').waitFor();
    const pending = await call('GET', '/notifications/outbox?state=pending');
    assert.deepEqual(pending.body.items.map((item: { id: string }) => item.id), [deadItem.id]);
    assert.equal((await server.runWorkers()).deliveries, 1);
    assert.equal(receiver.received.length, receivedBefore + 1);
    assert.equal(receiver.received.at(-1)?.body.event, 'case.escalated');
    await outboxCard.getByRole('button', { name: '刷新' }).click();
    await outboxCard.locator('tr.ant-table-row').filter({ has: page.locator('[data-state="sent"]') }).getByText('工单升级').waitFor();

    // Editing shows secrets as set, never their value, and asks for them again.
    await row.getByRole('button', { name: '编辑 值班 Webhook' }).click();
    const edit = page.getByRole('dialog', { name: '编辑渠道「值班 Webhook」' });
    await edit.getByTestId('secret-state').first().waitFor();
    assert.equal(await edit.getByLabel('Webhook 地址').inputValue(), '');
    assert.equal(await edit.getByLabel('签名密钥').inputValue(), '');
    assert.equal(await edit.getByLabel('名称').inputValue(), '值班 Webhook');
    await session.screenshot('60-settings-channel-edit-zh-CN');
    await edit.getByRole('button', { name: '取消' }).click();
    await edit.waitFor({ state: 'hidden' });

    // Delete asks first.
    await row.getByRole('button', { name: '删除 值班 Webhook' }).click();
    const popconfirm = page.locator('.ant-popconfirm').filter({ hasText: '删除渠道「值班 Webhook」？' });
    await popconfirm.getByRole('button', { name: '删除' }).click();
    await page.getByText('还没有通知渠道。').waitFor();
    assert.equal((await call('GET', '/notification-channels')).body.items.length, 0);

    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
    await receiver.close();
  }
});

browserTest('settings in English and on a tablet: each tab, a WeCom test message, and the 403 page for supervisors and agents', async () => {
  const wecom = await startFakeWecom();
  const session = await openConsole('sqlite', { demoCases: 5 });
  const { page, server } = session;
  const call = adminCall(session);
  try {
    const agentId = server.tenant.seats.agent.userId;
    const channel = await call('POST', '/notification-channels', { name: 'L1 WeCom group', config: { kind: 'wecom', url: wecom.url }, locale: 'en' });
    assert.equal(channel.status, 201, channel.text);
    const schedule = await call('PUT', '/teams/L1/schedule', { shifts: [{ name: 'Early', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '07:00', end: '15:00', members: [agentId] }, { name: 'Late', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '15:00', end: '23:00', members: [] }] });
    assert.equal(schedule.status, 200, schedule.text);

    await session.signIn('admin');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.goto(server.baseUrl + '/settings/users');
    await page.getByRole('tab', { name: 'Users and tokens', selected: true }).waitFor();
    await page.getByTestId('users-card').getByText('agent of acme').waitFor();
    await page.getByRole('button', { name: 'Create token' }).waitFor();
    await session.screenshot('61-settings-users-en');

    await page.getByRole('tab', { name: 'Teams and schedules' }).click();
    await page.waitForURL(/\/settings\/teams/);
    const editor = page.getByTestId('schedule-editor');
    await editor.getByText('L1 frontline · on-duty schedule').waitFor();
    await editor.locator('[data-testid="shift-block"][data-shift="Early"]').first().waitFor();
    assert.equal(await editor.locator('[data-testid="shift-block"][data-shift="Early"]').count(), 5);
    assert.equal(await editor.locator('[data-testid="shift-block"][data-shift="Late"]').count(), 6);
    await session.screenshot('62-settings-teams-en');

    await page.getByRole('tab', { name: 'Notification channels' }).click();
    const row = rowWith(page, 'L1 WeCom group');
    await row.getByText('WeCom group robot').waitFor();
    await row.getByRole('button', { name: 'Send a test message to L1 WeCom group' }).click();
    await page.getByTestId('test-result').getByText('Test message delivered to “L1 WeCom group”').waitFor();
    assert.equal(wecom.received.length, 1);
    assert.equal(wecom.received[0]?.msgtype, 'markdown');
    await session.screenshot('63-settings-notifications-en');

    // A tablet: the settings fit the width, the week view scrolls inside its own box.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole('tab', { name: 'Teams and schedules' }).click();
    await editor.getByText('L1 frontline · on-duty schedule').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    await session.screenshot('64-settings-teams-tablet-en');
    await page.goto(server.baseUrl + '/settings/users');
    await page.getByTestId('tokens-card').getByText('admin token').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    await session.screenshot('65-settings-users-tablet-en');
    assert.deepEqual(session.errors, []);

    // Settings are for admins only.
    for (const role of ['supervisor', 'agent'] as const) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await session.signIn(role);
      await page.goto(server.baseUrl + '/settings/users');
      await page.getByText('Your role cannot see this page.').waitFor();
      assert.equal(await page.getByRole('tab', { name: 'Users and tokens' }).count(), 0);
    }
    await session.screenshot('66-settings-forbidden-en');
  } finally {
    await session.close();
    await wecom.close();
  }
});

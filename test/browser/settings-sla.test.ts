import assert from 'node:assert/strict';
import { api, browserTest, chooseIn, clickUntil, closeDropdown, openConsole, quiet, setChecked } from '../helpers/browser.js';

type Target = { name: string; kind: string; hours?: number; days?: number; timezone?: string; priority_hours?: Record<string, number> };
type Policy = { id: string; name: string; position: number; enabled: boolean; match: { channels: string[] }; targets: Target[]; pause_statuses: string[]; breach_actions: string[] };
type Named = { date: string; name?: string };
type Calendar = { id: string; name: string; timezone: string; hours: Record<string, { start: string; end: string }[]>; holidays: Named[]; workdays: Named[]; holiday_regions: string[] };

/** Errors the browser logs for requests the test provoked on purpose (a refused form). */
const expectedFailures = (errors: string[]) => errors.filter((error) => !/status of 400 \(Bad Request\)/.test(error));

browserTest('console settings: SLA policies, a calendar drawn in the week editor, Stripe and a mailbox (zh-CN)', async () => {
  const session = await openConsole('sqlite', { demoCases: 20 });
  const { page, server } = session;
  try {
    await session.signIn('admin');

    // ---- SLA policies: a newcomer sees what to do; the form explains the policy as it is filled in.
    await page.goto(`${server.baseUrl}/settings/sla`);
    await page.getByText('还没有 SLA 策略').waitFor();
    await session.screenshot('40-settings-sla-empty-zh-CN');
    const drawer = page.getByRole('dialog');
    await clickUntil(page.getByRole('button', { name: '新建策略' }), drawer.getByLabel('名称'));
    await drawer.getByLabel('名称').fill('微信支付投诉');
    await chooseIn(page, drawer.getByRole('combobox', { name: '渠道' }), '微信支付投诉');
    await closeDropdown(page);
    const first = drawer.getByTestId('policy-target').nth(0);
    await chooseIn(page, first.getByRole('combobox', { name: '计时方式' }), '第 N 天 24:00 前');
    await first.getByLabel('天数 N').fill('1');
    await chooseIn(page, first.getByRole('combobox', { name: '时区' }), 'Asia/Shanghai');
    const second = drawer.getByTestId('policy-target').nth(1);
    await second.getByLabel('工作小时数').fill('16');
    await second.getByLabel('紧急').fill('8');
    const preview = drawer.getByTestId('policy-preview');
    await preview.filter({ hasText: '微信支付投诉：首次回复须在次日 24:00 前完成（Asia/Shanghai）；解决须在 16 个工作小时内完成（紧急 8 小时）。' }).waitFor();
    await drawer.locator('.ant-drawer-body').evaluate((body) => body.scrollTo(0, 0));
    await session.screenshot('41-settings-sla-policy-form-zh-CN');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('已创建策略“微信支付投诉”').waitFor();

    let policies = (await api<{ items: Policy[] }>(session, 'GET', '/sla-policies')).items;
    assert.equal(policies.length, 1);
    const created = policies[0]!;
    assert.equal(created.name, '微信支付投诉');
    assert.deepEqual(created.match.channels, ['wechatpay']);
    assert.deepEqual(created.targets, [
      { name: 'first_reply', kind: 'calendar_day_end', days: 1, timezone: 'Asia/Shanghai' },
      { name: 'resolution', kind: 'business', hours: 16, priority_hours: { urgent: 8 } },
    ]);
    assert.deepEqual(created.pause_statuses, ['pending_customer']);
    assert.deepEqual(created.breach_actions, ['notify', 'escalate']);
    await page.getByTestId('policy-summary').filter({ hasText: '首次回复须在次日 24:00 前完成（Asia/Shanghai）' }).waitFor();

    // Editing: the server's field error lands on the deadlines, then a fixed form saves.
    await clickUntil(page.getByRole('button', { name: '编辑策略：微信支付投诉' }), drawer.getByRole('button', { name: '添加时限' }));
    const third = drawer.getByTestId('policy-target').nth(2);
    await drawer.getByRole('button', { name: '添加时限' }).click();
    await chooseIn(page, third.getByRole('combobox', { name: '时钟' }), '首次回复');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.locator('.ant-form-item-explain-error', { hasText: '每个时钟只能出现一次' }).waitFor();
    await third.getByRole('button', { name: /删除时限/ }).click();
    await drawer.getByLabel('名称').fill('微信支付投诉（加急）');
    await setChecked(drawer.getByRole('checkbox', { name: '提高优先级' }), true);
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存策略“微信支付投诉（加急）”').waitFor();
    const edited = await api<Policy>(session, 'GET', `/sla-policies/${created.id}`);
    assert.equal(edited.name, '微信支付投诉（加急）');
    assert.deepEqual(edited.breach_actions, ['notify', 'escalate', 'raise_priority']);
    assert.equal(edited.targets.length, 2);

    // Order: a second policy goes first with the arrow buttons; then it is deleted after a confirmation.
    await api(session, 'POST', '/sla-policies', { name: '通用', targets: [{ name: 'first_reply', kind: 'business', hours: 4 }] });
    await page.reload();
    await page.getByRole('button', { name: '上移策略：通用' }).click();
    await page.getByText('顺序已更新').waitFor();
    policies = (await api<{ items: Policy[] }>(session, 'GET', '/sla-policies')).items;
    assert.deepEqual(policies.map((policy) => policy.name), ['通用', '微信支付投诉（加急）']);
    assert.ok(policies[0]!.position < policies[1]!.position);
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await session.screenshot('42-settings-sla-policies-zh-CN');
    await page.getByRole('button', { name: '删除策略：通用' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await page.getByText('策略已删除').waitFor();
    policies = (await api<{ items: Policy[] }>(session, 'GET', '/sla-policies')).items;
    assert.deepEqual(policies.map((policy) => policy.name), ['微信支付投诉（加急）']);

    // ---- Calendars: create, draw Mon–Fri 09:00–18:00 in the grid, add a day off and a make-up working day.
    await page.getByRole('tab', { name: '工作日历' }).click();
    await page.getByText('还没有工作日历').waitFor();
    const modal = page.getByRole('dialog');
    await clickUntil(page.getByRole('button', { name: '新建日历' }), modal.getByLabel('名称'));
    await modal.getByLabel('名称').fill('上海客服');
    await setChecked(modal.getByRole('checkbox', { name: /中国大陆/ }), false);
    await modal.getByRole('button', { name: '新建' }).click();
    await page.getByText('已创建日历“上海客服”').waitFor();

    // It started from the template with a lunch break; the week is then redrawn by hand.
    assert.equal(await page.getByLabel('周一第 2 段开始时间').inputValue(), '13:30');
    const grid = page.getByTestId('week-grid');
    await page.getByRole('button', { name: '全部清空' }).click();
    await grid.locator('[data-working="full"]').first().waitFor({ state: 'detached' });
    const cell = (day: number, hour: number) => grid.locator(`[data-day="${day}"][data-hour="${hour}"]`);
    // Drag a rectangle from Monday 09:00 to Friday 17:00–18:00.
    await grid.scrollIntoViewIfNeeded();
    const from = (await cell(0, 9).boundingBox())!;
    const to = (await cell(4, 17).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    assert.equal(await grid.locator('[data-working="full"]').count(), 5 * 9);
    assert.equal(await cell(5, 10).getAttribute('data-working'), 'none');
    await page.getByTestId('week-day-mon').getByLabel('周一第 1 段开始时间').waitFor();
    assert.equal(await page.getByLabel('周一第 1 段开始时间').inputValue(), '09:00');
    assert.equal(await page.getByLabel('周五第 1 段结束时间').inputValue(), '18:00');
    await page.getByTestId('week-total').filter({ hasText: '每周共 45 小时' }).waitFor();
    await page.getByRole('button', { name: '保存工作时间' }).click();
    await page.getByText('工作时间已保存').waitFor();

    const dates = page.locator('form#calendar-date');
    await dates.getByLabel('日期').fill('2026-03-09');
    await dates.getByLabel('名称').fill('公司年会');
    await dates.getByRole('button', { name: '添加日期' }).click();
    await page.getByText('已添加 2026-03-09').waitFor();
    await dates.getByLabel('日期').fill('2026-03-07');
    await dates.locator('label', { hasText: '调休上班' }).click();
    await dates.getByLabel('名称').fill('年会补班');
    await dates.getByRole('button', { name: '添加日期' }).click();
    await page.getByText('已添加 2026-03-07').waitFor();
    await page.getByTestId('own-dates').getByText('年会补班').waitFor();

    let calendar = (await api<{ items: Calendar[] }>(session, 'GET', '/calendars')).items[0]!;
    assert.equal(calendar.name, '上海客服');
    assert.equal(calendar.timezone, 'Asia/Shanghai');
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) assert.deepEqual(calendar.hours[day], [{ start: '09:00', end: '18:00' }], day);
    for (const day of ['sat', 'sun']) assert.deepEqual(calendar.hours[day] ?? [], [], day);
    assert.deepEqual(calendar.holidays, [{ date: '2026-03-09', name: '公司年会' }]);
    assert.deepEqual(calendar.workdays, [{ date: '2026-03-07', name: '年会补班' }]);

    // Deadline preview: Friday 17:00 + 12 working hours = 1 h Friday, 9 h on the make-up Saturday,
    // Monday is the day off, so 2 h on Tuesday: due Tuesday 11:00 Shanghai time.
    const previewForm = page.locator('form#deadline-preview');
    await previewForm.getByLabel(/开始时间/).fill('2026-03-06T17:00');
    await previewForm.getByLabel('工作小时数').fill('12');
    await previewForm.getByRole('button', { name: '计算' }).click();
    const result = page.getByTestId('deadline-result');
    await result.waitFor();
    assert.match(await result.innerText(), /3月10日.*11:00/s);
    const direct = await api<{ due_at: string }>(session, 'GET', `/calendars/${calendar.id}/deadline?start=2026-03-06T17:00:00%2B08:00&hours=12`);
    assert.equal(direct.due_at, '2026-03-10T03:00:00.000Z');
    await session.screenshot('43-settings-calendars-zh-CN');

    // Importing the shipped Mainland China holidays (with 调休) is one click.
    await page.getByRole('button', { name: '导入中国大陆法定节假日' }).click();
    await page.getByText('已导入法定节假日').waitFor();
    calendar = (await api<{ items: Calendar[] }>(session, 'GET', '/calendars')).items[0]!;
    assert.deepEqual(calendar.holiday_regions, ['CN']);
    await page.getByText(/中国大陆（含调休上班日）：\d+ 天放假/).waitFor();

    // ---- Integrations: Stripe's secret is write-only; a mailbox is listed and polled.
    await page.getByRole('tab', { name: '平台集成' }).click();
    const stripe = page.locator('#stripe');
    await stripe.getByTestId('stripe-secret-state').waitFor();
    await stripe.getByText(`/webhooks/stripe/${server.tenant.slug}`).first().waitFor();
    const secret = 'whsec_consoleTest0123456789abcdef';
    await stripe.getByLabel('Webhook 签名密钥').fill(secret);
    await quiet(page);
    await setChecked(stripe.getByRole('switch', { name: '启用' }), true);
    assert.equal(await stripe.getByLabel('Webhook 签名密钥').inputValue(), secret);
    await stripe.getByRole('button', { name: '保存' }).click();
    await page.getByText('Stripe 设置已保存').waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('#stripe_webhook_secret')?.value === '');
    const stripeSettings = await server.call('GET', '/api/v1/integrations/stripe', { token: server.tenant.seats.admin.token });
    assert.equal(stripeSettings.status, 200);
    assert.equal(stripeSettings.body.webhook_secret_set, true);
    assert.equal(stripeSettings.body.enabled, true);
    assert.ok(!stripeSettings.text.includes(secret), 'the secret is never returned');
    assert.ok(!(await page.content()).includes(secret), 'the secret does not stay in the page');
    assert.equal(await stripe.getByTestId('stripe-secret-state').getAttribute('data-set'), 'true');

    await quiet(page);
    await clickUntil(page.getByRole('button', { name: '添加邮箱' }), drawer.getByLabel('邮箱地址'));
    await drawer.getByLabel('邮箱地址').fill('help@acme.test');
    await drawer.getByLabel('发件人名称').fill('Acme 支付客服');
    await drawer.getByLabel('IMAP 服务器').fill('127.0.0.1');
    await drawer.getByRole('switch', { name: 'TLS（993 端口）' }).click();
    await drawer.getByLabel('端口').first().fill('1');
    await drawer.getByLabel('用户名', { exact: true }).fill('help');
    await drawer.getByLabel('密码').first().fill('imap-password-1');
    await drawer.getByLabel('SMTP 服务器').fill('smtp.acme.test');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('已添加邮箱 help@acme.test').waitFor();
    const mailboxes = page.getByTestId('mailboxes');
    await mailboxes.getByText('help@acme.test').waitFor();
    await mailboxes.getByText('127.0.0.1:1').waitFor();
    const stored = await server.call('GET', '/api/v1/mailboxes', { token: server.tenant.seats.admin.token });
    assert.equal(stored.body.items.length, 1);
    assert.equal(stored.body.items[0].imap.password_set, true);
    assert.ok(!stored.text.includes('imap-password-1'));
    await page.getByRole('button', { name: '立即收信：help@acme.test' }).click();
    await page.getByTestId('poll-result').filter({ hasText: 'help@acme.test 收信失败' }).waitFor();

    // WeChat Pay from the demo: its fake platform is gone, so the connection test says what failed.
    await page.locator('#wechatpay').getByRole('button', { name: '测试连接' }).click();
    await page.getByTestId('wechatpay-test-result').filter({ hasText: '连接测试未通过' }).waitFor();
    await session.screenshot('44-settings-integrations-zh-CN');

    assert.deepEqual(expectedFailures(session.errors), []);
  } finally {
    await session.close();
  }
});

browserTest('console settings: the week editor works from the keyboard; the SLA screens in English and on a tablet', async () => {
  const session = await openConsole('sqlite', { demoCases: 10, viewport: { width: 820, height: 1180 } });
  const { page, server } = session;
  try {
    const calendar = await api<Calendar>(session, 'POST', '/calendars', { name: 'Singapore desk', timezone: 'Asia/Singapore', holiday_regions: ['SG'] });
    await api(session, 'POST', '/sla-policies', {
      name: 'Payment failures',
      match: { categories: ['payment_failed.*'], priorities: ['urgent', 'high'] },
      calendar_id: calendar.id,
      targets: [
        { name: 'first_reply', kind: 'business', hours: 2 },
        { name: 'resolution', kind: 'elapsed', hours: 48 },
      ],
    });
    await session.signIn('admin');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.goto(`${server.baseUrl}/settings/sla`);
    await page
      .getByTestId('policy-summary')
      .filter({ hasText: 'Payment failed (all) · priority Urgent, High: first reply within 2 working hours; resolution within 48 hours around the clock' })
      .waitFor();
    await page.getByText('Working hours follow the calendar “Singapore desk” (Asia/Singapore)').waitFor();
    await session.screenshot('45-settings-sla-policies-en-tablet');

    // Keyboard only: focus Saturday 10:00 from Monday 09:00 with the arrows, switch it on with Space.
    await page.getByRole('tab', { name: 'Calendars' }).click();
    const grid = page.getByTestId('week-grid');
    await grid.locator('[tabindex="0"]').focus();
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight']) await page.keyboard.press(key);
    await page.keyboard.press('Space');
    const saturday = grid.locator('[data-day="5"][data-hour="10"]');
    assert.equal(await saturday.getAttribute('data-working'), 'full');
    assert.equal(await saturday.getAttribute('aria-label'), 'Sat 10:00–11:00: working');
    // The server's objection to an interval shows next to it: an end before its start.
    await page.getByLabel('Wed interval 1 end').fill('08:00');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.getByTestId('week-day-wed').getByRole('alert').filter({ hasText: 'must be after start' }).waitFor();
    assert.equal(await page.getByLabel('Wed interval 1 end').getAttribute('aria-invalid'), 'true');
    // An exact time typed into a field: Wednesday ends at 17:30.
    await page.getByLabel('Wed interval 1 end').fill('17:30');
    assert.equal(await grid.locator('[data-day="2"][data-hour="17"]').getAttribute('data-working'), 'part');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.getByText('Working hours saved').waitFor();
    const saved = await api<Calendar>(session, 'GET', `/calendars/${calendar.id}`);
    assert.deepEqual(saved.hours.sat, [{ start: '10:00', end: '11:00' }]);
    assert.deepEqual(saved.hours.wed, [{ start: '09:00', end: '17:30' }]);
    await page.getByText(/Singapore: \d+ days off/).waitFor();
    await session.screenshot('46-settings-calendars-en-tablet');

    await page.getByRole('tab', { name: 'Integrations' }).click();
    await page.locator('#stripe').getByTestId('stripe-secret-state').waitFor();
    await page.locator('#wechatpay').getByTestId('wechatpay-callback').waitFor();
    await page.getByText('No mailboxes yet').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await session.screenshot('47-settings-integrations-en');

    assert.deepEqual(expectedFailures(session.errors), []);
  } finally {
    await session.close();
  }
});

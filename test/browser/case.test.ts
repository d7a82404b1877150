import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { z } from 'zod';
import type { CaseResponse as Case, messageResponse, timelineItem } from '../../src/cases/cases.schema.js';
import type { Playbook } from '../../src/diagnosis/playbooks.js';
import { apiAs, browserTest, callAs, chooseOption, clickUntil, openConsole, settle, type Api } from '../helpers/browser.js';
import { dialects } from '../helpers/harness.js';

// A 1×1 transparent PNG: a receipt screenshot as far as the desk is concerned.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const wechatContact = '加我微信 wxid_abc123 详聊';

type Message = z.infer<typeof messageResponse>;
type TimelineItem = z.infer<typeof timelineItem>;
type Attachment = { id: string; filename: string; size: number };

async function allCases(api: Api): Promise<Case[]> {
  return (await api<{ items: Case[] }>('GET', '/cases?limit=200')).items;
}

async function timelineOf(api: Api, id: string): Promise<TimelineItem[]> {
  return (await api<{ items: TimelineItem[] }>('GET', `/cases/${id}/timeline?limit=200`)).items;
}

/** A demo case an agent would work: still open, a customer with history, a first-reply template the case can fill completely. */
async function pickWorkableCase(api: Api): Promise<{ item: Case; playbook: Playbook }> {
  const fillable = (item: Case, name: string) =>
    ({ case_number: true, agent_name: true, customer_name: true, order_id: Boolean(item.refs.order_id), transaction_id: Boolean(item.refs.transaction_id), error_code: Boolean(item.refs.error_code), terminal_serial: Boolean(item.refs.terminal_serial), amount: item.amount !== null, currency: item.currency !== null })[name] ?? false;
  const candidates = (await allCases(api)).filter((item) => ['open', 'pending_customer', 'pending_internal'].includes(item.status) && !['wechatpay', 'stripe'].includes(item.channel) && item.customer_id);
  candidates.sort((a, b) => Number(b.repeat_of !== null) - Number(a.repeat_of !== null));
  for (const item of candidates) {
    const playbook = await api<Playbook>('GET', `/playbooks/${item.category}`);
    const template = playbook.reply_templates[0]?.text['zh-CN'] ?? '';
    const names = [...template.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1] ?? '');
    if (names.every((name) => fillable(item, name))) return { item, playbook };
  }
  throw new Error('no demo case with a fully fillable first-reply template');
}

async function openCase(page: Page, baseUrl: string, item: Case, query = '') {
  await page.goto(`${baseUrl}/cases/${item.id}${query}`);
  await page.getByTestId('case-number').filter({ hasText: `#${item.number}` }).waitFor();
}

for (const dialect of dialects) {
  browserTest(`case workspace (${dialect}): an agent reads the case, is warned before an off-platform reply, replies from a template, attaches a receipt and resolves it`, async () => {
    const session = await openConsole(dialect, { demoCases: 40 });
    const { page, server } = session;
    const agent = apiAs(session, 'agent');
    try {
      const { item, playbook } = await pickWorkableCase(agent);
      const messagesBefore = (await agent<{ items: Message[] }>('GET', `/cases/${item.id}/messages?limit=200`)).items;
      const events = await timelineOf(agent, item.id);
      await session.signIn('agent');
      await openCase(page, server.baseUrl, item, '?reply=1');

      // ?reply=1 puts the cursor in the reply box.
      await page.waitForFunction(() => document.activeElement?.id === 'case-composer-text');

      // Header: subject, status, references with their names.
      await page.getByText(item.subject).first().waitFor();
      if (item.refs.order_id) await page.getByTestId('case-refs').getByText(item.refs.order_id).waitFor();

      // Timeline: every message, and the audit events with their hashes (full hash on hover).
      const timeline = page.getByTestId('case-timeline');
      await timeline.getByTestId('timeline-message').first().waitFor();
      assert.equal(await timeline.getByTestId('timeline-message').count(), messagesBefore.length);
      const created = events.find((event) => event.type === 'case.created');
      assert.ok(created);
      const chip = timeline.locator(`[data-testid="event-hash"][data-hash="${created.hash}"]`);
      await chip.waitFor();
      assert.equal(await chip.textContent(), created.hash.slice(0, 10));
      await chip.hover();
      await page.getByRole('tooltip').filter({ hasText: created.hash }).waitFor();
      await page.getByRole('tooltip').filter({ hasText: created.prev_hash }).waitFor();

      // Clocks panel, customer with their case history, diagnosis from the playbook.
      await page.getByTestId('clocks-panel').waitFor();
      await page.getByTestId('customer-panel').getByText(`#${item.number}`, { exact: true }).waitFor();
      if (item.repeat_of) await page.getByTestId('customer-panel').locator('[data-repeat="true"]').first().waitFor();
      await page.getByTestId('diagnosis-panel').getByText(playbook.steps['zh-CN'][0] ?? '').waitFor();

      // A personal WeChat id is flagged while typing, before anything is sent.
      await page.locator('#case-composer-text').fill(wechatContact);
      const warning = page.getByTestId('conduct-warn');
      await warning.getByText('引导客户私下联系').waitFor();
      await warning.getByText('wxid_abc123').waitFor();
      await settle(page);
      await session.screenshot('30-case-conduct-warning-zh-CN');
      await page.getByTestId('composer-send').click();
      await page.getByTestId('conduct-confirm').waitFor();
      await page.getByRole('button', { name: '取消' }).click();
      await page.getByTestId('conduct-confirm').waitFor({ state: 'detached' });
      assert.equal((await agent<{ items: Message[] }>('GET', `/cases/${item.id}/messages?limit=200`)).items.length, messagesBefore.length, 'nothing is sent while the agent is asked to confirm');

      // A clean reply from the playbook's first template, sent with Ctrl+Enter.
      await page.locator('#case-composer-text').fill('');
      await chooseOption(page, '回复模板', /./);
      const draft = await page.locator('#case-composer-text').inputValue();
      assert.ok(draft.includes(String(item.number)), `the template names the case number: ${draft}`);
      assert.doesNotMatch(draft, /\{[a-z_]+\}/, 'every placeholder is filled from the case');
      await page.getByTestId('conduct-ok').waitFor();
      await page.locator('#case-composer-text').press('Control+Enter');
      await page.getByText('回复已发送').waitFor();
      const stored = (await agent<{ items: Message[] }>('GET', `/cases/${item.id}/messages?limit=200`)).items;
      const reply = stored.find((message) => message.direction === 'outbound' && message.body === draft);
      assert.ok(reply, 'the reply is stored as an outbound message');
      await timeline.locator(`[data-message-id="${reply.id}"]`).waitFor();
      assert.equal(await page.locator('#case-composer-text').inputValue(), '');

      // A receipt screenshot goes up on its own and can be downloaded again.
      await page.locator('[data-testid="composer"] input[type="file"]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
      await page.getByTestId('composer-send').filter({ hasText: '上传附件' }).click();
      await page.getByText('已上传 1 个附件').waitFor();
      await page.getByTestId('attachments-panel').locator('[data-filename="receipt.png"]').waitFor();
      await timeline.getByTestId('timeline-attachment').getByText('receipt.png').waitFor();
      const attachments = (await agent<{ items: Attachment[] }>('GET', `/cases/${item.id}/attachments`)).items;
      assert.deepEqual(attachments.map((attachment) => [attachment.filename, attachment.size]), [['receipt.png', png.length]]);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attachments-panel').getByRole('button', { name: '下载 receipt.png' }).click()]);
      assert.equal(download.suggestedFilename(), 'receipt.png');

      // Resolve with a resolution code and a note.
      await clickUntil(page.getByTestId('transitions').getByRole('button', { name: '解决工单' }), page.getByLabel('结案方式', { exact: true }));
      const dialog = page.getByTestId('resolve-dialog');
      await dialog.waitFor();
      await chooseOption(page, '结案方式', '已解释说明');
      await dialog.getByLabel('说明（可选）').fill('已向客户解释原因并给出处理步骤');
      await page.getByRole('dialog').getByRole('button', { name: '解决工单' }).click();
      await page.getByText('工单已转为「已解决」').waitFor();
      const resolved = await agent<Case>('GET', `/cases/${item.id}`);
      assert.equal(resolved.status, 'resolved');
      assert.equal(resolved.resolution, 'explained');
      await page.getByText('结案方式：已解释说明').first().waitFor();
      await page.locator('[data-testid="case-workspace"] [data-status="resolved"]').first().waitFor();
      await settle(page);
      await session.screenshot('30-case-workspace-zh-CN');

      // English: the same workspace, and the conduct warning in English.
      await page.getByText('EN', { exact: true }).click();
      await page.getByTestId('case-number').filter({ hasText: `Case #${item.number}` }).waitFor();
      await page.getByText('Resolution: Explained').first().waitFor();
      await page.getByTestId('case-timeline').getByText('Status changed').first().waitFor();
      await page.locator('#case-composer-text').fill(wechatContact);
      await page.getByTestId('conduct-warn').getByText('Moves the conversation off the platform').waitFor();
      await settle(page);
      await session.screenshot('31-case-workspace-conduct-warning-en');

      // Sent anyway after confirming: the warnings stay on the message in the timeline and in the audit trail.
      await page.getByTestId('composer-send').click();
      await page.getByTestId('conduct-confirm').getByText('Moves the conversation off the platform').waitFor();
      await page.getByRole('button', { name: 'Send anyway' }).click();
      await page.getByText('Reply sent').waitFor();
      const warned = (await agent<{ items: Message[] }>('GET', `/cases/${item.id}/messages?limit=200`)).items.find((message) => message.body === wechatContact);
      assert.ok(warned, 'the confirmed reply is stored');
      const kept = timeline.locator(`[data-message-id="${warned.id}"]`).getByTestId('message-conduct');
      await kept.getByText(/Conduct warnings when it was sent: .*Moves the conversation off the platform/).waitFor();
      await kept.getByText(/wxid_abc123/).waitFor();
      assert.ok((await timelineOf(agent, item.id)).some((event) => event.type === 'conduct.warned'));

      // A WeChat Pay complaint shows its platform panel and the platform's 24 h / 72 h clocks.
      const complaints = (await allCases(agent)).filter((candidate) => candidate.channel === 'wechatpay' && candidate.status === 'new');
      let complaint: Case | undefined;
      for (const candidate of complaints) {
        if ((await timelineOf(agent, candidate.id)).some((event) => event.type === 'wechatpay.complaint_received')) {
          complaint = candidate;
          break;
        }
      }
      assert.ok(complaint, 'the demo has a fresh WeChat Pay complaint');
      await openCase(page, server.baseUrl, complaint);
      const panel = page.getByTestId('wechatpay-panel');
      await panel.getByText('WeChat Pay complaint', { exact: true }).waitFor();
      await panel.getByTestId('close-attempts').getByText('0 / 3, 3 left').waitFor();
      await panel.locator('[data-clock="platform_reply"] [data-tone]').waitFor();
      await page.getByTestId('clocks-panel').locator('[data-clock="platform_complete"]').waitFor();

      // A Stripe dispute shows the evidence due date.
      const disputes = (await allCases(agent)).filter((candidate) => candidate.channel === 'stripe' && candidate.status !== 'resolved' && candidate.status !== 'closed' && candidate.refs.dispute_id);
      let disputed: { item: Case; due: string } | undefined;
      for (const candidate of disputes) {
        const result = await callAs(session, 'agent')('GET', `/cases/${candidate.id}/dispute`);
        if (result.status === 200 && result.body.evidence_due_by) {
          disputed = { item: candidate, due: result.body.evidence_due_by };
          break;
        }
      }
      assert.ok(disputed, 'the demo has an open Stripe dispute');
      await openCase(page, server.baseUrl, disputed.item);
      const due = page.getByTestId('stripe-panel').getByTestId('evidence-due');
      await due.waitFor();
      assert.equal(await due.getAttribute('data-due'), disputed.due);
      assert.match((await due.textContent()) ?? '', /2\d{3}/);
      await page.getByTestId('clocks-panel').locator('[data-clock="evidence_due"]').waitFor();
      await settle(page);
      await session.screenshot('32-case-stripe-dispute-en');

      // Only the dispute lookups of demo cases without a Stripe record were refused (by the test's own API calls, not the browser).
      assert.deepEqual(session.errors, []);
    } finally {
      await session.close();
    }
  });
}

browserTest('case workspace: WeChat Pay refuses completion without a criterion (the reason is shown), a supervisor overrides with a reason; unknown cases say not found', async () => {
  const session = await openConsole('sqlite', { demoCases: 20 });
  const { page, server } = session;
  const agent = apiAs(session, 'agent');
  try {
    const candidates = (await allCases(agent)).filter((candidate) => candidate.channel === 'wechatpay' && (candidate.status === 'new' || candidate.status === 'open'));
    let complaint: Case | undefined;
    for (const candidate of candidates) {
      if ((await timelineOf(agent, candidate.id)).some((event) => event.type === 'wechatpay.complaint_received')) {
        const view = await agent<{ completion_criteria: Record<string, boolean>; close_attempts_left: number }>('GET', `/cases/${candidate.id}/wechatpay`);
        if (!Object.values(view.completion_criteria).some(Boolean) && view.close_attempts_left > 0) {
          complaint = candidate;
          break;
        }
      }
    }
    assert.ok(complaint, 'the demo has a WeChat Pay complaint with no completion criterion met');
    await session.signIn('agent');
    await openCase(page, server.baseUrl, complaint);
    const panel = page.getByTestId('wechatpay-panel');
    await panel.getByText('微信支付投诉', { exact: true }).waitFor();
    await panel.getByTestId('complaint-state').waitFor();

    // WeChat Pay blocks every conduct rule: the reply cannot be sent at all.
    await page.locator('#case-composer-text').fill(wechatContact);
    await page.getByTestId('conduct-block').getByText('这条回复不能发送：').waitFor();
    assert.equal(await page.getByTestId('composer-send').isDisabled(), true);
    await settle(page);
    await session.screenshot('33-case-wechatpay-blocked-reply-zh-CN');
    await page.locator('#case-composer-text').fill('');

    // The refund decision goes to the platform's queue.
    await panel.getByText('退款审批', { exact: true }).first().click();
    await panel.getByLabel('几天内退款（0 表示今天）').fill('1');
    await panel.getByRole('button', { name: '提交到微信支付' }).click();
    await page.getByText('已提交，等待微信支付确认').waitFor();
    const afterDecision = await agent<{ refund_decision: string | null; actions: Array<{ kind: string }> }>('GET', `/cases/${complaint.id}/wechatpay`);
    assert.equal(afterDecision.refund_decision, 'APPROVE');
    assert.ok(afterDecision.actions.some((action) => action.kind === 'refund_progress'));

    // "Complete" without a refund, withdrawal or agreement: the platform guard's explanation is shown.
    await clickUntil(page.getByTestId('transitions').getByRole('button', { name: '解决工单' }), page.getByLabel('结案方式', { exact: true }));
    await chooseOption(page, '结案方式', '已解释说明');
    await page.getByRole('dialog').getByRole('button', { name: '解决工单' }).click();
    const refused = page.getByTestId('transition-refused');
    await refused.getByText('投诉单暂不能标记处理完成').waitFor();
    await refused.getByText(/原路全额退款、用户撤诉/).waitFor();
    assert.equal(await page.getByTestId('override').count(), 0, 'agents cannot override');
    await session.screenshot('34-case-wechatpay-completion-refused-zh-CN');
    assert.equal((await agent<Case>('GET', `/cases/${complaint.id}`)).status, complaint.status);
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

    // A supervisor may override with a reason, which the audit trail keeps.
    await page.evaluate((token) => localStorage.setItem('paydesk.token', token), server.tenant.seats.supervisor.token);
    await page.reload();
    await page.getByText('supervisor of acme · 主管 · acme').waitFor();
    // The reloaded workspace loads its panels one after another: wait for the last (the complaint) first.
    await panel.getByTestId('complaint-state').waitFor();
    await settle(page);
    await clickUntil(page.getByTestId('transitions').getByRole('button', { name: '解决工单' }), page.getByLabel('结案方式', { exact: true }));
    await chooseOption(page, '结案方式', '已解释说明');
    await page.getByRole('dialog').getByRole('button', { name: '解决工单' }).click();
    await page.getByTestId('transition-refused').waitFor();
    await page.getByTestId('override').waitFor();
    await page.getByLabel('强制结案原因（写入审计日志）').fill('用户已电话确认接受解释，平台协商记录待同步');
    await page.getByTestId('override').getByRole('button', { name: '强制结案' }).click();
    await page.getByText('工单已转为「已解决」').waitFor();
    const overridden = await agent<Case>('GET', `/cases/${complaint.id}`);
    assert.equal(overridden.status, 'resolved');
    assert.equal(overridden.resolution, 'explained');
    assert.ok((await timelineOf(agent, complaint.id)).some((event) => event.type === 'wechatpay.guard_overridden' && event.payload.reason === '用户已电话确认接受解释，平台协商记录待同步'));
    await page.getByTestId('case-timeline').getByText('主管强制结案').waitFor();

    // Another tenant's case (or none at all) is simply not found, with a way back.
    await page.goto(`${server.baseUrl}/cases/00000000-0000-4000-8000-000000000000`);
    await page.getByText('找不到这个工单').waitFor();
    await page.getByRole('button', { name: '返回工单队列' }).click();
    await page.waitForURL(`${server.baseUrl}/`);

    // The two refusals the browser saw were the ones asked for: the guard (409) and the unknown case (404).
    assert.deepEqual(
      session.errors.map((error) => error.replace(/\(.*\)$/, '').trim()),
      ['console: Failed to load resource: the server responded with a status of 409', 'console: Failed to load resource: the server responded with a status of 409', 'console: Failed to load resource: the server responded with a status of 404'],
    );
  } finally {
    await session.close();
  }
});

browserTest('case workspace: a viewer reads a case but gets no reply box or buttons that change it', async () => {
  const session = await openConsole('sqlite', { demoCases: 10, viewport: { width: 820, height: 1100 } });
  const { page, server } = session;
  try {
    const [item] = (await allCases(apiAs(session, 'viewer'))).filter((candidate) => candidate.customer_id);
    assert.ok(item);
    await session.signIn('viewer');
    await openCase(page, server.baseUrl, item);
    await page.getByText('您的角色只能查看工单，不能回复或修改。').waitFor();
    await page.getByTestId('case-timeline').waitFor();
    assert.equal(await page.getByTestId('composer').count(), 0);
    assert.equal(await page.getByTestId('transitions').count(), 0);
    assert.equal(await page.getByLabel('分类', { exact: true }).isDisabled(), true);
    await session.screenshot('35-case-viewer-tablet-zh-CN');
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
});

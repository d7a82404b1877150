import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import type { z } from 'zod';
import type { CaseResponse as Case } from '../../src/cases/cases.schema.js';
import type { chatDetail } from '../../src/chat/chat.schema.js';
import type { ArticleListItem, ArticleResponse, versionList } from '../../src/kb/kb.schema.js';
import { apiAs, browserTest, chooseOption, openConsole, settle, until, type Api } from '../helpers/browser.js';
import { dialects } from '../helpers/harness.js';

type ChatDetail = z.infer<typeof chatDetail>;
type Versions = z.infer<typeof versionList>;
type Frame = { type: string; [key: string]: unknown };

const slug = 'settlement-delay-explained';
const title = '商户结算延迟到账说明';
const body = '# 结算周期\n\n**结算**款一般在 T+1 个工作日到账，节假日顺延。\n\n- 先核对结算账户\n- 再查银行流水\n\n<script>alert(1)</script>';

/** A visitor on the website: starts a chat over the public API and talks over the WebSocket. */
async function visitor(baseUrl: string, tenant: string) {
  const response = await fetch(`${baseUrl}/public/v1/${tenant}/chat/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    body: JSON.stringify({ locale: 'zh-CN', name: '王小明', email: 'wang.xiaoming@example.com' }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const created = (await response.json()) as { id: string; visitor_token: string };
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/public/v1/chat/ws`);
  const frames: Frame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const send = (frame: Frame) => socket.send(JSON.stringify(frame));
  send({ type: 'hello', conversation_id: created.id, token: created.visitor_token, after_seq: 0 });
  await until('the ready frame', async () => frames.some((frame) => frame.type === 'ready'));
  return { id: created.id, frames, send, close: () => socket.close() };
}

async function fieldValue(page: Page, label: string): Promise<string> {
  return page.getByRole('dialog').getByLabel(label, { exact: true }).inputValue();
}

async function openKb(page: Page) {
  await page.getByRole('menuitem', { name: '知识库' }).click();
  await page.getByTestId('kb-page').waitFor();
}

async function articleBySlug(agent: Api): Promise<ArticleListItem> {
  const found = (await agent<{ items: ArticleListItem[] }>('GET', '/kb/articles?status=published&locale=zh-CN&category=settlement.delayed')).items.find((item) => item.slug === slug);
  assert.ok(found, 'the article is stored');
  return found;
}

for (const dialect of dialects) {
  browserTest(`knowledge base and live chats (${dialect}): an agent writes and publishes an article, finds it, edits it, suggests it on a case and answers a handed-off chat`, async () => {
    const session = await openConsole(dialect, { demoCases: 20 });
    const { page, server } = session;
    const agent = apiAs(session, 'agent');
    const admin = apiAs(session, 'admin');
    let chat: Awaited<ReturnType<typeof visitor>> | null = null;
    try {
      await session.signIn('agent');

      // The list: the starter set loaded with the demo.
      await openKb(page);
      await page.getByTestId('kb-title').first().waitFor();
      await settle(page);
      await session.screenshot('70-kb-list-zh-CN');

      // Write a new article; the preview renders Markdown and shows typed HTML as text.
      await page.getByTestId('kb-new').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('网址名（slug）').fill(slug);
      await dialog.getByLabel('标题', { exact: true }).fill(title);
      // The category list is long and virtual: search it first.
      await dialog.getByLabel('问题分类', { exact: true }).fill('结算');
      await chooseOption(page, '问题分类', '结算延迟');
      const tags = dialog.getByLabel('标签', { exact: true });
      await tags.fill('结算');
      await tags.press('Enter');
      await dialog.getByLabel('正文（Markdown）').fill(body);
      await dialog.getByRole('tab', { name: '预览' }).click();
      const preview = page.getByTestId('kb-preview');
      await preview.locator('strong').filter({ hasText: '结算' }).waitFor();
      assert.equal(await preview.locator('li').count(), 2);
      assert.equal(await preview.locator('script').count(), 0, 'typed HTML is not markup');
      assert.match((await preview.textContent()) ?? '', /<script>alert\(1\)<\/script>/);
      await dialog.locator('label.ant-radio-button-wrapper').filter({ hasText: /^已发布$/ }).click();
      assert.ok(await dialog.getByRole('radio', { name: '已发布' }).isChecked());
      await settle(page);
      await session.screenshot('71-kb-editor-preview-zh-CN');
      await page.getByTestId('kb-save').click();
      await page.getByText('文章已创建').waitFor();
      await dialog.getByText('编辑文章 · v1').waitFor();
      const created = await articleBySlug(agent);
      assert.equal(created.version, 1);
      assert.equal(created.title, title);
      assert.deepEqual(created.tags, ['结算']);
      // Published, so the drawer offers the portal page (with the tenant).
      assert.equal(await page.getByTestId('kb-portal-link').getAttribute('href'), `${server.baseUrl}/portal/articles/${slug}?locale=zh-CN&tenant=${server.tenant.slug}`);
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await dialog.waitFor({ state: 'hidden' });

      // Search finds it, the match highlighted (and only <mark> comes through as markup).
      await page.getByLabel('搜索文章').fill('结算延迟');
      await until('the search in the URL', async () => new URL(page.url()).searchParams.get('q') === '结算延迟');
      const row = page.getByTestId('kb-table').locator('tbody tr').filter({ hasText: title });
      await row.locator('mark').first().waitFor();
      assert.match((await row.locator('mark').allTextContents()).join(' '), /结算/);
      assert.equal(await page.getByTestId('kb-table').locator('script').count(), 0);
      await settle(page);
      await session.screenshot('72-kb-search-zh-CN');

      // Edit: a second version, listed in the history.
      await row.getByTestId('kb-title').click();
      await dialog.getByText('编辑文章 · v1').waitFor();
      await dialog.getByLabel('标题', { exact: true }).fill(`${title}（T+1）`);
      await page.getByTestId('kb-save').click();
      await page.getByText('已保存为第 2 版').waitFor();
      await dialog.getByRole('tab', { name: '版本历史' }).click();
      await page.locator('[data-testid="kb-version"][data-version="2"]').waitFor();
      await page.locator('[data-testid="kb-version"][data-version="1"]').waitFor();
      const versions = await agent<Versions>('GET', `/kb/articles/${created.id}/versions`);
      assert.deepEqual(versions.items.map((version) => version.version), [2, 1]);
      assert.equal(versions.items[0]?.title, `${title}（T+1）`);
      await settle(page);
      await session.screenshot('73-kb-history-zh-CN');

      // Someone else saves version 3 meanwhile: saving on version 2 is refused, and a reload brings theirs.
      await admin<ArticleResponse>('PATCH', `/kb/articles/${created.id}`, { title: `${title}（主管修订）`, expected_version: 2 });
      await dialog.getByRole('tab', { name: '编辑' }).click();
      await dialog.getByLabel('正文（Markdown）').fill(`${body}\n\n补充说明。`);
      await page.getByTestId('kb-save').click();
      await page.getByTestId('kb-conflict').getByText('别人刚刚修改了这篇文章').waitFor();
      await page.getByTestId('kb-conflict').getByRole('button', { name: '重新加载最新版本' }).click();
      await until('the latest title in the form', () => fieldValue(page, '标题'), (value) => value === `${title}（主管修订）`);
      assert.equal((await agent<ArticleResponse>('GET', `/kb/articles/${created.id}`)).version, 3);
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await dialog.waitFor({ state: 'hidden' });

      // A case about a late settlement suggests the article; "insert link" puts its link in the reply.
      const item = await agent<Case>('POST', '/cases', { subject: '结算款三天了还没到账', description: '商户反馈结算延迟，T+1 的款项一直没有到账。', category: 'settlement.delayed', customer: { email: 'shop-owner@example.com', locale: 'zh-CN' } });
      await page.goto(`${server.baseUrl}/cases/${item.id}`);
      const suggestions = page.getByTestId('kb-suggestions');
      const suggestion = suggestions.locator(`[data-testid="kb-suggestion"][data-slug="${slug}"]`);
      await suggestion.waitFor();
      await suggestion.getByText(`${title}（主管修订）`).waitFor();
      await suggestion.getByRole('button', { name: `把《${title}（主管修订）》的链接插入回复` }).click();
      const link = `${server.baseUrl}/portal/articles/${slug}?locale=zh-CN&tenant=${server.tenant.slug}`;
      await until('the link in the reply box', () => page.locator('#case-composer-text').inputValue(), (value) => value.includes(link) && value.includes(title));
      assert.equal(await suggestion.getByRole('link', { name: `在门户打开《${title}（主管修订）》` }).getAttribute('href'), link);
      await suggestions.scrollIntoViewIfNeeded();
      await settle(page);
      await session.screenshot('74-case-kb-suggestions-zh-CN');

      // A visitor asks the bot, then for a person: the chat waits for an agent, with a case.
      chat = await visitor(server.baseUrl, server.tenant.slug);
      chat.send({ type: 'message', client_id: 'visitor-1', body: '我的结算款三天了还没到账' });
      await until('the visitor message stored', async () => chat?.frames.some((frame) => frame.type === 'ack' && frame.client_id === 'visitor-1'));
      await until('the bot answer', async () => chat?.frames.some((frame) => frame.type === 'message' && (frame.message as { sender: string }).sender === 'bot'));
      chat.send({ type: 'handoff' });
      const handedOff = await until('the hand-off', () => agent<ChatDetail>('GET', `/chats/${chat?.id ?? ''}`), (detail) => detail.status === 'waiting' && detail.case_id !== null);

      await page.getByRole('menuitem', { name: '在线咨询' }).click();
      await page.getByTestId('chats-page').waitFor();
      const listed = page.locator(`[data-testid="chat-item"][data-chat-id="${chat.id}"]`);
      await listed.waitFor();
      await listed.locator('[data-status="waiting"]').waitFor();
      await listed.getByText('王小明').waitFor();
      await listed.getByText(`工单 #${handedOff.case_number ?? ''}`).waitFor();
      await listed.getByTestId('chat-unread').waitFor();
      await listed.click();
      const pane = page.getByTestId('chat-pane');
      await pane.locator('[data-sender="visitor"]').filter({ hasText: '我的结算款三天了还没到账' }).waitFor();
      await pane.locator('[data-sender="bot"]').first().getByTestId('chat-author').filter({ hasText: '自动助手（机器人）' }).waitFor();
      await pane.locator('[data-sender="system"]').first().waitFor();
      assert.equal(await pane.getByTestId('chat-case-link').getAttribute('href'), `/cases/${handedOff.case_id ?? ''}`);
      // Opening the chat marks it read.
      await until('the chat marked read', () => agent<ChatDetail>('GET', `/chats/${chat?.id ?? ''}`), (detail) => detail.agent_read_seq >= detail.last_seq);

      const answer = '您好，我是客服小李，正在为您查询结算进度。';
      await pane.getByLabel('回复访客').fill(answer);
      await pane.getByTestId('chat-send').click();
      // The chat is now with an agent (a read racing the commit may see the message first, so wait for both).
      await until('the answer stored in the chat', () => agent<ChatDetail>('GET', `/chats/${chat?.id ?? ''}`), (detail) => detail.status === 'agent' && detail.messages.some((message) => message.sender === 'agent' && message.body === answer));
      await until('the answer delivered to the visitor', async () => chat?.frames.some((frame) => frame.type === 'message' && (frame.message as { sender: string; body: string }).sender === 'agent' && (frame.message as { body: string }).body === answer));
      await pane.locator('[data-sender="agent"]').filter({ hasText: answer }).waitFor();
      await pane.locator('[data-status="agent"]').waitFor();
      await settle(page);
      await session.screenshot('75-chats-zh-CN');

      // The chat's case shows it is live.
      await pane.getByTestId('chat-case-link').click();
      await page.getByTestId('case-chat-status').waitFor();

      // Tablet: the list and the conversation take turns.
      await page.setViewportSize({ width: 820, height: 1000 });
      await page.goto(`${server.baseUrl}/chats?chat=${chat.id}`);
      await page.getByTestId('chat-pane').waitFor();
      await page.getByRole('button', { name: '返回对话列表' }).click();
      await page.locator(`[data-testid="chat-item"][data-chat-id="${chat.id}"]`).waitFor();
      await settle(page);
      await session.screenshot('76-chats-tablet-zh-CN');
      await page.goto(`${server.baseUrl}/kb`);
      await page.getByTestId('kb-title').first().waitFor();
      await settle(page);
      await session.screenshot('77-kb-tablet-zh-CN');

      // The one refused save (409, provoked above) is the only thing the browser complained about.
      assert.deepEqual(session.errors.map((error) => error.replace(/\(.*\)$/, '').trim()), ['console: Failed to load resource: the server responded with a status of 409']);
    } finally {
      chat?.close();
      await session.close();
    }
  });
}

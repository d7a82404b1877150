import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FrameLocator } from 'playwright-core';
import { browserTest, until } from '../helpers/browser.js';
import { desktop, openPortal, phone } from '../helpers/portal.js';

/** A merchant's shop on another site (localhost vs the desk's 127.0.0.1) with the one script tag. */
async function merchantSite(deskUrl: string): Promise<{ url: string; server: Server }> {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>示例商城</title></head><body style="font-family:sans-serif;margin:0;padding:24px;background:#fafafa">
<h1>示例商城</h1><p>结账页面 · 订单 #A1001 · ¥128.00</p>
<script src="${deskUrl}/widget.js" data-tenant="acme" data-locale="zh-CN" async></script>
</body></html>`;
  const server = createServer((request, response) => {
    if ((request.url ?? '/').split('?')[0] === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    } else {
      response.writeHead(204);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}

const chatFrame = (page: import('playwright-core').Page): FrameLocator => page.frameLocator('iframe[title="Paydesk 在线客服"]');

browserTest('widget: one script tag on a merchant site, chat with the bot in Chinese, hand off, an agent answers and reads, history after a reload', async () => {
  const session = await openPortal({ viewport: desktop });
  const { page, server } = session;
  const shop = await merchantSite(server.baseUrl);
  try {
    await page.goto(shop.url);
    const bubble = page.getByRole('button', { name: '在线咨询' });
    await bubble.waitFor();
    // One global, nothing else leaked into the merchant's page.
    assert.deepEqual(await page.evaluate(() => Object.keys((window as unknown as { PaydeskWidget: object }).PaydeskWidget).sort()), ['close', 'open']);
    await session.screenshot('70-widget-closed-zh-CN');

    await bubble.click();
    const chat = chatFrame(page);
    await chat.getByTestId('chat-welcome').waitFor();
    await chat.getByTestId('chat-state').filter({ hasText: '自动助手为您服务' }).waitFor();

    // The visitor writes in Chinese; the bot answers, labelled as a bot.
    await chat.getByLabel('输入消息').fill('银行卡付款失败，提示余额不足');
    await chat.getByLabel('输入消息').press('Enter');
    const mine = chat.locator('[data-testid="chat-message"][data-from="visitor"]').filter({ hasText: '银行卡付款失败，提示余额不足' });
    await mine.waitFor();
    await mine.locator('[data-delivery="delivered"], [data-delivery="read"]').waitFor();
    const botAnswer = chat.locator('[data-testid="chat-message"][data-from="bot"]').last();
    await botAnswer.getByTestId('bot-label').waitFor();
    await until('the bot to answer', async () => (await chat.locator('[data-testid="chat-message"][data-from="bot"]').count()) > 0);
    assert.match((await botAnswer.textContent()) ?? '', /余额/);
    await session.screenshot('71-widget-bot-answer-zh-CN');

    // Talk to a person: the case number appears.
    await chat.getByRole('button', { name: '转人工' }).click();
    const caseTag = chat.getByTestId('chat-case-number');
    await caseTag.waitFor();
    const number = Number(/#(\d+)/.exec((await caseTag.textContent()) ?? '')?.[1]);
    assert.ok(number > 0);
    await chat.locator('[data-testid="message"][data-from="system"], [data-testid="chat-message"][data-from="system"]').filter({ hasText: String(number) }).first().waitFor();
    await session.screenshot('72-widget-handoff-zh-CN');

    // An agent answers on the case over the API: it arrives in the iframe.
    const found = await session.agent<{ items: { id: string; number: number; channel: string }[] }>('GET', `/cases?q=%23${number}`);
    const theCase = found.items.find((item) => item.number === number);
    assert.ok(theCase);
    assert.equal(theCase.channel, 'web_chat');
    await session.agent('POST', `/cases/${theCase.id}/messages`, { direction: 'outbound', body: '您好，我是客服小王。已看到您的情况，请问是哪家银行的卡？' });
    const agentLine = chat.locator('[data-testid="chat-message"][data-from="agent"]').filter({ hasText: '我是客服小王' });
    await agentLine.waitFor();

    // The agent reads the chat: the visitor's tick turns to read.
    const chats = await session.agent<{ items: { id: string; case_number: number | null; last_seq: number }[] }>('GET', '/chats');
    const conversation = chats.items.find((item) => item.case_number === number);
    assert.ok(conversation);
    await session.agent('POST', `/chats/${conversation.id}/read`, { seq: conversation.last_seq });
    await mine.locator('[data-delivery="read"]').waitFor();
    await session.screenshot('73-widget-agent-reply-zh-CN');

    // Reload the shop: the conversation comes back.
    await page.reload();
    await page.getByRole('button', { name: '在线咨询' }).click();
    await chatFrame(page).locator('[data-testid="chat-message"][data-from="agent"]').filter({ hasText: '我是客服小王' }).waitFor();
    await chatFrame(page).locator('[data-testid="chat-message"][data-from="visitor"]').filter({ hasText: '银行卡付款失败' }).waitFor();
    await chatFrame(page).getByTestId('chat-case-number').waitFor();
    await session.screenshot('74-widget-history-restored-zh-CN');

    // The chat page closes itself through the loader (the button in its header).
    await chatFrame(page).getByRole('button', { name: '关闭聊天窗口' }).click();
    await until('the panel to close', () => page.evaluate(() => document.querySelector('[data-paydesk-widget]')?.shadowRoot?.querySelector('.panel')?.getAttribute('data-open')), (open) => open === 'false');

    assert.deepEqual(session.errors, []);
  } finally {
    shop.server.close();
    await session.close();
  }
});

browserTest('widget on a phone: the chat fills the screen and keeps working', async () => {
  const session = await openPortal({ viewport: phone });
  const { page, server } = session;
  const shop = await merchantSite(server.baseUrl);
  try {
    await page.goto(shop.url);
    await page.getByRole('button', { name: '在线咨询' }).click();
    const chat = chatFrame(page);
    await chat.getByTestId('chat-welcome').waitFor();
    const box = await page.locator('iframe[title="Paydesk 在线客服"]').boundingBox();
    assert.ok(box && box.width >= phone.width - 1 && box.height >= phone.height - 1, `full screen: ${JSON.stringify(box)}`);
    await chat.getByLabel('输入消息').fill('POS 机打印不出小票');
    await chat.getByRole('button', { name: '发送', exact: true }).click();
    await chat.locator('[data-testid="chat-message"][data-from="bot"]').first().waitFor();
    await session.screenshot('75-widget-phone-zh-CN');
    assert.deepEqual(session.errors, []);
  } finally {
    shop.server.close();
    await session.close();
  }
});

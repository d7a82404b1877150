import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { answerWithBot } from '../../src/chat/chat.bot.js';
import { chatOutcomeCounts } from '../../src/chat/chat.service.js';
import { setChatSocketLimits } from '../../src/chat/chat.socket.js';
import { classifier } from '../../src/diagnosis/classifier.js';
import { buildApp } from '../../src/http/app.js';
import { type Chat, type Frame, Visitor } from '../helpers/chat-visitor.js';
import { dialects, seedTenant, startTestServer, testConfig, type TenantSeats, type TestServer } from '../helpers/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries a read until it satisfies `ok` (frames are handled asynchronously). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: last value ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

/** How a socket closed, failing (not hanging) when the server keeps it open. */
function closedWithin<T>(closed: Promise<T> | undefined, what: string, ms = 8000): Promise<T> {
  if (!closed) return Promise.reject(new Error(`${what}: no socket`));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still open after ${ms} ms`)), ms);
  });
  return Promise.race([closed, late]).finally(() => clearTimeout(timer));
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

for (const dialect of dialects) {
  describe(`web chat with the bot and agents [${dialect}]`, () => {
    let server: TestServer;
    let agent: string;
    const startChat = async (body: Record<string, unknown> = { locale: 'zh-CN' }, tenant = 'acme'): Promise<Chat> => {
      const created = await server.call('POST', `/public/v1/${tenant}/chat/conversations`, { body });
      assert.equal(created.status, 201, created.text);
      return created.body as Chat;
    };
    const chatOf = (id: string, token = agent) => server.call('GET', `/api/v1/chats/${id}`, { token });
    const upload = (chat: Chat, file: Buffer, type: string, name: string, token = chat.visitor_token) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)], { type }), name);
      return fetch(`${server.baseUrl}/public/v1/chat/conversations/${chat.id}/attachments`, { method: 'POST', headers: { 'x-visitor-token': token }, body: form });
    };

    before(async () => {
      // The desk trains its classifier at start-up (src/server.ts); do the same before timing bot turns.
      classifier();
      server = await startTestServer(dialect, { PAYDESK_CHAT_MESSAGES_PER_MINUTE: '8' });
      agent = server.tenant.seats.agent.token;
      const article = await server.call('POST', '/api/v1/kb/articles', {
        token: agent,
        body: {
          slug: 'card-payment-failed',
          locale: 'zh-CN',
          title: '银行卡付款失败怎么办',
          body_markdown: '银行卡付款失败、页面提示交易失败时，通常是银行系统临时故障。请稍后重试，重试前先确认没有扣款。',
          category: 'payment_failed.system_error',
          tags: ['付款失败', '银行卡'],
          status: 'published',
        },
      });
      assert.equal(article.status, 201, article.text);
    });
    after(async () => server.close());

    it('answers a failed card payment in Chinese, collects the transaction id and hands off to a person who answers over the case API', async () => {
      const chat = await startChat({ locale: 'zh-CN', name: '王女士', email: 'wang@example.com', page_url: 'https://shop.example.com/checkout' });
      assert.equal(chat.status, 'bot');
      assert.match(chat.visitor_token, /^[A-Za-z0-9_-]{43}$/);
      const { visitor, ready } = await Visitor.join(server, chat);
      assert.deepEqual(ready.conversation, { id: chat.id, status: 'bot', case_number: null, bot_active: true });
      assert.deepEqual(ready.messages, []);

      let mark = visitor.frames.length;
      const first = await visitor.say('c1', '我用银行卡付款失败了，页面提示交易失败');
      assert.equal(first.type, 'ack');
      assert.equal(first.seq, 1);
      await visitor.waitFor((frame) => frame.type === 'typing' && frame.by === 'bot' && frame.typing === true, 'bot typing', mark);
      await visitor.botDone(mark);
      const answers = visitor.messages().filter((message) => message.sender === 'bot');
      assert.ok(answers.length >= 1, 'the bot answered');
      const said = answers.map((message) => message.body).join('\n');
      assert.match(said, /自动助手（机器人）/, 'says it is a bot');
      assert.match(said, /银行卡付款失败怎么办/, 'links the article');
      assert.match(said, /交易流水号/, 'asks for the transaction id');
      assert.ok(answers.some((message) => message.actions?.some((action: { id: string }) => action.id === 'handoff')), 'offers a hand-off');
      assert.equal(answers[0]?.author_name, 'Paydesk 助手');
      const echo = visitor.messages().find((message) => message.client_id === 'c1');
      assert.equal(echo?.sender, 'visitor');
      assert.equal(echo?.seq, 1);

      mark = visitor.frames.length;
      await visitor.say('c2', '交易号 4200001234567890123456');
      await visitor.botDone(mark);
      mark = visitor.frames.length;
      await visitor.say('c3', '转人工');
      const handed = await visitor.waitFor((frame) => frame.type === 'state' && frame.status === 'waiting', 'hand-off state', mark);
      assert.equal(handed.bot_active, false);
      assert.ok(Number.isInteger(handed.case_number));
      await visitor.waitFor((frame) => frame.type === 'message' && frame.message.sender === 'system' && frame.message.body.includes(`#${handed.case_number}`), 'hand-off notice', mark);

      const detail = await chatOf(chat.id);
      assert.equal(detail.status, 200, detail.text);
      assert.equal(detail.body.outcome, 'handed_off');
      assert.equal(detail.body.case_number, handed.case_number);
      const caseId = detail.body.case_id as string;
      const opened = await server.call('GET', `/api/v1/cases/${caseId}`, { token: agent });
      assert.equal(opened.body.channel, 'web_chat');
      assert.match(opened.body.category, /^payment_failed\./);
      assert.equal(opened.body.refs.transaction_id, '4200001234567890123456');
      assert.equal(opened.body.subject, '我用银行卡付款失败了，页面提示交易失败');
      assert.ok(opened.body.tags.includes('web_chat'));
      assert.ok(opened.body.customer_id, 'the visitor became the customer');
      const caseMessages = (await server.call('GET', `/api/v1/cases/${caseId}/messages?limit=200`, { token: agent })).body.items as Frame[];
      assert.ok(caseMessages.some((message) => message.direction === 'inbound' && message.author_type === 'customer' && message.body === '我用银行卡付款失败了，页面提示交易失败'));
      assert.ok(caseMessages.some((message) => message.direction === 'outbound' && message.author_type === 'bot' && message.body.includes('自动助手')));
      const note = caseMessages.find((message) => message.direction === 'note');
      assert.ok(note, 'an internal note for the agent');
      assert.match(note.body, /4200001234567890123456/);
      assert.ok(caseMessages.every((message) => message.delivery_status !== 'pending'), 'the transcript was recorded, not sent');

      mark = visitor.frames.length;
      const answered = await server.call('POST', `/api/v1/cases/${caseId}/messages`, { token: agent, body: { direction: 'outbound', body: '您好，我们正在核实这笔交易，请稍候。' } });
      assert.equal(answered.status, 201, answered.text);
      assert.equal(answered.body.delivery_status, 'delivered');
      const fromAgent = (await visitor.waitFor((frame) => frame.type === 'message' && frame.message.sender === 'agent', 'agent reply', mark)).message as Frame;
      assert.equal(fromAgent.body, '您好，我们正在核实这笔交易，请稍候。');
      assert.equal(fromAgent.author_name, 'agent of acme');
      await visitor.waitFor((frame) => frame.type === 'state' && frame.status === 'agent', 'agent state', mark);

      visitor.send({ type: 'read', seq: fromAgent.seq });
      await eventually(() => chatOf(chat.id), (read) => read.body.visitor_read_seq === fromAgent.seq, 'visitor read receipt');
      mark = visitor.frames.length;
      const agentRead = await server.call('POST', `/api/v1/chats/${chat.id}/read`, { token: agent, body: { seq: fromAgent.seq } });
      assert.deepEqual(agentRead.body, { agent_read_seq: fromAgent.seq, visitor_read_seq: fromAgent.seq });
      await visitor.waitFor((frame) => frame.type === 'read' && frame.by === 'agent' && frame.seq === fromAgent.seq, 'agent read receipt', mark);

      const typing = await server.call('POST', `/api/v1/chats/${chat.id}/typing`, { token: agent, body: { typing: true } });
      assert.equal(typing.status, 204);
      await visitor.waitFor((frame) => frame.type === 'typing' && frame.by === 'agent' && frame.typing === true, 'agent typing', mark);
      visitor.send({ type: 'typing', typing: true });
      await eventually(() => chatOf(chat.id), (read) => read.body.visitor_typing === true, 'visitor typing');

      mark = visitor.frames.length;
      const later = await visitor.say('c4', '好的，谢谢，我等你们消息');
      await sleep(300);
      assert.ok(!visitor.frames.slice(mark).some((frame) => frame.type === 'message' && frame.message.sender === 'bot'), 'the bot is quiet once a person has the chat');
      const onCase = (await server.call('GET', `/api/v1/cases/${caseId}/messages?limit=200`, { token: agent })).body.items as Frame[];
      assert.ok(onCase.some((message) => message.direction === 'inbound' && message.body === '好的，谢谢，我等你们消息'), 'later visitor messages reach the case');
      const listed = await server.call('GET', '/api/v1/chats?status=agent', { token: server.tenant.seats.viewer.token });
      const item = (listed.body.items as Frame[]).find((entry) => entry.id === chat.id);
      assert.equal(item?.unread, 1);
      assert.equal(item?.last_message.seq, later.seq);
      await visitor.close();
    });

    it('delivers what was written while the visitor was away exactly once after a reconnect, and stores a resent message once', async () => {
      const chat = await startChat({ locale: 'en' });
      let { visitor } = await Visitor.join(server, chat);
      const mark = visitor.frames.length;
      await visitor.say('r1', 'My card payment failed with an error');
      await visitor.botDone(mark);
      const lastSeen = Math.max(...visitor.messages().map((message) => message.seq as number));
      await visitor.close();

      for (const body of ['Hello, I am looking at your payment now.', 'Could you tell me the time of the payment?']) {
        const sent = await server.call('POST', `/api/v1/chats/${chat.id}/messages`, { token: agent, body: { body } });
        assert.equal(sent.status, 201, sent.text);
        assert.equal(sent.body.message.sender, 'agent');
      }
      const rejoined = await Visitor.join(server, chat, lastSeen);
      visitor = rejoined.visitor;
      const missed = rejoined.ready.messages as Frame[];
      assert.deepEqual(missed.map((message) => message.seq), missed.map((_, index) => lastSeen + 1 + index), 'no gaps, in order');
      assert.deepEqual(missed.filter((message) => message.sender === 'agent').map((message) => message.body), ['Hello, I am looking at your payment now.', 'Could you tell me the time of the payment?']);
      assert.equal(rejoined.ready.conversation.status, 'agent');
      await sleep(1500);
      assert.deepEqual(visitor.messages(), [], 'nothing is sent twice');

      // Sent, then the connection dropped before the ack: the browser sends it again.
      visitor.send({ type: 'message', client_id: 'unacked-1', body: 'Around 3pm yesterday' });
      visitor.ws.terminate();
      const again = await Visitor.join(server, chat, lastSeen);
      const ack = await again.visitor.say('unacked-1', 'Around 3pm yesterday');
      assert.equal(ack.type, 'ack');
      const twice = await again.visitor.say('unacked-1', 'Around 3pm yesterday');
      assert.equal(twice.seq, ack.seq);
      const stored = (await chatOf(chat.id)).body.messages as Frame[];
      assert.equal(stored.filter((message) => message.client_id === 'unacked-1').length, 1);
      await again.visitor.close();
    });

    it('refuses forged tokens, other conversations and frames before hello', async () => {
      const mine = await startChat();
      const other = await startChat();
      for (const hello of [
        { type: 'hello', conversation_id: mine.id, token: 'forged-token', after_seq: 0 },
        { type: 'hello', conversation_id: other.id, token: mine.visitor_token, after_seq: 0 },
        { type: 'hello', conversation_id: 'not-a-uuid', token: mine.visitor_token },
        { type: 'message', client_id: 'x', body: 'hi' },
      ]) {
        const visitor = await Visitor.connect(server);
        visitor.send(hello);
        const error = await visitor.waitFor((frame) => frame.type === 'error', 'error');
        assert.equal(error.code, 'unauthorized');
        assert.equal((await visitor.closed).code, 4401);
      }
      const stored = (await chatOf(other.id)).body;
      assert.equal(stored.last_seq, 0);
    });

    it('keeps the socket open after malformed frames, closes it on an oversized one, and the server carries on', async () => {
      const chat = await startChat({ locale: 'en' });
      const { visitor } = await Visitor.join(server, chat);
      let mark = visitor.frames.length;
      visitor.send('{"type": "message", ');
      const bad = await visitor.waitFor((frame) => frame.type === 'error', 'json error', mark);
      assert.equal(bad.code, 'bad_request');
      mark = visitor.frames.length;
      visitor.send({ type: 'teleport' });
      assert.equal((await visitor.waitFor((frame) => frame.type === 'error', 'frame error', mark)).code, 'validation_failed');
      mark = visitor.frames.length;
      visitor.send({ type: 'message', client_id: 'long', body: 'x'.repeat(4001) });
      const tooLong = await visitor.waitFor((frame) => frame.type === 'error', 'too long', mark);
      assert.equal(tooLong.code, 'validation_failed');
      assert.equal(tooLong.client_id, 'long');
      mark = visitor.frames.length;
      visitor.send({ type: 'ping' });
      await visitor.waitFor((frame) => frame.type === 'pong', 'pong', mark);
      const masked = await visitor.say('card', 'card 4111 1111 1111 1111 was declined');
      assert.equal(masked.type, 'ack');
      const stored = ((await chatOf(chat.id)).body.messages as Frame[]).find((message) => message.client_id === 'card');
      assert.equal(stored?.body, 'card 411111******1111 was declined');

      visitor.send({ type: 'message', client_id: 'huge', body: 'x'.repeat(70 * 1024) });
      assert.equal((await visitor.closed).code, 1009);
      assert.equal((await server.call('GET', '/healthz')).status, 200);
      const fresh = await Visitor.join(server, chat);
      assert.equal(fresh.ready.conversation.id, chat.id);
      for (let index = 0; index < 130; index += 1) fresh.visitor.send({ type: 'ping' });
      assert.equal((await fresh.visitor.closed).code, 1008, 'a flood of frames closes the socket');
      assert.ok(fresh.visitor.frames.some((frame) => frame.type === 'error' && frame.code === 'rate_limited'));
    });

    it('limits messages per conversation without storing the extra ones', async () => {
      const chat = await startChat({ locale: 'en' });
      const { visitor } = await Visitor.join(server, chat);
      for (let index = 1; index <= 8; index += 1) assert.equal((await visitor.say(`m${index}`, `message number ${index}`)).type, 'ack');
      const refused = await visitor.say('m9', 'one too many');
      assert.equal(refused.type, 'error');
      assert.equal(refused.code, 'rate_limited');
      server.clock.now = new Date(server.clock.now.getTime() + 61_000);
      assert.equal((await visitor.say('m9', 'one too many')).type, 'ack', 'a minute later it goes through');
      await eventually(() => chatOf(chat.id), (read) => (read.body.messages as Frame[]).filter((message) => message.sender === 'visitor').length === 9, 'nine visitor messages');
      await visitor.close();
    });

    it('takes type-checked files before and after the hand-off and puts them on the case', async () => {
      const chat = await startChat({ locale: 'en', email: 'li@example.com' });
      const png = await upload(chat, PNG, 'image/png', 'receipt.png');
      assert.equal(png.status, 201);
      const file = (await png.json()) as Frame;
      assert.equal(file.content_type, 'image/png');
      const forged = await upload(chat, Buffer.from('not a picture'), 'image/png', 'fake.png');
      assert.equal(forged.status, 415);
      assert.equal((await upload(chat, PNG, 'image/png', 'x.png', 'wrong-token')).status, 401);

      const { visitor } = await Visitor.join(server, chat);
      const mark = visitor.frames.length;
      const sent = await visitor.say('pic', '', { attachment_id: file.id });
      assert.equal(sent.type, 'ack');
      const echoed = (await visitor.waitFor((frame) => frame.type === 'message' && frame.message.client_id === 'pic', 'picture', mark)).message as Frame;
      assert.deepEqual(echoed.attachment, { id: file.id, filename: 'receipt.png', content_type: 'image/png', size: PNG.length });
      const download = await fetch(`${server.baseUrl}/public/v1/chat/conversations/${chat.id}/attachments/${file.id}`, { headers: { 'x-visitor-token': chat.visitor_token } });
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);

      visitor.send({ type: 'handoff' });
      const state = await visitor.waitFor((frame) => frame.type === 'state' && frame.status === 'waiting', 'hand-off', mark);
      const caseId = (await chatOf(chat.id)).body.case_id as string;
      const attachments = async () => ((await server.call('GET', `/api/v1/cases/${caseId}/attachments`, { token: agent })).body.items as Frame[]).map((item) => item.filename).sort();
      assert.deepEqual(await attachments(), ['receipt.png']);
      assert.equal((await upload(chat, PNG, 'image/png', 'second.png')).status, 201);
      assert.deepEqual(await attachments(), ['receipt.png', 'second.png']);
      assert.ok(state.case_number > 0);
      await visitor.close();
    });

    it('stops the bot on request and leaves the chat for a person', async () => {
      const chat = await startChat({ locale: 'zh-CN' });
      const { visitor } = await Visitor.join(server, chat);
      const mark = visitor.frames.length;
      await visitor.say('s1', '别回复了');
      const state = await visitor.waitFor((frame) => frame.type === 'state', 'state', mark);
      assert.equal(state.bot_active, false);
      assert.equal(state.status, 'waiting');
      const detail = (await chatOf(chat.id)).body;
      assert.equal(detail.outcome, 'handed_off');
      assert.ok(detail.case_id);
      await visitor.close();
    });

    it('closes the chat as deflected when the visitor writes that the answer solved it', async () => {
      const chat = await startChat({ locale: 'en' });
      const { visitor } = await Visitor.join(server, chat);
      let mark = visitor.frames.length;
      await visitor.say('q', 'My card payment failed at checkout');
      await visitor.botDone(mark);
      mark = visitor.frames.length;
      await visitor.say('done', 'thanks, that solved it');
      const state = await visitor.waitFor((frame) => frame.type === 'state' && frame.status === 'closed', 'closed', mark);
      assert.deepEqual(state, { type: 'state', status: 'closed', case_number: null, bot_active: false });
      const detail = (await chatOf(chat.id)).body;
      assert.equal(detail.outcome, 'deflected');
      assert.equal(detail.case_id, null);
      assert.equal(detail.last_message.sender, 'bot', 'the bot says goodbye itself');
      await visitor.close();
    });

    it('counts deflection (solved, or idle after a bot answer), hand-offs and abandoned chats, per tenant only', async () => {
      const globex: TenantSeats = await seedTenant(server.db.database, 'globex', server.clock.now);
      const globexAgent = globex.seats.agent.token;
      const solved = await startChat({ locale: 'en' }, 'globex');
      const idle = await startChat({ locale: 'en' }, 'globex');
      const abandoned = await startChat({ locale: 'en' }, 'globex');
      const handedOff = await startChat({ locale: 'en' }, 'globex');

      const one = await Visitor.join(server, solved);
      let mark = one.visitor.frames.length;
      await one.visitor.say('q', 'My card payment failed at checkout');
      await one.visitor.botDone(mark);
      mark = one.visitor.frames.length;
      one.visitor.send({ type: 'solved' });
      const closed = await one.visitor.waitFor((frame) => frame.type === 'state' && frame.status === 'closed', 'closed', mark);
      assert.equal(closed.bot_active, false);
      assert.equal((await closedWithin(one.visitor.closed, 'solved chat socket')).code, 1000, 'an ended chat closes its sockets');
      // Coming back shows the ended chat; it takes no more messages.
      const back = await Visitor.join(server, solved);
      assert.equal(back.ready.conversation.status, 'closed');
      assert.equal((await back.visitor.say('late', 'one more thing')).code, 'conflict');
      await back.visitor.close();

      const two = await Visitor.join(server, idle);
      mark = two.visitor.frames.length;
      await two.visitor.say('q', 'The payment did not go through');
      await two.visitor.botDone(mark);
      await two.visitor.close();
      const four = await Visitor.join(server, handedOff);
      four.visitor.send({ type: 'handoff' });
      await four.visitor.waitFor((frame) => frame.type === 'state' && frame.status === 'waiting', 'hand-off');
      await four.visitor.close();

      const report = async () => {
        const response = await server.call('GET', '/api/v1/analytics/self-service', { token: globex.seats.admin.token });
        assert.equal(response.status, 200, response.text);
        return response.body.chat as Frame;
      };
      assert.deepEqual(await report(), { conversations: 4, deflected: 1, handed_off: 1, abandoned: 0, open: 2, deflection_rate: 0.5 });
      const outcome = async (id: string) => (await chatOf(id, globexAgent)).body.outcome as string | null;
      assert.equal(await outcome(idle.id), null);
      server.clock.now = new Date(server.clock.now.getTime() + 31 * 60_000);
      // Reading the chats closes the ones left idle for 30 minutes.
      assert.equal(await outcome(idle.id), 'deflected', 'the bot answered and the visitor went quiet');
      assert.equal(await outcome(abandoned.id), 'abandoned', 'the visitor never wrote');
      assert.equal(await outcome(solved.id), 'deflected');
      assert.equal(await outcome(handedOff.id), 'handed_off');
      assert.deepEqual(await report(), { conversations: 4, deflected: 2, handed_off: 1, abandoned: 1, open: 0, deflection_rate: 2 / 3 });
      const range = { from: new Date(server.clock.now.getTime() - 86_400_000), to: new Date(server.clock.now.getTime() + 1) };
      assert.deepEqual(await chatOutcomeCounts(server.db.database.db, globex.tenantId, range, server.clock.now), { conversations: 4, deflected: 2, handed_off: 1, abandoned: 1, open: 0 });

      const theirs = await server.call('GET', '/api/v1/chats', { token: globexAgent });
      const theirIds = (theirs.body.items as Frame[]).map((item) => item.id as string);
      assert.equal(theirIds.length, 4);
      for (const id of [solved.id, idle.id, abandoned.id, handedOff.id]) assert.ok(theirIds.includes(id));
      const acmeChat = await startChat();
      assert.equal((await chatOf(acmeChat.id, globexAgent)).status, 404);
      assert.equal((await server.call('POST', `/api/v1/chats/${acmeChat.id}/messages`, { token: globexAgent, body: { body: 'hi' } })).status, 404);
      assert.equal((await chatOf(solved.id)).status, 404, 'acme cannot read globex chats');
      assert.equal((await server.call('POST', `/api/v1/chats/${acmeChat.id}/messages`, { token: server.tenant.seats.viewer.token, body: { body: 'hi' } })).status, 403);
    });

    it('refuses seqs beyond the 32-bit seq columns with 400 or an error frame, not a 500', async () => {
      const chat = await startChat({ locale: 'en' });
      const read = await server.call('POST', `/api/v1/chats/${chat.id}/read`, { token: agent, body: { seq: 3_000_000_000 } });
      assert.equal(read.status, 400, read.text);
      const page = await chatOf(`${chat.id}?after_seq=3000000000`);
      assert.equal(page.status, 400, page.text);
      const largest = await server.call('POST', `/api/v1/chats/${chat.id}/read`, { token: agent, body: { seq: 2_147_483_647 } });
      assert.equal(largest.status, 200, largest.text);
      assert.equal((await chatOf(`${chat.id}?after_seq=2147483647`)).status, 200);

      const { visitor } = await Visitor.join(server, chat);
      let mark = visitor.frames.length;
      visitor.send({ type: 'read', seq: 3e9 });
      assert.equal((await visitor.waitFor((frame) => frame.type === 'error', 'read error', mark)).code, 'validation_failed');
      mark = visitor.frames.length;
      visitor.send({ type: 'ping' });
      await visitor.waitFor((frame) => frame.type === 'pong', 'pong after the bad read', mark);
      assert.equal(visitor.ws.readyState, WebSocket.OPEN, 'the socket stays');
      await visitor.close();
    });

    it('refuses an agent reply the conduct guard blocks without handing the bot chat off', async () => {
      const admin = server.tenant.seats.admin.token;
      const chat = await startChat({ locale: 'zh-CN' });
      const { visitor } = await Visitor.join(server, chat);
      let mark = visitor.frames.length;
      await visitor.say('b1', '我用银行卡付款失败了');
      await visitor.botDone(mark);
      const before = (await chatOf(chat.id)).body;
      mark = visitor.frames.length;

      assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { modes: { off_platform_contact: 'block' } } })).status, 200);
      try {
        for (const body of ['你真是脑残', '加我微信详聊']) {
          const refused = await server.call('POST', `/api/v1/chats/${chat.id}/messages`, { token: agent, body: { body } });
          assert.equal(refused.status, 422, refused.text);
          assert.equal(refused.body.code, 'conduct_blocked');
        }
      } finally {
        await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: {} });
      }
      const after = (await chatOf(chat.id)).body;
      assert.equal(after.status, 'bot');
      assert.equal(after.case_id, null);
      assert.equal(after.outcome, null);
      assert.equal(after.bot_active, true);
      assert.equal(after.last_seq, before.last_seq, 'no hand-off notice, nothing stored');
      await sleep(300);
      assert.deepEqual(visitor.frames.slice(mark).filter((frame) => frame.type === 'state' || frame.type === 'message'), [], 'the visitor was told nothing');

      const fine = await server.call('POST', `/api/v1/chats/${chat.id}/messages`, { token: agent, body: { body: '您好，我来帮您查一下。' } });
      assert.equal(fine.status, 201, fine.text);
      assert.equal((await chatOf(chat.id)).body.status, 'agent');
      await visitor.close();
    });

    it('counts a chat the visitor calls solved before writing anything as abandoned, not deflected', async () => {
      const chat = await startChat({ locale: 'en' });
      const { visitor } = await Visitor.join(server, chat);
      visitor.send({ type: 'solved' });
      await visitor.waitFor((frame) => frame.type === 'state' && frame.status === 'closed', 'closed');
      assert.equal((await closedWithin(visitor.closed, 'solved chat socket')).code, 1000);
      assert.equal((await chatOf(chat.id)).body.outcome, 'abandoned');
    });

    it('closes every socket of a chat an agent ends, after telling them, and keeps an ended chat readable', async () => {
      const chat = await startChat({ locale: 'en' });
      const first = await Visitor.join(server, chat);
      const second = await Visitor.join(server, chat);
      const mark = first.visitor.frames.length;
      await first.visitor.say('e1', 'My card payment failed at checkout');
      await first.visitor.botDone(mark);
      const ended = await server.call('POST', `/api/v1/chats/${chat.id}/close`, { token: agent });
      assert.equal(ended.status, 200, ended.text);
      for (const { visitor } of [first, second]) {
        assert.equal((await closedWithin(visitor.closed, 'ended chat socket')).code, 1000);
        assert.ok(visitor.frames.some((frame) => frame.type === 'state' && frame.status === 'closed'), 'told before the close');
        assert.ok(visitor.messages().some((message) => message.sender === 'system'), 'the closing notice arrived');
      }
      const back = await Visitor.join(server, chat);
      assert.equal(back.ready.conversation.status, 'closed');
      assert.ok((back.ready.messages as Frame[]).length > 0);
      await sleep(1500);
      assert.equal(back.visitor.ws.readyState, WebSocket.OPEN, 'an ended chat can still be shown');
      await back.visitor.close();
    });

    it('answers once when two nodes take the first visitor messages of a chat at the same time', async () => {
      const other = await buildApp({ database: server.db.database, config: testConfig(server.db.dataDir), now: () => server.clock.now, secretKey: server.secretKey, fetch: globalThis.fetch });
      await other.listen({ port: 0, host: '127.0.0.1' });
      try {
        const otherNode = { baseUrl: `http://127.0.0.1:${(other.server.address() as AddressInfo).port}` } as TestServer;
        const chat = await startChat({ locale: 'zh-CN' });
        const one = (await Visitor.join(server, chat)).visitor;
        const two = (await Visitor.join(otherNode, chat)).visitor;
        const marks = [one.frames.length, two.frames.length] as const;
        const acks = await Promise.all([one.say('n1', '我用银行卡付款失败了'), two.say('n2', '页面提示交易失败')]);
        assert.deepEqual(acks.map((ack) => ack.type), ['ack', 'ack']);
        await Promise.all([one.botDone(marks[0]), two.botDone(marks[1])]);
        const messages = (await chatOf(chat.id)).body.messages as Frame[];
        const intros = messages.filter((message) => message.sender === 'bot' && /自动助手（机器人）/.test(message.body));
        assert.equal(intros.length, 1, `one opening: ${JSON.stringify(messages.map((message) => [message.sender, message.body.slice(0, 40)]))}`);
        await one.close();
        await two.close();
      } finally {
        await other.close();
      }

      // The same race without the sockets' timing: two turns worked out at once from the same memory.
      const raced = await startChat({ locale: 'zh-CN' });
      const db = server.db.database.db;
      await Promise.all(['我用银行卡付款失败了', '页面提示交易失败'].map((text) => answerWithBot(db, server.tenant.tenantId, raced.id, text, server.clock.now)));
      const said = ((await chatOf(raced.id)).body.messages as Frame[]).filter((message) => message.sender === 'bot');
      assert.equal(said.filter((message) => /自动助手（机器人）/.test(message.body)).length, 1, 'one opening');
      assert.ok(said.length >= 3, 'both messages were answered (opening, answer, follow-up)');
    });
  });

  describe(`chat sockets are bounded [${dialect}]`, () => {
    let server: TestServer;
    const startChat = async (): Promise<Chat> => (await server.call('POST', '/public/v1/acme/chat/conversations', { body: { locale: 'en' } })).body as Chat;
    /** The server counts a socket free once it has seen the close. */
    const settle = () => sleep(200);
    before(async () => {
      const restore = setChatSocketLimits({ idleMs: 1500, perConversation: 2, perAddress: 3 });
      try {
        server = await startTestServer(dialect);
      } finally {
        restore();
      }
    });
    after(async () => server.close());

    it('refuses more open chat sockets from one address than allowed (1008), and takes new ones once some close', async () => {
      const open = [await Visitor.connect(server), await Visitor.connect(server), await Visitor.connect(server)];
      // The refusal comes right with the upgrade, so listen before the socket opens.
      const extra = new WebSocket(`${server.baseUrl.replace('http', 'ws')}/public/v1/chat/ws`);
      const frames: Frame[] = [];
      extra.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
      const [code] = (await closedWithin(once(extra, 'close'), 'socket over the cap')) as [number];
      assert.equal(code, 1008);
      assert.deepEqual(frames.map((frame) => frame.code), ['rate_limited']);
      await open[0]?.close();
      await settle();
      const chat = await startChat();
      const again = await Visitor.join(server, chat);
      assert.equal(again.ready.conversation.id, chat.id);
      for (const visitor of [...open, again.visitor]) await visitor.close();
      await settle();
    });

    it('lets only the allowed number of sockets into one chat, even when they all say hello at once', async () => {
      const chat = await startChat();
      const sockets = [await Visitor.connect(server), await Visitor.connect(server), await Visitor.connect(server)];
      for (const visitor of sockets) visitor.send({ type: 'hello', conversation_id: chat.id, token: chat.visitor_token, after_seq: 0 });
      const answers = await Promise.all(sockets.map((visitor) => visitor.waitFor((frame) => frame.type === 'ready' || frame.type === 'error', 'ready or error')));
      assert.deepEqual(answers.map((frame) => frame.type).sort(), ['error', 'ready', 'ready']);
      const refused = sockets[answers.findIndex((frame) => frame.type === 'error')];
      assert.equal((await closedWithin(refused?.closed, 'socket over the chat limit')).code, 1008);
      for (const visitor of sockets) await visitor.close();
      await settle();
    });

    it('closes a socket that sent nothing but pings for the idle time, and keeps one in use', async () => {
      const chat = await startChat();
      const quiet = (await Visitor.join(server, chat)).visitor;
      const busy = (await Visitor.join(server, chat)).visitor;
      const started = Date.now();
      const pinging = setInterval(() => quiet.send({ type: 'ping' }), 200);
      const typing = setInterval(() => busy.send({ type: 'typing', typing: true }), 200);
      try {
        assert.equal((await closedWithin(quiet.closed, 'idle socket', 5000)).code, 1000);
        assert.ok(Date.now() - started >= 1000, 'not before the idle time');
        await sleep(1000);
        assert.equal(busy.ws.readyState, WebSocket.OPEN, 'a socket in use stays open');
      } finally {
        clearInterval(pinging);
        clearInterval(typing);
      }
      await busy.close();
    });
  });

  describe(`starting chats is rate-limited per address [${dialect}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect, { PAYDESK_PUBLIC_WRITES_PER_MINUTE: '2' });
    });
    after(async () => server.close());

    it('answers 429 with Retry-After once an address started too many chats', async () => {
      for (let index = 0; index < 2; index += 1) assert.equal((await server.call('POST', '/public/v1/acme/chat/conversations', { body: {} })).status, 201);
      const limited = await server.call('POST', '/public/v1/acme/chat/conversations', { body: {} });
      assert.equal(limited.status, 429);
      assert.equal(limited.body.code, 'rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
    });
  });
}

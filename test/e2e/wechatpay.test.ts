import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startFakeWecom } from '../fakes/wecom.js';
import { dialects, startTestServer, type TestServer } from '../helpers/harness.js';
import { complaintId, setupWechatPay, type WechatPaySetup } from '../helpers/wechatpay.js';

const seconds = (n: number) => n * 1000;
type Clock = { name: string; due_at: string; stopped_at: string | null };
const clock = (body: { clocks: Clock[] }, name: string) => body.clocks.find((entry) => entry.name === name);

for (const dialect of dialects) {
  describe(`WeChat Pay complaints end to end [${dialect}]`, () => {
    let server: TestServer;
    let wx: WechatPaySetup;
    let admin: string;
    let agent: string;
    let supervisor: string;
    const advance = (ms: number) => (server.clock.now = new Date(server.clock.now.getTime() + ms));
    const messages = async (caseId: string) => (await server.call('GET', `/api/v1/cases/${caseId}/messages?limit=200`, { token: agent })).body.items as Array<{ id: string; direction: string; body: string; delivery_status: string | null; delivery_error: string | null }>;
    const complaint = async (caseId: string) => {
      const view = await server.call('GET', `/api/v1/cases/${caseId}/wechatpay`, { token: agent });
      assert.equal(view.status, 200, view.text);
      return view.body;
    };
    const reply = (caseId: string, body: string, token = agent) => server.call('POST', `/api/v1/cases/${caseId}/messages`, { token, body: { direction: 'outbound', body } });
    const move = (caseId: string, body: Record<string, unknown>, token = agent) => server.call('POST', `/api/v1/cases/${caseId}/transitions`, { token, body });
    const countCases = async () => (await server.call('GET', '/api/v1/cases?channel=wechatpay&limit=200', { token: admin })).body.items.length as number;

    before(async () => {
      server = await startTestServer(dialect);
      admin = server.tenant.seats.admin.token;
      agent = server.tenant.seats.agent.token;
      supervisor = server.tenant.seats.supervisor.token;
      wx = await setupWechatPay(server);
    });
    after(async () => {
      await wx.close();
      await server.close();
    });

    it('keeps keys secret: GET shows fingerprints, the test call passes through the signature check', async () => {
      const got = await server.call('GET', '/api/v1/integrations/wechatpay', { token: admin });
      assert.equal(got.status, 200, got.text);
      assert.doesNotMatch(got.text, /PRIVATE KEY/);
      assert.ok(!got.text.includes(wx.keys.apiv3Key), 'the APIv3 key is never returned');
      assert.match(got.body.merchant_key_fingerprint, /^sha256:[0-9a-f]{64}$/);
      assert.equal(got.body.platform_public_keys[0].id, wx.keys.platformKeyId);
      assert.equal(got.body.callback_url.endsWith(`/webhooks/wechatpay/${server.tenant.slug}`), true);
      const test = await server.call('POST', '/api/v1/integrations/wechatpay/test', { token: admin });
      assert.equal(test.status, 200, test.text);
      assert.equal(test.body.checks[0].ok, true, test.text);
      assert.equal(wx.fake.rejected, 0);
      // Supervisors may look, agents may not; only admins change it.
      assert.equal((await server.call('GET', '/api/v1/integrations/wechatpay', { token: supervisor })).status, 200);
      assert.equal((await server.call('GET', '/api/v1/integrations/wechatpay', { token: agent })).status, 403);
      const audit = await server.call('GET', '/api/v1/audit/verify', { token: admin });
      assert.ok(!audit.text.includes(wx.keys.apiv3Key));
    });

    it('drives a complaint from callback to accepted completion', async () => {
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('receipt screenshot')]);
      const opened = await wx.open({ payer_phone_plain: '13800138000', complaint_media_list: [{ media_type: 'USER_COMPLAINT_IMAGE', media_url: [wx.fake.addImage(png, 'image/png')] }] });
      const kase = opened.case;
      assert.equal(kase.channel, 'wechatpay');
      assert.equal(kase.refs.platform_complaint_id, opened.complaintId);
      assert.match(kase.refs.transaction_id, /^42000012/);
      assert.match(kase.refs.out_trade_no, /^ORDER/);
      assert.equal(kase.amount, 12800);
      assert.equal(kase.currency, 'CNY');
      assert.equal(kase.category, 'refund.request');
      // Created 10:00 on 2 March in Shanghai: reply by 24:00 on 3 March, complete by 24:00 on 5 March, 72 h mark at 10:00 on 5 March.
      assert.equal(clock(kase, 'platform_reply')?.due_at, '2026-03-03T16:00:00.000Z');
      assert.equal(clock(kase, 'platform_complete')?.due_at, '2026-03-05T16:00:00.000Z');
      assert.equal(clock(kase, 'platform_72h')?.due_at, '2026-03-05T02:00:00.000Z');
      const view = await complaint(kase.id);
      assert.equal(view.payer_phone, '138****8000', 'the phone is shown masked');
      // The user's picture is kept as an attachment, fetched once with a signed request.
      const pictures = await server.call('GET', `/api/v1/cases/${kase.id}/attachments`, { token: agent });
      assert.equal(pictures.body.items.length, 1, pictures.text);
      assert.equal(pictures.body.items[0].content_type, 'image/png');
      const download = await fetch(`${server.baseUrl}${pictures.body.items[0].download_url}`, { headers: { authorization: `Bearer ${agent}` } });
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), png);
      assert.equal(view.state, 'PENDING');
      const customer = await server.call('GET', `/api/v1/customers/${kase.customer_id}`, { token: agent });
      assert.equal(customer.body.external_id, wx.fake.complaint(opened.complaintId)?.payer_openid);
      assert.ok(!customer.text.includes('13800138000'));

      // The same notification again (fresh nonce) is acknowledged and changes nothing.
      const timeline = async () => (await server.call('GET', `/api/v1/cases/${kase.id}/timeline?limit=200`, { token: agent })).body.items.length as number;
      const eventsBefore = await timeline();
      const firstId = 'notice-dup-1';
      assert.equal((await wx.notify(opened.complaintId, 'USER_RESPONSE', { id: firstId })).status, 204);
      const eventsAfterFirst = await timeline();
      assert.equal((await wx.notify(opened.complaintId, 'USER_RESPONSE', { id: firstId })).status, 204);
      assert.equal(await timeline(), eventsAfterFirst);
      assert.ok(eventsAfterFirst >= eventsBefore);

      // The agent's reply goes through the response API.
      const sent = await reply(kase.id, '您好，已收到您的投诉，我们正在核实订单，今天内给您答复。');
      assert.equal(sent.status, 201, sent.text);
      assert.equal(sent.body.delivery_status, 'pending');
      await server.runWorkers();
      assert.equal(wx.fake.responses.length, 1);
      assert.equal(wx.fake.responses[0]?.body.response_content, '您好，已收到您的投诉，我们正在核实订单，今天内给您答复。');
      assert.equal(wx.fake.responses[0]?.body.complainted_mchid, '1900000109');
      assert.equal((await messages(kase.id)).find((message) => message.id === sent.body.id)?.delivery_status, 'delivered');
      assert.equal(wx.fake.complaint(opened.complaintId)?.complaint_state, 'PROCESSING');
      const afterReply = (await server.call('GET', `/api/v1/cases/${kase.id}`, { token: agent })).body;
      assert.equal(afterReply.status, 'open');
      assert.ok(clock(afterReply, 'platform_reply')?.stopped_at, 'the reply clock stopped');

      // Calling the customer malicious is blocked before anything is stored or sent.
      const count = (await messages(kase.id)).length;
      const blocked = await reply(kase.id, '你这是恶意投诉，我们不会退款');
      assert.equal(blocked.status, 422, blocked.text);
      assert.equal(blocked.body.code, 'conduct_blocked');
      assert.equal(blocked.body.findings[0].rule, 'malicious_label');
      const offPlatform = await reply(kase.id, '请加我微信 abc_12345 私下处理');
      assert.equal(offPlatform.status, 422);
      assert.equal((await messages(kase.id)).length, count);

      // Not yet completable: no refund, no withdrawal, no agreement.
      const early = await move(kase.id, { to: 'resolved', resolution: 'explained' });
      assert.equal(early.status, 409, early.text);
      assert.equal(early.body.code, 'completion_refused');
      assert.deepEqual(early.body.criteria, { full_refund: false, user_withdrew: false, agreement_recorded: false });

      // Waiting on the user; the user answers on WeChat Pay.
      assert.equal((await move(kase.id, { to: 'pending_customer' })).status, 200);
      advance(seconds(600));
      wx.fake.addHistory(opened.complaintId, { operate_type: 'USER_RESPONSE', operate_details: '我不要了，请直接退款' });
      assert.equal((await wx.notify(opened.complaintId, 'USER_RESPONSE')).status, 204);
      const afterUser = (await server.call('GET', `/api/v1/cases/${kase.id}`, { token: agent })).body;
      assert.equal(afterUser.status, 'open', 'the user replied: back to open');
      assert.ok(clock(afterUser, 'next_reply') && !clock(afterUser, 'next_reply')?.stopped_at, 'a next-reply clock runs');
      assert.ok((await messages(kase.id)).some((message) => message.direction === 'inbound' && message.body.includes('请直接退款')));

      // Refund approved on the platform, then WeChat Pay reports the refund.
      const decision = await server.call('POST', `/api/v1/cases/${kase.id}/refund-decision`, { token: agent, body: { action: 'APPROVE', launch_refund_day: 0 } });
      assert.equal(decision.status, 202, decision.text);
      const badDecision = await server.call('POST', `/api/v1/cases/${kase.id}/refund-decision`, { token: agent, body: { action: 'REJECT' } });
      assert.equal(badDecision.status, 400);
      await server.runWorkers();
      assert.equal(wx.fake.refundProgress.length, 1);
      assert.equal(wx.fake.refundProgress[0]?.body.action, 'APPROVE');
      wx.fake.setComplaint(opened.complaintId, { complaint_full_refunded: true });
      assert.equal((await wx.notify(opened.complaintId, 'REFUND_SUCCESS')).status, 204);
      const refunded = await complaint(kase.id);
      assert.equal(refunded.full_refunded, true);
      assert.ok(refunded.refunded_at);
      assert.equal(refunded.completion_criteria.full_refund, true);

      // Now completion is accepted and sent to the platform.
      const resolved = await move(kase.id, { to: 'resolved', resolution: 'full_refund' });
      assert.equal(resolved.status, 200, resolved.text);
      await server.runWorkers();
      assert.equal(wx.fake.completes.length, 1);
      assert.equal(wx.fake.complaint(opened.complaintId)?.complaint_state, 'PROCESSED');
      const done = await complaint(kase.id);
      assert.equal(done.close_attempts, 1);
      assert.ok(done.first_completed_at);
      assert.deepEqual(done.actions.map((action: { kind: string; state: string }) => `${action.kind}:${action.state}`), ['response:delivered', 'refund_progress:delivered', 'complete:delivered']);
      const events = (await server.call('GET', `/api/v1/cases/${kase.id}/timeline?limit=200`, { token: agent })).body.items.map((event: { type: string }) => event.type);
      for (const type of ['wechatpay.complaint_received', 'wechatpay.refund_decided', 'wechatpay.refund_recorded', 'wechatpay.completion_requested', 'wechatpay.action_delivered']) assert.ok(events.includes(type), type);
      assert.equal(wx.fake.rejected, 0, 'every merchant request carried a valid signature');
      assert.equal((await server.call('GET', `/api/v1/cases/${kase.id}/attachments`, { token: agent })).body.items.length, 1, 'the picture was not fetched twice');
      // The case's evidence bundle holds the picture with its hash.
      const zip = await fetch(`${server.baseUrl}/api/v1/cases/${kase.id}/evidence`, { headers: { authorization: `Bearer ${supervisor}` } });
      assert.equal(zip.status, 200);
      assert.ok(Buffer.from(await zip.arrayBuffer()).includes(png), 'the picture is stored in the zip');
    });

    it('refuses early completion, counts close attempts and pauses as unsatisfied after the third', async () => {
      const { complaintId: id, caseId } = await wx.open({ problem_type: 'SERVICE_NOT_WORK', problem_description: '会员无法使用' });
      const explain = await reply(caseId, '您好，会员已为您重新开通，请重启应用后再试。');
      assert.equal(explain.status, 201);
      const userSays = async (text: string) => {
        wx.fake.addHistory(id, { operate_type: 'USER_RESPONSE', operate_details: text });
        assert.equal((await wx.notify(id, 'USER_RESPONSE')).status, 204);
        const found = (await messages(caseId)).find((message) => message.direction === 'inbound' && message.body === text);
        assert.ok(found, text);
        return found.id;
      };
      // A pause before three attempts is not allowed.
      const pause = await move(caseId, { to: 'paused' });
      assert.equal(pause.status, 409, pause.text);
      // "agreed" needs the user's own message recording the agreement: not the agent's reply, not a note.
      const noProof = await move(caseId, { to: 'resolved', resolution: 'agreed' });
      assert.equal(noProof.status, 400, noProof.text);
      assert.equal((await move(caseId, { to: 'resolved', resolution: 'agreed', agreement_message_id: '00000000-0000-4000-8000-000000000000' })).status, 400);
      assert.equal((await move(caseId, { to: 'resolved', resolution: 'agreed', agreement_message_id: explain.body.id })).status, 400, 'the agent cannot agree with themselves');
      const note = await server.call('POST', `/api/v1/cases/${caseId}/messages`, { token: agent, body: { direction: 'note', body: '用户电话里同意了' } });
      assert.equal((await move(caseId, { to: 'resolved', resolution: 'agreed', agreement_message_id: note.body.id })).status, 400, 'a note is no agreement');
      const agreed = await userSays('可以了，谢谢');
      const first = await move(caseId, { to: 'resolved', resolution: 'agreed', agreement_message_id: agreed });
      assert.equal(first.status, 200, first.text);
      await server.runWorkers();
      assert.equal((await complaint(caseId)).close_attempts, 1);

      // Reopening and resolving again without the user does not call WeChat Pay again, nor count.
      const completes = wx.fake.completes.length;
      assert.equal((await move(caseId, { to: 'open' })).status, 200);
      assert.equal((await move(caseId, { to: 'resolved', resolution: 'agreed', agreement_message_id: agreed })).status, 200);
      await server.runWorkers();
      assert.equal(wx.fake.completes.length, completes, 'already complete on WeChat Pay');
      assert.equal((await complaint(caseId)).close_attempts, 1);

      // The user complains again: the case reopens and the old agreement no longer counts.
      const again = async () => {
        wx.fake.addHistory(id, { operate_type: 'USER_CONTINUE_COMPLAINT', operate_details: '还是不能用' });
        assert.equal((await wx.notify(id, 'CONTINUE_COMPLAINT')).status, 204);
        return (await server.call('GET', `/api/v1/cases/${caseId}`, { token: agent })).body;
      };
      server.clock.now = new Date(server.clock.now.getTime() + 60_000);
      assert.equal((await again()).status, 'open');
      assert.equal((await move(caseId, { to: 'resolved', resolution: 'agreed', agreement_message_id: agreed })).status, 400, 'an agreement from before the repeat');
      // An agent cannot override the rules; a supervisor can, and it is audited.
      const agentOverride = await move(caseId, { to: 'resolved', resolution: 'explained', override_reason: '用户诉求已超出服务范围' });
      assert.equal(agentOverride.status, 403, agentOverride.text);
      const second = await move(caseId, { to: 'resolved', resolution: 'explained', override_reason: '用户诉求已超出服务范围' }, supervisor);
      assert.equal(second.status, 200, second.text);
      await server.runWorkers();
      server.clock.now = new Date(server.clock.now.getTime() + 60_000);
      assert.equal((await again()).status, 'open');
      server.clock.now = new Date(server.clock.now.getTime() + 60_000);
      const agreedAgain = await userSays('好吧，就这样处理');
      assert.equal((await move(caseId, { to: 'resolved', resolution: 'agreed', agreement_message_id: agreedAgain })).status, 200);
      await server.runWorkers();
      server.clock.now = new Date(server.clock.now.getTime() + 60_000);
      const paused = await again();
      assert.equal(paused.status, 'paused', 'after three attempts the case pauses');
      const view = await complaint(caseId);
      assert.equal(view.close_attempts, 3);
      assert.equal(view.close_attempts_left, 0);
      assert.equal(view.unsatisfied, true);
      const fourth = await move(caseId, { to: 'resolved', resolution: 'explained', override_reason: 'try again' }, supervisor);
      assert.equal(fourth.status, 409, fourth.text);
      assert.match(fourth.body.detail, /3/);
      const types = (await server.call('GET', `/api/v1/cases/${caseId}/timeline?limit=200`, { token: agent })).body.items.map((event: { type: string }) => event.type);
      assert.ok(types.includes('wechatpay.guard_overridden'));
      assert.ok(types.includes('wechatpay.unsatisfied'));
    });

    it('pauses a complaint first seen with three completions and a fourth complaint already behind it', async () => {
      const id = complaintId();
      wx.fake.addComplaint({ complaint_id: id, problem_description: '回调丢失', complaint_detail: '回调丢失' });
      for (let round = 0; round < 3; round += 1) {
        wx.fake.addHistory(id, { operate_type: 'MERCHANT_CONFIRM_COMPLETE', operate_details: '处理完成' });
        wx.fake.addHistory(id, { operate_type: 'USER_CONTINUE_COMPLAINT', operate_details: `第${round + 2}次投诉` });
      }
      assert.equal((await wx.notify(id, 'CONTINUE_COMPLAINT')).status, 204);
      const kase = await wx.caseOf(id);
      assert.equal(kase.status, 'paused');
      const view = await complaint(kase.id);
      assert.equal(view.close_attempts, 3);
      assert.equal(view.unsatisfied, true);
    });

    it('closes a withdrawn complaint without calling complete', async () => {
      const { complaintId: id, caseId } = await wx.open({});
      const completes = wx.fake.completes.length;
      wx.fake.addHistory(id, { operate_type: 'USER_REVOKE_COMPLAINT', operate_details: '已协商解决，撤诉' });
      assert.equal((await wx.notify(id, 'USER_RESPONSE')).status, 204);
      const kase = (await server.call('GET', `/api/v1/cases/${caseId}`, { token: agent })).body;
      assert.equal(kase.status, 'resolved');
      assert.equal(kase.resolution, 'customer_withdrew');
      await server.runWorkers();
      assert.equal(wx.fake.completes.length, completes, JSON.stringify({ id, completes: wx.fake.completes.map((entry) => entry.complaint_id) }));
      assert.equal((await complaint(caseId)).completion_criteria.user_withdrew, true);
    });

    it('pushes the bots again and again as the 72-hour mark nears', async () => {
      const wecom = await startFakeWecom();
      try {
        const channel = await server.call('POST', '/api/v1/notification-channels', { token: admin, body: { name: '投诉提醒群', config: { kind: 'wecom', url: wecom.url }, events: ['sla.reminder'], locale: 'zh-CN' } });
        assert.equal(channel.status, 201, channel.text);
        const start = server.clock.now.getTime();
        const { caseId } = await wx.open({ problem_description: '72 小时提醒' });
        // The agent answers at once, so only the completion deadlines keep running.
        assert.equal((await reply(caseId, '您好，我们正在处理。')).status, 201);
        const pushesOf72h = () => wecom.received.filter((message) => JSON.stringify(message).includes('平台72小时时限')).length;
        for (const hours of [37, 61]) {
          server.clock.now = new Date(start + hours * 3600_000);
          await server.runWorkers();
        }
        const before = pushesOf72h();
        assert.ok(before >= 2, `50 % and 12 h before: ${before}`);
        // The last six hours: a push every 30 minutes (plus the 6 h, 2 h and 30 min marks).
        for (let minutes = 0; minutes <= 6 * 60; minutes += 30) {
          server.clock.now = new Date(start + 66 * 3600_000 + minutes * 60_000 - 60_000);
          await server.runWorkers();
        }
        assert.ok(pushesOf72h() - before >= 12, `pushes in the last six hours: ${pushesOf72h() - before}`);
        const disabled = await server.call('PUT', `/api/v1/notification-channels/${channel.body.id}`, { token: admin, body: { name: '投诉提醒群', config: { kind: 'wecom', url: wecom.url }, events: ['sla.reminder'], enabled: false } });
        assert.equal(disabled.status, 200, disabled.text);
      } finally {
        await wecom.close();
      }
    });

    it('refuses forged, stale, replayed, tampered and malformed callbacks, creating nothing', async () => {
      const id = complaintId();
      wx.fake.addComplaint({ complaint_id: id, problem_description: '伪造测试', complaint_detail: '伪造测试' });
      const before = await countCases();
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const cases: Array<[string, Parameters<WechatPaySetup['notify']>[2], number]> = [
        ['forged signature', { signWithPem: other }, 401],
        ['unknown serial', { serial: 'PUB_KEY_ID_0000000000000000' }, 401],
        ['stale timestamp', { timestamp: Math.floor(server.clock.now.getTime() / 1000) - 301 }, 401],
        ['future timestamp', { timestamp: Math.floor(server.clock.now.getTime() / 1000) + 400 }, 401],
        ['tampered ciphertext', { tamperCiphertext: true }, 400],
        ['wrong APIv3 key', { apiv3Key: 'x'.repeat(32) }, 400],
        ['malformed JSON', { rawBody: '{"id": "broken' }, 400],
        ['not a notification', { rawBody: JSON.stringify({ id: 'x', hello: 'world' }) }, 400],
      ];
      for (const [name, overrides, status] of cases) {
        const sent = await wx.notify(id, 'CREATE_COMPLAINT', overrides);
        assert.equal(sent.status, status, `${name}: ${sent.body}`);
        assert.equal(JSON.parse(sent.body).code, 'FAIL', name);
      }
      // A replayed nonce: the first delivery counts, the identical second is refused.
      const replay = await wx.notify(id, 'CREATE_COMPLAINT', { nonce: 'fixed-nonce-0001', id: 'replay-1' });
      assert.equal(replay.status, 204);
      const replayed = await wx.notify(id, 'CREATE_COMPLAINT', { nonce: 'fixed-nonce-0001', id: 'replay-1' });
      assert.equal(replayed.status, 401, replayed.body);
      // Oversized, unknown tenant, missing headers.
      const big = await fetch(wx.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(70_000) }) });
      assert.equal(big.status, 413);
      assert.equal(((await big.json()) as { code: string }).code, 'FAIL');
      const bare = await fetch(wx.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(bare.status, 400);
      const nobody = await wx.fake.sendCallback(`${server.baseUrl}/webhooks/wechatpay/nobody`, { complaint_id: id, action_type: 'CREATE_COMPLAINT' });
      assert.equal(nobody.status, 404);
      assert.equal(await countCases(), before + 1, 'only the one genuine callback made a case');
      const metrics = await server.call('GET', '/metrics');
      for (const outcome of ['bad_signature', 'unknown_serial', 'stale_timestamp', 'decrypt_failed', 'malformed_json', 'invalid_body', 'replayed_nonce', 'oversized', 'unknown_tenant', 'missing_headers']) {
        assert.match(metrics.text, new RegExp(`paydesk_webhook_requests_total\\{platform="wechatpay",outcome="${outcome}"\\} [1-9]`), outcome);
      }
    });

    it('opens one case when the same complaint is announced many times at once', async () => {
      const id = complaintId();
      wx.fake.addComplaint({ complaint_id: id, problem_description: '并发测试', complaint_detail: '并发测试' });
      wx.fake.addHistory(id, { operate_type: 'USER_RESPONSE', operate_details: '请尽快处理' });
      const sent = await Promise.all(Array.from({ length: 8 }, (_, index) => wx.notify(id, index % 2 === 0 ? 'CREATE_COMPLAINT' : 'USER_RESPONSE')));
      assert.deepEqual(sent.map((result) => result.status), Array(8).fill(204));
      advance(seconds(31));
      await server.runWorkers();
      const cases = await server.call('GET', `/api/v1/cases?platform_complaint_id=${id}`, { token: agent });
      assert.equal(cases.body.items.length, 1, 'one case');
      const inbound = (await messages(cases.body.items[0].id)).filter((message) => message.direction === 'inbound');
      assert.equal(inbound.length, 1, 'the user reply imported once');
    });

    it('acknowledges a callback while WeChat Pay is down and never loses a reply', async () => {
      const id = complaintId();
      wx.fake.addComplaint({ complaint_id: id, problem_description: '平台故障测试', complaint_detail: '平台故障测试' });
      wx.fake.setDown(true);
      assert.equal((await wx.notify(id, 'CREATE_COMPLAINT')).status, 204, 'committed, so acknowledged');
      assert.equal(await wx.caseOf(id), undefined, 'the detail could not be fetched yet');
      wx.fake.setDown(false);
      advance(seconds(31));
      await server.runWorkers();
      const kase = await wx.caseOf(id);
      assert.ok(kase, 'the worker fetched it once WeChat Pay was back');

      wx.fake.setDown(true);
      const sent = await reply(kase.id, '您好，我们已经在处理，请稍候。');
      assert.equal(sent.status, 201);
      await server.runWorkers();
      let stored = (await messages(kase.id)).find((message) => message.id === sent.body.id);
      assert.equal(stored?.delivery_status, 'pending');
      assert.match(stored?.delivery_error ?? '', /SYSTEM_ERROR|503/);
      wx.fake.setDown(false);
      advance(seconds(11));
      await server.runWorkers();
      stored = (await messages(kase.id)).find((message) => message.id === sent.body.id);
      assert.equal(stored?.delivery_status, 'delivered');
      assert.ok(wx.fake.responses.some((response) => response.complaint_id === id));
      // Replies on a WeChat Pay complaint are at most 200 characters.
      assert.equal((await reply(kase.id, '好'.repeat(201))).status, 400);
    });
  });
}

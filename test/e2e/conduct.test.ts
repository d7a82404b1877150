import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, seedTenant, startTestServer, type TestServer } from '../helpers/harness.js';

for (const dialect of dialects) {
  describe(`conduct guard on outbound messages [${dialect}]`, () => {
    let server: TestServer;
    let admin: string;
    let agent: string;
    let caseId: string;
    const reply = (id: string, body: string, direction = 'outbound') => server.call('POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { direction, body }, headers: { 'accept-language': 'zh-CN' } });

    before(async () => {
      server = await startTestServer(dialect);
      admin = server.tenant.seats.admin.token;
      agent = server.tenant.seats.agent.token;
      caseId = (await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '退款咨询', channel: 'email', customer: { email: 'buyer@example.com' } } })).body.id;
    });
    after(async () => server.close());

    it('blocks insults and malicious labels on every channel, in both languages, storing nothing', async () => {
      for (const text of ['你就是个骗子', 'This is a malicious complaint and we will not refund']) {
        const refused = await reply(caseId, text);
        assert.equal(refused.status, 422, text);
        assert.equal(refused.body.code, 'conduct_blocked');
        assert.equal(refused.body.title, '消息违反沟通规范');
        assert.ok(refused.body.findings.length > 0);
      }
      const messages = await server.call('GET', `/api/v1/cases/${caseId}/messages`, { token: agent });
      assert.equal(messages.body.items.length, 0);
      // Internal notes are not screened: agents may write what they think.
      assert.equal((await reply(caseId, '这个用户可能是恶意投诉，先核实', 'note')).status, 201);
    });

    it('warns about contact details outside platform complaints, and lets admins tune it', async () => {
      const warned = await reply(caseId, '如需帮助请拨打 400-820-8820');
      assert.equal(warned.status, 201, warned.text);
      assert.equal(warned.body.warnings[0].rule, 'contact_details');
      const timeline = await server.call('GET', `/api/v1/cases/${caseId}/timeline?limit=200`, { token: agent });
      assert.ok(timeline.body.items.some((event: { type: string }) => event.type === 'conduct.warned'));

      const settings = await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { allowed_contacts: ['400-820-8820'], modes: { contact_details: 'block' } } });
      assert.equal(settings.status, 200, settings.text);
      assert.equal((await reply(caseId, '如需帮助请拨打 400 820 8820')).status, 201, 'the hotline is allowed');
      assert.equal((await reply(caseId, '也可以打我手机 13800138000')).status, 422, 'other numbers now block');
      assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { modes: { insult: 'sometimes' } } })).status, 400);
      assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: agent, body: {} })).status, 403);
      assert.equal((await server.call('GET', '/api/v1/settings/conduct', { token: agent })).body.allowed_contacts[0], '400-820-8820');
    });

    it('stops contacting one customer beyond the daily limit, across cases, and starts again the next day', async () => {
      assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { daily_contact_limit: 3 } })).status, 200);
      server.clock.now = new Date('2026-03-03T01:00:00Z'); // 09:00 in the tenant's Shanghai time
      const other = (await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '第二个问题', channel: 'email', customer: { email: 'buyer@example.com' } } })).body.id;
      assert.equal((await reply(caseId, '您好，已收到。')).status, 201);
      assert.equal((await reply(other, '您好，第二个问题也在处理。')).status, 201);
      assert.equal((await reply(caseId, '退款已提交。')).status, 201);
      const fourth = await reply(other, '再提醒您一下。');
      assert.equal(fourth.status, 422, fourth.text);
      assert.equal(fourth.body.findings[0].rule, 'contact_limit');
      server.clock.now = new Date('2026-03-03T16:00:00Z'); // midnight in Shanghai: a new day
      assert.equal((await reply(other, '早上好，退款已到账。')).status, 201);
    });

    it('applies each rule in warn and in block mode, and audits every finding', async () => {
      const samples = { malicious_label: 'This is a malicious complaint.', insult: '你真是脑残', off_platform_contact: '加我微信详聊', contact_details: '请拨打 13800138000' } as const;
      const everyRuleOff = { malicious_label: 'off', insult: 'off', off_platform_contact: 'off', contact_details: 'off' };
      const fresh = async () => (await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'conduct matrix', channel: 'email', customer: { email: `matrix-${Math.random()}@example.com` } } })).body.id as string;
      const events = async (id: string) => (await server.call('GET', `/api/v1/cases/${id}/timeline?limit=200`, { token: agent })).body.items as Array<{ type: string; payload: { rules: string[] } }>;
      for (const [rule, text] of Object.entries(samples)) {
        for (const mode of ['warn', 'block'] as const) {
          const put = await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { modes: { ...everyRuleOff, [rule]: mode } } });
          assert.equal(put.status, 200, put.text);
          const id = await fresh();
          const sent = await reply(id, text);
          const stored = (await server.call('GET', `/api/v1/cases/${id}/messages`, { token: agent })).body.items;
          const audited = (await events(id)).filter((event) => event.type === (mode === 'warn' ? 'conduct.warned' : 'conduct.blocked'));
          if (mode === 'warn') {
            assert.equal(sent.status, 201, `${rule} warn: ${sent.text}`);
            assert.deepEqual(sent.body.warnings.map((warning: { rule: string }) => warning.rule), [rule]);
            assert.equal(stored.length, 1);
          } else {
            assert.equal(sent.status, 422, `${rule} block: ${sent.text}`);
            assert.equal(sent.headers.get('content-type')?.startsWith('application/problem+json'), true);
            assert.deepEqual(sent.body.findings.map((finding: { rule: string }) => finding.rule), [rule]);
            assert.equal(stored.length, 0, 'a blocked message is not stored');
          }
          assert.equal(audited.length, 1, `${rule} ${mode} is audited`);
          assert.deepEqual(audited[0]?.payload.rules, [rule]);
        }
      }
      // Contact frequency, both ways: the second message of the day is the one over a limit of 1.
      for (const mode of ['warn', 'block'] as const) {
        assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { daily_contact_limit: 1, contact_limit_mode: mode } })).status, 200);
        const id = await fresh();
        assert.equal((await reply(id, '您好，已收到您的问题。')).status, 201);
        const second = await reply(id, '再跟您确认一下进度。');
        if (mode === 'warn') {
          assert.equal(second.status, 201, second.text);
          assert.equal(second.body.warnings[0].rule, 'contact_limit');
        } else {
          assert.equal(second.status, 422, second.text);
          assert.equal(second.body.findings[0].rule, 'contact_limit');
        }
        const audited = (await events(id)).filter((event) => event.type === (mode === 'warn' ? 'conduct.warned' : 'conduct.blocked'));
        assert.deepEqual(audited.map((event) => event.payload.rules), [['contact_limit']]);
      }
      // A call placed to the customer is a contact too, answered or not.
      assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { daily_contact_limit: 1 } })).status, 200);
      const called = await fresh();
      const call = await server.call('POST', `/api/v1/cases/${called}/calls`, { token: agent, body: { direction: 'outbound', callee: '13800138000', started_at: server.clock.now.toISOString(), summary: '回电无人接听', outcome: 'no_answer' } });
      assert.equal(call.status, 201, call.text);
      const afterCall = await reply(called, '您好，刚才给您打电话没有接通。');
      assert.equal(afterCall.status, 422, afterCall.text);
      assert.equal(afterCall.body.findings[0].rule, 'contact_limit');
      assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: {} })).status, 200);
    });
  });

  describe(`conduct pre-check of a draft reply [${dialect}]`, () => {
    let server: TestServer;
    let admin: string;
    let agent: string;
    type Warning = { rule: string; match: string; message: string; mode: 'block' | 'warn' };
    const check = (id: string, body: unknown, options: { token?: string; language?: string; headers?: Record<string, string> } = {}) =>
      server.call('POST', `/api/v1/cases/${id}/messages/check`, { token: options.token ?? agent, body, headers: { 'accept-language': options.language ?? 'zh-CN', ...options.headers } });
    const send = (id: string, body: string) => server.call('POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { direction: 'outbound', body }, headers: { 'accept-language': 'zh-CN' } });
    const openCase = async (channel = 'email') => {
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '退款进度', channel, customer: { email: `check-${Math.random().toString(36).slice(2)}@example.com` } } });
      assert.equal(created.status, 201, created.text);
      return created.body.id as string;
    };
    /** Everything a check could have written: the case's messages and timeline, the tenant's chain length, replay keys. */
    const stored = async (id: string) => ({
      messages: (await server.call('GET', `/api/v1/cases/${id}/messages?limit=200`, { token: agent })).body.items,
      timeline: (await server.call('GET', `/api/v1/cases/${id}/timeline?limit=200`, { token: agent })).body.items,
      chain: (await server.call('GET', '/api/v1/audit/verify', { token: admin })).body,
      replayKeys: (await server.db.database.db.selectFrom('idempotency_keys').select('key').execute()).length,
    });
    const rules = (warnings: Warning[]) => warnings.map((warning) => `${warning.rule}:${warning.mode}`);

    before(async () => {
      server = await startTestServer(dialect);
      admin = server.tenant.seats.admin.token;
      agent = server.tenant.seats.agent.token;
    });
    after(async () => server.close());

    it('says ok to a clean reply and warns about a personal WeChat id or phone number, storing nothing', async () => {
      const caseId = await openCase();
      const before = await stored(caseId);

      const clean = await check(caseId, { body: '您好，退款已提交，预计 3-5 个工作日原路到账。' });
      assert.equal(clean.status, 200, clean.text);
      assert.deepEqual(clean.body, { decision: 'ok', warnings: [] });

      const wechat = await check(caseId, { body: '方便的话加我微信 zhang_san88 详聊' }, { headers: { 'idempotency-key': 'draft-1' } });
      assert.equal(wechat.status, 200, wechat.text);
      assert.equal(wechat.body.decision, 'warn');
      assert.deepEqual(rules(wechat.body.warnings), ['off_platform_contact:warn', 'contact_details:warn']);
      assert.ok(wechat.body.warnings.every((warning: Warning) => warning.message.startsWith('请勿')), 'zh-CN by Accept-Language');

      const phone = await check(caseId, { body: 'Call my mobile 13800138000 if it does not arrive.' }, { language: 'en' });
      assert.equal(phone.body.decision, 'warn');
      assert.deepEqual(phone.body.warnings.filter((warning: Warning) => warning.rule === 'contact_details').map((warning: Warning) => warning.match), ['mobile 13800138000']);
      assert.ok(phone.body.warnings.every((warning: Warning) => warning.message.startsWith('Do not')), 'en by Accept-Language');

      assert.deepEqual(await stored(caseId), before, 'no message, no timeline event, no audit event, no replay key');

      // Sending the same text meets exactly what the check announced.
      const sent = await send(caseId, '方便的话加我微信 zhang_san88 详聊');
      assert.equal(sent.status, 201, sent.text);
      assert.deepEqual(sent.body.warnings, wechat.body.warnings.map(({ rule, match, message }: Warning) => ({ rule, match, message })));
    });

    it('says block for what sending would refuse: insults, the tenant\'s block mode, WeChat Pay complaints', async () => {
      const caseId = await openCase();
      const insult = await check(caseId, { body: '你就是个骗子' });
      assert.equal(insult.body.decision, 'block');
      assert.deepEqual(rules(insult.body.warnings), ['insult:block']);

      const mixed = await check(caseId, { body: '你就是个骗子，打我手机 13800138000' });
      assert.equal(mixed.body.decision, 'block');
      assert.deepEqual(rules(mixed.body.warnings).sort(), ['contact_details:warn', 'insult:block', 'off_platform_contact:warn']);

      assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { modes: { contact_details: 'block' } } })).status, 200);
      try {
        const blocked = await check(caseId, { body: '请拨打 13800138000' });
        assert.equal(blocked.body.decision, 'block');
        assert.deepEqual(rules(blocked.body.warnings), ['contact_details:block']);
        const refused = await send(caseId, '请拨打 13800138000');
        assert.equal(refused.status, 422);
        assert.deepEqual(refused.body.findings, blocked.body.warnings.map(({ rule, match, message }: Warning) => ({ rule, match, message })));
      } finally {
        assert.equal((await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: {} })).status, 200);
      }

      // WeChat Pay complaints block every rule, whatever the tenant set.
      const complaint = await openCase('wechatpay');
      const onComplaint = await check(complaint, { body: '请拨打 13800138000' });
      assert.equal(onComplaint.body.decision, 'block');
      assert.deepEqual(rules(onComplaint.body.warnings), ['contact_details:block']);
    });

    it('counts today\'s contacts like a real message would, without counting itself', async () => {
      await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { daily_contact_limit: 1 } });
      try {
        const caseId = await openCase();
        for (let attempt = 0; attempt < 3; attempt += 1) assert.equal((await check(caseId, { body: '您好，已收到。' })).body.decision, 'ok', 'checking is not contacting');
        assert.equal((await send(caseId, '您好，已收到。')).status, 201);
        const over = await check(caseId, { body: '再跟您确认一下进度。' });
        assert.equal(over.body.decision, 'block');
        assert.deepEqual(over.body.warnings, [{ rule: 'contact_limit', match: '', message: '该客户今天已收到 1 条消息，已达沟通规范设定的上限，请明天再联系。', mode: 'block' }]);
        await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: { daily_contact_limit: 1, contact_limit_mode: 'warn' } });
        const warned = await check(caseId, { body: '再跟您确认一下进度。' });
        assert.equal(warned.body.decision, 'warn');
        assert.deepEqual(rules(warned.body.warnings), ['contact_limit:warn']);
      } finally {
        await server.call('PUT', '/api/v1/settings/conduct', { token: admin, body: {} });
      }
    });

    it('is 404 for another tenant\'s case, 403 for a viewer, 400 for a bad body', async () => {
      const caseId = await openCase();
      const globex = await seedTenant(server.db.database, 'globex-check', server.clock.now);
      const foreign = await server.call('POST', '/api/v1/cases', { token: globex.seats.agent.token, body: { subject: 'other tenant' } });
      assert.equal((await check(foreign.body.id, { body: '您好' })).status, 404);
      assert.equal((await check(caseId, { body: '您好' }, { token: server.tenant.seats.viewer.token })).status, 403);
      for (const body of [{ body: '' }, { body: 'x'.repeat(20001) }, { body: '您好', direction: 'outbound' }, {}]) {
        const refused = await check(caseId, body);
        assert.equal(refused.status, 400, JSON.stringify(body).slice(0, 60));
        assert.equal(refused.body.code, 'validation_failed');
      }
    });
  });
}

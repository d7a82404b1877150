import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestServer, type TestServer } from '../helpers/harness.js';

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
  });
}

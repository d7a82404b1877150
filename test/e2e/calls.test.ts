import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeWecom } from '../fakes/wecom.js';
import { dialects, seedTenant, startWithWecomRobot, type TestServer } from '../helpers/harness.js';

type TimelineEvent = { type: string; payload: Record<string, unknown> };
type Clock = { name: string; stopped_at: string | null };

for (const dialect of dialects) {
  describe(`phone calls [${dialect}]`, () => {
    let server: TestServer;
    let wecom: FakeWecom;
    let admin: string;
    let agent: string;
    const at = (iso: string) => (server.clock.now = new Date(iso));
    const openCase = async (body: Record<string, unknown>) => {
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { category: 'pos.printer', ...body } });
      assert.equal(created.status, 201, created.text);
      return created.body as { id: string; number: number };
    };
    const logCall = (caseId: string, body: Record<string, unknown>, token = agent) => server.call('POST', `/api/v1/cases/${caseId}/calls`, { token, body });
    const timeline = async (caseId: string) => (await server.call('GET', `/api/v1/cases/${caseId}/timeline?limit=200`, { token: agent })).body.items as TimelineEvent[];

    before(async () => {
      ({ server, wecom } = await startWithWecomRobot(dialect));
      admin = server.tenant.seats.admin.token;
      agent = server.tenant.seats.agent.token;
    });
    after(async () => {
      await server.close();
      await wecom.close();
    });

    it('logs an inbound call with a promised call-back and reminds the team when the call-back is due', async () => {
      at('2026-03-02T02:00:00Z'); // Monday 10:00 in Shanghai
      const posCase = await openCase({ subject: 'POS 打印机不出小票', team: 'L1' });
      const logged = await logCall(posCase.id, {
        direction: 'inbound',
        caller: '+86 138-0013-8000',
        callee: '95516',
        started_at: '2026-03-02T09:50:00+08:00',
        ended_at: '2026-03-02T09:58:00+08:00',
        summary: '王老板接听：打印机不出小票。已指导更换打印纸并清理打印头，仍不行；答应下午两点前回电告知上门时间。',
        outcome: 'follow_up',
        follow_up: { due_at: '2026-03-02T14:00:00+08:00', note: '14:00 前回电王老板，告知上门维修时间' },
      });
      assert.equal(logged.status, 201, logged.text);
      assert.equal(logged.headers.get('location'), `/api/v1/calls/${logged.body.id}`);
      assert.equal(logged.body.caller, '+8613800138000');
      assert.equal(logged.body.duration_seconds, 480);
      assert.equal(logged.body.agent_name, 'agent of acme');
      assert.equal(logged.body.agent_id, server.tenant.seats.agent.userId);
      assert.ok(logged.body.follow_up_id);

      const followUps = (await server.call('GET', `/api/v1/cases/${posCase.id}/follow-ups`, { token: agent })).body.items;
      assert.deepEqual(followUps.map((item: { id: string; due_at: string }) => [item.id, item.due_at]), [[logged.body.follow_up_id, '2026-03-02T06:00:00.000Z']]);
      const events = await timeline(posCase.id);
      const callEvent = events.find((event) => event.type === 'call.logged');
      assert.ok(callEvent, 'the timeline shows the call');
      assert.equal(callEvent.payload.call_id, logged.body.id);
      assert.equal(callEvent.payload.outcome, 'follow_up');
      assert.equal(callEvent.payload.follow_up_id, logged.body.follow_up_id);
      assert.equal(callEvent.payload.duration_seconds, 480);
      assert.ok(events.some((event) => event.type === 'follow_up.promised'));

      assert.deepEqual((await server.call('GET', `/api/v1/calls/${logged.body.id}`, { token: agent })).body, logged.body);
      const current = (await server.call('GET', `/api/v1/cases/${posCase.id}`, { token: agent })).body;
      assert.equal(current.status, 'open', 'an agent talked with the customer: the new case is open');
      assert.equal(current.first_response_at, '2026-03-02T02:00:00.000Z', 'answered no earlier than the case existed');

      await server.runWorkers();
      wecom.received.length = 0;
      at('2026-03-02T05:59:00Z');
      await server.runWorkers();
      assert.ok(!wecom.received.some((message) => (message.markdown?.content ?? '').includes('承诺的跟进')), 'not reminded early');
      at('2026-03-02T06:00:30Z'); // 14:00:30: the promise is due
      await server.runWorkers();
      const reminders = wecom.received.map((message) => message.markdown?.content ?? '').filter((text) => text.includes('承诺的跟进'));
      assert.equal(reminders.length, 1, JSON.stringify(wecom.received));
      assert.match(reminders[0] ?? '', /告知上门维修时间/);
    });

    it('opens a phone case for an unknown caller, and a later call from the same number in another format joins it', async () => {
      at('2026-03-03T01:00:00Z');
      const policy = await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'phone first reply', match: { channels: ['phone'] }, targets: [{ name: 'first_reply', kind: 'elapsed', hours: 2 }] } });
      assert.equal(policy.status, 201, policy.text);
      const first = await server.call('POST', '/api/v1/calls', {
        token: agent,
        body: {
          direction: 'inbound',
          caller: '139 1234 5678',
          started_at: '2026-03-03T00:55:00Z',
          ended_at: '2026-03-03T00:59:10Z',
          summary: '商户来电：POS 机刷卡交易失败，提示网络超时\n已指导重启路由器，交易恢复。',
          outcome: 'info_given',
          customer_name: '李女士',
        },
      });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.body.case_created, true);
      const made = first.body.case;
      assert.equal(made.channel, 'phone');
      assert.equal(made.subject, '商户来电：POS 机刷卡交易失败，提示网络超时');
      assert.match(made.description, /重启路由器/);
      assert.equal(made.category_source, 'auto', 'no category given: auto-triage chose one');
      assert.equal(made.created_at, '2026-03-03T00:55:00.000Z', 'the case starts when the call did');
      assert.equal(made.status, 'open');
      const firstReply = (made.clocks as Clock[]).find((clock) => clock.name === 'first_reply');
      assert.ok(firstReply?.stopped_at, 'talking with the customer stopped the first-reply clock');
      const customer = (await server.call('GET', `/api/v1/customers/${made.customer_id}`, { token: agent })).body;
      assert.equal(customer.phone, '13912345678');
      assert.equal(customer.name, '李女士');

      at('2026-03-03T03:00:00Z');
      const again = await server.call('POST', '/api/v1/calls', {
        token: agent,
        body: { direction: 'inbound', caller: '139-1234-5678', started_at: '2026-03-03T02:58:00Z', ended_at: '2026-03-03T02:59:00Z', summary: '李女士再次来电确认交易已恢复。', outcome: 'resolved' },
      });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.body.case_created, false);
      assert.equal(again.body.case.id, made.id);
      assert.equal(again.body.call.case_id, made.id);

      const separate = await server.call('POST', '/api/v1/calls', {
        token: agent,
        body: { direction: 'outbound', callee: '(139) 1234-5678', started_at: '2026-03-03T02:59:30Z', summary: '回访：无人接听', outcome: 'no_answer', new_case: true },
      });
      assert.equal(separate.status, 201, separate.text);
      assert.equal(separate.body.case_created, true);
      assert.notEqual(separate.body.case.id, made.id);
      assert.equal(separate.body.case.status, 'new', 'nobody answered: still waiting for a first reply');
      assert.equal(separate.body.call.ended_at, null);
      assert.equal(separate.body.call.duration_seconds, null);

      const explicit = await server.call('POST', '/api/v1/calls', {
        token: agent,
        body: { direction: 'outbound', case_id: made.id, started_at: '2026-03-03T02:59:40Z', ended_at: '2026-03-03T03:00:00Z', summary: '回访确认', outcome: 'info_given' },
      });
      assert.equal(explicit.status, 201, explicit.text);
      assert.equal(explicit.body.case.id, made.id);

      const page = await server.call('GET', `/api/v1/cases/${made.id}/calls?limit=2`, { token: agent });
      assert.equal(page.status, 200, page.text);
      assert.deepEqual(page.body.items.map((call: { id: string }) => call.id), [explicit.body.call.id, again.body.call.id], 'newest first');
      assert.ok(page.body.next_cursor);
      const rest = await server.call('GET', `/api/v1/cases/${made.id}/calls?limit=2&cursor=${page.body.next_cursor}`, { token: agent });
      assert.deepEqual(rest.body.items.map((call: { id: string }) => call.id), [first.body.call.id]);
      assert.equal(rest.body.next_cursor, null);
      await server.call('DELETE', `/api/v1/sla-policies/${policy.body.id}`, { token: admin });
    });

    it('transfers a case to tier 2 during a call, and to a named team', async () => {
      at('2026-03-04T02:00:00Z');
      const hard = await openCase({ subject: '结算款三天未到账', category: 'settlement.delayed', team: 'L1', tier: 1 });
      const toTier = await logCall(hard.id, {
        direction: 'inbound',
        caller: '13700001111',
        started_at: '2026-03-04T01:50:00Z',
        ended_at: '2026-03-04T01:55:00Z',
        summary: '商户反映结算款未到账，L1 无法查询清算明细，转二线。',
        outcome: 'transferred',
        transfer: { tier: 2, reason: '需要查询清算明细' },
      });
      assert.equal(toTier.status, 201, toTier.text);
      assert.equal(toTier.body.transferred_to_team, 'L2');
      assert.equal(toTier.body.transferred_to_tier, 2);
      let current = (await server.call('GET', `/api/v1/cases/${hard.id}`, { token: agent })).body;
      assert.equal(current.team, 'L2');
      assert.equal(current.tier, 2);
      const events = await timeline(hard.id);
      const escalated = events.find((event) => event.type === 'case.escalated');
      assert.deepEqual(escalated?.payload, { from: 'L1', to: 'L2', reason: '需要查询清算明细' });
      assert.equal(events.find((event) => event.type === 'call.logged')?.payload.transferred_to_team, 'L2');

      const toTeam = await logCall(hard.id, { direction: 'outbound', callee: '13700001111', started_at: '2026-03-04T01:58:00Z', ended_at: '2026-03-04T01:59:00Z', summary: '二线回电：转风控复核', outcome: 'escalated', transfer: { team: 'risk', reason: '疑似风控冻结' } });
      assert.equal(toTeam.status, 201, toTeam.text);
      current = (await server.call('GET', `/api/v1/cases/${hard.id}`, { token: agent })).body;
      assert.equal(current.team, 'risk');
      const same = await logCall(hard.id, { direction: 'outbound', started_at: '2026-03-04T01:59:10Z', summary: '再转一次', outcome: 'transferred', transfer: { team: 'risk', reason: 'x' } });
      assert.equal(same.status, 409, 'already with that team');
    });

    it('refuses impossible calls with a problem naming each field', async () => {
      at('2026-03-05T02:00:00Z');
      const target = await openCase({ subject: '校验' });
      const base = { direction: 'inbound', caller: '13800000000', started_at: '2026-03-05T01:00:00Z', ended_at: '2026-03-05T01:05:00Z', summary: '测试', outcome: 'info_given' };
      const refused = async (body: Record<string, unknown>, field: string, path = `/api/v1/cases/${target.id}/calls`) => {
        const response = await server.call('POST', path, { token: agent, body, headers: { 'accept-language': 'zh-CN' } });
        assert.equal(response.status, 400, `${field}: ${response.text}`);
        assert.equal(response.headers.get('content-type')?.startsWith('application/problem+json'), true);
        assert.equal(response.body.code, 'validation_failed');
        assert.ok(response.body.errors.some((error: { field: string }) => error.field === field), `${field} in ${JSON.stringify(response.body.errors)}`);
        return response;
      };
      const ended = await refused({ ...base, ended_at: '2026-03-05T00:59:00Z' }, 'body.ended_at');
      assert.equal(ended.body.detail, '通话记录不成立，请查看各字段的错误。');
      await refused({ ...base, caller: 'call me maybe' }, 'body.caller');
      await refused({ ...base, caller: '1234' }, 'body.caller');
      await refused({ ...base, started_at: '2026-03-05T03:00:00Z', ended_at: '2026-03-05T03:10:00Z' }, 'body.started_at');
      await refused({ ...base, started_at: '1970-01-01T00:00:00Z', ended_at: '1970-01-01T00:05:00Z' }, 'body.started_at');
      await refused({ ...base, outcome: 'follow_up', follow_up: { due_at: '2026-03-05T01:30:00Z', note: '回电' } }, 'body.follow_up.due_at');
      await refused({ ...base, outcome: 'follow_up' }, 'body.follow_up');
      await refused({ ...base, outcome: 'transferred', transfer: { team: 'L9', reason: 'x' } }, 'body.transfer.team');
      await refused({ ...base, outcome: 'transferred', transfer: { team: 'L3', tier: 2, reason: 'x' } }, 'body.transfer.tier');
      await refused({ ...base, outcome: 'hung_up' }, 'body.outcome');
      await refused({ ...base, summary: 'x'.repeat(4001) }, 'body.summary');
      await refused({ ...base, caller: undefined }, 'body.caller', '/api/v1/calls');
      await refused({ ...base, direction: 'outbound', callee: undefined }, 'body.callee', '/api/v1/calls');
      await refused({ ...base, case_id: target.id, new_case: true }, 'body.new_case', '/api/v1/calls');
      const missing = await server.call('POST', '/api/v1/cases/00000000-0000-4000-8000-000000000000/calls', { token: agent, body: base });
      assert.equal(missing.status, 404, missing.text);
      assert.equal(missing.body.code, 'not_found');
      const unknownCall = await server.call('GET', '/api/v1/calls/00000000-0000-4000-8000-000000000000', { token: agent });
      assert.equal(unknownCall.status, 404);
      assert.equal((await server.call('GET', `/api/v1/cases/${target.id}/calls`, { token: agent })).body.items.length, 0, 'nothing was stored');
    });

    it('keeps calls inside their tenant, lets viewers read but not log them, lets supervisors log for an agent, and masks card numbers', async () => {
      at('2026-03-06T02:00:00Z');
      const target = await openCase({ subject: '卡号泄露测试' });
      const logged = await logCall(target.id, {
        direction: 'inbound',
        caller: '13600002222',
        started_at: '2026-03-06T01:40:00Z',
        ended_at: '2026-03-06T01:45:00Z',
        summary: '客户报出卡号 4111 1111 1111 1111，称被重复扣款。',
        outcome: 'info_given',
      });
      assert.equal(logged.status, 201, logged.text);
      assert.equal(logged.body.summary, '客户报出卡号 411111******1111，称被重复扣款。');
      const event = (await timeline(target.id)).find((item) => item.type === 'call.logged');
      assert.doesNotMatch(JSON.stringify(event), /4111 1111 1111 1111|4111111111111111/);

      const viewer = server.tenant.seats.viewer.token;
      assert.equal((await logCall(target.id, { direction: 'outbound', started_at: '2026-03-06T01:50:00Z', summary: 'x', outcome: 'no_answer' }, viewer)).status, 403);
      assert.equal((await server.call('POST', '/api/v1/calls', { token: viewer, body: { direction: 'inbound', caller: '13600002222', started_at: '2026-03-06T01:50:00Z', summary: 'x', outcome: 'no_answer' } })).status, 403);
      assert.equal((await server.call('GET', `/api/v1/calls/${logged.body.id}`, { token: viewer })).status, 200);
      assert.equal((await server.call('GET', `/api/v1/cases/${target.id}/calls`, { token: viewer })).body.items.length, 1, 'viewers read calls');

      const supervisor = server.tenant.seats.supervisor.token;
      const forAgent = { direction: 'outbound', callee: '13600002222', started_at: '2026-03-06T01:46:00Z', ended_at: '2026-03-06T01:47:00Z', summary: '代为登记：回访客户', outcome: 'info_given', agent_id: server.tenant.seats.agent.userId };
      const attributed = await logCall(target.id, forAgent, supervisor);
      assert.equal(attributed.status, 201, attributed.text);
      assert.equal(attributed.body.agent_name, 'agent of acme', 'a supervisor fills in for the agent who took the call');
      assert.equal((await logCall(target.id, { ...forAgent, agent_id: server.tenant.seats.supervisor.userId })).status, 403, 'an agent cannot log calls in another name');

      const retried = { direction: 'inbound', caller: '13600002222', started_at: '2026-03-06T01:48:00Z', summary: '网络抖动后重试的登记', outcome: 'info_given' };
      const once = await server.call('POST', `/api/v1/cases/${target.id}/calls`, { token: agent, body: retried, headers: { 'idempotency-key': 'call-retry-1' } });
      const twice = await server.call('POST', `/api/v1/cases/${target.id}/calls`, { token: agent, body: retried, headers: { 'idempotency-key': 'call-retry-1' } });
      assert.equal(twice.status, 201);
      assert.equal(twice.body.id, once.body.id, 'a retried request with the same key stores the call once');
      assert.equal((await server.call('GET', `/api/v1/cases/${target.id}/calls`, { token: agent })).body.items.length, 3);

      const other = await seedTenant(server.db.database, 'globex', server.clock.now);
      const outsider = other.seats.admin.token;
      assert.equal((await server.call('GET', `/api/v1/calls/${logged.body.id}`, { token: outsider })).status, 404);
      assert.equal((await server.call('GET', `/api/v1/cases/${target.id}/calls`, { token: outsider })).status, 404);
      assert.equal((await logCall(target.id, { direction: 'outbound', started_at: '2026-03-06T01:50:00Z', summary: 'x', outcome: 'no_answer' }, outsider)).status, 404);
      const theirs = await server.call('POST', '/api/v1/calls', { token: outsider, body: { direction: 'inbound', caller: '136 0000 2222', started_at: '2026-03-06T01:50:00Z', summary: '另一家公司的来电', outcome: 'info_given' } });
      assert.equal(theirs.status, 201, theirs.text);
      assert.equal(theirs.body.case_created, true, 'the same number in another tenant is another customer');
      assert.equal((await server.call('POST', '/api/v1/calls', { token: outsider, body: { direction: 'inbound', case_id: target.id, started_at: '2026-03-06T01:50:00Z', summary: 'x', outcome: 'info_given' } })).status, 404);
    });
  });
}

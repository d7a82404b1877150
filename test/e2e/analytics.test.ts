import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../src/audit/audit.service.js';
import { createToken, createUser } from '../../src/auth/auth.service.js';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { dialects, seedTenant, startTestServer, type TenantSeats, type TestServer } from '../helpers/harness.js';
import { MCHID, setupWechatPay, type WechatPaySetup } from '../helpers/wechatpay.js';

const DASHBOARD = '/api/v1/analytics/dashboard';

for (const dialect of dialects) {
  describe(`supervisor dashboard [${dialect}]`, () => {
    let server: TestServer;
    let globex: TenantSeats;
    let agent: string;
    let supervisor: string;
    const at = (iso: string) => (server.clock.now = new Date(iso));

    /** Opens a case at `iso` as the agent of `tenant`; `normal` priority unless given. */
    const openCase = async (iso: string, body: Record<string, unknown>, token = agent) => {
      at(iso);
      const created = await server.call('POST', '/api/v1/cases', { token, body: { priority: 'normal', ...body } });
      assert.equal(created.status, 201, created.text);
      return created.body.id as string;
    };
    const reply = async (iso: string, id: string, token = agent) => {
      at(iso);
      const sent = await server.call('POST', `/api/v1/cases/${id}/messages`, { token, body: { direction: 'outbound', body: '您好，我们正在为您处理。' } });
      assert.equal(sent.status, 201, sent.text);
    };
    const resolve = async (iso: string, id: string) => {
      at(iso);
      const resolved = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'resolved', resolution: 'fixed' } });
      assert.equal(resolved.status, 200, resolved.text);
    };
    const dashboard = (query: string, token = supervisor, headers: Record<string, string> = {}) => server.call('GET', `${DASHBOARD}${query}`, { token, headers });

    before(async () => {
      server = await startTestServer(dialect);
      agent = server.tenant.seats.agent.token;
      supervisor = server.tenant.seats.supervisor.token;
      const admin = server.tenant.seats.admin.token;
      const policy = await server.call('POST', '/api/v1/sla-policies', {
        token: admin,
        body: { name: '看板', targets: [{ name: 'first_reply', kind: 'elapsed', hours: 1 }, { name: 'resolution', kind: 'elapsed', hours: 24, priority_hours: { urgent: 3 } }], breach_actions: ['notify'] },
      });
      assert.equal(policy.status, 201, policy.text);

      // Another tenant busy at the same moments: none of it may show on acme's dashboard.
      globex = await seedTenant(server.db.database, 'globex', server.clock.now);
      const foreign = await openCase('2026-03-02T02:00:00Z', { subject: '退款没到', category: 'refund.delayed' }, globex.seats.agent.token);
      await reply('2026-03-02T02:05:00Z', foreign, globex.seats.agent.token);

      // Times are UTC; Shanghai (the tenant's zone) is 8 hours ahead. 2026-03-02 is a Monday.
      const self = { agent: server.tenant.seats.agent.userId, supervisor: server.tenant.seats.supervisor.userId };
      const a = await openCase('2026-03-02T02:00:00Z', { subject: 'A 退款延迟', category: 'refund.delayed', team: 'L1', assignee_id: self.agent });
      const b = await openCase('2026-03-02T02:20:00Z', { subject: 'B 支付失败', category: 'payment_failed.system_error', team: 'L1', assignee_id: self.agent });
      await reply('2026-03-02T02:30:00Z', a); // 30 min: first reply met
      await resolve('2026-03-02T04:00:00Z', a); // 120 min: resolution met
      await reply('2026-03-02T04:20:00Z', b); // 120 min: first reply breached
      const c = await openCase('2026-03-03T01:00:00Z', { subject: 'C 重复扣款', category: 'duplicate_charge', team: 'L2', assignee_id: self.supervisor });
      const d = await openCase('2026-03-03T01:10:00Z', { subject: 'D 没收到确认', category: 'confirmation_missing', assignee_id: self.agent });
      await reply('2026-03-03T01:20:00Z', d); // 10 min
      await resolve('2026-03-03T02:10:00Z', d); // 60 min
      // 01:30 and 01:50 on Wednesday 03-04 in Shanghai, still Tuesday in UTC.
      await openCase('2026-03-03T17:30:00Z', { subject: 'E 打印机', category: 'pos.printer', team: 'L1', assignee_id: self.agent });
      await openCase('2026-03-03T17:50:00Z', { subject: 'F 申请退款', category: 'refund.request', priority: 'urgent', assignee_id: self.agent });

      // Now: 02:00 on 03-04 in Shanghai. C's first reply (due 03-03 02:00Z) breaches when the timers run.
      at('2026-03-03T18:00:00Z');
      await server.runWorkers();
      const breached = await server.call('GET', `/api/v1/cases/${c}`, { token: supervisor });
      assert.equal(breached.body.clocks.find((clock: { name: string }) => clock.name === 'first_reply').breached, true);
    });
    after(async () => {
      await server.close();
    });

    it('reports backlog, heat map, reply and resolution times, SLA, upcoming breaches and agent load', async () => {
      const response = await dashboard('?from=2026-03-02&to=2026-03-04');
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body, {
        range: { from: '2026-03-02', to: '2026-03-04', timezone: 'Asia/Shanghai' },
        open_by_category_status: [
          { category: 'duplicate_charge', status: 'new', count: 1 },
          { category: 'payment_failed.system_error', status: 'open', count: 1 },
          { category: 'pos.printer', status: 'new', count: 1 },
          { category: 'refund.request', status: 'new', count: 1 },
        ],
        // A, B: Monday 10:xx; C, D: Tuesday 09:xx; E, F: Wednesday 01:xx (local, not UTC).
        heatmap: [
          { weekday: 1, hour: 10, count: 2 },
          { weekday: 2, hour: 9, count: 2 },
          { weekday: 3, hour: 1, count: 2 },
        ],
        // 10, 30 and 120 minutes: the 90th percentile lies 80 % of the way from 30 to 120.
        first_response: {
          count: 3,
          median_minutes: 30,
          p90_minutes: 102,
          by_day: [
            { date: '2026-03-02', count: 2, median_minutes: 75 },
            { date: '2026-03-03', count: 1, median_minutes: 10 },
            { date: '2026-03-04', count: 0, median_minutes: null },
          ],
        },
        resolution: {
          count: 2,
          median_minutes: 90,
          p90_minutes: 114,
          by_day: [
            { date: '2026-03-02', count: 1, median_minutes: 120 },
            { date: '2026-03-03', count: 1, median_minutes: 60 },
            { date: '2026-03-04', count: 0, median_minutes: null },
          ],
        },
        // Met: A and D, both clocks. Breached: B's late reply, B's resolution running past due, C's unanswered first reply.
        sla: {
          met: 4,
          breached: 3,
          achievement: 4 / 7,
          by_clock: [
            { name: 'first_reply', met: 2, breached: 2 },
            { name: 'resolution', met: 2, breached: 1 },
          ],
        },
        wechatpay: [],
        // L1: B's resolution overdue, E's first reply in 30 min, E's resolution in 23.5 h.
        // L2: C's first reply overdue, C's resolution in 7 h. No team: F's first reply in 50 min, its urgent resolution in 2 h 50 min.
        upcoming_breaches: [
          { team: 'L1', overdue: 1, within_1h: 1, within_4h: 0, within_24h: 1 },
          { team: 'L2', overdue: 1, within_1h: 0, within_4h: 0, within_24h: 1 },
          { team: null, overdue: 0, within_1h: 1, within_4h: 1, within_24h: 0 },
        ],
        agent_load: [
          { user_id: server.tenant.seats.agent.userId, name: 'agent of acme', open: 3, due_24h: 3 },
          { user_id: server.tenant.seats.supervisor.userId, name: 'supervisor of acme', open: 1, due_24h: 1 },
          { user_id: server.tenant.seats.admin.userId, name: 'admin of acme', open: 0, due_24h: 0 },
          { user_id: server.tenant.seats.viewer.userId, name: 'viewer of acme', open: 0, due_24h: 0 },
        ],
      });
    });

    it('narrows every case figure to one team', async () => {
      const response = await dashboard('?from=2026-03-02&to=2026-03-04&team=L1');
      assert.equal(response.status, 200, response.text);
      const body = response.body;
      assert.deepEqual(body.open_by_category_status, [
        { category: 'payment_failed.system_error', status: 'open', count: 1 },
        { category: 'pos.printer', status: 'new', count: 1 },
      ]);
      assert.deepEqual(body.heatmap, [{ weekday: 1, hour: 10, count: 2 }, { weekday: 3, hour: 1, count: 1 }]);
      assert.deepEqual(body.first_response, {
        count: 2,
        median_minutes: 75,
        p90_minutes: 111,
        by_day: [
          { date: '2026-03-02', count: 2, median_minutes: 75 },
          { date: '2026-03-03', count: 0, median_minutes: null },
          { date: '2026-03-04', count: 0, median_minutes: null },
        ],
      });
      assert.equal(body.resolution.count, 1);
      assert.equal(body.resolution.median_minutes, 120);
      assert.deepEqual(body.sla, { met: 2, breached: 2, achievement: 0.5, by_clock: [{ name: 'first_reply', met: 1, breached: 1 }, { name: 'resolution', met: 1, breached: 1 }] });
      assert.deepEqual(body.upcoming_breaches, [{ team: 'L1', overdue: 1, within_1h: 1, within_4h: 0, within_24h: 1 }]);
      // Only L1's member (the agent) is listed: the others neither belong to L1 nor hold its cases.
      assert.deepEqual(body.agent_load, [{ user_id: server.tenant.seats.agent.userId, name: 'agent of acme', open: 2, due_24h: 2 }]);
    });

    it('covers the last 30 days ending today in the tenant time zone by default', async () => {
      const response = await dashboard('');
      assert.equal(response.status, 200, response.text);
      // 18:00 UTC on 03-03 is already 03-04 in Shanghai.
      assert.deepEqual(response.body.range, { from: '2026-02-03', to: '2026-03-04', timezone: 'Asia/Shanghai' });
      assert.equal(response.body.first_response.by_day.length, 30);
      assert.equal(response.body.first_response.count, 3);
      assert.equal(response.body.resolution.count, 2);
      const yesterday = await dashboard('?from=2026-03-02&to=2026-03-02');
      assert.equal(yesterday.body.first_response.count, 2, 'cases created on 03-02 only');
      assert.deepEqual(yesterday.body.heatmap, [{ weekday: 1, hour: 10, count: 2 }]);
    });

    it("never counts another tenant's cases or people", async () => {
      const ours = await dashboard('?from=2026-03-02&to=2026-03-04');
      assert.ok(ours.body.agent_load.every((row: { name: string }) => row.name.endsWith('of acme')));
      const theirs = await dashboard('?from=2026-03-02&to=2026-03-04', globex.seats.supervisor.token);
      assert.equal(theirs.status, 200, theirs.text);
      assert.deepEqual(theirs.body.open_by_category_status, [{ category: 'refund.delayed', status: 'open', count: 1 }]);
      assert.deepEqual(theirs.body.heatmap, [{ weekday: 1, hour: 10, count: 1 }]);
      assert.equal(theirs.body.first_response.count, 1);
      assert.equal(theirs.body.first_response.median_minutes, 5);
      assert.deepEqual(theirs.body.sla, { met: 0, breached: 0, achievement: null, by_clock: [] });
      assert.deepEqual(theirs.body.upcoming_breaches, []);
      assert.ok(theirs.body.agent_load.every((row: { name: string; open: number }) => row.name.endsWith('of globex') && row.open === 0));
    });

    it('refuses reversed, too long and malformed ranges with a 400 problem', async () => {
      const expectProblem = async (query: string, field: string) => {
        const response = await dashboard(query);
        assert.equal(response.status, 400, `${query}: ${response.text}`);
        assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal(response.body.code, 'validation_failed');
        assert.equal(response.body.errors[0].field, field, query);
      };
      await expectProblem('?from=2026-03-05&to=2026-03-04', 'querystring.from');
      await expectProblem('?from=2026-03-05', 'querystring.from');
      await expectProblem('?from=2025-03-02&to=2026-03-03', 'querystring.to');
      await expectProblem('?from=2026-02-30', 'querystring.from');
      await expectProblem('?to=03%2F04%2F2026', 'querystring.to');
      await expectProblem('?team=nope', 'querystring.team');
      assert.equal((await dashboard('?from=2026-03-01&to=2026-03-04&extra=1')).status, 400);
      assert.equal((await dashboard('?from=2025-03-03&to=2026-03-03')).status, 200, '366 days are allowed');
      const zh = await dashboard('?from=2026-03-05&to=2026-03-04', supervisor, { 'accept-language': 'zh-CN' });
      assert.equal(zh.body.detail, 'from 不能晚于 to，且跨度最多 366 天。');
    });

    it('is for supervisors, admins and viewers, not agents', async () => {
      for (const role of ['admin', 'supervisor', 'viewer'] as const) {
        assert.equal((await dashboard('', server.tenant.seats[role].token)).status, 200, role);
      }
      const refused = await dashboard('', agent);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'forbidden');
      assert.equal((await server.call('GET', DASHBOARD)).status, 401);
    });

    it('documents the route and its fields in OpenAPI', async () => {
      const spec = await server.call('GET', '/openapi.json');
      const route = spec.body.paths['/api/v1/analytics/dashboard'].get;
      assert.deepEqual(route.parameters.map((parameter: { name: string }) => parameter.name).sort(), ['from', 'team', 'to']);
      const schema = route.responses['200'].content['application/json'].schema;
      assert.match(schema.properties.sla.description, /met/);
      assert.match(schema.properties.heatmap.items.properties.weekday.description, /Monday/);
    });
  });

  describe(`WeChat Pay standing on the dashboard [${dialect}]`, () => {
    let server: TestServer;
    let wx: WechatPaySetup | undefined;

    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await wx?.close();
      await server.close();
    });

    it('lists the merchant with the platform-complaint metrics as of the last day', async () => {
      const supervisor = server.tenant.seats.supervisor.token;
      const before = await server.call('GET', DASHBOARD, { token: supervisor });
      assert.deepEqual(before.body.wechatpay, [], 'no WeChat Pay set up');

      wx = await setupWechatPay(server);
      server.clock.now = new Date('2026-03-02T02:00:00Z');
      await wx.open({});
      server.clock.now = new Date('2026-03-12T02:00:00Z');
      const dashboard = await server.call('GET', `${DASHBOARD}?to=2026-03-12`, { token: supervisor });
      assert.equal(dashboard.status, 200, dashboard.text);
      // The complaint of 03-02 is inside the window 02-07 … 03-08 and was not completed within 72 h.
      assert.deepEqual(dashboard.body.wechatpay, [{ merchant_id: MCHID, timely_handling_rate: 0, timely_threshold: 0.9, repeat_complaint_rate: 0, repeat_threshold: 0.1, complaints: 1 }]);
      const metrics = await server.call('GET', '/api/v1/metrics/platform-complaints?platform=wechatpay&as_of=2026-03-12', { token: supervisor });
      assert.equal(metrics.body.complaints, dashboard.body.wechatpay[0].complaints);
      assert.equal(metrics.body.timely_handling_rate, dashboard.body.wechatpay[0].timely_handling_rate);

      const earlier = await server.call('GET', `${DASHBOARD}?from=2026-03-01&to=2026-03-02`, { token: supervisor });
      assert.deepEqual(earlier.body.wechatpay, [{ merchant_id: MCHID, timely_handling_rate: null, timely_threshold: 0.9, repeat_complaint_rate: null, repeat_threshold: 0.1, complaints: 0 }]);
    });
  });

  describe(`dashboard days and hours across a daylight-saving change [${dialect}]`, () => {
    let server: TestServer;
    let token: string;

    before(async () => {
      server = await startTestServer(dialect);
      const { db } = server.db.database;
      const tenant = await createTenant(db, { slug: 'nyc', name: 'New York desk', timezone: 'America/New_York' }, systemActor, server.clock.now);
      const user = await createUser(db, tenant.id, { name: 'supervisor of nyc', role: 'supervisor', team: null }, systemActor, server.clock.now);
      token = (await createToken(db, tenant.id, { name: 'nyc', role: 'supervisor', userId: user.id }, systemActor, server.clock.now)).token;
    });
    after(async () => {
      await server.close();
    });

    it('puts cases on the local day and hour on both sides of the clock change', async () => {
      const open = async (iso: string) => {
        server.clock.now = new Date(iso);
        const created = await server.call('POST', '/api/v1/cases', { token, body: { subject: 'card declined', category: 'payment_failed.card_invalid', priority: 'normal' } });
        assert.equal(created.status, 201, created.text);
        return created.body.id as string;
      };
      await open('2026-03-07T04:30:00Z'); // Friday 03-06 23:30 EST: before the range
      await open('2026-03-08T06:30:00Z'); // Sunday 01:30 EST
      await open('2026-03-08T07:30:00Z'); // Sunday 03:30 EDT (02:00–03:00 does not exist)
      const late = await open('2026-03-09T03:30:00Z'); // Sunday 23:30 EDT
      server.clock.now = new Date('2026-03-09T03:45:00Z');
      assert.equal((await server.call('POST', `/api/v1/cases/${late}/messages`, { token, body: { direction: 'outbound', body: 'Looking into it.' } })).status, 201);

      const response = await server.call('GET', `${DASHBOARD}?from=2026-03-07&to=2026-03-08`, { token });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.range.timezone, 'America/New_York');
      assert.deepEqual(response.body.heatmap, [
        { weekday: 7, hour: 1, count: 1 },
        { weekday: 7, hour: 3, count: 1 },
        { weekday: 7, hour: 23, count: 1 },
      ]);
      assert.deepEqual(response.body.first_response.by_day, [
        { date: '2026-03-07', count: 0, median_minutes: null },
        { date: '2026-03-08', count: 1, median_minutes: 15 },
      ]);
    });
  });
}

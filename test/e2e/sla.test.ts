import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encryptJson } from '../../src/shared/secrets.js';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FakeWecom } from '../fakes/wecom.js';
import { dialects, startTestServer, startWithWecomRobot, type TestServer } from '../helpers/harness.js';

const lunchBreak = [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }];
const weekdays = { mon: lunchBreak, tue: lunchBreak, wed: lunchBreak, thu: lunchBreak, fri: lunchBreak };
const hours = (n: number) => n * 3600_000;
type Clock = { name: string; started_at: string; due_at: string | null; paused: boolean; stopped_at: string | null; breached: boolean; remaining_seconds: number | null; paused_seconds: number };
const clockOf = (body: { clocks: Clock[] }, name: string) => {
  const clock = body.clocks.find((entry) => entry.name === name);
  assert.ok(clock, `clock ${name} in ${JSON.stringify(body.clocks.map((entry) => entry.name))}`);
  return clock;
};

for (const dialect of dialects) {
  describe(`SLA clocks, reminders and escalation [${dialect}]`, () => {
    let server: TestServer;
    let wecom: FakeWecom;
    let admin: string;
    let agent: string;
    const at = (iso: string) => (server.clock.now = new Date(iso));
    const advance = (ms: number) => (server.clock.now = new Date(server.clock.now.getTime() + ms));

    before(async () => {
      let channel: Record<string, unknown>;
      ({ server, wecom, channel } = await startWithWecomRobot(dialect));
      admin = server.tenant.seats.admin.token;
      agent = server.tenant.seats.agent.token;
      assert.doesNotMatch(JSON.stringify(channel), new RegExp(wecom.key), 'the robot key is masked');
    });
    after(async () => {
      await server.close();
      await wecom.close();
    });
    beforeEach(async () => {
      for (const policy of (await server.call('GET', '/api/v1/sla-policies', { token: admin })).body.items) {
        await server.call('DELETE', `/api/v1/sla-policies/${policy.id}`, { token: admin });
      }
      await server.runWorkers();
      wecom.received.length = 0;
    });

    it('gives a newcomer correct business-hours clocks on a Chinese holiday calendar with a lunch break', async () => {
      const calendar = await server.call('POST', '/api/v1/calendars', { token: admin, body: { name: '上海客服', timezone: 'Asia/Shanghai', hours: weekdays, holiday_regions: ['CN'] } });
      assert.equal(calendar.status, 201, calendar.text);
      assert.ok(calendar.body.covered_years.includes(2025) && calendar.body.covered_years.includes(2027));
      assert.equal((await server.call('PUT', '/api/v1/teams/L1/calendar', { token: admin, body: { calendar_id: calendar.body.id } })).status, 200);
      const policy = await server.call('POST', '/api/v1/sla-policies', {
        token: admin,
        body: { name: '支付失败', match: { categories: ['payment_failed.*'] }, targets: [{ name: 'first_reply', kind: 'business', hours: 4 }, { name: 'resolution', kind: 'business', hours: 16, priority_hours: { urgent: 8 } }] },
      });
      assert.equal(policy.status, 201, policy.text);

      at('2025-09-30T09:00:00Z'); // 17:00 in Shanghai, the eve of the National Day holiday (10-01…10-08)
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '扣款失败', category: 'payment_failed.system_error', team: 'L1' } });
      assert.equal(created.status, 201, created.text);
      // 1 h on 09-30, then 09:00–12:00 on 10-09 (the first working day after the holiday).
      assert.equal(clockOf(created.body, 'first_reply').due_at, '2025-10-09T04:00:00.000Z');
      // 16 h: 1 h + 10-09 (7.5 h) + 10-10 (7.5 h) = 16 h → 10-10 18:00 local.
      assert.equal(clockOf(created.body, 'resolution').due_at, '2025-10-10T10:00:00.000Z');
      assert.equal(created.body.due_at, '2025-10-09T04:00:00.000Z', 'due_at is the nearest running deadline');

      const preview = await server.call('GET', `/api/v1/calendars/${calendar.body.id}/deadline?start=2025-10-09T11:30:00%2B08:00&hours=1`, { token: agent });
      assert.equal(preview.body.due_at, '2025-10-09T06:00:00.000Z', 'an hour from 11:30 is 11:30–12:00 plus 13:30–14:00 → 14:00 local');

      const urgent = await server.call('PATCH', `/api/v1/cases/${created.body.id}`, { token: agent, body: { priority: 'urgent' } });
      assert.equal(clockOf(urgent.body, 'resolution').due_at, '2025-10-09T09:30:00.000Z', 'priority change recomputes: 8 h → 10-09 17:30 local');

      // Admins can add dates: a company day off on 10-09 pushes the first reply to 10-10.
      const dayOff = await server.call('POST', `/api/v1/calendars/${calendar.body.id}/dates`, { token: admin, body: { date: '2025-10-09', type: 'holiday', name: '公司调休' } });
      assert.equal(dayOff.status, 200, dayOff.text);
      const moved = await server.call('GET', `/api/v1/cases/${created.body.id}`, { token: agent });
      assert.equal(clockOf(moved.body, 'first_reply').due_at, '2025-10-10T04:00:00.000Z', 'a calendar change moves running deadlines at once');
      assert.equal(moved.body.due_at, '2025-10-10T04:00:00.000Z');
    });

    it('counts only a human agent reply: bot answers and internal notes leave the clock running', async () => {
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'all', targets: [{ name: 'first_reply', kind: 'elapsed', hours: 2 }, { name: 'next_reply', kind: 'elapsed', hours: 1 }] } });
      at('2026-03-02T02:00:00Z');
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'refund?', category: 'refund.delayed' } });
      const id = created.body.id;
      await server.call('POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { direction: 'outbound', body: '您好，我是机器人', author: { type: 'bot' } } });
      await server.call('POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { direction: 'note', body: 'checking' } });
      let current = (await server.call('GET', `/api/v1/cases/${id}`, { token: agent })).body;
      assert.equal(clockOf(current, 'first_reply').stopped_at, null);
      advance(hours(1));
      await server.call('POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { direction: 'outbound', body: '正在为您查询' } });
      current = (await server.call('GET', `/api/v1/cases/${id}`, { token: agent })).body;
      assert.equal(clockOf(current, 'first_reply').stopped_at, '2026-03-02T03:00:00.000Z');
      assert.equal(clockOf(current, 'first_reply').breached, false);
      assert.equal(current.clocks.some((clock: Clock) => clock.name === 'next_reply'), false, 'next reply starts with the customer');
      advance(hours(1));
      await server.call('POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { direction: 'inbound', body: '还没到账' } });
      current = (await server.call('GET', `/api/v1/cases/${id}`, { token: agent })).body;
      assert.equal(clockOf(current, 'next_reply').due_at, '2026-03-02T05:00:00.000Z');
    });

    it('pauses while waiting on the customer, stops on resolve and restarts on reopen', async () => {
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'all', targets: [{ name: 'resolution', kind: 'elapsed', hours: 10 }] } });
      at('2026-03-02T02:00:00Z');
      const id = (await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'refund', category: 'refund.request' } })).body.id;
      await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'open' } });
      advance(hours(2));
      const waiting = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'pending_customer' } });
      assert.equal(clockOf(waiting.body, 'resolution').paused, true);
      assert.equal(clockOf(waiting.body, 'resolution').due_at, null);
      assert.equal(clockOf(waiting.body, 'resolution').remaining_seconds, 8 * 3600);
      advance(hours(5));
      await server.call('POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { direction: 'inbound', body: '这是截图' } });
      let current = (await server.call('GET', `/api/v1/cases/${id}`, { token: agent })).body;
      assert.equal(current.status, 'open');
      assert.equal(clockOf(current, 'resolution').due_at, '2026-03-02T17:00:00.000Z', 'five paused hours move the deadline by five hours');
      assert.equal(clockOf(current, 'resolution').paused_seconds, 5 * 3600);
      advance(hours(1));
      const resolved = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'resolved', resolution: 'full_refund' } });
      assert.equal(clockOf(resolved.body, 'resolution').stopped_at, server.clock.now.toISOString());
      assert.equal(clockOf(resolved.body, 'resolution').remaining_seconds, null);
      advance(hours(20));
      assert.equal(clockOf((await server.call('GET', `/api/v1/cases/${id}`, { token: agent })).body, 'resolution').breached, false, 'a stopped clock never breaches later');
      const reopened = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'open' } });
      assert.equal(clockOf(reopened.body, 'resolution').started_at, server.clock.now.toISOString());
      assert.equal(clockOf(reopened.body, 'resolution').due_at, new Date(server.clock.now.getTime() + hours(10)).toISOString());
    });

    it('gives a WeChat Pay complaint the platform deadlines in China time', async () => {
      at('2026-11-26T15:30:00Z'); // 23:30 in Shanghai
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '用户投诉：重复扣款', channel: 'wechatpay', category: 'duplicate_charge', refs: { platform_complaint_id: '200000020261126000001' } } });
      assert.equal(clockOf(created.body, 'platform_reply').due_at, '2026-11-27T16:00:00.000Z', 'by 24:00 of creation day + 1');
      assert.equal(clockOf(created.body, 'platform_complete').due_at, '2026-11-29T16:00:00.000Z', 'by 24:00 of creation day + 3');
      assert.equal(clockOf(created.body, 'platform_72h').due_at, '2026-11-29T15:30:00.000Z');
      const paused = await server.call('POST', `/api/v1/cases/${created.body.id}/transitions`, { token: agent, body: { to: 'pending_customer' } });
      assert.equal(clockOf(paused.body, 'platform_72h').paused, false, 'platform clocks never pause');
    });

    it('sends reminders to a WeCom robot at 50 % and 80 % once each, then breaches, escalates and notifies', async () => {
      await server.call('POST', '/api/v1/sla-policies', {
        token: admin,
        body: { name: 'fast', targets: [{ name: 'first_reply', kind: 'elapsed', hours: 10 }], reminders: { percents: [50, 80], before_minutes: [30] }, breach_actions: ['notify', 'escalate'] },
      });
      at('2026-03-02T02:00:00Z');
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'POS 打印机不出纸', category: 'pos.printer', team: 'L1', customer: { name: '王小明', email: 'w@example.cn' } } });
      const number = String(created.body.number);
      advance(hours(4));
      await server.runWorkers();
      assert.equal(wecom.received.length, 0, 'nothing before 50 %');
      advance(hours(1));
      await server.runWorkers();
      await server.runWorkers();
      assert.equal(wecom.received.length, 1, 'the 50 % reminder, once');
      const first = wecom.received[0]?.markdown?.content ?? '';
      assert.match(first, new RegExp(number));
      assert.match(first, /王小明/);
      assert.match(first, /5\s*小时/, 'time left');
      assert.match(first, new RegExp(`/cases/${created.body.id}`), 'link to the case');
      advance(hours(3));
      await server.runWorkers();
      assert.equal(wecom.received.length, 2, '80 %');
      advance(hours(2) + 1000);
      const backlog = (await server.call('GET', '/metrics')).text;
      assert.match(backlog, /paydesk_sla_timers_due 2\b/, 'the 30-min reminder and the breach wait');
      assert.match(backlog, /paydesk_sla_timer_lag_seconds 1801\b/, 'the oldest is 30 min 1 s late');
      assert.match(backlog, /paydesk_sla_clocks_overdue [1-9]/, "this case's first reply is overdue");
      const fired = await server.runWorkers();
      assert.ok(fired.timers >= 2, '30-min reminder and breach fired late in one go');
      const texts = wecom.received.slice(2).map((message) => message.markdown?.content ?? '');
      assert.ok(texts.some((text) => /超时|逾期/.test(text)), `a breach notice in ${texts.join('\n---\n')}`);
      assert.ok(texts.some((text) => /L2/.test(text)), 'the escalation notice names the next tier');
      const current = (await server.call('GET', `/api/v1/cases/${created.body.id}`, { token: agent })).body;
      assert.equal(current.team, 'L2');
      assert.equal(clockOf(current, 'first_reply').breached, true);
      const timeline = (await server.call('GET', `/api/v1/cases/${created.body.id}/timeline?limit=100`, { token: agent })).body.items.map((event: { type: string }) => event.type);
      assert.ok(timeline.includes('sla.breached') && timeline.includes('case.escalated'));
      const count = wecom.received.length;
      advance(hours(5));
      await server.runWorkers();
      assert.equal(wecom.received.length, count, 'nothing fires twice');
    });

    it('drops pending reminders and escalations when the policy is removed', async () => {
      const policy = await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'gone soon', targets: [{ name: 'resolution', kind: 'elapsed', hours: 2 }] } });
      at('2026-03-02T02:00:00Z');
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'x', category: 'other', team: 'L1' } });
      assert.equal(created.body.clocks.length, 1);
      assert.equal((await server.call('DELETE', `/api/v1/sla-policies/${policy.body.id}`, { token: admin })).status, 204);
      const current = (await server.call('GET', `/api/v1/cases/${created.body.id}`, { token: agent })).body;
      assert.deepEqual(current.clocks, []);
      assert.equal(current.due_at, null, 'no stale SLA deadline on the case');
      advance(hours(5));
      await server.runWorkers();
      assert.equal(wecom.received.length, 0);
      assert.equal((await server.call('GET', `/api/v1/cases/${created.body.id}`, { token: agent })).body.team, 'L1', 'no escalation from a removed policy');
    });

    it('rejects impossible calendars and policies naming the field', async () => {
      const overlap = await server.call('POST', '/api/v1/calendars', { token: admin, body: { name: 'bad', timezone: 'Asia/Shanghai', hours: { mon: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '18:00' }] } } });
      assert.equal(overlap.status, 400);
      assert.ok(overlap.body.errors.some((error: { field: string }) => error.field === 'body.hours.mon.1'), JSON.stringify(overlap.body.errors));
      const backwards = await server.call('POST', '/api/v1/calendars', { token: admin, body: { name: 'bad', timezone: 'Asia/Shanghai', hours: { mon: [{ start: '18:00', end: '09:00' }] } } });
      assert.equal(backwards.status, 400);
      const zone = await server.call('POST', '/api/v1/calendars', { token: admin, body: { name: 'bad', timezone: 'Mars/Olympus', hours: weekdays } });
      assert.equal(zone.status, 400);
      assert.ok(zone.body.errors.some((error: { field: string }) => error.field === 'body.timezone'));
      const negative = await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'bad', targets: [{ name: 'first_reply', kind: 'elapsed', hours: -1 }] } });
      assert.equal(negative.status, 400);
      assert.ok(negative.body.errors.some((error: { field: string }) => error.field === 'body.targets.0.hours'), JSON.stringify(negative.body.errors));
      const kind = await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'bad', targets: [{ name: 'first_reply', kind: 'lunar', hours: 1 }] } });
      assert.equal(kind.status, 400);
      assert.ok(kind.body.errors.some((error: { field: string }) => error.field === 'body.targets.0.kind'));
      const days = await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'bad', targets: [{ name: 'platform_reply', kind: 'calendar_day_end' }] } });
      assert.ok(days.body.errors.some((error: { field: string }) => error.field === 'body.targets.0.days'));
      // A typo in a key would otherwise be dropped silently and the policy would match every case.
      const typo = await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'typo', match: { category: ['payment_failed.*'] }, targets: [{ name: 'first_reply', kind: 'elapsed', hours: 1 }] } });
      assert.equal(typo.status, 400);
      assert.ok(typo.body.errors.some((error: { field: string; message: string }) => error.field === 'body.match' && /category/.test(error.message)), JSON.stringify(typo.body.errors));
    });

    it('keeps a deadline beyond ten years of a sparse calendar from breaking case work', async () => {
      const sparse = await server.call('POST', '/api/v1/calendars', { token: admin, body: { name: '每周半小时', timezone: 'Asia/Shanghai', hours: { mon: [{ start: '09:00', end: '09:30' }] } } });
      assert.equal(sparse.status, 201, sparse.text);
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'huge', calendar_id: sparse.body.id, targets: [{ name: 'resolution', kind: 'business', hours: 8000 }] } });
      at('2026-03-02T02:00:00Z');
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'x', category: 'other' } });
      assert.equal(created.status, 201, created.text);
      assert.equal(clockOf(created.body, 'resolution').due_at, new Date(Date.parse('2026-03-02T02:00:00Z') + 3660 * 86_400_000).toISOString(), 'capped at the ten-year horizon');
      const preview = await server.call('GET', `/api/v1/calendars/${sparse.body.id}/deadline?start=2026-03-02T10:00:00%2B08:00&hours=8000`, { token: agent });
      assert.equal(preview.status, 400);
      assert.equal(preview.body.errors[0].field, 'query.hours');
    });

    it('shows a channel stored under another server key as unreadable instead of failing', async () => {
      const made = await server.call('POST', '/api/v1/notification-channels', { token: admin, body: { name: 'old key', config: { kind: 'slack', url: 'http://127.0.0.1:9/hooks/T000/B000/secretpart' }, enabled: false } });
      await server.db.database.db.updateTable('notification_channels').set({ config_enc: encryptJson(randomBytes(32), { kind: 'slack', url: 'http://127.0.0.1:9/x' }) }).where('id', '=', made.body.id).execute();
      const listed = await server.call('GET', '/api/v1/notification-channels', { token: admin });
      assert.equal(listed.status, 200);
      assert.match(listed.body.items.find((item: { id: string }) => item.id === made.body.id).config.unreadable, /PAYDESK_SECRET_KEY/);
      const test = await server.call('POST', `/api/v1/notification-channels/${made.body.id}/test`, { token: admin });
      assert.equal(test.status, 409);
      assert.equal((await server.call('DELETE', `/api/v1/notification-channels/${made.body.id}`, { token: admin })).status, 204);
    });

    it('does not call a clock breached that stopped while paused past its old deadline', async () => {
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'p', targets: [{ name: 'resolution', kind: 'elapsed', hours: 24 }] } });
      at('2026-03-02T02:00:00Z');
      const id = (await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'waiting', category: 'other' } })).body.id;
      await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'open' } });
      advance(hours(1));
      await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'pending_customer' } });
      advance(hours(47));
      const resolved = await server.call('POST', `/api/v1/cases/${id}/transitions`, { token: agent, body: { to: 'resolved', resolution: 'no_response' } });
      const clock = clockOf(resolved.body, 'resolution');
      assert.equal(clock.breached, false, JSON.stringify(clock));
      assert.equal(clock.paused_seconds, 47 * 3600);
      assert.equal(clock.due_at, '2026-03-05T01:00:00.000Z', 'the deadline moved by the 47 paused hours before the stop');
    });

    it('plans the urgent repeats when a case is raised to urgent', async () => {
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'p', match: { tags: ['repeat-test'] }, targets: [{ name: 'resolution', kind: 'elapsed', hours: 4 }], reminders: { percents: [], before_minutes: [], repeat_every_minutes: 30, repeat_within_minutes: 120, repeat_priorities: ['urgent'] }, breach_actions: [] } });
      at('2026-03-02T02:00:00Z');
      const id = (await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'repeat me', category: 'other', tags: ['repeat-test'] } })).body.id;
      advance(hours(2) + 60_000);
      await server.runWorkers();
      assert.equal(wecom.received.length, 0, 'a normal case gets no repeats');
      await server.call('PATCH', `/api/v1/cases/${id}`, { token: agent, body: { priority: 'urgent' } });
      advance(hours(0.5));
      await server.runWorkers();
      advance(hours(0.5));
      await server.runWorkers();
      assert.equal(wecom.received.length, 2, 'every 30 min in the last 2 h once urgent');
    });

    it('moves a case up once when two of its deadlines breach together', async () => {
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'p', match: { tags: ['twice'] }, targets: [{ name: 'first_reply', kind: 'elapsed', hours: 1 }, { name: 'resolution', kind: 'elapsed', hours: 1 }], reminders: { percents: [], before_minutes: [] }, breach_actions: ['notify', 'escalate'] } });
      at('2026-03-02T02:00:00Z');
      const id = (await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'both late', category: 'other', team: 'L1', tags: ['twice'] } })).body.id;
      advance(hours(2));
      await server.runWorkers();
      const current = (await server.call('GET', `/api/v1/cases/${id}`, { token: agent })).body;
      assert.equal(current.team, 'L2', 'one step, not L1 → L3');
      assert.ok(current.clocks.every((clock: Clock) => clock.breached));
      const breaches = wecom.received.filter((message) => /超时/.test(message.markdown?.content ?? ''));
      assert.equal(breaches.length, 2, 'both breaches are still announced');
    });

    it('retries a failing channel with backoff, then dead-letters it without blocking case work', async () => {
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'p', match: { tags: ['robot-test'] }, targets: [{ name: 'first_reply', kind: 'elapsed', hours: 1 }], reminders: { percents: [50], before_minutes: [] }, breach_actions: [] } });
      at('2026-03-02T02:00:00Z');
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'failing robot', category: 'other', tags: ['robot-test'] } });
      wecom.failNext(8, 'http500');
      advance(hours(0.5));
      await server.runWorkers();
      const patched = await server.call('PATCH', `/api/v1/cases/${created.body.id}`, { token: agent, body: { priority: 'high' } });
      assert.equal(patched.status, 200, 'case work goes on');
      let item = (await server.call('GET', '/api/v1/notifications/outbox?state=pending', { token: admin })).body.items[0];
      assert.equal(item.attempts, 1);
      assert.equal(item.next_attempt_at, new Date(server.clock.now.getTime() + 30_000).toISOString(), 'first retry after 30 s');
      for (let round = 0; round < 10; round += 1) {
        advance(hours(1));
        await server.runWorkers();
      }
      const dead = await server.call('GET', '/api/v1/notifications/outbox?state=dead', { token: admin });
      assert.equal(dead.body.items.length, 1);
      assert.equal(dead.body.items[0].attempts, 8);
      assert.match(dead.body.items[0].last_error, /500/);
      assert.doesNotMatch(dead.body.items[0].last_error, new RegExp(wecom.key), 'the robot key never shows in errors');
      const metrics = await server.call('GET', '/metrics');
      assert.match(metrics.text, /paydesk_notifications\{state="dead"\} 1\b/, 'dead letters show on /metrics');
      assert.match(metrics.text, /paydesk_sla_timers_due 0\b/, 'no timer waits behind');
      wecom.received.length = 0;
      const retried = await server.call('POST', `/api/v1/notifications/outbox/${dead.body.items[0].id}/retry`, { token: admin });
      assert.equal(retried.body.state, 'pending');
      await server.runWorkers();
      assert.equal(wecom.received.length, 1);
      const sent = (await server.call('GET', '/api/v1/notifications/outbox?state=sent&limit=200', { token: admin })).body.items;
      assert.ok(sent.some((entry: { id: string }) => entry.id === dead.body.items[0].id), 'the retried notification went out');
    });

    it('hands a shift over: open cases, deadlines and follow-ups due before the next shift ends, sent at the shift change; promised follow-ups are reminded when due', async () => {
      await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'p', targets: [{ name: 'resolution', kind: 'elapsed', hours: 12 }] } });
      at('2026-03-02T02:00:00Z'); // Monday 10:00 in Shanghai
      const schedule = await server.call('PUT', '/api/v1/teams/L1/schedule', {
        token: server.tenant.seats.supervisor.token,
        body: { shifts: [{ name: '白班', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }, { name: '夜班', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '18:00', end: '09:00' }] },
      });
      assert.equal(schedule.status, 200, schedule.text);
      const created = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '终端无法联网', category: 'pos.network', team: 'L1' } });
      const promise = await server.call('POST', `/api/v1/cases/${created.body.id}/follow-ups`, { token: agent, body: { due_at: '2026-03-02T20:00:00+08:00', note: '晚上 8 点回电商户' } });
      assert.equal(promise.status, 201, promise.text);
      const summary = await server.call('GET', '/api/v1/handover?team=L1', { token: agent });
      assert.equal(summary.status, 200, summary.text);
      assert.equal(summary.body.current_shift.name, '白班');
      assert.equal(summary.body.next_shift.name, '夜班');
      assert.equal(summary.body.next_shift.end, '2026-03-03T01:00:00.000Z');
      assert.ok(summary.body.open_cases.count >= 1);
      assert.ok(summary.body.deadlines.some((row: { case_id: string; clock: string }) => row.case_id === created.body.id && row.clock === 'resolution'));
      assert.equal(summary.body.follow_ups[0].note, '晚上 8 点回电商户');
      at('2026-03-02T10:00:01Z'); // 18:00:01: shift change
      await server.runWorkers();
      const handover = wecom.received.map((message) => message.markdown?.content ?? '').find((text) => text.includes('夜班'));
      assert.ok(handover, `a handover summary reached the robot: ${JSON.stringify(wecom.received)}`);
      assert.match(handover, /晚上 8 点回电商户|回电/);

      const kept = await server.call('POST', `/api/v1/cases/${created.body.id}/follow-ups`, { token: agent, body: { due_at: '2026-03-02T20:30:00+08:00', note: '发送退款凭证' } });
      const done = await server.call('POST', `/api/v1/cases/${created.body.id}/follow-ups/${kept.body.id}/done`, { token: agent });
      assert.ok(done.body.done_at);
      wecom.received.length = 0;
      at('2026-03-02T12:45:00Z'); // 20:45: the first promise is due, the kept one is not reminded
      await server.runWorkers();
      const reminders = wecom.received.map((message) => message.markdown?.content ?? '');
      assert.equal(reminders.filter((text) => text.includes('承诺的跟进')).length, 1, reminders.join('\n---\n'));
      assert.ok(reminders.some((text) => text.includes('晚上 8 点回电商户')));
      assert.ok(!reminders.some((text) => text.includes('发送退款凭证')));
    });

    it('escalates by hand along the path: fraud goes to risk, L1 to L2, and L3 has nowhere left', async () => {
      at('2026-03-02T02:00:00Z');
      const fraud = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '盗刷', category: 'fraud.dispute', team: 'L1' } });
      const toRisk = await server.call('POST', `/api/v1/cases/${fraud.body.id}/escalate`, { token: agent, body: { reason: '疑似盗刷' } });
      assert.equal(toRisk.body.team, 'risk');
      const plain = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'x', category: 'other', team: 'L3' } });
      const nowhere = await server.call('POST', `/api/v1/cases/${plain.body.id}/escalate`, { token: agent, body: { reason: 'help' } });
      assert.equal(nowhere.status, 409);
      const paths = await server.call('PUT', '/api/v1/escalation-paths', { token: admin, body: { tiers: ['L1', 'L2', 'L3', 'tech'] } });
      assert.equal(paths.status, 200);
      const toTech = await server.call('POST', `/api/v1/cases/${plain.body.id}/escalate`, { token: agent, body: { reason: 'help' } });
      assert.equal(toTech.body.team, 'tech');
    });
  });
}

for (const dialect of dialects) {
  describe(`SLA policy changes on a big desk [${dialect}]`, () => {
    it('re-matches the first open cases in the request and the rest through a durable background job', async () => {
      const server = await startTestServer(dialect, { PAYDESK_POLICY_INLINE_CASES: '2' });
      after(() => server.close());
      const admin = server.tenant.seats.admin.token;
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) ids.push((await server.call('POST', '/api/v1/cases', { token: admin, body: { subject: `open ${index}`, category: 'other' } })).body.id);
      const withClocks = async () => {
        const cases = await Promise.all(ids.map(async (id) => (await server.call('GET', `/api/v1/cases/${id}`, { token: admin })).body));
        return cases.filter((item: { clocks: unknown[] }) => item.clocks.length > 0).length;
      };
      assert.equal(await withClocks(), 0);
      const created = await server.call('POST', '/api/v1/sla-policies', { token: admin, body: { name: 'everyone', targets: [{ name: 'resolution', kind: 'elapsed', hours: 24 }] } });
      assert.equal(created.status, 201);
      assert.equal(await withClocks(), 2, 'two cases in the request');
      await server.runWorkers();
      assert.equal(await withClocks(), 5, 'the rest by the worker');
      await server.call('DELETE', `/api/v1/sla-policies/${created.body.id}`, { token: admin });
      await server.runWorkers();
      assert.equal(await withClocks(), 0, 'and all of them lose the clocks when the policy goes');
    });
  });
}

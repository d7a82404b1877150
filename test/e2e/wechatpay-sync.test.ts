import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { startFakeWecom, type FakeWecom } from '../fakes/wecom.js';
import { dialects, startTestServer, type TestServer } from '../helpers/harness.js';
import { complaintId, MCHID, setupWechatPay, type WechatPaySetup } from '../helpers/wechatpay.js';

const OTHER_MCHID = '1900000999';
const text = (message: { text?: { content: string }; markdown?: { content: string } }) => message.markdown?.content ?? message.text?.content ?? '';

for (const dialect of dialects) {
  describe(`WeChat Pay reconciliation, platform metrics and complaint floods [${dialect}]`, () => {
    let server: TestServer;
    let wx: WechatPaySetup;
    let wecom: FakeWecom;
    let admin: string;
    let supervisor: string;
    const at = (iso: string) => (server.clock.now = new Date(iso));
    const sync = (body: Record<string, unknown> = {}, token = supervisor) => server.call('POST', '/api/v1/integrations/wechatpay/sync', { token, body });
    const metrics = (query: string) => server.call('GET', `/api/v1/metrics/platform-complaints?platform=wechatpay&${query}`, { token: supervisor });

    /** A complaint with its own creation time and, optionally, what happened to it and when (all +08:00). */
    const seed = (created: string, events: Array<[string, string]> = [], extra: Record<string, unknown> = {}) => {
      const id = complaintId();
      wx.fake.addComplaint({ complaint_id: id, complaint_time: created, problem_description: '订单问题', complaint_detail: `fixture ${created}`, ...extra });
      for (const [type, when] of events) wx.fake.addHistory(id, { operate_type: type, operate_details: type, operate_time: when });
      return id;
    };

    before(async () => {
      server = await startTestServer(dialect);
      admin = server.tenant.seats.admin.token;
      supervisor = server.tenant.seats.supervisor.token;
      wecom = await startFakeWecom();
      const channel = await server.call('POST', '/api/v1/notification-channels', { token: admin, body: { name: '投诉群', config: { kind: 'wecom', url: wecom.url }, events: ['platform.metric_alert', 'incident.opened'], locale: 'zh-CN' } });
      assert.equal(channel.status, 201, channel.text);
      at('2026-03-10T04:00:00Z'); // 12:00 on 10 March in Shanghai
      wx = await setupWechatPay(server, { burst: { window_minutes: 60, baseline_days: 14, factor: 5, min_count: 5 } });
    });
    after(async () => {
      await wx.close();
      await wecom.close();
      await server.close();
    });

    it('turns complaints whose callbacks never came into cases, on schedule and on demand, one node at a time', async () => {
      const lost = seed('2026-03-10T09:15:00+08:00');
      // Setting up the integration schedules a run: the worker picks it up.
      await server.runWorkers();
      const found = await wx.caseOf(lost);
      assert.ok(found, 'the scheduled run found the complaint');
      assert.equal(found.created_at, '2026-03-10T01:15:00.000Z', 'the case is dated when the user complained');
      const late = found.clocks.find((clock: { name: string }) => clock.name === 'platform_72h');
      assert.equal(late.due_at, '2026-03-13T01:15:00.000Z', 'platform clocks run from the complaint time');

      // Another node holds the job: an on-demand run is refused, not doubled.
      await server.db.database.db.updateTable('platform_sync_jobs').set({ lease: 'other-node', locked_until: '2026-03-10T04:05:00.000Z' }).where('tenant_id', '=', server.tenant.tenantId).execute();
      const busy = await sync();
      assert.equal(busy.status, 409, busy.text);
      assert.equal(busy.body.code, 'sync_in_progress');
      await server.db.database.db.updateTable('platform_sync_jobs').set({ lease: null, locked_until: null }).where('tenant_id', '=', server.tenant.tenantId).execute();

      const second = seed('2026-03-09T20:00:00+08:00');
      const ran = await sync();
      assert.equal(ran.status, 200, ran.text);
      assert.equal(ran.body.created, 1);
      assert.ok(await wx.caseOf(second));
      const again = await sync();
      assert.equal(again.body.created, 0, 'nothing new the second time');
      assert.equal((await sync({ begin_date: '2026-03-10', end_date: '2026-03-01' })).status, 400);
      assert.equal((await sync({}, server.tenant.seats.agent.token)).status, 403);
      const status = await server.call('GET', '/api/v1/integrations/wechatpay', { token: admin });
      assert.equal(status.body.sync.last_result.windows, 1);
      assert.ok(status.body.sync.next_run_at > '2026-03-10T04:00:00.000Z');
    });

    it('computes the platform metrics exactly, window edges and midnight in +08:00 included', async () => {
      // Window for 10 March: complaints created 5 February … 6 March (Shanghai days).
      seed('2026-02-04T23:59:59+08:00', [['MERCHANT_CONFIRM_COMPLETE', '2026-02-05T01:00:00+08:00']]); // the day before: out
      seed('2026-02-05T00:00:00+08:00', [['MERCHANT_CONFIRM_COMPLETE', '2026-02-07T23:59:00+08:00']]); // first day, 71 h 59 min: timely
      seed('2026-03-06T23:59:59+08:00', [['MERCHANT_CONFIRM_COMPLETE', '2026-03-10T00:00:00+08:00']]); // last day, 72 h 1 s: late
      seed('2026-03-07T00:00:00+08:00', [['MERCHANT_CONFIRM_COMPLETE', '2026-03-07T02:00:00+08:00']]); // the day after: out
      seed('2026-02-20T12:00:00+08:00', [['USER_REVOKE_COMPLAINT', '2026-02-20T22:00:00+08:00']]); // withdrawn after 10 h: timely
      seed('2026-02-21T08:00:00+08:00', [], { user_complaint_times: 2 }); // never completed, a repeat
      seed('2026-02-22T09:30:00+08:00', [['MERCHANT_CONFIRM_COMPLETE', '2026-02-25T09:30:00+08:00']]); // exactly 72 h: timely
      seed('2026-02-23T07:59:59+08:00', [['MERCHANT_CONFIRM_COMPLETE', '2026-02-26T15:59:59+08:00']], { user_complaint_times: 3 }); // 22 Feb in UTC, 23 Feb here; 80 h: late, a repeat
      seed('2026-02-10T10:00:00+08:00', [], { complainted_mchid: OTHER_MCHID }); // another merchant id
      const ran = await sync({ begin_date: '2026-01-20', end_date: '2026-03-10' });
      assert.equal(ran.status, 200, ran.text);
      assert.equal(ran.body.windows, 2, '50 days are two 30-day windows');
      const counts = await server.call('POST', '/api/v1/transactions/daily-counts', {
        token: admin,
        body: [
          { date: '2026-02-04', mchid: MCHID, count: 5000 },
          { date: '2026-02-05', mchid: MCHID, count: 1000 },
          { date: '2026-03-06', mchid: MCHID, count: 2000 },
          { date: '2026-03-07', mchid: MCHID, count: 7000 },
          { date: '2026-02-10', mchid: OTHER_MCHID, count: 500 },
        ],
      });
      assert.equal(counts.status, 200, counts.text);
      assert.equal((await server.call('POST', '/api/v1/transactions/daily-counts', { token: admin, body: [{ date: '2026-02-30', mchid: MCHID, count: 1 }] })).status, 400);

      const one = await metrics(`as_of=2026-03-10&mchid=${MCHID}`);
      assert.equal(one.status, 200, one.text);
      assert.deepEqual(one.body.window, { from: '2026-02-05', to: '2026-03-06' });
      assert.equal(one.body.complaints, 6);
      assert.equal(one.body.completed_within_72h, 3);
      assert.equal(one.body.timely_handling_rate, 0.5);
      assert.equal(one.body.repeat_complaints, 2);
      assert.equal(one.body.repeat_complaint_rate, 2 / 6);
      assert.equal(one.body.transactions, 3000);
      assert.equal(one.body.complaint_rate, 6 / 3000);
      assert.equal(one.body.close_attempts_exhausted, 0);
      assert.equal(one.body.malicious_tolerance_left, 0);
      assert.deepEqual(one.body.levels, { timely_handling_rate: 'breached', repeat_complaint_rate: 'breached', complaint_rate: 'breached' });

      const all = await metrics('as_of=2026-03-10');
      assert.equal(all.body.complaints, 7);
      assert.equal(all.body.transactions, 3500);
      // One day later the window moves: 5 February drops out, 7 March comes in.
      const next = await metrics(`as_of=2026-03-11&mchid=${MCHID}`);
      assert.deepEqual(next.body.window, { from: '2026-02-06', to: '2026-03-07' });
      assert.equal(next.body.complaints, 6);
      assert.equal(next.body.completed_within_72h, 3);
      assert.equal((await metrics('as_of=2026-13-01')).status, 400);

      // Crossing a threshold notifies the supervisors' channel, once per level (checked every ten minutes).
      wecom.received.length = 0;
      server.clock.now = new Date(server.clock.now.getTime() + 11 * 60_000);
      await server.runWorkers();
      const alerts = wecom.received.map(text).filter((content) => content.includes('阈值为'));
      assert.equal(alerts.length, 3, JSON.stringify(wecom.received.map(text)));
      assert.ok(alerts.some((content) => content.includes('及时处理率') && content.includes('50.00%')));
      server.clock.now = new Date(server.clock.now.getTime() + 11 * 60_000);
      await server.runWorkers();
      assert.equal(wecom.received.map(text).filter((content) => content.includes('阈值为')).length, 3, 'no repeat while nothing changes');
    });

    it('spots a coordinated flood, groups it under an incident and exports the evidence for an appeal', async () => {
      at('2026-03-12T02:00:00Z');
      wecom.received.length = 0;
      const variants = ['收到的商品是假货，要求退一赔三！', '收到的商品是假货,要求退一赔三', '收到商品是假货，要求退一赔三！！', '收到的商品是假货 要求退一赔三', '收到的商品是假货，要求退一赔三。', '收到的商品是假货，要求退一赔三啊'];
      const opened: string[] = [];
      for (const variant of variants) {
        server.clock.now = new Date(server.clock.now.getTime() + 60_000);
        opened.push((await wx.open({ problem_description: '假货', complaint_detail: variant })).caseId);
      }
      const list = await server.call('GET', '/api/v1/incidents?status=open', { token: supervisor });
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.items.length, 1, list.text);
      const incident = (await server.call('GET', `/api/v1/incidents/${list.body.items[0].id}`, { token: supervisor })).body;
      assert.equal(incident.kind, 'complaint_flood');
      assert.equal(incident.case_count, 6);
      assert.deepEqual(incident.cases.map((item: { id: string }) => item.id).sort(), [...opened].sort());
      assert.equal(incident.details.clusters[0].reason, 'similar_text');
      await server.runWorkers();
      const pushed = wecom.received.map(text).filter((content) => content.includes('疑似有组织'));
      assert.equal(pushed.length, 1, 'notified once, when the incident opened');

      // Evidence: every file listed in the manifest with its hash; timelines carry the audit chain.
      const response = await fetch(`${server.baseUrl}/api/v1/incidents/${incident.id}/evidence`, { headers: { authorization: `Bearer ${supervisor}` } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/zip');
      assert.match(response.headers.get('content-disposition') ?? '', /attachment/);
      const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
      const manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as { files: Array<{ path: string; sha256: string }>; chain_head: { hash: string } | null };
      assert.ok(manifest.files.length >= 6 * 4);
      for (const entry of manifest.files) {
        const data = files[entry.path];
        assert.ok(data, entry.path);
        assert.equal(createHash('sha256').update(data).digest('hex'), entry.sha256, entry.path);
      }
      assert.ok(manifest.chain_head?.hash.match(/^[0-9a-f]{64}$/));
      const first = (await server.call('GET', `/api/v1/cases/${opened[0]}`, { token: supervisor })).body;
      const timeline = JSON.parse(strFromU8(files[`cases/${first.number}/timeline.json`] ?? new Uint8Array())) as Array<{ hash: string }>;
      const api = (await server.call('GET', `/api/v1/cases/${opened[0]}/timeline?limit=200`, { token: supervisor })).body.items as Array<{ hash: string }>;
      assert.deepEqual(timeline.map((event) => event.hash), api.map((event) => event.hash));
      assert.ok(timeline.every((event) => /^[0-9a-f]{64}$/.test(event.hash)), 'every exported event is sealed');
      assert.match(strFromU8(files[`cases/${first.number}/complaint.json`] ?? new Uint8Array()), /"complaint_id"/);
      assert.ok(files['README.txt']);

      // A public notice while it is open (the portal and the chat bot show it); half a notice is refused.
      const notice = { 'zh-CN': '部分用户的投诉正在集中处理，请耐心等待。', en: 'We are working through a surge of complaints; thank you for your patience.' };
      assert.equal((await server.call('PATCH', `/api/v1/incidents/${incident.id}`, { token: supervisor, body: { broadcast: { en: 'only English' } } })).status, 400);
      assert.equal((await server.call('PATCH', `/api/v1/incidents/${incident.id}`, { token: supervisor, body: {} })).status, 400);
      const announced = await server.call('PATCH', `/api/v1/incidents/${incident.id}`, { token: supervisor, body: { broadcast: notice } });
      assert.equal(announced.status, 200);
      assert.deepEqual(announced.body.broadcast, notice);
      assert.equal(announced.body.status, 'open');

      const resolved = await server.call('PATCH', `/api/v1/incidents/${incident.id}`, { token: supervisor, body: { status: 'resolved', note: '已提交申诉' } });
      assert.equal(resolved.status, 200);
      assert.equal(resolved.body.status, 'resolved');
      const cleared = await server.call('PATCH', `/api/v1/incidents/${incident.id}`, { token: supervisor, body: { broadcast: null } });
      assert.equal(cleared.body.broadcast, null);
      assert.equal((await server.call('GET', `/api/v1/incidents/${incident.id}/evidence`, { token: server.tenant.seats.agent.token })).status, 403);
    });
  });
}

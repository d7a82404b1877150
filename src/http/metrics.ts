import client from 'prom-client';
import type { Database } from '../db/database.js';
import { actionCounts } from '../channels/wechatpay/actions.service.js';
import { outboxCounts } from '../notify/outbox.service.js';
import { dueBacklog, overdueClocks } from '../sla/timers.service.js';

/** A registry per app instance, so several apps in one test process do not share counters. */
export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(database: Database, now: () => Date = () => new Date()) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'paydesk_' });
  const requests = new client.Counter({
    name: 'paydesk_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'paydesk_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'paydesk_cases',
    help: 'Cases by status, all tenants',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await database.db
        .selectFrom('cases')
        .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute();
      this.reset();
      for (const row of rows) this.set({ status: row.status }, Number(row.count));
    },
  });
  new client.Gauge({
    name: 'paydesk_sla_timers_due',
    help: 'SLA timers already due but not yet fired (a growing number means the workers fall behind)',
    registers: [registry],
    async collect() {
      this.set((await dueBacklog(database.db, now().toISOString())).count);
    },
  });
  new client.Gauge({
    name: 'paydesk_sla_timer_lag_seconds',
    help: 'How late the oldest due SLA timer is (0 when none is waiting)',
    registers: [registry],
    async collect() {
      const { oldest } = await dueBacklog(database.db, now().toISOString());
      this.set(oldest ? Math.max(0, (now().getTime() - Date.parse(oldest)) / 1000) : 0);
    },
  });
  new client.Gauge({
    name: 'paydesk_sla_clocks_overdue',
    help: 'Running SLA clocks past their deadline, all tenants',
    registers: [registry],
    async collect() {
      this.set(await overdueClocks(database.db, now().toISOString()));
    },
  });
  new client.Gauge({
    name: 'paydesk_notifications',
    help: 'Notifications in the outbox by state (dead = gave up after retries)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const state of ['pending', 'sending', 'sent', 'dead']) this.set({ state }, 0);
      for (const row of await outboxCounts(database.db)) this.set({ state: row.state }, row.count);
    },
  });
  const webhooks = new client.Counter({
    name: 'paydesk_webhook_requests_total',
    help: 'Platform callbacks by platform and outcome (accepted, duplicate, or the reason for refusing)',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  new client.Gauge({
    name: 'paydesk_platform_actions',
    help: 'Calls to payment platforms (replies, completions, refund decisions) by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const state of ['pending', 'delivered', 'failed']) this.set({ state }, 0);
      for (const row of await actionCounts(database.db)) this.set({ state: row.state }, row.count);
    },
  });
  const liveStreams = new client.Gauge({
    name: 'paydesk_live_streams',
    help: 'Live-update streams (GET /api/v1/stream) open on this node',
    registers: [registry],
  });
  const livePollers = new client.Gauge({
    name: 'paydesk_live_pollers',
    help: 'Tenants whose audit log this node polls for its open live-update streams',
    registers: [registry],
  });
  return {
    registry,
    /** Open live-update streams and the tenants polled for them, on this node. */
    live(streams: number, pollers: number) {
      liveStreams.set(streams);
      livePollers.set(pollers);
    },
    webhook(platform: string, outcome: string) {
      webhooks.inc({ platform, outcome });
    },
    observe(method: string, route: string, status: number, seconds: number) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
  };
}

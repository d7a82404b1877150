import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { appendEvent, sealTenant, systemActor } from '../../src/audit/audit.service.js';
import { inTransaction } from '../../src/db/database.js';
import { buildApp } from '../../src/http/app.js';
import { dialects, seedTenant, startTestServer, testConfig, type TenantSeats, type TestServer } from '../helpers/harness.js';

type Frame = { id: string | null; event: string | null; data: string | null };
type CaseData = { case_id: string; type: string; seq: number; at: string };
type TimelineItem = { seq: number; type: string; at: string };

/** A live-update stream read the way the console reads it: fetch and a stream reader. */
type Stream = {
  status: number;
  headers: Headers;
  /** The next frame that is not a comment; null when the server ended the stream. */
  next(timeoutMs?: number): Promise<Frame | null>;
  /** Case frames until one with seq ≥ `seq` (inclusive). */
  casesThrough(seq: number): Promise<CaseData[]>;
  comments: string[];
  close(): void;
};

async function openStream(baseUrl: string, token: string | null, headers: Record<string, string> = {}): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/stream`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, signal: controller.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const comments: string[] = [];
  let buffer = '';
  let ended = false;

  const parse = (block: string): Frame | null => {
    const frame: Frame = { id: null, event: null, data: null };
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'id' || name === 'event' || name === 'data') {
        frame[name] = value;
        fields += 1;
      }
    }
    return fields > 0 ? frame : null;
  };

  const readChunk = async (deadline: number): Promise<boolean> => {
    if (!reader || ended) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no frame from the stream in time')), Math.max(0, deadline - Date.now()));
    });
    try {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) {
        ended = true;
        return false;
      }
      buffer += decoder.decode(value, { stream: true });
      return true;
    } finally {
      clearTimeout(timer);
    }
  };

  const next = async (timeoutMs = 5000): Promise<Frame | null> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const frame = parse(block);
        if (frame) return frame;
        continue;
      }
      if (!(await readChunk(deadline))) return null;
    }
  };

  return {
    status: response.status,
    headers: response.headers,
    next,
    comments,
    async casesThrough(seq) {
      const found: CaseData[] = [];
      for (;;) {
        const frame = await next();
        assert.ok(frame, `the stream ended before seq ${seq}`);
        assert.equal(frame.event, 'case', `unexpected frame ${JSON.stringify(frame)}`);
        const data = JSON.parse(frame.data ?? '') as CaseData;
        assert.equal(frame.id, String(data.seq), 'the SSE id is the seq');
        found.push(data);
        if (data.seq >= seq) return found;
      }
    },
    close() {
      controller.abort();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the live-stream gauges from /metrics. */
async function liveGauges(server: TestServer): Promise<{ streams: number; pollers: number }> {
  const text = (await server.call('GET', '/metrics')).text;
  const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 'NaN');
  return { streams: value('paydesk_live_streams'), pollers: value('paydesk_live_pollers') };
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await sleep(20);
  }
}

for (const dialect of dialects) {
  describe(`live updates over Server-Sent Events [${dialect}]`, () => {
    let server: TestServer;
    let agent: string;
    let viewer: string;
    let globex: TenantSeats;

    before(async () => {
      server = await startTestServer(dialect, { PAYDESK_STREAM_POLL_MS: '20' });
      agent = server.tenant.seats.agent.token;
      viewer = server.tenant.seats.viewer.token;
      globex = await seedTenant(server.db.database, 'globex', server.clock.now);
    });
    after(async () => {
      // Aborting a streaming fetch makes undici open a fresh connection it never uses
      // (nodejs/undici#5845); Node's server counts such a socket as busy until its headers
      // timeout. Every stream is closed by now (the tests check the gauges), so drop those.
      server.app.server.closeAllConnections();
      await server.close();
    });

    const timeline = async (caseId: string): Promise<TimelineItem[]> => {
      const response = await server.call('GET', `/api/v1/cases/${caseId}/timeline?limit=200`, { token: agent });
      assert.equal(response.status, 200, response.text);
      return response.body.items as TimelineItem[];
    };
    const asEvents = (caseId: string, items: TimelineItem[]): CaseData[] => items.map((item) => ({ case_id: caseId, type: item.type, seq: item.seq, at: item.at }));
    const openCase = async (token: string, subject: string) => {
      const created = await server.call('POST', '/api/v1/cases', { token, body: { subject, channel: 'email', customer: { email: `${subject.replace(/\W/g, '')}@example.com` } } });
      assert.equal(created.status, 201, created.text);
      return created.body.id as string;
    };

    it('sends every change to the tenant\'s cases in chain order, and nothing of another tenant', async () => {
      const stream = await openStream(server.baseUrl, viewer);
      const other = await openStream(server.baseUrl, globex.seats.viewer.token);
      try {
        assert.equal(stream.status, 200);
        assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
        assert.equal(stream.headers.get('cache-control'), 'no-cache, no-transform');
        assert.equal(stream.headers.get('content-encoding'), null);

        const caseId = await openCase(agent, 'card declined twice');
        const foreignId = await openCase(globex.seats.agent.token, 'globex refund');
        const patched = await server.call('PATCH', `/api/v1/cases/${caseId}`, { token: agent, body: { subject: 'card declined twice (checked)' } });
        assert.equal(patched.status, 200, patched.text);
        const replied = await server.call('POST', `/api/v1/cases/${caseId}/messages`, { token: agent, body: { direction: 'outbound', body: '您好，我们正在核实扣款记录。' } });
        assert.equal(replied.status, 201, replied.text);

        const expected = asEvents(caseId, await timeline(caseId));
        const types = expected.map((event) => event.type);
        for (const type of ['case.created', 'case.updated', 'message.added']) assert.ok(types.includes(type), `the timeline has ${type}: ${types.join(', ')}`);
        assert.ok(types.indexOf('case.created') < types.indexOf('case.updated') && types.indexOf('case.updated') < types.indexOf('message.added'));

        const received = await stream.casesThrough(expected.at(-1)?.seq ?? 0);
        assert.deepEqual(received, expected, 'exactly the case\'s timeline, in order');
        assert.ok(received.every((event) => event.case_id !== foreignId));

        const foreign = await other.casesThrough((await server.call('GET', `/api/v1/cases/${foreignId}/timeline?limit=200`, { token: globex.seats.agent.token })).body.items.at(-1).seq);
        assert.ok(foreign.every((event) => event.case_id === foreignId), 'the other tenant sees only its own case');
        assert.ok(foreign.length > 0);
      } finally {
        stream.close();
        other.close();
      }
    });

    it('resumes after Last-Event-ID with exactly the events it missed', async () => {
      const first = await openStream(server.baseUrl, agent);
      const caseId = await openCase(agent, 'refund not arrived');
      const seen = await first.casesThrough((await timeline(caseId)).at(-1)?.seq ?? 0);
      const lastId = seen.at(-1)?.seq ?? 0;
      first.close();

      // Changes while nobody listens.
      assert.equal((await server.call('PATCH', `/api/v1/cases/${caseId}`, { token: agent, body: { tags: ['refund'] } })).status, 200);
      assert.equal((await server.call('POST', `/api/v1/cases/${caseId}/messages`, { token: agent, body: { direction: 'note', body: '已联系财务' } })).status, 201);
      const missed = asEvents(caseId, (await timeline(caseId)).filter((item) => item.seq > lastId));
      assert.ok(missed.length >= 2);

      const resumed = await openStream(server.baseUrl, agent, { 'last-event-id': String(lastId) });
      try {
        assert.equal(resumed.status, 200);
        assert.deepEqual(await resumed.casesThrough(missed.at(-1)?.seq ?? 0), missed);
        assert.equal((await server.call('POST', `/api/v1/cases/${caseId}/transitions`, { token: agent, body: { to: 'pending_internal' } })).status, 200);
        const later = asEvents(caseId, (await timeline(caseId)).filter((item) => item.seq > (missed.at(-1)?.seq ?? 0)));
        assert.deepEqual(await resumed.casesThrough(later.at(-1)?.seq ?? 0), later, 'then carries on live, without repeating anything');
      } finally {
        resumed.close();
      }
    });

    it('asks a client that is too far behind to refetch, then carries on from the newest event', async () => {
      const { db } = server.db.database;
      const tenantId = server.tenant.tenantId;
      const before = await timeline(await openCase(agent, 'before the flood'));
      const oldId = before.at(-1)?.seq ?? 0;
      await inTransaction(db, async (trx) => {
        for (let index = 0; index < 1001; index += 1) await appendEvent(trx, { tenantId, caseId: null, actor: systemActor, type: 'test.filler', payload: { index }, at: server.clock.now.toISOString() });
      });
      await sealTenant(db, tenantId);
      const afterFlood: CaseData[] = [];
      for (const lastEventId of [String(oldId), '999999999']) {
        const stream = await openStream(server.baseUrl, agent, { 'last-event-id': lastEventId });
        try {
          const reset = await stream.next();
          assert.equal(reset?.event, 'reset', `Last-Event-ID ${lastEventId}`);
          const newest = JSON.parse(reset?.data ?? '') as { seq: number };
          assert.equal(reset?.id, String(newest.seq));
          assert.ok(newest.seq > oldId + 1000);
          const caseId = await openCase(agent, 'after the flood');
          const fresh = asEvents(caseId, await timeline(caseId));
          assert.ok((fresh[0]?.seq ?? 0) > newest.seq);
          assert.deepEqual(await stream.casesThrough(fresh.at(-1)?.seq ?? 0), fresh, 'only events after the reset follow');
          afterFlood.push(...fresh);
        } finally {
          stream.close();
        }
      }
      // Within the window: the 1000-odd events without a case are skipped, the case events after them replayed.
      const near = await openStream(server.baseUrl, agent, { 'last-event-id': String(oldId + 5) });
      try {
        const caseId = await openCase(agent, 'near the end');
        const fresh = asEvents(caseId, await timeline(caseId));
        assert.deepEqual(await near.casesThrough(fresh.at(-1)?.seq ?? 0), [...afterFlood, ...fresh]);
      } finally {
        near.close();
      }
    });

    it('refuses a missing token and a malformed Last-Event-ID', async () => {
      const anonymous = await server.call('GET', '/api/v1/stream');
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.code, 'unauthorized');
      assert.equal((await server.call('GET', `/api/v1/stream?access_token=${agent}`)).status, 401, 'a token in the URL is not accepted');
      const malformed = await server.call('GET', '/api/v1/stream', { token: agent, headers: { 'last-event-id': 'abc' } });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.errors[0].field, 'headers.last-event-id');
    });

    it('stops polling when the client disconnects', async () => {
      assert.deepEqual(await waitFor(() => liveGauges(server), (gauges) => gauges.streams === 0), { streams: 0, pollers: 0 });
      const one = await openStream(server.baseUrl, agent);
      const two = await openStream(server.baseUrl, viewer);
      assert.deepEqual(await liveGauges(server), { streams: 2, pollers: 1 }, 'one poller per tenant, however many streams');
      one.close();
      assert.deepEqual(await waitFor(() => liveGauges(server), (gauges) => gauges.streams === 1), { streams: 1, pollers: 1 });
      two.close();
      assert.deepEqual(await waitFor(() => liveGauges(server), (gauges) => gauges.pollers === 0), { streams: 0, pollers: 0 });
    });

    it('caps the streams one tenant holds open', async () => {
      const open: Stream[] = [];
      try {
        for (let index = 0; index < 50; index += 1) open.push(await openStream(server.baseUrl, agent));
        assert.ok(open.every((stream) => stream.status === 200));
        const refused = await server.call('GET', '/api/v1/stream', { token: agent });
        assert.equal(refused.status, 429);
        assert.equal(refused.body.code, 'rate_limited');
        assert.equal(refused.headers.get('retry-after'), '5');
        const elsewhere = await openStream(server.baseUrl, globex.seats.agent.token);
        assert.equal(elsewhere.status, 200, 'another tenant is not affected');
        elsewhere.close();
        open.pop()?.close();
        await waitFor(() => liveGauges(server), (gauges) => gauges.streams === 49);
        const again = await openStream(server.baseUrl, agent);
        assert.equal(again.status, 200, 'a freed place can be taken again');
        open.push(again);
      } finally {
        for (const stream of open) stream.close();
      }
      await waitFor(() => liveGauges(server), (gauges) => gauges.streams === 0);
    });

    it('lists the stream in the OpenAPI document as text/event-stream', async () => {
      const spec = await server.call('GET', '/openapi.json');
      const operation = spec.body.paths['/api/v1/stream'].get;
      assert.ok(operation.responses['200'].content['text/event-stream']);
      assert.ok(operation.parameters.some((parameter: { in: string; name: string }) => parameter.in === 'header' && parameter.name === 'last-event-id'));
    });
  });

  describe(`live updates when the server stops [${dialect}]`, () => {
    it('ends open streams on close instead of hanging', async () => {
      const server = await startTestServer(dialect, { PAYDESK_STREAM_POLL_MS: '20' });
      const streams = [await openStream(server.baseUrl, server.tenant.seats.agent.token), await openStream(server.baseUrl, server.tenant.seats.viewer.token)];
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([server.app.close(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('app.close() hung')), 5000)))]);
      } finally {
        clearTimeout(timer);
        await server.db.cleanup();
      }
      for (const stream of streams) assert.equal(await stream.next(1000), null, 'the client sees the stream end');
    });
  });
}

describe('live-update request logs', () => {
  it('never contain the bearer token', async () => {
    const server = await startTestServer('sqlite', { PAYDESK_STREAM_POLL_MS: '20' });
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    // No redaction configured: the route itself must not put the token anywhere a log can see.
    const app = await buildApp({ database: server.db.database, config: testConfig(server.db.dataDir, { PAYDESK_STREAM_POLL_MS: '20' }), now: () => server.clock.now, secretKey: server.secretKey, fetch: globalThis.fetch }, { logger: pino({ level: 'trace' }, sink) });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      assert.ok(address && typeof address === 'object');
      const baseUrl = `http://127.0.0.1:${address.port}`;
      const token = server.tenant.seats.agent.token;
      const stream = await openStream(baseUrl, token, { 'last-event-id': '0' });
      assert.equal(stream.status, 200);
      stream.close();
      assert.equal((await openStream(baseUrl, 'pdk_wrong_token')).status, 401);
      await waitFor(async () => (await app.inject({ method: 'GET', url: '/metrics' })).body, (text) => /^paydesk_live_streams 0$/m.test(text));
      app.server.closeAllConnections(); // undici's leftover connection after an abort (see above)
      await app.close();
      assert.ok(lines.some((line) => line.includes('/api/v1/stream')), 'the stream requests are logged');
      assert.ok(!lines.join('\n').includes(token), 'the bearer token appears in no log line');
      assert.ok(!lines.join('\n').includes('pdk_wrong_token'));
    } finally {
      await app.close();
      await server.close();
    }
  });
});

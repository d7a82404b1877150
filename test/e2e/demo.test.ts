import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { systemActor } from '../../src/audit/audit.service.js';
import { createToken } from '../../src/auth/auth.service.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { loadSelfServiceDemo } from '../../src/demo/selfservice-demo.js';
import { buildApp } from '../../src/http/app.js';
import { seedStarterArticles } from '../../src/kb/kb.service.js';
import { findTenantBySlug } from '../../src/tenants/tenants.service.js';
import { runCli, type CliResult as Run } from '../helpers/cli.js';
import { dialects, startTestServer, type TestServer } from '../helpers/harness.js';

/** Runs the real CLI in a child process against the SQLite database in `dataDir`. */
const paydesk = (dataDir: string, ...args: string[]) => runCli(args, { PAYDESK_DATA_DIR: dataDir });

async function freshDesk(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paydesk-demo-'));
  const created = await paydesk(dataDir, 'tenant', 'create', 'default', '--name', 'Default');
  assert.equal(created.code, 0, created.stderr);
  return dataDir;
}

const han = /\p{Script=Han}/u;

describe('paydesk demo', () => {
  let dataDir: string;
  let demo: Run;
  let database: Database;

  before(async () => {
    dataDir = await freshDesk();
    demo = await paydesk(dataDir, 'demo', '--cases', '40');
    database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'paydesk.sqlite') });
  });

  after(async () => {
    await database.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the requested number of cases and prints a per-status summary', async () => {
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /created 40 cases in tenant "default"/);
    assert.match(demo.stdout, /resolved\s+\d+/);
    assert.match(demo.stderr, /100% \(\d+\/\d+\)/, 'shows progress on stderr');
    const { count } = await database.db
      .selectFrom('cases')
      .where('id', 'not in', (eb) => eb.selectFrom('wechatpay_complaints').select('case_id'))
      .where('id', 'not in', (eb) => eb.selectFrom('stripe_disputes').select('case_id'))
      // The self-service part's cases: chats handed to a person and cases opened on the portal.
      .where('id', 'not in', (eb) => eb.selectFrom('chat_conversations').select('case_id').where('case_id', 'is not', null))
      .where('id', 'not in', (eb) => eb.selectFrom('portal_links').select('case_id'))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count), 40);
  });

  it('takes in WeChat Pay complaints from a local fake platform, with a flood under an incident', async () => {
    const match = /wechatpay: (\d+) complaints taken in from a local fake WeChat Pay, one flood grouped under an incident/.exec(demo.stdout);
    assert.ok(match, demo.stdout);
    const complaints = await database.db.selectFrom('wechatpay_complaints').select(['case_id', 'first_completed_at', 'withdrawn_at']).execute();
    assert.equal(complaints.length, Number(match[1]));
    assert.ok(complaints.some((row) => row.first_completed_at), 'some were completed');
    assert.ok(complaints.some((row) => row.withdrawn_at), 'some were withdrawn');
    const incident = await database.db.selectFrom('incidents').select(['case_count']).executeTakeFirstOrThrow();
    assert.equal(incident.case_count, 12, 'exactly the twelve look-alike complaints');
    const integration = await database.db.selectFrom('wechatpay_integrations').select(['enabled', 'secrets_enc']).executeTakeFirstOrThrow();
    assert.equal(integration.enabled, 0, 'left disabled: the fake is gone');
    assert.doesNotMatch(integration.secrets_enc, /PRIVATE KEY/);
  });

  it('takes in Stripe disputes through signed events, with evidence clocks and outcomes', async () => {
    const match = /stripe: (\d+) disputes from (\d+) signed events/.exec(demo.stdout);
    assert.ok(match, demo.stdout);
    const disputes = await database.db.selectFrom('stripe_disputes').innerJoin('cases', 'cases.id', 'stripe_disputes.case_id').select(['stripe_disputes.status', 'stripe_disputes.funds', 'cases.status as case_status', 'cases.channel']).execute();
    assert.equal(disputes.length, Number(match[1]));
    assert.ok(disputes.every((row) => row.channel === 'stripe'));
    assert.ok(disputes.some((row) => row.status === 'lost' && row.case_status === 'resolved'));
    assert.ok(disputes.some((row) => row.status === 'won' && row.funds === 'reinstated'));
    const clocks = await database.db.selectFrom('case_clocks').select(['due_at', 'stopped_at']).where('name', '=', 'evidence_due').execute();
    assert.ok(clocks.filter((clock) => clock.stopped_at === null).length >= 2, 'disputes waiting for evidence have a running clock');
    const integration = await database.db.selectFrom('stripe_integrations').select(['enabled', 'secrets_enc']).executeTakeFirstOrThrow();
    assert.equal(integration.enabled, 0, 'left disabled until a real signing secret is set');
    assert.doesNotMatch(integration.secrets_enc, /whsec_/);
  });

  it('fills the self-service report with bot-solved chats, hand-offs, portal cases, ratings and article votes', async () => {
    const match = /self-service: (\d+) chats \((\d+) solved by the bot, (\d+) handed off, (\d+) abandoned\), (\d+) portal cases, (\d+) ratings, (\d+) article votes/.exec(demo.stdout);
    assert.ok(match, demo.stdout);
    const [chats, deflected, handedOff, abandoned, portalCases, ratings, votes] = match.slice(1).map(Number) as [number, number, number, number, number, number, number];
    // The report as the dashboard's Self-service card reads it: the real endpoint over the demo's database.
    const tenant = await findTenantBySlug(database.db, 'default');
    assert.ok(tenant);
    const { token } = await createToken(database.db, tenant.id, { name: 'report reader', role: 'supervisor' }, systemActor, new Date());
    const app = await buildApp({ database, config: loadConfig({ PAYDESK_DATA_DIR: dataDir, PAYDESK_LOG_LEVEL: 'silent' }), now: () => new Date(), secretKey: randomBytes(32), fetch: globalThis.fetch });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/analytics/self-service', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json();
      assert.ok(report.chat.conversations > 0);
      assert.deepEqual([report.chat.conversations, report.chat.deflected, report.chat.handed_off, report.chat.abandoned, report.chat.open], [chats, deflected, handedOff, abandoned, 0]);
      assert.ok(report.chat.deflection_rate > 0.5 && report.chat.deflection_rate < 1, `deflection rate ${report.chat.deflection_rate}`);
      assert.ok(report.portal.cases > 0);
      assert.equal(report.portal.cases, portalCases);
      assert.ok(report.csat.count > 0);
      assert.equal(report.csat.count, ratings);
      assert.ok(report.csat.average >= 3.5 && report.csat.average <= 5, `mostly 4 and 5: ${report.csat.average}`);
      assert.equal(report.knowledge_base.helpful_votes + report.knowledge_base.not_helpful_votes, votes);
      assert.ok(report.knowledge_base.helpful_rate > 0.5 && report.knowledge_base.helpful_rate < 1);
    } finally {
      await app.close();
    }
    // Chats in both languages, most in Chinese; every hand-off became a web_chat case with the transcript on it.
    const conversations = await database.db.selectFrom('chat_conversations').select(['locale', 'case_id', 'outcome']).execute();
    const zh = conversations.filter((row) => row.locale === 'zh-CN').length;
    assert.ok(zh > conversations.length / 2 && zh < conversations.length, `zh-CN ${zh} of ${conversations.length}`);
    const handed = conversations.filter((row) => row.outcome === 'handed_off');
    assert.equal(handed.length, handedOff);
    for (const { case_id } of handed) {
      assert.ok(case_id);
      const chatCase = await database.db.selectFrom('cases').select(['channel']).where('id', '=', case_id).executeTakeFirstOrThrow();
      assert.equal(chatCase.channel, 'web_chat');
      const transcript = await database.db.selectFrom('messages').select(['direction', 'author_type']).where('case_id', '=', case_id).execute();
      assert.ok(transcript.some((row) => row.direction === 'inbound' && row.author_type === 'customer'), 'the visitor\'s words');
      assert.ok(transcript.some((row) => row.direction === 'outbound' && row.author_type === 'bot'), "the bot's answers");
      assert.ok(transcript.some((row) => row.direction === 'note' && row.author_type === 'bot'), 'the hand-off summary');
    }
    // Portal cases open with the bot's first answer.
    const portal = await database.db.selectFrom('portal_links').innerJoin('cases', 'cases.id', 'portal_links.case_id').select(['cases.id', 'cases.channel']).where('portal_links.created_by', '=', 'portal').execute();
    for (const row of portal) {
      assert.equal(row.channel, 'portal');
      const bot = await database.db.selectFrom('messages').select('body').where('case_id', '=', row.id).where('author_type', '=', 'bot').where('direction', '=', 'outbound').executeTakeFirst();
      assert.ok(bot, 'the bot answered the portal case');
    }
  });

  it('spreads cases over categories, channels and statuses, with resolution codes on resolved ones', async () => {
    const cases = await database.db.selectFrom('cases').select(['category', 'channel', 'status', 'resolution', 'created_at', 'subject']).execute();
    assert.ok(new Set(cases.map((row) => row.category)).size > 5);
    assert.ok(new Set(cases.map((row) => row.channel)).size >= 4);
    const statuses = new Set(cases.map((row) => row.status));
    assert.ok(statuses.size >= 4, `statuses: ${[...statuses].join(', ')}`);
    assert.ok(statuses.has('resolved'));
    for (const row of cases.filter((item) => item.status === 'resolved' || item.status === 'closed')) assert.ok(row.resolution, `${row.subject} has no resolution`);
    const oldest = Math.min(...cases.map((row) => Date.parse(row.created_at)));
    assert.ok(Date.now() - oldest < 62 * 24 * 60 * 60 * 1000, 'created within the last ~60 days');
    assert.ok(cases.every((row) => Date.parse(row.created_at) <= Date.now()), 'nothing in the future');
  });

  it('writes Chinese and English cases with conversations handled by named agents', async () => {
    const subjects = (await database.db.selectFrom('cases').select('subject').execute()).map((row) => row.subject);
    assert.ok(subjects.some((subject) => han.test(subject)), 'some Chinese subjects');
    assert.ok(subjects.some((subject) => !han.test(subject) && /[a-z]{3}/i.test(subject)), 'some English subjects');
    const messages = await database.db.selectFrom('messages').select(['direction', 'author_name']).execute();
    assert.ok(messages.length >= 40);
    assert.deepEqual(new Set(messages.map((row) => row.direction)), new Set(['inbound', 'outbound', 'note']));
    const staff = await database.db.selectFrom('users').select(['role', 'team']).where('role', 'in', ['agent', 'supervisor']).execute();
    assert.ok(staff.length >= 7);
    assert.ok(new Set(staff.map((row) => row.team)).size >= 7, 'every team has someone');
  });

  it('leaves an audit chain that verifies', async () => {
    const verify = await paydesk(dataDir, 'audit', 'verify');
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /default: \d+ events, chain intact/);
  });

  it('builds the same desk from the same seed', async () => {
    const otherDir = await freshDesk();
    try {
      assert.equal((await paydesk(otherDir, 'demo', '--cases', '40')).code, 0);
      const other = openDatabase({ kind: 'sqlite', file: join(otherDir, 'paydesk.sqlite') });
      try {
        const read = (db: Database) => db.db.selectFrom('cases').select(['subject', 'category', 'channel', 'status', 'priority', 'error_code', 'amount', 'currency']).orderBy('number').execute();
        const [first, second] = await Promise.all([read(database), read(other)]);
        assert.deepEqual(second, first);
      } finally {
        await other.destroy();
      }
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('rejects a case count that is not a whole number from 1 to 5000 with exit code 2', async () => {
    const bad = ['abc', '0', '5001', '2.5'];
    const runs = await Promise.all(bad.map((value) => paydesk(dataDir, 'demo', '--cases', value)));
    for (const [index, run] of runs.entries()) {
      assert.equal(run.code, 2, `--cases ${bad[index]}`);
      assert.match(run.stderr, /--cases must be a whole number from 1 to 5000/);
    }
  });

  it('sets up a desk that was never started, printing the admin token once', async () => {
    const neverStarted = mkdtempSync(join(tmpdir(), 'paydesk-demo-'));
    try {
      const run = await paydesk(neverStarted, 'demo', '--cases', '3');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /^ {2}pdk_\S+$/m);
      assert.match(run.stdout, /created 3 cases in tenant "default"/);
    } finally {
      rmSync(neverStarted, { recursive: true, force: true });
    }
  });

  it('refuses an unknown tenant with exit code 1', async () => {
    const run = await paydesk(dataDir, 'demo', '--tenant', 'nobody', '--cases', '5');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no tenant "nobody"/);
  });
});

// The self-service part on its own, on every database: what the report shows, and a second run leaving the desk alone.
for (const dialect of dialects) {
  describe(`paydesk demo: self-service [${dialect}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => server.close());

    it('chats with the bot, opens portal cases and votes through the product, once per tenant', async () => {
      const db = server.db.database.db;
      const now = server.clock.now;
      const tenant = await findTenantBySlug(db, 'acme');
      assert.ok(tenant);
      await seedStarterArticles(db, tenant.id, new Date(now.getTime() - 40 * 24 * 60 * 60 * 1000));
      const config = loadConfig({ PAYDESK_DATA_DIR: server.db.dataDir });
      const options = { now, secretKey: server.secretKey, publicUrl: config.publicUrl, selfService: config.selfService, log: { info() {}, warn() {}, error() {} } };
      const loaded = await loadSelfServiceDemo(db, tenant, options);
      assert.deepEqual(loaded, { chats: 24, deflected: 14, handedOff: 7, abandoned: 3, portalCases: 10, ratings: 6, votes: 30, skipped: null });

      const report = await server.call('GET', '/api/v1/analytics/self-service', { token: server.tenant.seats.supervisor.token });
      assert.equal(report.status, 200, report.text);
      assert.deepEqual(report.body.chat, { conversations: 24, deflected: 14, handed_off: 7, abandoned: 3, open: 0, deflection_rate: 14 / 21 });
      assert.deepEqual(report.body.portal, { cases: 10 });
      assert.equal(report.body.csat.count, 6);
      assert.ok(report.body.csat.distribution['4'] + report.body.csat.distribution['5'] >= 4, 'mostly 4 and 5');
      assert.equal(report.body.knowledge_base.helpful_votes + report.body.knowledge_base.not_helpful_votes, 30);
      // Spread over the last four weeks, nothing in the future.
      const older = await server.call('GET', '/api/v1/analytics/self-service?from=2026-01-01&to=2026-01-31', { token: server.tenant.seats.supervisor.token });
      assert.deepEqual([older.body.chat.conversations, older.body.portal.cases, older.body.csat.count], [0, 0, 0]);

      // Agents see the handed-off chats with the bot's transcript, some answered by a person.
      const chats = await server.call('GET', '/api/v1/chats?limit=100', { token: server.tenant.seats.agent.token });
      assert.equal(chats.status, 200, chats.text);
      const items = chats.body.items as Array<{ status: string; case_number: number | null; outcome: string | null; last_activity_at: string }>;
      assert.equal(items.length, 24);
      assert.ok(items.every((item) => Date.parse(item.last_activity_at) <= now.getTime()));
      assert.ok(items.some((item) => item.status === 'agent'), 'an agent took over some');
      assert.ok(items.filter((item) => item.outcome === 'handed_off').every((item) => item.case_number !== null));

      const again = await loadSelfServiceDemo(db, tenant, options);
      assert.equal(again.skipped, 'the tenant already has web chats');
      const after = await server.call('GET', '/api/v1/analytics/self-service', { token: server.tenant.seats.supervisor.token });
      assert.deepEqual(after.body, report.body, 'a second run adds nothing');
    });
  });
}

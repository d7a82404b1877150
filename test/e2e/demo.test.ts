import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/database.js';
import { runCli, type CliResult as Run } from '../helpers/cli.js';

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

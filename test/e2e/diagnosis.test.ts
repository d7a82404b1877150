import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { dialects, startTestServer, type TestServer } from '../helpers/harness.js';

for (const dialect of dialects) {
  describe(`diagnosis and auto-triage [${dialect}]`, () => {
    let server: TestServer;
    let agent: string;
    const diagnose = (body: unknown, locale = 'zh-CN') => server.call('POST', '/api/v1/diagnose', { token: agent, body, headers: { 'accept-language': locale } });

    before(async () => {
      server = await startTestServer(dialect);
      agent = server.tenant.seats.agent.token;
    });
    after(async () => server.close());

    it('answers realistic messages in Chinese and English with category, steps, what to ask for and a reply', async () => {
      const cases: Array<[string, string, string]> = [
        ['刷卡一直提示余额不足但是卡里有钱', 'payment_failed.insufficient_funds', 'zh-CN'],
        ['I was charged twice for my visa application', 'duplicate_charge', 'en'],
        ['打印机不出纸', 'pos.printer', 'zh-CN'],
        ['退款说3到10个工作日，已经两周了', 'refund.delayed', 'zh-CN'],
      ];
      for (const [text, category, locale] of cases) {
        const answer = await diagnose({ text }, locale);
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.body.category, category, `${text} → ${JSON.stringify(answer.body.alternatives)}`);
        assert.ok(answer.body.confidence > 0.35 && answer.body.confidence <= 1);
        assert.equal(answer.body.source, 'text');
        assert.ok(answer.body.steps.length > 0);
        assert.ok(answer.body.required_info.length > 0);
        assert.ok(answer.body.reply_template);
        assert.ok(answer.body.alternatives.length === 3);
      }
      const english = await diagnose({ text: '打印机不出纸', locale: 'en' });
      assert.doesNotMatch(english.body.steps.join(' '), /\p{Script=Han}/u, 'steps in the asked language');
    });

    it('lets a catalogued error code outrank the text model', async () => {
      const given = await diagnose({ error_code: '51', scheme: 'iso8583' });
      assert.equal(given.body.category, 'payment_failed.insufficient_funds');
      assert.equal(given.body.source, 'error_code');
      assert.deepEqual(given.body.matched_code.code, '51');
      const mentioned = await diagnose({ text: '付款一直失败，提示错误码51' });
      assert.equal(mentioned.body.source, 'error_code');
      assert.equal(mentioned.body.category, 'payment_failed.insufficient_funds');
      const stripe = await diagnose({ text: 'checkout says card_declined: insufficient_funds' }, 'en');
      assert.equal(stripe.body.category, 'payment_failed.insufficient_funds');
      const wechat = await diagnose({ error_code: 'notenough' });
      assert.equal(wechat.body.category, 'payment_failed.insufficient_funds', 'letter codes are case-insensitive');
      const listed = await server.call('GET', '/api/v1/error-codes?scheme=stripe&code=insufficient_funds', { token: agent });
      assert.equal(listed.status, 200);
      assert.equal(listed.body.items.length, 1);
      const playbook = await server.call('GET', '/api/v1/playbooks/pos.hardware_damage', { token: agent });
      assert.equal(playbook.status, 200);
      assert.equal(playbook.body.resolvable_remotely, false);
    });

    it('answers odd input clearly and never crashes', async () => {
      assert.equal((await diagnose({})).status, 400);
      assert.equal((await diagnose({ text: '   ' })).status, 400);
      assert.equal((await diagnose({ error_code: '51', scheme: 'visa-net' })).status, 400);
      const unknownCode = await diagnose({ error_code: 'ZZ9' });
      assert.equal(unknownCode.status, 200);
      assert.equal(unknownCode.body.category, 'other');
      assert.equal(unknownCode.body.confidence, 0);
      const emoji = await diagnose({ text: '😡😡😡🙏' });
      assert.equal(emoji.status, 200);
      assert.equal(emoji.body.category, 'other');
      assert.equal((await diagnose({ text: '退款'.repeat(15_000) })).status, 400);
      const huge = await server.call('POST', '/api/v1/diagnose', { token: agent, body: JSON.stringify({ text: 'x'.repeat(3_000_000) }) });
      assert.equal(huge.status, 413);
      assert.equal((await server.call('GET', '/api/v1/playbooks/not.a.category', { token: agent })).status, 400);
      // A long run of spaces after a code word must not make a regex backtrack (it once took seconds).
      const started = Date.now();
      const spaces = await diagnose({ text: `code${' '.repeat(19_000)}!` });
      assert.equal(spaces.status, 200);
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
      // Shouting is not an error code: only exact catalog spellings count as plain-word codes.
      const shouting = await diagnose({ text: 'MY PAYMENT WAS REJECTED AGAIN' }, 'en');
      assert.notEqual(shouting.body.source, 'error_code');
      const mentionedWithScheme = await diagnose({ text: 'card declined code 51', scheme: 'cup' }, 'en');
      assert.equal(mentionedWithScheme.body.matched_code.scheme, 'cup');
    });

    it('triages a new case without a category, keeps an agent choice, and records corrections as training data', async () => {
      const auto = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '打印机不出纸', description: '新大陆的机器，换了纸还是不行' } });
      assert.equal(auto.status, 201, auto.text);
      assert.equal(auto.body.category, 'pos.printer');
      assert.equal(auto.body.category_source, 'auto');
      assert.ok(auto.body.category_confidence > 0.35);
      assert.equal(auto.body.triage.playbook, 'pos.printer');
      assert.ok(auto.body.triage.missing_info.includes('terminal_serial'), JSON.stringify(auto.body.triage));
      const withSerial = await server.call('PATCH', `/api/v1/cases/${auto.body.id}`, { token: agent, body: { refs: { terminal_serial: 'N5-0012345' } } });
      assert.ok(!withSerial.body.triage.missing_info.includes('terminal_serial'));

      const chosen = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '打印机不出纸', category: 'pos.operation' } });
      assert.equal(chosen.body.category, 'pos.operation', 'an agent choice is never overwritten');
      assert.equal(chosen.body.category_source, 'manual');

      const explicit = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'dispute', category: 'fraud.dispute' } });
      assert.equal(explicit.body.priority, 'normal', 'a caller who chose the category keeps the old default priority');
      const fraud = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'Someone used my card, I did not make these payments', description: 'unauthorised transactions on my account' } });
      assert.equal(fraud.body.category, 'fraud.dispute');
      assert.equal(fraud.body.priority, 'urgent', 'the triage hint sets the priority when none is given');

      const corrected = await server.call('PATCH', `/api/v1/cases/${auto.body.id}`, { token: agent, body: { category: 'pos.hardware_damage', description: `机器摔了一下，外壳裂了。${'补充说明。'.repeat(700)}` } });
      assert.equal(corrected.body.category_source, 'manual');
      const timeline = await server.call('GET', `/api/v1/cases/${auto.body.id}/timeline?limit=200`, { token: agent });
      assert.ok(timeline.body.items.some((event: { type: string }) => event.type === 'case.category_corrected'));
      const env: Record<string, string> = server.db.url
        ? { PAYDESK_DATA_DIR: server.db.dataDir, PAYDESK_DATABASE_URL: server.db.url, PAYDESK_DATABASE_SCHEMA: server.db.schema ?? '' }
        : { PAYDESK_DATA_DIR: server.db.dataDir };
      const exported = await runCli(['corpus', 'export', '--tenant', server.tenant.slug], env);
      assert.equal(exported.code, 0, exported.stderr);
      const lines = exported.stdout.trim().split('\n').map((line) => JSON.parse(line) as { text: string; category: string; lang: string });
      assert.equal(lines.length, 1);
      assert.equal(lines[0]?.category, 'pos.hardware_damage');
      assert.match(lines[0]?.text ?? '', /打印机不出纸\n机器摔了一下/, 'the words as they stand after the correction');
      assert.ok((lines[0]?.text.length ?? 0) <= 2000, 'cut to what the corpus loader accepts');
      assert.equal(lines[0]?.lang, 'zh');
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestServer, type TestServer } from '../helpers/harness.js';

// The chat half of the report (deflection) is covered with real WebSocket chats in chat.test.ts;
// here: portal cases, satisfaction ratings, article votes, the range and who may read it.
for (const dialect of dialects) {
  describe(`self-service report [${dialect}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => server.close());

    /** A customer opens a case on the portal, an agent resolves it, the customer rates it. */
    async function ratedPortalCase(score: number) {
      const admin = server.tenant.seats.admin.token;
      const opened = await server.call('POST', '/public/v1/acme/portal/cases', { body: { category: 'other', description: 'Where is my order confirmation?', locale: 'en' } });
      assert.equal(opened.status, 201, opened.text);
      const status = await server.call('GET', `/public/v1/portal/status/${opened.body.token}`);
      const found = await server.call('GET', `/api/v1/cases?q=%23${status.body.case.number}`, { token: admin });
      const caseId = found.body.items[0].id as string;
      assert.equal((await server.call('POST', `/api/v1/cases/${caseId}/transitions`, { token: admin, body: { to: 'resolved', resolution: 'explained' } })).status, 200);
      assert.equal((await server.call('POST', `/public/v1/portal/status/${opened.body.token}/csat`, { body: { score, comment: 'rated in the report test' } })).status, 201);
    }

    it('reports portal cases, CSAT and helpful votes for the range, to supervisors but not agents', async () => {
      const supervisor = server.tenant.seats.supervisor.token;
      const empty = await server.call('GET', '/api/v1/analytics/self-service?from=2026-03-01&to=2026-03-02', { token: supervisor });
      assert.equal(empty.status, 200, empty.text);
      assert.deepEqual(empty.body.csat, { count: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
      assert.equal(empty.body.chat.deflection_rate, null, 'no conversations: no rate rather than 0');
      assert.equal(empty.body.knowledge_base.helpful_rate, null);

      await ratedPortalCase(5);
      await ratedPortalCase(2);
      const article = await server.call('POST', '/api/v1/kb/articles', { token: supervisor, body: { slug: 'confirmation', locale: 'en', title: 'No confirmation e-mail?', body_markdown: 'Check the spam folder first.', status: 'published' } });
      assert.equal(article.status, 201, article.text);
      for (const [voter, helpful] of [['voter-aaaa-1', true], ['voter-bbbb-2', true], ['voter-cccc-3', false]] as const) {
        assert.equal((await server.call('POST', `/public/v1/acme/kb/articles/${article.body.id}/votes`, { body: { helpful, voter } })).status, 200);
      }

      const report = await server.call('GET', '/api/v1/analytics/self-service?from=2026-03-01&to=2026-03-02', { token: supervisor });
      assert.equal(report.status, 200, report.text);
      assert.equal(report.body.timezone, 'Asia/Shanghai');
      assert.deepEqual(report.body.portal, { cases: 2 });
      assert.deepEqual(report.body.csat, { count: 2, average: 3.5, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } });
      assert.deepEqual(report.body.knowledge_base, { helpful_votes: 2, not_helpful_votes: 1, helpful_rate: 2 / 3 });
      // A range before any of it holds none of it.
      const before = await server.call('GET', '/api/v1/analytics/self-service?from=2026-02-01&to=2026-02-28', { token: supervisor });
      assert.deepEqual([before.body.portal.cases, before.body.csat.count, before.body.knowledge_base.helpful_votes], [0, 0, 0]);

      assert.equal((await server.call('GET', '/api/v1/analytics/self-service', { token: server.tenant.seats.agent.token })).status, 403);
      assert.equal((await server.call('GET', '/api/v1/analytics/self-service?from=2026-03-05&to=2026-03-01', { token: supervisor })).status, 400);
      assert.equal((await server.call('GET', '/api/v1/analytics/self-service?team=L1', { token: supervisor })).status, 400, 'no team filter here');
    });
  });
}

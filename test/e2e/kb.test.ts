import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kbVoteCounts, seedStarterArticles } from '../../src/kb/kb.service.js';
import { loadStarterArticles } from '../../src/kb/starter.js';
import { bootstrapFirstRun } from '../../src/tenants/bootstrap.js';
import { dialects, openTestDatabase, seedTenant, startTestServer, type TestServer } from '../helpers/harness.js';

type Hit = { id: string; slug: string; locale: string; title: string; category: string | null; tags: string[]; excerpt: string; highlight: { title: string; snippet: string }; score: number; url: string };
type Article = { id: string; slug: string; locale: string; title: string; status: string; version: number; body_html: string; tags: string[]; category: string | null };

/** A small help centre in both languages; each query below has one obviously right answer. */
const library = [
  { slug: 'refund-timeline', locale: 'zh-CN', title: '退款多久到账？', category: 'refund.delayed', tags: ['退款', '到账时间'], body_markdown: '## 到账时间\n\n退款申请通过后，款项**原路退回**。储蓄卡通常 1-3 个工作日到账，信用卡需要 3-7 个工作日，遇到节假日顺延。\n\n超过 7 个工作日仍未到账，请提供退款单号联系我们。' },
  { slug: 'duplicate-charge', locale: 'zh-CN', title: '同一笔订单重复扣款怎么办', category: 'duplicate_charge', tags: ['重复扣款', '扣了两次'], body_markdown: '网络不稳定时可能出现一笔订单被扣款两次。多扣的一笔通常会在对账后自动退回，无需操作；如果 3 天后仍然看到两笔扣款，请提供两笔交易的流水号。' },
  { slug: 'card-insufficient-funds', locale: 'zh-CN', title: '银行卡支付失败：余额不足', category: 'payment_failed.insufficient_funds', tags: ['余额不足', '银行卡'], body_markdown: '银行卡可用余额或信用卡额度不足时，发卡行会拒绝交易，不会扣款。请充值或换卡后重新支付。' },
  { slug: 'bank-transfer-proof', locale: 'zh-CN', title: '银行转账后如何上传付款凭证', category: 'bank_transfer_pending', tags: ['转账', '凭证'], body_markdown: '转账成功后请上传银行回单截图，我们核对到账后 1 个工作日内确认订单。' },
  { slug: 'refund-timeline', locale: 'en', title: 'How long does a refund take?', category: 'refund.delayed', tags: ['refund', 'timeline'], body_markdown: 'Once approved, a refund goes back to the original payment method. Debit cards usually see it within 1-3 business days, credit cards within 3-7 business days.' },
  { slug: 'printer-not-printing', locale: 'en', title: 'POS printer not printing receipts', category: 'pos.printer', tags: ['printer', 'receipt', 'paper'], body_markdown: '1. Check the paper roll is inserted with the shiny side up.\n2. Clean the print head.\n3. Restart the terminal. If the printer still does not print, contact us with the terminal serial number.' },
  { slug: 'duplicate-charge', locale: 'en', title: 'Charged twice for one order', category: 'duplicate_charge', tags: ['duplicate charge'], body_markdown: 'A shaky connection can charge one order twice. The extra charge is refunded automatically after reconciliation, usually within 3 days.' },
  { slug: 'terminal-power', locale: 'en', title: 'POS terminal does not turn on', category: 'pos.power', tags: ['power', 'battery'], body_markdown: 'Charge the battery for 30 minutes with the original adapter, then hold the power key for 5 seconds. Printing and card reading need a charged battery.' },
] as const;

for (const dialect of dialects) {
  describe(`knowledge base [${dialect}]`, () => {
    let server: TestServer;
    let agent: string;
    let viewer: string;
    const ids = new Map<string, string>();
    const create = (body: Record<string, unknown>, token = agent) => server.call('POST', '/api/v1/kb/articles', { token, body });
    const publicSearch = async (q: string, locale: string) => {
      const response = await server.call('GET', `/public/v1/acme/kb/articles?q=${encodeURIComponent(q)}&locale=${locale}`);
      assert.equal(response.status, 200, response.text);
      return response.body.items as Hit[];
    };

    before(async () => {
      server = await startTestServer(dialect);
      agent = server.tenant.seats.agent.token;
      viewer = server.tenant.seats.viewer.token;
      for (const article of library) {
        const created = await create({ ...article, status: 'published' });
        assert.equal(created.status, 201, created.text);
        ids.set(`${article.locale}/${article.slug}`, created.body.id);
      }
    });
    after(async () => server.close());

    it('finds the obviously right article first for Chinese questions, with the words marked', async () => {
      const refund = await publicSearch('退款多久到账', 'zh-CN');
      assert.equal(refund[0]?.slug, 'refund-timeline', JSON.stringify(refund.map((hit) => hit.title)));
      assert.equal(refund[0]?.locale, 'zh-CN');
      assert.match(refund[0]?.highlight.title ?? '', /^<mark>退款多久到账<\/mark>？$/, 'adjacent matches form one mark');
      assert.match(refund[0]?.highlight.snippet ?? '', /<mark>/);
      assert.equal(refund[0]?.url, '/portal/articles/refund-timeline?locale=zh-CN');
      assert.ok(refund.every((hit) => hit.locale === 'zh-CN'), 'only the asked language');
      for (let index = 1; index < refund.length; index += 1) assert.ok((refund[index - 1]?.score ?? 0) >= (refund[index]?.score ?? 0), 'best first');

      const duplicate = await publicSearch('重复扣款', 'zh-CN');
      assert.equal(duplicate[0]?.slug, 'duplicate-charge', JSON.stringify(duplicate.map((hit) => hit.title)));
      assert.match(duplicate[0]?.highlight.title ?? '', /<mark>重复扣款<\/mark>/);

      const balance = await publicSearch('信用卡余额不足付不了款', 'zh-CN');
      assert.equal(balance[0]?.slug, 'card-insufficient-funds', JSON.stringify(balance.map((hit) => hit.title)));
    });

    it('finds the obviously right article first for English questions', async () => {
      const refund = await publicSearch('refund how long', 'en');
      assert.equal(refund[0]?.slug, 'refund-timeline', JSON.stringify(refund.map((hit) => hit.title)));
      assert.match(refund[0]?.highlight.title ?? '', /How <mark>long<\/mark> does a <mark>refund<\/mark> take\?/);

      const printer = await publicSearch('printer not printing', 'en');
      assert.equal(printer[0]?.slug, 'printer-not-printing', JSON.stringify(printer.map((hit) => hit.title)));
      assert.match(printer[0]?.highlight.title ?? '', /<mark>printer<\/mark>/);
      assert.match(printer[0]?.highlight.title ?? '', /<mark>printing<\/mark>/, 'printing matches print-');

      const twice = await publicSearch('I was CHARGED twice!!', 'en');
      assert.equal(twice[0]?.slug, 'duplicate-charge');
    });

    it('treats search syntax and punctuation as plain words', async () => {
      for (const q of ['"退款', 'refund OR NOT', 'refund* NEAR(', "') or 1=1 --", ':&|!()', '***']) {
        const response = await server.call('GET', `/public/v1/acme/kb/articles?q=${encodeURIComponent(q)}&locale=en`);
        assert.equal(response.status, 200, `${q}: ${response.text}`);
      }
      assert.equal((await publicSearch('refund OR NOT', 'en'))[0]?.slug, 'refund-timeline');
      assert.deepEqual(await publicSearch('?!。，', 'zh-CN'), []);
    });

    it('lists published articles without a query, and categories with their names and counts', async () => {
      const listed = await server.call('GET', '/public/v1/acme/kb/articles?locale=en&limit=50');
      assert.equal(listed.status, 200, listed.text);
      assert.equal(listed.body.items.length, 4);
      assert.ok(listed.body.items.every((hit: Hit) => hit.locale === 'en' && hit.highlight.snippet === hit.excerpt.replace(/&/g, '&amp;')));
      const byAcceptLanguage = await server.call('GET', '/public/v1/acme/kb/articles', { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
      assert.ok(byAcceptLanguage.body.items.length > 0 && byAcceptLanguage.body.items.every((hit: Hit) => hit.locale === 'zh-CN'));
      const printers = await server.call('GET', '/public/v1/acme/kb/articles?locale=en&category=pos.printer');
      assert.deepEqual(printers.body.items.map((hit: Hit) => hit.slug), ['printer-not-printing']);

      const zh = await server.call('GET', '/public/v1/acme/kb/categories?locale=zh-CN');
      assert.equal(zh.status, 200, zh.text);
      assert.deepEqual(zh.body.find((item: { category: string }) => item.category === 'duplicate_charge'), { category: 'duplicate_charge', label: '重复扣款', count: 1 });
      assert.equal(zh.body.length, 4);
      const en = await server.call('GET', '/public/v1/acme/kb/categories?locale=en');
      assert.deepEqual(en.body.find((item: { category: string }) => item.category === 'pos.printer'), { category: 'pos.printer', label: 'POS: printer', count: 1 });
    });

    it('shows a published article with its translations, related articles and a view counted', async () => {
      const read = await server.call('GET', '/public/v1/acme/kb/articles/refund-timeline?locale=zh-CN');
      assert.equal(read.status, 200, read.text);
      assert.equal(read.body.locale, 'zh-CN');
      assert.match(read.body.body_html, /<h2>到账时间<\/h2>/);
      assert.match(read.body.body_html, /<strong>原路退回<\/strong>/);
      assert.deepEqual(read.body.translations, [{ locale: 'en', slug: 'refund-timeline', title: 'How long does a refund take?' }]);
      assert.ok(Array.isArray(read.body.related) && read.body.related.length <= 3);
      assert.ok(read.body.related.every((hit: Hit) => hit.id !== read.body.id));

      const fallback = await server.call('GET', '/public/v1/acme/kb/articles/printer-not-printing?locale=zh-CN');
      assert.equal(fallback.status, 200, fallback.text);
      assert.equal(fallback.body.locale, 'en', 'falls back to the language that exists');

      const views = await server.call('GET', `/api/v1/kb/articles/${read.body.id}`, { token: viewer });
      assert.equal(views.body.views, 1);
      assert.equal((await server.call('GET', '/public/v1/acme/kb/articles/no-such-article')).status, 404);
      assert.equal((await server.call('GET', '/public/v1/nobody/kb/articles')).status, 404);
    });

    it('keeps every change as a version and refuses stale or clashing edits', async () => {
      const created = await create({ slug: 'coupon-conflict', locale: 'en', title: 'Coupon not accepted', body_markdown: 'Only one coupon per order.', category: 'coupon_conflict', tags: ['coupon'] });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.headers.get('location'), `/api/v1/kb/articles/${created.body.id}`);
      assert.equal(created.body.status, 'draft');
      assert.equal(created.body.version, 1);
      const id = created.body.id as string;

      const edited = await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: agent, body: { title: 'Coupon not accepted at checkout', expected_version: 1 } });
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.body.version, 2);
      const stale = await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: agent, body: { body_markdown: 'Old view.', expected_version: 1 } });
      assert.equal(stale.status, 409, stale.text);
      assert.equal(stale.body.code, 'conflict');
      assert.equal(stale.body.current_version, 2);

      const same = await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: agent, body: { title: 'Coupon not accepted at checkout' } });
      assert.equal(same.body.version, 2, 'no change, no new version');
      const published = await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: agent, body: { status: 'published', tags: ['coupon', 'checkout', 'coupon'] } });
      assert.equal(published.body.version, 3);
      assert.deepEqual(published.body.tags, ['coupon', 'checkout']);
      assert.ok(published.body.published_at);
      assert.equal((await publicSearch('coupon checkout', 'en'))[0]?.id, id, 'published articles are searchable at once');

      const archived = await server.call('DELETE', `/api/v1/kb/articles/${id}`, { token: agent });
      assert.equal(archived.status, 200, archived.text);
      assert.equal(archived.body.status, 'archived');
      assert.equal(archived.body.version, 4);
      assert.ok(!(await publicSearch('coupon checkout', 'en')).some((hit) => hit.id === id), 'archived articles leave the portal');

      const versions = await server.call('GET', `/api/v1/kb/articles/${id}/versions?limit=2`, { token: viewer });
      assert.equal(versions.status, 200, versions.text);
      assert.deepEqual(versions.body.items.map((version: { version: number; status: string }) => [version.version, version.status]), [[4, 'archived'], [3, 'published']]);
      assert.equal(versions.body.items[0].edited_by, server.tenant.seats.agent.userId);
      const older = await server.call('GET', `/api/v1/kb/articles/${id}/versions?limit=2&cursor=${versions.body.next_cursor}`, { token: viewer });
      assert.deepEqual(older.body.items.map((version: { version: number; title: string }) => [version.version, version.title]), [[2, 'Coupon not accepted at checkout'], [1, 'Coupon not accepted']]);
      assert.equal(older.body.next_cursor, null);

      const clash = await create({ slug: 'refund-timeline', locale: 'en', title: 'Another', body_markdown: 'x' });
      assert.equal(clash.status, 409, clash.text);
      const moved = await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: agent, body: { slug: 'printer-not-printing' } });
      assert.equal(moved.status, 409, moved.text);
      const translation = await create({ slug: 'coupon-conflict', locale: 'zh-CN', title: '优惠券无法使用', body_markdown: '每笔订单只能使用一张优惠券。' });
      assert.equal(translation.status, 201, 'a translation shares the slug in another locale');

      const { db } = server.db.database;
      const events = await db.selectFrom('audit_events').select(['type', 'case_id', 'payload']).where('tenant_id', '=', server.tenant.tenantId).where('type', 'like', 'kb.%').execute();
      const forArticle = events.filter((event) => (JSON.parse(event.payload) as { article_id: string }).article_id === id);
      assert.deepEqual(forArticle.map((event) => event.type).sort(), ['kb.article_created', 'kb.article_updated', 'kb.article_updated', 'kb.article_updated']);
      assert.ok(forArticle.every((event) => event.case_id === null));
    });

    it('rejects bad articles with field-level 400s', async () => {
      const base = { slug: 'good-slug', locale: 'en', title: 'Title', body_markdown: 'Body' };
      const bad: Record<string, unknown>[] = [
        { ...base, slug: 'Bad Slug' },
        { ...base, slug: 'under_score' },
        { ...base, slug: '-dash' },
        { ...base, locale: 'fr' },
        { ...base, category: 'not.a.category' },
        { ...base, title: 'x'.repeat(201) },
        { ...base, title: '   ' },
        { ...base, tags: Array.from({ length: 21 }, (_, index) => `t${index}`) },
        { ...base, tags: ['x'.repeat(41)] },
        { ...base, body_markdown: '退'.repeat(40 * 1024) },
        { ...base, status: 'archived' },
        { ...base, extra: true },
      ];
      for (const body of bad) {
        const response = await create(body);
        assert.equal(response.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${response.text.slice(0, 200)}`);
        assert.equal(response.body.code, 'validation_failed');
        assert.ok(response.body.errors.length > 0);
      }
      const id = ids.get('en/printer-not-printing') ?? '';
      assert.equal((await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: agent, body: {} })).status, 400);
      assert.equal((await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: agent, body: { expected_version: 1 } })).status, 400);
      assert.equal((await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: agent, body: { status: 'gone' } })).status, 400);
      assert.equal((await server.call('GET', '/api/v1/kb/articles/not-a-uuid', { token: agent })).status, 400);
      assert.equal((await server.call('GET', '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000', { token: agent })).status, 404);
      assert.equal((await server.call('GET', '/api/v1/kb/articles?cursor=forged', { token: agent })).status, 400);
      assert.equal((await server.call('POST', '/public/v1/acme/kb/articles/not-a-uuid/votes', { body: { helpful: true, voter: 'abcdefgh' } })).status, 400);
      assert.equal((await server.call('POST', `/public/v1/acme/kb/articles/${id}/votes`, { body: { helpful: true, voter: 'short' } })).status, 400);
    });

    it('lets viewers read but not write, and anyone without a token nothing', async () => {
      const id = ids.get('zh-CN/duplicate-charge') ?? '';
      assert.equal((await server.call('GET', '/api/v1/kb/articles', { token: viewer })).status, 200);
      assert.equal((await server.call('GET', `/api/v1/kb/articles/${id}`, { token: viewer })).status, 200);
      assert.equal((await create({ slug: 'viewer-article', locale: 'en', title: 'x', body_markdown: 'x' }, viewer)).status, 403);
      assert.equal((await server.call('PATCH', `/api/v1/kb/articles/${id}`, { token: viewer, body: { title: 'x' } })).status, 403);
      assert.equal((await server.call('DELETE', `/api/v1/kb/articles/${id}`, { token: viewer })).status, 403);
      assert.equal((await server.call('GET', '/api/v1/kb/articles')).status, 401);
      const admin = await create({ slug: 'admin-article', locale: 'en', title: 'Written by an admin', body_markdown: 'x' }, server.tenant.seats.admin.token);
      assert.equal(admin.status, 201, admin.text);
      const supervisor = await server.call('PATCH', `/api/v1/kb/articles/${admin.body.id}`, { token: server.tenant.seats.supervisor.token, body: { title: 'Edited by a supervisor' } });
      assert.equal(supervisor.status, 200, supervisor.text);
    });

    it('keeps drafts away from the public and shows them to agents', async () => {
      const draft = await create({ slug: 'secret-draft', locale: 'en', title: 'Unreleased refund policy draft', body_markdown: 'Refund policy draft text.' });
      assert.equal(draft.status, 201, draft.text);
      assert.ok(!(await publicSearch('refund policy draft', 'en')).some((hit) => hit.id === draft.body.id));
      assert.equal((await server.call('GET', '/public/v1/acme/kb/articles/secret-draft?locale=en')).status, 404);
      assert.equal((await server.call('POST', `/public/v1/acme/kb/articles/${draft.body.id}/votes`, { body: { helpful: true, voter: 'voter-0001' } })).status, 404);
      const listed = await server.call('GET', '/api/v1/kb/articles?q=refund%20policy%20draft', { token: agent });
      assert.equal(listed.body.items[0]?.id, draft.body.id, 'agents find drafts');
      assert.match(listed.body.items[0]?.highlight.title, /<mark>draft<\/mark>/);
      const drafts = await server.call('GET', '/api/v1/kb/articles?status=draft&locale=en', { token: agent });
      assert.ok(drafts.body.items.every((item: Article) => item.status === 'draft' && item.locale === 'en'));
      assert.ok(drafts.body.items.some((item: Article) => item.id === draft.body.id));
    });

    it('pages through the agents list without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Article[]; next_cursor: string | null } } = await server.call('GET', `/api/v1/kb/articles?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: agent });
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(seen.length >= library.length);
      const ranked = await server.call('GET', '/api/v1/kb/articles?q=refund&limit=1', { token: agent });
      assert.equal(ranked.body.items.length, 1);
      assert.ok(ranked.body.next_cursor);
      const second = await server.call('GET', `/api/v1/kb/articles?q=refund&limit=1&cursor=${ranked.body.next_cursor}`, { token: agent });
      assert.notEqual(second.body.items[0]?.id, ranked.body.items[0]?.id);
    });

    it('escapes hostile titles and bodies in highlights and in the rendered article', async () => {
      const hostile = await create({
        slug: 'hostile',
        locale: 'en',
        status: 'published',
        title: '<script>alert(1)</script> refund "trick" & more',
        body_markdown: 'Refund <img src=x onerror=alert(1)> now <script>alert(2)</script>\n\n[click](javascript:alert(3)) and <b>bold</b>',
      });
      assert.equal(hostile.status, 201, hostile.text);
      const hits = await publicSearch('refund trick', 'en');
      const hit = hits.find((item) => item.id === hostile.body.id);
      assert.ok(hit, JSON.stringify(hits));
      for (const html of [hit.highlight.title, hit.highlight.snippet]) {
        assert.doesNotMatch(html, /<(?!\/?mark>)/, `only <mark> is markup: ${html}`);
      }
      assert.match(hit.highlight.title, /^&lt;script&gt;alert\(1\)&lt;\/script&gt; <mark>refund<\/mark> &quot;<mark>trick<\/mark>&quot; &amp; more$/);
      assert.match(hit.highlight.snippet, /&lt;img src=x onerror=alert\(1\)&gt;/);

      const read = await server.call('GET', '/public/v1/acme/kb/articles/hostile?locale=en');
      assert.equal(read.status, 200, read.text);
      assert.doesNotMatch(read.body.body_html, /<script|<img|<b>|href="javascript:/i);
      assert.match(read.body.body_html, /&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
      assert.match(read.body.body_html, /&lt;b&gt;bold&lt;\/b&gt;/);
    });

    it('counts one vote per voter and lets a voter change their mind', async () => {
      const id = ids.get('en/refund-timeline') ?? '';
      const vote = (helpful: boolean, voter: string) => server.call('POST', `/public/v1/acme/kb/articles/${id}/votes`, { body: { helpful, voter } });
      assert.deepEqual((await vote(true, 'browser-aaaa-1')).body, { helpful_yes: 1, helpful_no: 0 });
      assert.deepEqual((await vote(true, 'browser-aaaa-1')).body, { helpful_yes: 1, helpful_no: 0 }, 'the same vote again counts once');
      assert.deepEqual((await vote(false, 'browser-aaaa-1')).body, { helpful_yes: 0, helpful_no: 1 }, 'a new vote replaces the old one');
      assert.deepEqual((await vote(true, 'browser-bbbb-2')).body, { helpful_yes: 1, helpful_no: 1 });
      const { db } = server.db.database;
      const stored = await db.selectFrom('kb_votes').select('voter').where('article_id', '=', id).execute();
      assert.ok(stored.every((row) => /^[0-9a-f]{64}$/.test(row.voter) && !row.voter.includes('browser')), 'voters are stored hashed');
      const counts = await kbVoteCounts(db, server.tenant.tenantId, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z') });
      assert.deepEqual(counts, { helpful: 1, not_helpful: 1 });
      assert.deepEqual(await kbVoteCounts(db, server.tenant.tenantId, { from: new Date('2026-03-03T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') }), { helpful: 0, not_helpful: 0 });
      const article = await server.call('GET', `/public/v1/acme/kb/articles/refund-timeline?locale=en`);
      assert.equal(article.body.helpful_yes, 1);
      assert.equal(article.body.helpful_no, 1);
    });

    it("never shows one tenant's articles to another", async () => {
      const globex = await seedTenant(server.db.database, 'globex', server.clock.now);
      const theirs = await create({ slug: 'globex-only', locale: 'en', status: 'published', title: 'Globex refund secret', body_markdown: 'Only for globex refund readers.' }, globex.seats.agent.token);
      assert.equal(theirs.status, 201, theirs.text);
      assert.equal((await server.call('GET', `/api/v1/kb/articles/${theirs.body.id}`, { token: agent })).status, 404);
      assert.equal((await server.call('PATCH', `/api/v1/kb/articles/${theirs.body.id}`, { token: agent, body: { title: 'mine now' } })).status, 404);
      assert.equal((await server.call('GET', `/api/v1/kb/articles/${theirs.body.id}/versions`, { token: agent })).status, 404);
      assert.ok(!(await publicSearch('globex refund secret', 'en')).some((hit) => hit.id === theirs.body.id));
      assert.ok(!(await server.call('GET', '/api/v1/kb/articles?q=globex', { token: agent })).body.items.length);
      assert.equal((await server.call('GET', '/public/v1/acme/kb/articles/globex-only?locale=en')).status, 404);
      assert.equal((await server.call('POST', `/public/v1/acme/kb/articles/${theirs.body.id}/votes`, { body: { helpful: true, voter: 'voter-0002' } })).status, 404);
      const own = await server.call('GET', '/public/v1/globex/kb/articles?q=refund&locale=en');
      assert.deepEqual(own.body.items.map((hit: Hit) => hit.id), [theirs.body.id]);
      const mine = await create({ slug: 'globex-only', locale: 'en', title: 'Same slug, other tenant', body_markdown: 'x' });
      assert.equal(mine.status, 201, 'slugs are per tenant');
    });

    it('suggests articles for a case: its category first, in the customer’s language', async () => {
      const zhCase = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '同一笔订单被扣了两次钱', description: '昨天下单，银行短信显示扣款两次', category: 'duplicate_charge' } });
      assert.equal(zhCase.status, 201, zhCase.text);
      const zh = await server.call('GET', `/api/v1/cases/${zhCase.body.id}/kb-suggestions`, { token: viewer });
      assert.equal(zh.status, 200, zh.text);
      assert.ok(zh.body.items.length >= 1 && zh.body.items.length <= 3);
      assert.equal(zh.body.items[0].slug, 'duplicate-charge');
      assert.equal(zh.body.items[0].locale, 'zh-CN');

      const enCase = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: '订单被扣两次', description: '', category: 'duplicate_charge', customer: { name: 'Ann', email: 'ann@example.com', locale: 'en' } } });
      assert.equal(enCase.status, 201, enCase.text);
      const en = await server.call('GET', `/api/v1/cases/${enCase.body.id}/kb-suggestions`, { token: agent });
      assert.equal(en.body.items[0].slug, 'duplicate-charge');
      assert.equal(en.body.items[0].locale, 'en', "the customer's language wins");

      const printer = await server.call('POST', '/api/v1/cases', { token: agent, body: { subject: 'Printer prints blank receipts', category: 'pos.printer' } });
      const printerHits = (await server.call('GET', `/api/v1/cases/${printer.body.id}/kb-suggestions`, { token: agent })).body.items as Hit[];
      assert.equal(printerHits[0]?.slug, 'printer-not-printing');
      assert.equal((await server.call('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000/kb-suggestions', { token: agent })).status, 404);
    });

    it('loads the starter articles once per tenant', async () => {
      const files = loadStarterArticles();
      assert.deepEqual(files.problems, [], 'every starter file is a valid article');
      const fresh = await seedTenant(server.db.database, 'starter-co', server.clock.now);
      const added = await seedStarterArticles(server.db.database.db, fresh.tenantId, server.clock.now);
      assert.equal(added, files.articles.length);
      assert.equal(await seedStarterArticles(server.db.database.db, fresh.tenantId, server.clock.now), 0, 'a second run adds nothing');
      if (added > 0) {
        const listed = await server.call('GET', '/public/v1/starter-co/kb/articles?locale=zh-CN&limit=50');
        assert.ok(listed.body.items.length > 0);
        const best = async (q: string, locale: string) => {
          const search = await server.call('GET', `/public/v1/starter-co/kb/articles?q=${encodeURIComponent(q)}&locale=${locale}`);
          return (search.body.items as Hit[])[0]?.category;
        };
        // The starter set is indexed and real questions find the right kind of article first.
        assert.match((await best('退款多久到账', 'zh-CN')) ?? '', /^refund\./);
        assert.equal(await best('重复扣款', 'zh-CN'), 'duplicate_charge');
        assert.equal(await best('打印机不出小票', 'zh-CN'), 'pos.printer');
        assert.match((await best('refund how long', 'en')) ?? '', /^refund\./);
        assert.equal(await best('printer not printing', 'en'), 'pos.printer');
        assert.equal(await best('terminal will not turn on', 'en'), 'pos.power');
      }
    });
  });

  describe(`knowledge base limits and first start [${dialect}]`, () => {
    it('answers 429 with Retry-After once a reader goes over the per-minute limit', async () => {
      const server = await startTestServer(dialect, { PAYDESK_PUBLIC_READS_PER_MINUTE: '5' });
      try {
        const statuses: number[] = [];
        for (let index = 0; index < 5; index += 1) statuses.push((await server.call('GET', '/public/v1/acme/kb/categories?locale=en')).status);
        const limited = await server.call('GET', '/public/v1/acme/kb/categories?locale=en');
        assert.deepEqual([...statuses, limited.status], [200, 200, 200, 200, 200, 429]);
        assert.equal(limited.body.code, 'rate_limited');
        assert.ok(Number(limited.headers.get('retry-after')) > 0);
        assert.equal((await server.call('GET', '/api/v1/kb/articles', { token: server.tenant.seats.agent.token })).status, 200, 'agents are not limited');
      } finally {
        await server.close();
      }
    });

    it('gives a newly set-up desk the starter articles', async () => {
      const test = await openTestDatabase(dialect);
      try {
        const token = await bootstrapFirstRun(test.database.db, 'Asia/Shanghai', new Date('2026-03-02T02:00:00Z'));
        assert.ok(token);
        const count = await test.database.db.selectFrom('kb_articles').select((eb) => eb.fn.countAll<number>().as('count')).where('status', '=', 'published').executeTakeFirstOrThrow();
        assert.equal(Number(count.count), loadStarterArticles().articles.length);
      } finally {
        await test.cleanup();
      }
    });
  });
}

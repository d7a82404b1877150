import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { escapeHtml, excerptOf, highlightSnippet, highlightText } from './highlight.js';
import { markdownToText, renderMarkdown } from './markdown.js';
import { tsvectorLiteral } from './search-index.js';
import { loadStarterArticles, parseStarterFile } from './starter.js';
import { queryTokens, searchTokens } from './tokens.js';

describe('knowledge-base search tokens', () => {
  it('cuts Chinese in search mode and keeps the longer word too', () => {
    const tokens = searchTokens('银行卡支付失败：余额不足');
    for (const word of ['银行', '银行卡', '支付', '失败', '余额', '不足']) assert.ok(tokens.includes(word), `${word} in ${tokens.join(' ')}`);
    assert.ok(!tokens.includes('：'), 'punctuation dropped');
  });

  it('lower-cases and stems English words, drops stop words, keeps codes', () => {
    assert.deepEqual(searchTokens('The Printer is NOT printing receipts (E05)'), ['printer', 'print', 'receipt', 'e05']);
    assert.deepEqual(queryTokens('refund refunds REFUNDED'), ['refund']);
  });

  it('handles mixed text and never yields query syntax', () => {
    const tokens = queryTokens('退款 refund "OR" NEAR( * \' -- 多久到账?');
    assert.ok(tokens.includes('退款') && tokens.includes('refund') && tokens.includes('多久'));
    assert.ok(tokens.every((token) => /^[\p{L}\p{N}]+$/u.test(token)), tokens.join('|'));
    assert.deepEqual(queryTokens('的了吗？！'), []);
  });

  it('builds a PostgreSQL vector literal with title weight A and body weight B', () => {
    assert.equal(tsvectorLiteral(['退款', 'refund'], ['refund', "it's"]), "'退款':1A 'refund':2A,3B 'it''s':4B");
  });
});

describe('knowledge-base highlights', () => {
  it('escapes HTML before marking matches', () => {
    assert.equal(highlightText('<b>退款</b> & refunds', ['退款', 'refund']), '&lt;b&gt;<mark>退款</mark>&lt;/b&gt; &amp; <mark>refunds</mark>');
    assert.equal(escapeHtml(`"'<>&`), '&quot;&#39;&lt;&gt;&amp;');
  });

  it('marks stemmed whole words only', () => {
    assert.equal(highlightText('Printing a printer reprint', ['print', 'printer']), '<mark>Printing</mark> a <mark>printer</mark> reprint');
  });

  it('cuts a snippet around the first match', () => {
    const text = `${'前言'.repeat(200)}重要：退款需要 3 个工作日。${'后记'.repeat(200)}`;
    const snippet = highlightSnippet(text, ['退款']);
    assert.match(snippet, /^…/);
    assert.match(snippet, /…$/);
    assert.match(snippet, /<mark>退款<\/mark>/);
    assert.ok(snippet.length < 220, `${snippet.length}`);
    assert.equal(highlightSnippet('short text', ['none']), 'short text');
    assert.equal(excerptOf('a'.repeat(200)).length, 161);
  });
});

describe('knowledge-base Markdown', () => {
  it('renders Markdown and escapes raw HTML and script links', () => {
    const html = renderMarkdown('# Title\n\n<script>alert(1)</script> **bold** [x](javascript:alert(1)) https://example.com');
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.doesNotMatch(html, /href="javascript:/);
    assert.match(html, /<a href="https:\/\/example.com" rel="nofollow noopener noreferrer">/);
  });

  it('turns Markdown into plain text', () => {
    assert.equal(markdownToText('## 到账时间\n\n1. **原路**退回\n2. `code` [link](https://x.y)\n\n```\nfenced\n```'), '到账时间 原路退回 code link fenced');
  });
});

describe('starter articles', () => {
  it('parses front matter, tags and the slug from the file name', () => {
    const parsed = parseStarterFile('refund-timeline.zh-CN.md', '---\ntitle: 退款多久到账\ncategory: refund.delayed\ntags: 退款, 到账，时间\n---\n正文');
    assert.deepEqual(parsed, { slug: 'refund-timeline', locale: 'zh-CN', title: '退款多久到账', body_markdown: '正文', category: 'refund.delayed', tags: ['退款', '到账', '时间'], status: 'published' });
  });

  it('reports files that are not valid articles', () => {
    assert.match(String(parseStarterFile('x.fr.md', '')), /name must be/);
    assert.match(String(parseStarterFile('ok-slug.en.md', 'no front matter')), /front matter/);
    assert.match(String(parseStarterFile('ok-slug.en.md', '---\ntitle: T\ncategory: nope\n---\nBody')), /category/);
    assert.match(String(parseStarterFile('Bad_Slug.en.md', '---\ntitle: T\n---\nBody')), /slug/);
  });

  it('reads a folder and treats a missing one as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-starter-'));
    try {
      writeFileSync(join(dir, 'a-slug.en.md'), '---\ntitle: A\ntags: x\n---\nBody');
      writeFileSync(join(dir, 'broken.en.md'), 'nothing');
      const load = loadStarterArticles(dir);
      assert.equal(load.articles.length, 1);
      assert.equal(load.problems.length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(loadStarterArticles(join(dir, 'gone')), { articles: [], problems: [] });
  });

  it('ships only valid starter files', () => {
    assert.deepEqual(loadStarterArticles().problems, []);
  });
});

import type { KbArticleRow } from '../db/schema.js';
import type { Locale } from '../i18n/i18n.js';
import { escapeHtml, excerptOf, highlightSnippet, highlightText } from './highlight.js';
import type { KbVersionRow } from './kb.repository.js';
import type { ArticleListItem, ArticleResponse, ArticleStatus } from './kb.schema.js';
import type { ArticleHit } from './kb.service.js';
import { markdownToText, renderMarkdown } from './markdown.js';

export const asLocale = (value: string): Locale => (value === 'zh-CN' ? 'zh-CN' : 'en');

export function parseTags(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

/** Where the portal shows an article. */
export const articleUrl = (slug: string, locale: Locale) => `/portal/articles/${encodeURIComponent(slug)}?locale=${encodeURIComponent(locale)}`;

/** The fields every view of an article starts with (editor's, search hit, reader's). */
export function articleHead(row: KbArticleRow) {
  return { id: row.id, slug: row.slug, locale: asLocale(row.locale), title: row.title, category: row.category, tags: parseTags(row.tags) };
}

function commonFields(row: KbArticleRow) {
  return {
    ...articleHead(row),
    status: row.status as ArticleStatus,
    version: row.version,
    helpful_yes: row.helpful_yes,
    helpful_no: row.helpful_no,
    views: row.views,
    created_by: row.created_by,
    updated_by: row.updated_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
    published_at: row.published_at,
  };
}

export function presentArticle(row: KbArticleRow): ArticleResponse {
  return { ...commonFields(row), body_markdown: row.body_markdown, body_html: renderMarkdown(row.body_markdown) };
}

/** Highlights of an article for a query's tokens; with no tokens, just the escaped title and excerpt. */
function highlightsOf(row: KbArticleRow, tokens: readonly string[]) {
  const text = markdownToText(row.body_markdown);
  const excerpt = excerptOf(text);
  if (tokens.length === 0) return { excerpt, highlight: { title: escapeHtml(row.title), snippet: escapeHtml(excerpt) } };
  return { excerpt, highlight: { title: highlightText(row.title, tokens), snippet: highlightSnippet(text, tokens) } };
}

export function presentListItem(row: KbArticleRow, match: { tokens: readonly string[]; score: number } | null): ArticleListItem {
  const { excerpt, highlight } = highlightsOf(row, match?.tokens ?? []);
  return { ...commonFields(row), excerpt, highlight: match ? highlight : null, score: match?.score ?? null };
}

export function toHit(row: KbArticleRow, tokens: readonly string[], score: number): ArticleHit {
  const head = articleHead(row);
  const { excerpt, highlight } = highlightsOf(row, tokens);
  return { ...head, excerpt, highlight, score, url: articleUrl(row.slug, head.locale) };
}

export function presentVersion(row: KbVersionRow) {
  return {
    version: row.version,
    title: row.title,
    body_markdown: row.body_markdown,
    category: row.category,
    tags: parseTags(row.tags),
    status: row.status as ArticleStatus,
    edited_by: row.edited_by,
    created_at: row.created_at,
  };
}

import { z } from 'zod';
import { categories } from '../cases/taxonomy.js';
import { maskCardNumbers } from '../privacy/mask.js';
import { limitParam, maskedText, tenantParams, uuid } from '../shared/schema.js';

export const articleStatuses = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export const kbLocales = ['zh-CN', 'en'] as const;

export const MAX_BODY_BYTES = 100 * 1024;

const locale = z.enum(kbLocales);
const category = z.enum(categories);

/** Lower-case letters, digits and single dashes, e.g. `refund-timeline`; shared by an article's translations. */
export const articleSlug = z
  .string()
  .min(2)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters a–z, digits and single dashes, e.g. refund-timeline');

const tag = z.string().trim().min(1).max(40).transform(maskCardNumbers);
/** Up to 20 tags of at most 40 characters; repeats are dropped. */
const tagList = z
  .array(tag)
  .max(20)
  .transform((tags) => [...new Set(tags)]);

/** Markdown up to 100 KB (UTF-8); raw HTML in it is shown as text, card numbers are masked. */
const bodyMarkdown = z
  .string()
  .trim()
  .min(1)
  .refine((body) => Buffer.byteLength(body, 'utf8') <= MAX_BODY_BYTES, `at most ${MAX_BODY_BYTES} bytes of UTF-8`)
  .transform(maskCardNumbers);

export const createArticleBody = z.strictObject({
  /** URL name, unique per locale; translations of one article share it. */
  slug: articleSlug.describe('URL name, unique per locale; translations of one article share it.'),
  /** Language of this article. */
  locale: locale.describe('Language of this article.'),
  /** Title, at most 200 characters. */
  title: maskedText(200).describe('Title, at most 200 characters.'),
  /** The article in Markdown (at most 100 KB; raw HTML is shown as text). */
  body_markdown: bodyMarkdown.describe('The article in Markdown (at most 100 KB; raw HTML is shown as text).'),
  /** The problem category (taxonomy id) it helps with. */
  category: category.nullable().optional().describe('The problem category (taxonomy id) it helps with.'),
  /** Up to 20 tags of at most 40 characters; also searched. */
  tags: tagList.default([]).describe('Up to 20 tags of at most 40 characters; also searched.'),
  /** draft (agents only) or published (public); default draft. */
  status: z.enum(['draft', 'published']).default('draft').describe('draft (agents only) or published (public); default draft.'),
});
export type CreateArticleBody = z.infer<typeof createArticleBody>;

export const updateArticleBody = z
  .strictObject({
    /** New URL name. */ slug: articleSlug.optional().describe('New URL name.'),
    /** New language. */ locale: locale.optional().describe('New language.'),
    /** New title. */ title: maskedText(200).optional().describe('New title.'),
    /** New Markdown body. */ body_markdown: bodyMarkdown.optional().describe('New Markdown body.'),
    /** New category; null clears it. */ category: category.nullable().optional().describe('New category; null clears it.'),
    /** Replaces the tags. */ tags: tagList.optional().describe('Replaces the tags.'),
    /** draft, published or archived. */ status: z.enum(articleStatuses).optional().describe('draft, published or archived.'),
    /** The version the change was made on; a different current version is a 409 conflict. */
    expected_version: z.number().int().min(1).optional().describe('The version the change was made on; a different current version is a 409 conflict.'),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'expected_version'), { message: 'change at least one field' });
export type UpdateArticleBody = z.infer<typeof updateArticleBody>;

export const listArticlesQuery = z.strictObject({
  /** Search words (Chinese or English); results come ranked, best first. */
  q: z.string().trim().max(500).optional().describe('Search words (Chinese or English); results come ranked, best first.'),
  /** Only this status; default drafts and published. */
  status: z.enum(articleStatuses).optional().describe('Only this status; default drafts and published.'),
  /** Only this language. */ locale: locale.optional().describe('Only this language.'),
  /** Only this category. */ category: category.optional().describe('Only this category.'),
  limit: limitParam,
  /** From the previous page's next_cursor. */ cursor: z.string().max(500).optional().describe("From the previous page's next_cursor."),
});
export type ListArticlesQuery = z.infer<typeof listArticlesQuery>;

const highlight = z.object({
  /** The title, HTML-escaped, matches in <mark>. */ title: z.string().describe('The title, HTML-escaped, matches in <mark>.'),
  /** About 160 characters of the body around the first match, HTML-escaped, matches in <mark>. */
  snippet: z.string().describe('About 160 characters of the body around the first match, HTML-escaped, matches in <mark>.'),
});

/** The fields every view of an article starts with (editor's, search hit, reader's). */
const articleHead = {
  id: z.string(),
  slug: z.string(),
  locale,
  title: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
};

/** One search result, for lists and suggestions. */
export const articleHit = z.object({
  ...articleHead,
  /** The start of the body as plain text (not HTML). */ excerpt: z.string().describe('The start of the body as plain text (not HTML).'),
  /** HTML-escaped strings whose only markup is <mark>…</mark>. */ highlight: highlight.describe('HTML-escaped strings whose only markup is <mark>…</mark>.'),
  /** Relevance, higher is better; comparable within one list only (0 without a query). */
  score: z.number().describe('Relevance, higher is better; comparable within one list only (0 without a query).'),
  /** Where the portal shows it. */ url: z.string().describe('Where the portal shows it.'),
});
export const hitList = z.object({ /** Best first. */ items: z.array(articleHit).describe('Best first.') });

const articleFields = {
  ...articleHead,
  status: z.enum(articleStatuses),
  /** Goes up by one with every change. */ version: z.number().int().describe('Goes up by one with every change.'),
  helpful_yes: z.number().int(),
  helpful_no: z.number().int(),
  /** Times readers opened it on the portal. */ views: z.number().int().describe('Times readers opened it on the portal.'),
  created_by: z.string().nullable(),
  updated_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  /** When it was last published. */ published_at: z.string().nullable().describe('When it was last published.'),
};

export const articleResponse = z.object({
  ...articleFields,
  body_markdown: z.string(),
  /** The body rendered as safe HTML (raw HTML escaped). */ body_html: z.string().describe('The body rendered as safe HTML (raw HTML escaped).'),
});
export type ArticleResponse = z.infer<typeof articleResponse>;

export const articleListItem = z.object({
  ...articleFields,
  /** The start of the body as plain text. */ excerpt: z.string().describe('The start of the body as plain text.'),
  /** With `q`: the matches, HTML-escaped with <mark>; else null. */ highlight: highlight.nullable().describe('With `q`: the matches, HTML-escaped with <mark>; else null.'),
  /** With `q`: relevance, higher is better; else null. */ score: z.number().nullable().describe('With `q`: relevance, higher is better; else null.'),
});
export type ArticleListItem = z.infer<typeof articleListItem>;
export const articleList = z.object({ items: z.array(articleListItem), /** Pass as `cursor` for the next page; null on the last. */ next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last.') });

export const versionResponse = z.object({
  version: z.number().int(),
  title: z.string(),
  body_markdown: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  status: z.enum(articleStatuses),
  /** The user (or token) who made this version; null for the starter set. */ edited_by: z.string().nullable().describe('The user (or token) who made this version; null for the starter set.'),
  created_at: z.string(),
});
export const versionList = z.object({ items: z.array(versionResponse), next_cursor: z.string().nullable() });
export const listVersionsQuery = z.strictObject({ limit: limitParam, /** From the previous page's next_cursor. */ cursor: z.string().max(500).optional().describe("From the previous page's next_cursor.") });

// ---- public (no token) ----

export const publicArticleParams = tenantParams.extend({ slug: articleSlug.describe('Article slug.') });
export const voteParams = tenantParams.extend({ id: uuid.describe('Article id.') });

export const publicListQuery = z.strictObject({
  /** Search words; without them, the most helpful (or newest) articles. */ q: z.string().trim().max(500).optional().describe('Search words; without them, the most helpful (or newest) articles.'),
  /** Language; default from Accept-Language. */ locale: locale.optional().describe('Language; default from Accept-Language.'),
  /** Only this category. */ category: category.optional().describe('Only this category.'),
  /** Without `q`: helpful (default) or newest first. */ sort: z.enum(['helpful', 'newest']).default('helpful').describe('Without `q`: helpful (default) or newest first.'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('At most this many (1–50, default 10).'),
});
export const localeQuery = z.strictObject({ /** Language; default from Accept-Language. */ locale: locale.optional().describe('Language; default from Accept-Language.') });

export const publicArticleResponse = z.object({
  ...articleHead,
  /** The language shown: the one asked for, else the other one. */ locale: locale.describe('The language shown: the one asked for, else the other one.'),
  /** The article as safe HTML (raw HTML escaped). */ body_html: z.string().describe('The article as safe HTML (raw HTML escaped).'),
  version: z.number().int(),
  updated_at: z.string(),
  helpful_yes: z.number().int(),
  helpful_no: z.number().int(),
  /** The same article in other languages. */ translations: z.array(z.object({ locale, slug: z.string(), title: z.string() })).describe('The same article in other languages.'),
  /** Up to 3 other articles on the same problem. */ related: z.array(articleHit).describe('Up to 3 other articles on the same problem.'),
});
export type PublicArticleResponse = z.infer<typeof publicArticleResponse>;

export const voteBody = z.strictObject({
  /** Was the article helpful? */ helpful: z.boolean().describe('Was the article helpful?'),
  /** The browser's random id (8–64 characters); one vote per voter, a new vote replaces it. Stored hashed. */
  voter: z.string().min(8).max(64).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').describe("The browser's random id (8–64 characters); one vote per voter, a new vote replaces it. Stored hashed."),
});
export const voteResponse = z.object({ helpful_yes: z.number().int(), helpful_no: z.number().int() });

export const categoryCount = z.object({
  /** Taxonomy id. */ category: z.string().describe('Taxonomy id.'),
  /** Its name in the asked language. */ label: z.string().describe('Its name in the asked language.'),
  /** Published articles in that language. */ count: z.number().int().describe('Published articles in that language.'),
});
export const categoryCounts = z.array(categoryCount);

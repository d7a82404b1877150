import { actorOf } from '../auth/auth.service.js';
import { authOf, type App, type AppContext } from '../http/context.js';
import { commonProblems, idParams, problemSchema, tenantParams } from '../shared/schema.js';
import { findTenantBySlug } from '../tenants/tenants.service.js';
import { archiveArticle, createArticle, getArticle, listArticleVersions, listArticles, updateArticle } from './kb-articles.service.js';
import {
  articleList,
  articleResponse,
  categoryCounts,
  createArticleBody,
  hitList,
  listArticlesQuery,
  listVersionsQuery,
  localeQuery,
  publicArticleParams,
  publicArticleResponse,
  publicListQuery,
  updateArticleBody,
  versionList,
  voteBody,
  voteParams,
  voteResponse,
} from './kb.schema.js';
import { caseSuggestions, listPublishedArticles, publishedCategories, readPublishedArticle, requirePublicTenant, searchArticles, voteOnArticle } from './kb.service.js';

const tags = ['knowledge base'];
const publicTags = ['public: knowledge base'];

/** Agents' knowledge-base routes (under /api/v1). */
export async function kbRoutes(app: App, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;

  app.get('/kb/articles', {
    config: { permission: 'kb:read' },
    schema: { tags, summary: 'List articles (drafts too), newest change first, or ranked by a search', querystring: listArticlesQuery, response: { 200: articleList, ...commonProblems } },
  }, async (request) => listArticles(db, authOf(request).tenantId, request.query));

  app.post('/kb/articles', {
    config: { permission: 'kb:write' },
    schema: { tags, summary: 'Write an article (version 1)', body: createArticleBody, response: { 201: articleResponse, ...commonProblems, 409: problemSchema } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const article = await createArticle(db, auth.tenantId, request.body, actorOf(auth), ctx.now());
    return reply.code(201).header('location', `/api/v1/kb/articles/${article.id}`).send(article);
  });

  app.get('/kb/articles/:id', {
    config: { permission: 'kb:read' },
    schema: { tags, summary: 'Get an article', params: idParams, response: { 200: articleResponse, ...commonProblems } },
  }, async (request) => getArticle(db, authOf(request).tenantId, request.params.id));

  app.patch('/kb/articles/:id', {
    config: { permission: 'kb:write' },
    schema: { tags, summary: 'Change an article (publish, archive, edit): a new version', params: idParams, body: updateArticleBody, response: { 200: articleResponse, ...commonProblems, 409: problemSchema } },
  }, async (request) => {
    const auth = authOf(request);
    return updateArticle(db, auth.tenantId, request.params.id, request.body, actorOf(auth), ctx.now());
  });

  app.delete('/kb/articles/:id', {
    config: { permission: 'kb:write' },
    schema: { tags, summary: 'Archive an article (its versions are kept)', params: idParams, response: { 200: articleResponse, ...commonProblems, 409: problemSchema } },
  }, async (request) => {
    const auth = authOf(request);
    return archiveArticle(db, auth.tenantId, request.params.id, actorOf(auth), ctx.now());
  });

  app.get('/kb/articles/:id/versions', {
    config: { permission: 'kb:read' },
    schema: { tags, summary: "An article's versions, newest first", params: idParams, querystring: listVersionsQuery, response: { 200: versionList, ...commonProblems } },
  }, async (request) => listArticleVersions(db, authOf(request).tenantId, request.params.id, request.query));

  app.get('/cases/:id/kb-suggestions', {
    config: { permission: 'kb:read' },
    schema: { tags, summary: 'The 3 articles most likely to help with a case', params: idParams, response: { 200: hitList, ...commonProblems } },
  }, async (request) => ({ items: await caseSuggestions(db, authOf(request).tenantId, request.params.id) }));
}

/** Public knowledge-base routes (under /public/v1), no token. */
export async function kbPublicRoutes(app: App, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const reads = { publicLimit: 'read' as const };
  const writes = { publicLimit: 'write' as const };
  const errors = { 400: problemSchema, 404: problemSchema, 429: problemSchema };
  const tenantOf = async (slug: string) => requirePublicTenant(await findTenantBySlug(db, slug), slug);

  app.get('/:tenant/kb/articles', {
    config: reads,
    schema: { tags: publicTags, security: [], summary: 'Search published articles (ranked, with highlights), or list the most helpful', params: tenantParams, querystring: publicListQuery, response: { 200: hitList, ...errors } },
  }, async (request) => {
    const tenant = await tenantOf(request.params.tenant);
    const { q, category, sort, limit } = request.query;
    const locale = request.query.locale ?? request.locale;
    if (q) return { items: await searchArticles(db, tenant.id, { q, locale, category, limit }) };
    return { items: await listPublishedArticles(db, tenant.id, { locale, category, sort, limit }) };
  });

  app.get('/:tenant/kb/articles/:slug', {
    config: reads,
    schema: { tags: publicTags, security: [], summary: 'Read a published article (the other language when the asked one is missing)', params: publicArticleParams, querystring: localeQuery, response: { 200: publicArticleResponse, ...errors } },
  }, async (request) => {
    const tenant = await tenantOf(request.params.tenant);
    return readPublishedArticle(db, tenant.id, request.params.slug, request.query.locale ?? request.locale);
  });

  app.post('/:tenant/kb/articles/:id/votes', {
    config: writes,
    schema: { tags: publicTags, security: [], summary: '"Was this helpful?" (one vote per voter; a new vote replaces it)', params: voteParams, body: voteBody, response: { 200: voteResponse, ...errors } },
  }, async (request) => {
    const tenant = await tenantOf(request.params.tenant);
    return voteOnArticle(db, tenant.id, request.params.id, request.body, ctx.now());
  });

  app.get('/:tenant/kb/categories', {
    config: reads,
    schema: { tags: publicTags, security: [], summary: 'Categories with published articles in a language, with their names', params: tenantParams, querystring: localeQuery, response: { 200: categoryCounts, ...errors } },
  }, async (request) => {
    const tenant = await tenantOf(request.params.tenant);
    return publishedCategories(db, tenant.id, request.query.locale ?? request.locale);
  });
}

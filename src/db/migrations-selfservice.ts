import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, type DialectName } from './dialect.js';

type AnyDb = Kysely<unknown>;

/**
 * Self-service: the knowledge base (articles, versions, votes, a full-text index), the customer
 * portal's signed status links and satisfaction ratings, web chat conversations, and public
 * broadcasts on incidents (shown by the portal and the bot).
 */
export function selfServiceMigration(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const pg = dialect === 'postgres';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('kb_articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        // Translations of one article share the slug; (tenant, locale, slug) is unique.
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_markdown', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        // draft | published | archived
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('helpful_yes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('helpful_no', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('updated_by', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('published_at', t.timestamp)
        .execute();
      await db.schema.createIndex('kb_articles_slug').on('kb_articles').columns(['tenant_id', 'locale', 'slug']).unique().execute();
      await db.schema.createIndex('kb_articles_list').on('kb_articles').columns(['tenant_id', 'status', 'updated_at']).execute();

      await db.schema
        .createTable('kb_article_versions')
        .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id'))
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_markdown', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('edited_by', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('kb_article_versions_pk', ['article_id', 'version'])
        .execute();

      await db.schema
        .createTable('kb_votes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id'))
        // A hash of the voter's anonymous id: one vote per voter and article (a new vote replaces it).
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('helpful', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('kb_votes_voter').on('kb_votes').columns(['article_id', 'voter']).unique().execute();
      await db.schema.createIndex('kb_votes_tenant').on('kb_votes').columns(['tenant_id', 'created_at']).execute();

      // The search index holds pre-tokenised text (jieba for Chinese), space-separated.
      if (pg) {
        await sql`alter table kb_articles add column search_vector tsvector`.execute(db);
        await sql`create index kb_articles_search on kb_articles using gin (search_vector)`.execute(db);
      } else {
        await sql`create virtual table kb_search using fts5(article_id unindexed, tenant_id unindexed, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
      }

      await db.schema
        .createTable('portal_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        // Who made it: 'portal' (the customer opened the case) or the agent's user/token id.
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .addColumn('last_used_at', t.timestamp)
        .execute();
      await db.schema.createIndex('portal_links_case').on('portal_links').columns(['tenant_id', 'case_id']).execute();

      await db.schema
        .createTable('csat_ratings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        // portal | chat
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('csat_ratings_case').on('csat_ratings').columns(['tenant_id', 'case_id']).unique().execute();
      await db.schema.createIndex('csat_ratings_tenant').on('csat_ratings').columns(['tenant_id', 'created_at']).execute();

      await db.schema
        .createTable('chat_conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        // sha256 of the visitor's secret: whoever holds it may resume the conversation.
        .addColumn('visitor_token_hash', 'text', (c) => c.notNull())
        // bot | waiting (handed off, no agent yet) | agent | closed
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('visitor_name', 'text')
        .addColumn('visitor_email', 'text')
        .addColumn('page_url', 'text')
        .addColumn('case_id', 'text', (c) => c.references('cases.id'))
        // What the bot has worked out so far (category, collected fields…), JSON.
        .addColumn('bot_state', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('bot_stopped', 'integer', (c) => c.notNull().defaultTo(0))
        // null while open; deflected (solved without an agent) | handed_off | abandoned
        .addColumn('outcome', 'text')
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('visitor_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('agent_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('visitor_messages', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('handed_off_at', t.timestamp)
        .addColumn('closed_at', t.timestamp)
        .addColumn('last_activity_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('chat_conversations_tenant').on('chat_conversations').columns(['tenant_id', 'status', 'last_activity_at']).execute();
      await db.schema.createIndex('chat_conversations_case').on('chat_conversations').columns(['tenant_id', 'case_id']).execute();

      await db.schema
        .createTable('chat_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('chat_conversations.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        // visitor | bot | agent | system
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        // Quick replies the bot offers (JSON array), or null.
        .addColumn('actions', 'text')
        .addColumn('attachment_id', 'text')
        // The sender's own id for the message, so a resend after a reconnect is stored once.
        .addColumn('client_id', 'text')
        .addColumn('case_message_id', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('chat_messages_seq').on('chat_messages').columns(['conversation_id', 'seq']).unique().execute();
      await db.schema.createIndex('chat_messages_client').on('chat_messages').columns(['conversation_id', 'client_id']).unique().execute();

      // Files a visitor sends before the chat is a case; copied onto the case at hand-off.
      await db.schema
        .createTable('chat_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('chat_conversations.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('case_attachment_id', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      // A public notice for customers while an incident is open (portal banner, the bot's first answer).
      await db.schema.alterTable('incidents').addColumn('broadcast', 'text').execute();
    },
  };
}

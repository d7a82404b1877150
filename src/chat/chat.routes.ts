import { z } from 'zod';
import { authOf, type App, type AppContext } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { acceptedContentTypes } from '../cases/attachments.service.js';
import { commonProblems, idParams, problemSchema, tenantParams } from '../shared/schema.js';
import { getChat, listChats, replyInChat } from './chat.agents.js';
import { addVisitorAttachment, readChatAttachment } from './chat.attachments.js';
import { installChatHooks } from './chat.hooks.js';
import { ChatHub } from './chat.hub.js';
import { closeChat } from './chat.lifecycle.js';
import {
  agentMessageBody,
  attachmentParams,
  chatAttachmentResponse,
  chatDetail,
  chatList,
  chatMessage,
  chatMessagesQuery,
  createConversationBody,
  createConversationResponse,
  listChatsQuery,
  readBody,
  readResponse,
  typingBody,
  visitorHeaders,
} from './chat.schema.js';
import { authenticateVisitor, createConversation, markAgentRead, requireConversation, stateOf } from './chat.service.js';
import { chatSocketLimits, serveChatSocket, type ChatSocketLimits } from './chat.socket.js';
import { readUpload, sendDownload } from '../http/upload.js';

/** How often a node reads each conversation with open sockets, for what other nodes wrote. */
const CHAT_POLL_MS = 1000;

const hubs = new WeakMap<AppContext, ChatHub>();

/** The app's one chat hub (the agents' and the public routes share it), stopped when the app closes. */
function hubFor(app: App, ctx: AppContext): ChatHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    const created = new ChatHub({ db: ctx.database.db, pollMs: CHAT_POLL_MS, log: app.log });
    app.addHook('onClose', async () => created.close());
    hubs.set(ctx, created);
    hub = created;
  }
  return hub;
}

const tags = ['chats'];
const errors = commonProblems;

const agentReplyResponse = z.object({
  case_id: z.string(),
  case_message_id: z.string(),
  /** The reply as the visitor sees it. */ message: chatMessage.describe('The reply as the visitor sees it.'),
  warnings: z.array(z.object({ rule: z.string(), match: z.string(), message: z.string() })).optional(),
});

/** Agents' chat routes (under /api/v1). */
export async function chatRoutes(app: App, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  installChatHooks();
  const hub = hubFor(app, ctx);

  app.get('/chats', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'Web chats, latest activity first, with the last message and unread visitor messages', querystring: listChatsQuery, response: { 200: chatList, ...errors } },
  }, async (request) => listChats(db, authOf(request).tenantId, request.query, ctx.now()));

  app.get('/chats/:id', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'A web chat with its messages', params: idParams, querystring: chatMessagesQuery, response: { 200: chatDetail, ...errors } },
  }, async (request) => {
    const { tenantId } = authOf(request);
    const chat = await getChat(db, tenantId, request.params.id, request.query, ctx.now());
    return { ...chat, visitor_typing: hub.visitorTyping(chat.id, ctx.now()) };
  });

  app.post('/chats/:id/messages', {
    config: { permission: 'cases:write' },
    schema: { tags, summary: "Answer the visitor (hands a bot chat off first); stored as the case's outbound message", params: idParams, body: agentMessageBody, response: { 201: agentReplyResponse, ...errors, 409: problemSchema, 422: problemSchema } },
  }, async (request, reply) => {
    const result = await replyInChat(db, authOf(request), request.params.id, request.body.body, ctx.now(), request.locale);
    await hub.flush(request.params.id);
    return reply.code(201).send(result);
  });

  app.post('/chats/:id/typing', {
    config: { permission: 'cases:write' },
    schema: { tags, summary: 'Tell the visitor an agent is typing (or stopped)', params: idParams, body: typingBody, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await requireConversation(db, authOf(request).tenantId, request.params.id);
    hub.send(request.params.id, { type: 'typing', by: 'agent', typing: request.body.typing });
    return reply.code(204).send(null);
  });

  app.post('/chats/:id/read', {
    config: { permission: 'cases:write' },
    schema: { tags, summary: "Mark the chat read up to a seq; the visitor sees the agent's read receipt", params: idParams, body: readBody, response: { 200: readResponse, ...errors } },
  }, async (request) => {
    const marks = await markAgentRead(db, authOf(request).tenantId, request.params.id, request.body.seq);
    await hub.flush(request.params.id);
    return marks;
  });

  app.post('/chats/:id/close', {
    config: { permission: 'cases:write' },
    schema: { tags, summary: 'End the chat (its case, if any, stays as it is)', params: idParams, response: { 200: chatDetail.omit({ messages: true, visitor_typing: true }), ...errors } },
  }, async (request) => {
    const { tenantId } = authOf(request);
    await closeChat(db, tenantId, request.params.id, ctx.now());
    await hub.flush(request.params.id);
    const { messages: _messages, ...summary } = await getChat(db, tenantId, request.params.id, { after_seq: 0, limit: 1 }, ctx.now());
    return summary;
  });

  app.get('/chats/:id/attachments/:aid', {
    config: { permission: 'cases:read' },
    schema: { tags, summary: 'Download a file the visitor sent in the chat', params: attachmentParams },
  }, async (request, reply) => {
    const { row, data } = await readChatAttachment(db, authOf(request).tenantId, request.params.id, request.params.aid);
    return sendDownload(reply, row, data);
  });
}

/**
 * The chat widget's public routes and WebSocket (under /public/v1), no token. `limits` overrides
 * the socket limits (idle time, sockets per conversation and per address) for this app.
 */
export async function chatPublicRoutes(app: App, ctx: AppContext, limits: Partial<ChatSocketLimits> = {}): Promise<void> {
  const { db } = ctx.database;
  const hub = hubFor(app, ctx);
  const socketLimits: ChatSocketLimits = { ...chatSocketLimits(), ...limits };
  const reads = { publicLimit: 'read' as const };
  const writes = { publicLimit: 'write' as const };

  const visitorConversation = async (id: string, token: string) => {
    const conversation = await authenticateVisitor(db, id, token);
    if (!conversation) throw new AppError('unauthorized', { key: 'detail.chat_unauthorized' });
    return conversation;
  };

  app.post('/:tenant/chat/conversations', {
    config: writes,
    schema: { tags: ['public'], summary: 'Start a web chat with the bot', params: tenantParams, body: createConversationBody, response: { 201: createConversationResponse, 400: problemSchema, 404: problemSchema, 429: problemSchema } },
  }, async (request, reply) => {
    const created = await createConversation(db, request.params.tenant, request.body, request.locale, ctx.now());
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  app.route({
    method: 'GET',
    url: '/chat/ws',
    config: reads,
    schema: { tags: ['public'], summary: 'The chat socket (WebSocket only; plain HTTP gets 426)', response: { 426: problemSchema } },
    handler: async (_request, reply) => {
      void reply.header('upgrade', 'websocket').header('connection', 'Upgrade');
      throw new AppError('upgrade_required', { key: 'detail.websocket_only' });
    },
    wsHandler: (socket, request) => {
      serveChatSocket(socket, request, { ctx, hub, log: request.log, limits: socketLimits });
    },
  });

  app.post('/chat/conversations/:id/attachments', {
    config: writes,
    schema: {
      tags: ['public'],
      summary: `Send a file in the chat (multipart field "file"; ${acceptedContentTypes.join(', ')}); then send a message with its attachment_id`,
      consumes: ['multipart/form-data'],
      params: idParams,
      headers: visitorHeaders,
      response: { 201: chatAttachmentResponse, 400: problemSchema, 401: problemSchema, 409: problemSchema, 413: problemSchema, 415: problemSchema, 429: problemSchema },
    },
  }, async (request, reply) => {
    const conversation = await visitorConversation(request.params.id, request.headers['x-visitor-token']);
    if (stateOf(conversation).status === 'closed') throw new AppError('conflict', { key: 'detail.chat_closed' });
    const file = await readUpload(request, ctx.config.attachmentMaxBytes);
    return reply.code(201).send(await addVisitorAttachment(db, conversation, file, ctx.now()));
  });

  app.get('/chat/conversations/:id/attachments/:aid', {
    config: reads,
    schema: { tags: ['public'], summary: 'Download a file of the chat', params: attachmentParams, headers: visitorHeaders },
  }, async (request, reply) => {
    const conversation = await visitorConversation(request.params.id, request.headers['x-visitor-token']);
    const { row, data } = await readChatAttachment(db, conversation.tenant_id, conversation.id, request.params.aid);
    return sendDownload(reply, row, data);
  });
}

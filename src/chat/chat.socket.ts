import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { AppContext } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { classifyError, toProblem } from '../http/problem.js';
import type { Locale, MessageKey } from '../i18n/i18n.js';
import { answerWithBot } from './chat.bot.js';
import { handOff } from './chat.handoff.js';
import type { ChatHub, ChatListener } from './chat.hub.js';
import { markSolved, stopBot } from './chat.lifecycle.js';
import { clientFrame, type ClientFrame, type ServerFrame } from './chat.schema.js';
import { authenticateVisitor, chatMessagesAfter, markVisitorRead, postVisitorMessage, requireConversation, stateOf, visitorActor } from './chat.service.js';

/** The visitor must say who they are this soon after connecting. */
const HELLO_MS = 10_000;
/** Sockets that stop answering pings are dropped after about this long. */
const HEARTBEAT_MS = 30_000;
/** Frames of any kind one socket may send per window, so typing and pings cannot flood us. */
const FRAME_BUDGET = { frames: 120, windowMs: 10_000 };
/** Close codes: 4401 no or failed hello; 1008 policy (limits). 1009 (too big) comes from ws itself. */
const UNAUTHORIZED = 4401;
const POLICY = 1008;
const NORMAL = 1000;

/** How many chat sockets may stay open, and for how long, on one node. */
export type ChatSocketLimits = {
  /** A socket that sent no frame (pings aside) for this long is closed (1000); the widget reconnects when it needs to. */
  idleMs: number;
  /** Open sockets one conversation may have (tabs, reconnects overlapping); more: 1008. */
  perConversation: number;
  /** Open chat sockets one client address may have; more: 1008. */
  perAddress: number;
};

const defaultLimits: ChatSocketLimits = { idleMs: 30 * 60_000, perConversation: 5, perAddress: 20 };
let configuredLimits: ChatSocketLimits = { ...defaultLimits };

/** The limits chat routes registered from now on use (the defaults unless a test changed them). */
export function chatSocketLimits(): ChatSocketLimits {
  return { ...configuredLimits };
}

/**
 * For tests: the limits of chat routes registered from now on (so start the server after this);
 * returns a function that puts the defaults back. Servers already running keep theirs.
 */
export function setChatSocketLimits(limits: Partial<ChatSocketLimits>): () => void {
  configuredLimits = { ...configuredLimits, ...limits };
  return () => {
    configuredLimits = { ...defaultLimits };
  };
}

export type ChatSocketDeps = { ctx: AppContext; hub: ChatHub; log: FastifyBaseLogger; limits: ChatSocketLimits };

/**
 * One visitor connection: `hello` first (within 10 s), then messages, typing, read receipts and
 * the visitor's choices (hand-off, solved, stop the bot). Frames are handled one at a time in the
 * order they came; a bad frame gets an error frame and the connection stays open.
 */
export function serveChatSocket(socket: WebSocket, request: FastifyRequest, { ctx, hub, log, limits }: ChatSocketDeps): void {
  const db = ctx.database.db;
  let locale: Locale = request.locale;
  /** The conversation this socket said hello to. */
  let joined: { id: string; tenantId: string } | null = null;
  /** Whether the hub feeds this socket (not for a conversation that had already ended). */
  let listening = false;
  /** The conversation whose socket slot this socket holds. */
  let reserved: string | null = null;
  let closed = false;
  /** Refused: whatever else arrives on this socket is ignored until it closes. */
  let refused = false;
  let alive = true;
  let windowStart = Date.now();
  let framesInWindow = 0;
  let queue: Promise<void> = Promise.resolve();

  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const address = request.ip;
  if (!hub.admit(address, limits.perAddress)) {
    const problem = toProblem(new AppError('rate_limited', { key: 'detail.chat_too_many_from_address', params: { limit: limits.perAddress } }), locale);
    send({ type: 'error', code: problem.code, detail: problem.detail ?? problem.title });
    socket.close(POLICY, problem.code);
    return;
  }
  const listener: ChatListener = {
    lastSent: 0,
    deliver: send,
    close() {
      listening = false;
      socket.close(NORMAL, 'closed');
    },
  };
  const sendError = (error: unknown, clientId?: string) => {
    const appError = classifyError(error, ctx.config.http.bodyLimit);
    if (appError.status >= 500) log.error({ err: error }, 'chat frame failed');
    const problem = toProblem(appError, locale);
    send({ type: 'error', code: problem.code, detail: problem.detail ?? problem.title, ...(clientId ? { client_id: clientId } : {}) });
  };
  const refuse = (code: number, error: AppError) => {
    if (refused) return;
    refused = true;
    sendError(error);
    socket.close(code, error.code);
  };

  const helloTimer = setTimeout(() => refuse(UNAUTHORIZED, new AppError('unauthorized', { key: 'detail.chat_hello_first' })), HELLO_MS);
  const heartbeat = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // Only frames the visitor's side sends on purpose keep a socket open; pings (the widget's
  // heartbeat) and pongs do not, so an abandoned tab does not hold a socket (and a poll) forever.
  const idleTimer = setTimeout(() => {
    if (!refused) socket.close(NORMAL, 'idle');
  }, limits.idleMs);
  idleTimer.unref();
  socket.on('pong', () => {
    alive = true;
  });

  const invalid = (key: MessageKey, params?: Record<string, string | number>) => new AppError('validation_failed', { key, ...(params ? { params } : {}) });

  async function hello(frame: Extract<ClientFrame, { type: 'hello' }>) {
    if (joined) throw new AppError('conflict', { key: 'detail.chat_hello_twice' });
    const conversation = await authenticateVisitor(db, frame.conversation_id, frame.token);
    if (!conversation) return refuse(UNAUTHORIZED, new AppError('unauthorized', { key: 'detail.chat_unauthorized' }));
    if (closed) return;
    clearTimeout(helloTimer);
    locale = conversation.locale as Locale;
    const ended = stateOf(conversation).status === 'closed';
    if (!ended) {
      // Taken before the next await, so sockets saying hello at once cannot overshoot the limit.
      if (!hub.reserve(conversation.id, limits.perConversation)) return refuse(POLICY, new AppError('rate_limited', { key: 'detail.chat_too_many_connections', params: { limit: limits.perConversation } }));
      reserved = conversation.id;
    }
    const after = Math.min(frame.after_seq, conversation.last_seq);
    const messages = await chatMessagesAfter(db, conversation.tenant_id, conversation.id, after, 100_000);
    listener.lastSent = messages.at(-1)?.seq ?? after;
    send({ type: 'ready', conversation: { id: conversation.id, ...stateOf(conversation) }, messages });
    if (conversation.agent_read_seq > 0) send({ type: 'read', by: 'agent', seq: conversation.agent_read_seq });
    if (closed) return;
    joined = { id: conversation.id, tenantId: conversation.tenant_id };
    // An ended chat is shown, not followed: no feed, no poll; the socket closes when idle.
    if (ended) return;
    listening = true;
    hub.join(conversation, listener);
    // Anything written while the ready frame was put together.
    await hub.flush(conversation.id);
  }

  async function message(chat: { id: string; tenantId: string }, frame: Extract<ClientFrame, { type: 'message' }>) {
    const posted = await postVisitorMessage(db, chat.tenantId, chat.id, { clientId: frame.client_id, body: frame.body, ...(frame.attachment_id ? { attachmentId: frame.attachment_id } : {}) }, { now: ctx.now(), perMinute: ctx.config.selfService.chatMessagesPerMinute });
    send({ type: 'ack', client_id: frame.client_id, seq: posted.seq });
    await hub.flush(chat.id);
    const { conversation } = posted;
    if (posted.duplicate || !posted.text || conversation.status !== 'bot' || conversation.bot_stopped) return;
    hub.enqueue(chat.id, async () => {
      hub.send(chat.id, { type: 'typing', by: 'bot', typing: true });
      try {
        await answerWithBot(db, chat.tenantId, chat.id, posted.text, ctx.now());
      } finally {
        await hub.flush(chat.id);
        hub.send(chat.id, { type: 'typing', by: 'bot', typing: false });
      }
    });
  }

  /** Counted as frames arrive (not as they are handled), so a slow database cannot let a backlog grow. */
  function overBudget(): boolean {
    const now = Date.now();
    if (now - windowStart > FRAME_BUDGET.windowMs) {
      windowStart = now;
      framesInWindow = 0;
    }
    framesInWindow += 1;
    return framesInWindow > FRAME_BUDGET.frames;
  }

  async function handle(raw: RawData, isBinary: boolean) {
    if (isBinary) throw invalid('detail.chat_frame_invalid', { reason: 'binary frames are not accepted; send JSON text' });
    let data: unknown;
    try {
      data = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.concat(Array.isArray(raw) ? raw : [Buffer.from(raw)]).toString('utf8'));
    } catch {
      throw new AppError('bad_request', { key: 'detail.invalid_json' });
    }
    const parsed = clientFrame.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const reason = issue ? `${issue.path.join('.') || 'frame'}: ${issue.message}` : 'invalid';
      const clientId = typeof (data as { client_id?: unknown } | null)?.client_id === 'string' ? (data as { client_id: string }).client_id.slice(0, 64) : undefined;
      return sendError(invalid('detail.chat_frame_invalid', { reason }), clientId);
    }
    const frame = parsed.data;
    if (frame.type !== 'ping') idleTimer.refresh();
    if (frame.type === 'hello') return hello(frame);
    if (frame.type === 'ping') return send({ type: 'pong' });
    const chat = joined;
    if (!chat) return refuse(UNAUTHORIZED, new AppError('unauthorized', { key: 'detail.chat_hello_first' }));
    const at = ctx.now();
    switch (frame.type) {
      case 'message':
        try {
          return await message(chat, frame);
        } catch (error) {
          return sendError(error, frame.client_id);
        }
      case 'typing':
        return hub.setVisitorTyping(chat.id, frame.typing, at);
      case 'read':
        return markVisitorRead(db, chat.tenantId, chat.id, frame.seq);
      case 'handoff': {
        const conversation = await requireConversation(db, chat.tenantId, chat.id);
        await handOff(db, chat.tenantId, chat.id, visitorActor(conversation), at);
        return hub.flush(chat.id);
      }
      case 'solved':
        await markSolved(db, chat.tenantId, chat.id, at, { closingMessage: true });
        return hub.flush(chat.id);
      case 'stop_bot': {
        const conversation = await requireConversation(db, chat.tenantId, chat.id);
        await stopBot(db, chat.tenantId, chat.id, visitorActor(conversation), at, { notice: true });
        return hub.flush(chat.id);
      }
    }
  }

  socket.on('message', (raw, isBinary) => {
    if (refused || closed) return;
    if (overBudget()) return refuse(POLICY, new AppError('rate_limited', { key: 'detail.chat_frames_limited' }));
    queue = queue.then(() => (closed || refused ? undefined : handle(raw, isBinary))).catch((error: unknown) => sendError(error));
  });
  socket.on('close', () => {
    closed = true;
    clearTimeout(helloTimer);
    clearInterval(heartbeat);
    clearTimeout(idleTimer);
    if (joined && listening) hub.leave(joined.id, listener);
    if (reserved) hub.unreserve(reserved);
    hub.release(address);
  });
}

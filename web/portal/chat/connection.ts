// The visitor's end of the chat WebSocket (/public/v1/chat/ws): hello with the last seen seq,
// messages with a client_id (re-sent with the same id after a reconnect until acked), reconnect
// with exponential backoff, a ping to notice dead connections. No React here.
import type { ChatMessage, ConversationState, ServerFrame } from '../api/types';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export type ChatEvents = {
  status(status: ConnectionStatus): void;
  ready(conversation: ConversationState, messages: ChatMessage[]): void;
  message(message: ChatMessage): void;
  ack(clientId: string, seq: number): void;
  read(by: 'agent' | 'visitor', seq: number): void;
  typing(by: 'agent' | 'bot', typing: boolean): void;
  state(state: ConversationState): void;
  /** A problem the server reported; `fatal` when the session itself was refused (reconnecting stops). */
  error(code: string, detail: string, fatal: boolean, clientId?: string): void;
};

type Outgoing = { client_id: string; body: string; attachment_id?: string };

const PING_EVERY_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;

export function chatSocketUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/public/v1/chat/ws`;
}

export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class ChatConnection {
  private socket: WebSocket | null = null;
  private ready = false;
  private stopped = false;
  private attempts = 0;
  private lastSeq = 0;
  private readonly unacked = new Map<string, Outgoing>();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private awaitingPong = false;

  constructor(
    private readonly options: { url: string; conversationId: string; token: string; events: ChatEvents },
  ) {}

  start(): void {
    window.addEventListener('online', this.wake);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.wake);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.stopPing();
    this.socket?.close(1000);
    this.socket = null;
  }

  /** Queues a message; it is sent now when connected, else after the next `ready`. Returns its client_id. */
  send(body: string, attachmentId?: string, clientId = newClientId()): string {
    const outgoing: Outgoing = { client_id: clientId, body, ...(attachmentId ? { attachment_id: attachmentId } : {}) };
    this.unacked.set(clientId, outgoing);
    if (this.ready) this.frame({ type: 'message', ...outgoing });
    return clientId;
  }

  /** Frames that only make sense now (typing, read, actions): dropped while disconnected. */
  typing(typing: boolean): void {
    this.frame({ type: 'typing', typing });
  }
  markRead(seq: number): void {
    this.frame({ type: 'read', seq });
  }
  action(type: 'handoff' | 'solved' | 'stop_bot'): boolean {
    return this.frame({ type });
  }
  get connected(): boolean {
    return this.ready;
  }

  private readonly wake = () => {
    if (this.socket || this.stopped) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.attempts = 0;
    this.connect();
  };

  private frame(frame: Record<string, unknown>): boolean {
    if (!this.ready || !this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private connect(): void {
    if (this.stopped) return;
    this.reconnectTimer = null;
    this.options.events.status(this.attempts === 0 ? 'connecting' : 'offline');
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'hello', conversation_id: this.options.conversationId, token: this.options.token, after_seq: this.lastSeq }));
    };
    socket.onmessage = (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      this.receive(frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.ready = false;
      this.stopPing();
      if (this.stopped) return;
      this.options.events.status('offline');
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
      this.attempts += 1;
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    };
  }

  private seen(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  private receive(frame: ServerFrame): void {
    const events = this.options.events;
    switch (frame.type) {
      case 'ready': {
        this.ready = true;
        this.attempts = 0;
        for (const message of frame.messages) {
          this.seen(message.seq);
          if (message.client_id) this.unacked.delete(message.client_id);
        }
        const { id: _id, ...state } = frame.conversation;
        events.ready(state, frame.messages);
        events.status('online');
        // Whatever was not acknowledged before the connection dropped goes again, same client_id.
        for (const outgoing of this.unacked.values()) this.frame({ type: 'message', ...outgoing });
        this.startPing();
        return;
      }
      case 'message':
        this.seen(frame.message.seq);
        if (frame.message.client_id && this.unacked.delete(frame.message.client_id)) events.ack(frame.message.client_id, frame.message.seq);
        events.message(frame.message);
        return;
      case 'ack':
        this.seen(frame.seq);
        this.unacked.delete(frame.client_id);
        events.ack(frame.client_id, frame.seq);
        return;
      case 'read':
        events.read(frame.by, frame.seq);
        return;
      case 'typing':
        events.typing(frame.by, frame.typing);
        return;
      case 'state':
        events.state({ status: frame.status, case_number: frame.case_number, bot_active: frame.bot_active });
        return;
      case 'error': {
        // Before `ready` an unauthorized answer means this conversation will never be accepted again.
        const fatal = !this.ready && (frame.code === 'unauthorized' || frame.code === 'not_found' || frame.code === 'gone');
        if (frame.client_id) this.unacked.delete(frame.client_id);
        if (fatal) this.stopped = true;
        events.error(frame.code, frame.detail, fatal, frame.client_id);
        if (fatal) this.socket?.close(1000);
        return;
      }
      case 'pong':
        this.awaitingPong = false;
        return;
    }
  }

  private startPing(): void {
    this.stopPing();
    this.awaitingPong = false;
    this.pingTimer = setInterval(() => {
      // No pong since the last ping: the connection is dead even if the socket does not know yet.
      if (this.awaitingPong) {
        this.socket?.close(4000);
        return;
      }
      this.awaitingPong = this.frame({ type: 'ping' });
    }, PING_EVERY_MS);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}

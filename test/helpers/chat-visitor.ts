import { once } from 'node:events';
import WebSocket from 'ws';
import type { TestServer } from './harness.js';

export type Frame = Record<string, any>;
export type Chat = { id: string; visitor_token: string; status: string };

/** A visitor's browser: a real WebSocket that keeps every frame it was sent. */
export class Visitor {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private wake = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const wake of this.wake) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async connect(server: TestServer): Promise<Visitor> {
    const ws = new WebSocket(`${server.baseUrl.replace('http', 'ws')}/public/v1/chat/ws`);
    await once(ws, 'open');
    return new Visitor(ws);
  }

  /** Connects and says hello; resolves with the ready frame. */
  static async join(server: TestServer, chat: Chat, afterSeq = 0): Promise<{ visitor: Visitor; ready: Frame }> {
    const visitor = await Visitor.connect(server);
    visitor.send({ type: 'hello', conversation_id: chat.id, token: chat.visitor_token, after_seq: afterSeq });
    const ready = await visitor.waitFor((frame) => frame.type === 'ready', 'ready');
    return { visitor, ready };
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (from index `from` on) that matches, waiting up to `ms`. */
  waitFor(match: (frame: Frame) => boolean, what: string, from = 0, ms = 8000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (!found) return false;
        this.wake.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.wake.delete(check);
        reject(new Error(`no ${what} frame within ${ms} ms; got ${JSON.stringify(this.frames.slice(from))} (all: ${JSON.stringify(this.frames).slice(0, 2000)})`));
      }, ms);
      this.wake.add(check);
      check();
    });
  }

  /** Sends a message and waits for its ack. */
  async say(clientId: string, body: string, extra: Record<string, unknown> = {}): Promise<Frame> {
    const from = this.frames.length;
    this.send({ type: 'message', client_id: clientId, body, ...extra });
    return this.waitFor((frame) => (frame.type === 'ack' || frame.type === 'error') && frame.client_id === clientId, `ack of ${clientId}`, from);
  }

  /** Waits until the bot has finished its turn (typing off) after index `from`. */
  botDone(from: number): Promise<Frame> {
    return this.waitFor((frame) => frame.type === 'typing' && frame.by === 'bot' && frame.typing === false, 'bot typing off', from);
  }

  messages(): Frame[] {
    return this.frames.filter((frame) => frame.type === 'message').map((frame) => frame.message as Frame);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mock, test } from 'node:test';
import { pathToFileURL } from 'node:url';

// The chat page's WebSocket client against a scripted socket: what it says on (re)connect and that
// a message sent while the connection was down goes out again with the same client_id.
class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

type Connection = { start(): void; stop(): void; send(body: string, attachmentId?: string, clientId?: string): string; connected: boolean };
type ConnectionClass = new (options: { url: string; conversationId: string; token: string; events: Record<string, (...args: unknown[]) => void> }) => Connection;

test('the chat client says hello with the last seq, resends unacked messages after a reconnect, and backs off', async () => {
  Object.assign(globalThis, { WebSocket: FakeSocket, window: new EventTarget() });
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  try {
    const { ChatConnection } = (await import(pathToFileURL(join(process.cwd(), 'web/portal/chat/connection.ts')).href)) as { ChatConnection: ConnectionClass };
    const seen: string[] = [];
    const events = new Proxy({}, { get: (_target, name) => (...args: unknown[]) => seen.push(`${String(name)}:${JSON.stringify(args)}`) }) as Record<string, (...args: unknown[]) => void>;
    const connection = new ChatConnection({ url: 'ws://desk/public/v1/chat/ws', conversationId: 'c-1', token: 'secret', events });
    connection.start();

    const first = FakeSocket.all[0]!;
    first.open();
    assert.deepEqual(first.sent[0], { type: 'hello', conversation_id: 'c-1', token: 'secret', after_seq: 0 });
    const message = (seq: number, sender: string, client_id: string | null = null) => ({ id: `m${seq}`, seq, sender, author_name: null, body: 'x', actions: null, attachment: null, client_id, created_at: '2026-03-02T02:00:00Z' });
    first.receive({ type: 'ready', conversation: { id: 'c-1', status: 'bot', case_number: null, bot_active: true }, messages: [message(1, 'bot'), message(2, 'bot')] });
    assert.equal(connection.connected, true);

    // Sent and acked: never again. Sent and lost with the connection: again after the next hello.
    const acked = connection.send('银行卡付款失败');
    assert.deepEqual(first.sent.at(-1), { type: 'message', client_id: acked, body: '银行卡付款失败' });
    first.receive({ type: 'ack', client_id: acked, seq: 3 });
    const lost = connection.send('提示余额不足');
    first.close();
    assert.equal(connection.connected, false);
    const queued = connection.send('还在吗？');
    assert.ok(seen.includes('status:["offline"]'));

    // First retry after about a second (with jitter), not at once.
    assert.equal(FakeSocket.all.length, 1);
    mock.timers.tick(1_300);
    const second = FakeSocket.all[1]!;
    second.open();
    assert.deepEqual(second.sent[0], { type: 'hello', conversation_id: 'c-1', token: 'secret', after_seq: 3 });
    second.receive({ type: 'ready', conversation: { id: 'c-1', status: 'bot', case_number: null, bot_active: true }, messages: [] });
    assert.deepEqual(second.sent.slice(1).map((frame) => frame.client_id), [lost, queued]);
    assert.ok(!second.sent.some((frame) => frame.client_id === acked));

    // The server's copy of a resent message counts as its ack.
    second.receive({ type: 'message', message: message(4, 'visitor', lost) });
    second.receive({ type: 'ack', client_id: queued, seq: 5 });
    second.close();
    mock.timers.tick(1_300);
    const third = FakeSocket.all[2]!;
    third.open();
    assert.equal(third.sent[0]?.after_seq, 5);
    third.receive({ type: 'ready', conversation: { id: 'c-1', status: 'waiting', case_number: 7, bot_active: false }, messages: [] });
    assert.equal(third.sent.length, 1, 'nothing left to resend');

    // A refused session stops the retries.
    third.receive({ type: 'pong' });
    third.close();
    mock.timers.tick(1_300);
    const fourth = FakeSocket.all[3]!;
    fourth.open();
    fourth.receive({ type: 'error', code: 'unauthorized', detail: 'no' });
    mock.timers.tick(60_000);
    assert.equal(FakeSocket.all.length, 4);
    assert.ok(seen.some((entry) => entry.startsWith('error:["unauthorized","no",true')));
    connection.stop();
  } finally {
    mock.timers.reset();
  }
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

// Pure pieces of the portal (no DOM): the highlight check and the chat's message bookkeeping.
const load = async (path: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(join(process.cwd(), path)).href)) as Record<string, unknown>;

test('search highlights keep <mark> and nothing else', async () => {
  const { safeHighlight } = (await load('web/portal/components/safeHtml.ts')) as { safeHighlight: (html: string) => string };
  assert.equal(safeHighlight('退款<mark>多久</mark>到账'), '退款<mark>多久</mark>到账');
  assert.equal(safeHighlight('a <MARK>b</MARK> &amp; &lt;c&gt;'), 'a <mark>b</mark> &amp; &lt;c&gt;');
  assert.equal(safeHighlight('<img src=x onerror=alert(1)>hi<mark onclick="x()">y</mark>'), 'hiy');
  assert.equal(safeHighlight('<script>alert(1)</script>ok'), 'alert(1)ok');
  assert.equal(safeHighlight('a > b <mark>x</mark> <b'), 'a &gt; b <mark>x</mark> ');
  assert.equal(safeHighlight('<mark>a<mark>b</mark></mark>c<mark>d'), '<mark>ab</mark>c<mark>d</mark>');
});

type Message = { id: string; seq: number; sender: string; author_name: string | null; body: string; actions: null; attachment: null; client_id: string | null; created_at: string };
type Line = Message & { key: string; pending?: { failed: boolean } };
type Reducer = (lines: Map<string, Line>, action: Record<string, unknown>) => Map<string, Line>;

test('a chat message is "sending" until acked, "delivered" after, "read" once the agent read up to it, and stored once', async () => {
  const { linesReducer, ordered, deliveryOf } = (await load('web/portal/chat/lines.ts')) as { linesReducer: Reducer; ordered: (lines: Map<string, Line>) => Line[]; deliveryOf: (line: Line, readSeq: number) => string };
  const at = new Date('2026-03-02T02:00:00Z');
  const bot: Message = { id: 'm1', seq: 1, sender: 'bot', author_name: null, body: 'hello', actions: null, attachment: null, client_id: null, created_at: at.toISOString() };
  let lines = linesReducer(new Map(), { type: 'server', messages: [bot] });
  lines = linesReducer(lines, { type: 'local', clientId: 'c1', body: '银行卡付款失败', attachment: null, at });
  let mine = ordered(lines).at(-1)!;
  assert.equal(deliveryOf(mine, 0), 'sending');
  lines = linesReducer(lines, { type: 'ack', clientId: 'c1', seq: 2 });
  mine = ordered(lines).at(-1)!;
  assert.equal(mine.seq, 2);
  assert.equal(deliveryOf(mine, 1), 'delivered');
  assert.equal(deliveryOf(mine, 2), 'read');
  // After a reconnect the server sends the stored copy: it replaces the local one (same client_id).
  lines = linesReducer(lines, { type: 'server', messages: [{ ...bot, id: 'm2', seq: 2, sender: 'visitor', body: '银行卡付款失败', client_id: 'c1' }] });
  assert.deepEqual(ordered(lines).map((line) => line.id), ['m1', 'm2']);
  lines = linesReducer(lines, { type: 'local', clientId: 'c2', body: 'again', attachment: null, at });
  lines = linesReducer(lines, { type: 'failed', clientIds: ['c2'] });
  assert.equal(deliveryOf(ordered(lines).at(-1)!, 5), 'failed');
});

/**
 * The WeChat Pay bench's second process: it hosts the fake WeChat Pay (so that signing callbacks
 * and responses costs this process, not the desk) and generates the load. It takes one job at a
 * time over IPC: start the fake, send a batch of callbacks, send a batch of baseline POSTs, stop
 * the fake.
 *
 * The parent only imports the message types from here (`import type`); the process side starts
 * when the file is the entry of a forked child.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { startFakeWechatPay, type FakeComplaintInput, type FakeWechatPay, type FakeWechatPayOptions } from '../src/channels/wechatpay/fake.js';

/** What the fake must know: the merchant's public half and the platform's private half. */
export type FakeKeys = Omit<FakeWechatPayOptions, 'now'>;

/** Callbacks for `count` new complaints, signed before the clock starts, then sent. */
export type CallbackJob = {
  kind: 'callbacks';
  phase: 'warm-up' | 'callbacks';
  url: string;
  count: number;
  connections: number;
  /** Prefix of this run's complaint ids, so runs never share one. */
  runTag: string;
};

/** `count` unsigned JSON POSTs of about `bytes` each. */
export type BaselineJob = { kind: 'baseline'; phase: 'baseline warm-up' | 'baseline'; url: string; count: number; bytes: number; connections: number };

export type WechatPayLoadJob = { kind: 'start'; keys: FakeKeys } | CallbackJob | BaselineJob | { kind: 'fake-stats' } | { kind: 'stop' };

/** Latency of the requests of one run, in milliseconds (microsecond precision). */
export type LatencySummary = { p50: number; p90: number; p99: number; max: number; mean: number };

/** One batch of POSTs fired with a fixed number of keep-alive connections. */
export type FireStats = {
  sent: number;
  /** 2xx answers. */
  ok: number;
  /** Answers other than 2xx. */
  non2xx: number;
  /** Requests without an answer (connection errors, timeouts). */
  errors: number;
  /** Answers by status code ("0" for errors). */
  statuses: Record<string, number>;
  /** From the first request sent to the last answer read. */
  durationSeconds: number;
  /** 2xx answers per second of the run. */
  eventsPerSecond: number;
  latencyMs: LatencySummary;
  /** Answers per second in each tenth of the run, by order of completion (shows a rate that sags). */
  rateByTenth: number[];
  /** The first answer that was not 2xx, for the log. */
  firstFailure: { status: number; body: string } | null;
};

/** What a batch of callbacks reports, besides its stats. */
export type CallbackBatch = {
  stats: FireStats;
  /** Epoch milliseconds when the first request went out. */
  startedAt: number;
  /** Mean body size, bytes. */
  bytes: number;
  /** Seconds spent signing and encrypting the batch before it was sent. */
  signingSeconds: number;
  /** Callbacks signed again while the batch was on because they had waited 240 s. */
  resigned: number;
};

/** Since the fake started: API calls it answered (complaint details and histories) and refused for bad signatures. */
export type FakeStats = { requests: number; rejected: number };

export type LoadPhase = 'complaints' | 'signing' | 'warm-up' | 'callbacks' | 'baseline warm-up' | 'baseline';

export type WechatPayLoadReply =
  | { kind: 'started'; baseUrl: string }
  | { kind: 'progress'; phase: LoadPhase; done: number; total: number }
  | { kind: 'callbacks'; batch: CallbackBatch }
  | { kind: 'baseline'; stats: FireStats }
  | { kind: 'fake-stats'; fake: FakeStats }
  | { kind: 'stopped' }
  | { kind: 'failed'; message: string };

/** A prepared POST. */
type Prepared = { headers: Record<string, string>; body: string };

function send(reply: WechatPayLoadReply): void {
  process.send?.(reply);
}

/** Sends progress at most every `step` items, and always for the last one. */
function progressReporter(phase: LoadPhase, total: number): (done: number) => void {
  const step = Math.max(1, Math.floor(total / 100));
  return (done) => {
    if (done % step === 0 || done === total) send({ kind: 'progress', phase, done, total });
  };
}

// ---- complaints and bodies ----

const complaintTexts = [
  '付款后一直没有发货，联系不上客服，要求退款。',
  '商品与描述不符，申请全额退款。',
  '重复扣款两次，请退回多扣的金额。',
  '会员自动续费未经同意，要求取消并退款。',
  '充值未到账，客服不回复。',
  '订单显示已完成但没有收到服务。',
  '优惠券无法使用，商家拒绝处理。',
  '退款申请已超过七天仍未到账。',
];
const problemTypes = ['REFUND', 'REFUND', 'REFUND', 'SERVICE_NOT_WORK', 'OTHERS'] as const;

function digits(count: number): string {
  return Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');
}

/** A complaint as a payer would file it: varied type, text, amount, order and payer. */
function complaintInput(complaintId: string, index: number): FakeComplaintInput {
  const amount = 100 + (randomBytes(2).readUInt16BE(0) % 50_000);
  const problemType = problemTypes[index % problemTypes.length] ?? 'OTHERS';
  return {
    complaint_id: complaintId,
    problem_type: problemType,
    problem_description: problemType === 'REFUND' ? '申请退款' : '服务问题',
    complaint_detail: complaintTexts[index % complaintTexts.length] ?? '其他问题',
    payer_openid: `o${randomBytes(14).toString('hex').slice(0, 27)}`,
    complaint_order_info: [{ transaction_id: `4200${digits(24)}`, out_trade_no: `${digits(6)}ORD${digits(10)}`, amount }],
    ...(problemType === 'REFUND' ? { apply_refund_amount: amount } : {}),
  };
}

/** Registers `count` new complaints on the fake; returns their ids. */
function addComplaints(fake: FakeWechatPay, runTag: string, first: number, count: number, onDone: (done: number) => void): string[] {
  const ids: string[] = [];
  for (let offset = 0; offset < count; offset++) {
    const id = `${runTag}${String(first + offset).padStart(8, '0')}`;
    fake.addComplaint(complaintInput(id, first + offset));
    ids.push(id);
    onDone(offset + 1);
  }
  return ids;
}

/**
 * A callback signed at `signedAt`. The desk refuses timestamps more than 300 s away from its clock,
 * so one still unsent after {@link RESIGN_AFTER_MS} is signed again (by this process, as WeChat Pay
 * would) just before it goes out; `resigned` counts those.
 */
type SignedCallback = Prepared & { complaintId: string; signedAt: number };

const RESIGN_AFTER_MS = 240_000;

function signCallback(fake: FakeWechatPay, complaintId: string): SignedCallback {
  const prepared = fake.callbackRequest({ complaint_id: complaintId, action_type: 'CREATE_COMPLAINT' });
  return { ...prepared, complaintId, signedAt: Date.now() };
}

/** Signed, encrypted CREATE_COMPLAINT callbacks, each with its own notification id and nonce. */
function signCallbacks(fake: FakeWechatPay, complaintIds: string[], onDone: (done: number) => void): SignedCallback[] {
  return complaintIds.map((complaintId, index) => {
    const signed = signCallback(fake, complaintId);
    onDone(index + 1);
    return signed;
  });
}

/** Hands out the pre-signed callbacks, re-signing any that grew too old to be accepted. */
function freshCallbacks(fake: FakeWechatPay, callbacks: SignedCallback[]): { at(index: number): Prepared | undefined; resigned(): number } {
  let resigned = 0;
  return {
    at(index) {
      const callback = callbacks[index];
      if (!callback || Date.now() - callback.signedAt < RESIGN_AFTER_MS) return callback;
      resigned += 1;
      return signCallback(fake, callback.complaintId);
    },
    resigned: () => resigned,
  };
}

/** Unsigned JSON bodies padded to about the size of the callbacks. */
function baselineBodies(count: number, bytes: number): Prepared[] {
  const bodies: Prepared[] = [];
  for (let index = 0; index < count; index++) {
    const head = { subject: `WeChat Pay complaint ${index}`, complaint_id: `baseline${index}`, action_type: 'CREATE_COMPLAINT' };
    const padding = Math.max(0, bytes - JSON.stringify({ ...head, payload: '' }).length);
    bodies.push({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...head, payload: randomBytes(padding).toString('base64').slice(0, padding) }) });
  }
  return bodies;
}

const meanBytes = (requests: Prepared[]) => Math.round(requests.reduce((sum, request) => sum + Buffer.byteLength(request.body), 0) / Math.max(1, requests.length));

// ---- firing ----

type Answer = { status: number; body: string };

function postOnce(agent: http.Agent, url: URL, request: Prepared): Promise<Answer> {
  return new Promise((resolve) => {
    const outgoing = http.request(
      url,
      { method: 'POST', agent, timeout: 30_000, headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', (error) => resolve({ status: 0, body: error.message }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out after 30 s')));
    outgoing.on('error', (error) => resolve({ status: 0, body: error.message }));
    outgoing.end(request.body);
  });
}

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summarise(latencies: Float64Array): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    p50: round(percentile(sorted, 0.5)),
    p90: round(percentile(sorted, 0.9)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sum / Math.max(1, sorted.length)),
  };
}

/** The requests of one run, handed out by index as the lanes take them. */
type Batch = { count: number; at(index: number): Prepared | undefined };

const batchOf = (requests: Prepared[]): Batch => ({ count: requests.length, at: (index) => requests[index] });

/** POSTs every request once, `connections` at a time on keep-alive sockets, timing each. */
async function fire(target: string, batch: Batch, connections: number, onDone: (done: number) => void): Promise<FireStats> {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = new Float64Array(batch.count);
  const finished = new Float64Array(batch.count);
  const statuses: Record<string, number> = {};
  let firstFailure: FireStats['firstFailure'] = null;
  let next = 0;
  let done = 0;
  const lane = async () => {
    for (let index = next++; index < batch.count; index = next++) {
      const request = batch.at(index);
      if (!request) break;
      const started = performance.now();
      const answer = await postOnce(agent, url, request);
      latencies[index] = performance.now() - started;
      finished[index] = performance.now() - runStarted;
      statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
      if ((answer.status < 200 || answer.status > 299) && !firstFailure) firstFailure = { status: answer.status, body: answer.body.slice(0, 500) };
      onDone(++done);
    }
  };
  const runStarted = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(connections, batch.count) }, lane));
  } finally {
    agent.destroy();
  }
  const durationSeconds = (performance.now() - runStarted) / 1000;
  return { ...tally(statuses, batch.count, durationSeconds, summarise(latencies), firstFailure), rateByTenth: ratesByTenth(finished) };
}

/** Answers per second within each tenth of the answers, from their completion times (ms since start). */
function ratesByTenth(finishedMs: Float64Array): number[] {
  const sorted = Float64Array.from(finishedMs).sort();
  const rates: number[] = [];
  let previousIndex = 0;
  let previousTime = 0;
  for (let tenth = 1; tenth <= 10; tenth++) {
    const index = Math.round((sorted.length * tenth) / 10);
    const time = sorted[index - 1] ?? previousTime;
    const seconds = (time - previousTime) / 1000;
    rates.push(seconds > 0 ? Math.round(((index - previousIndex) / seconds) * 10) / 10 : 0);
    [previousIndex, previousTime] = [index, time];
  }
  return rates;
}

function tally(statuses: Record<string, number>, sent: number, durationSeconds: number, latencyMs: LatencySummary, firstFailure: FireStats['firstFailure']): Omit<FireStats, 'rateByTenth'> {
  let ok = 0;
  let non2xx = 0;
  for (const [status, count] of Object.entries(statuses)) {
    const code = Number(status);
    if (code >= 200 && code <= 299) ok += count;
    else if (code !== 0) non2xx += count;
  }
  return {
    sent,
    ok,
    non2xx,
    errors: statuses['0'] ?? 0,
    statuses,
    durationSeconds: Math.round(durationSeconds * 1000) / 1000,
    eventsPerSecond: durationSeconds > 0 ? Math.round((ok / durationSeconds) * 10) / 10 : 0,
    latencyMs,
    firstFailure,
  };
}

/** Fires a batch, reporting progress under `phase`; an empty batch costs nothing. */
function fireWithProgress(phase: LoadPhase, target: string, batch: Batch, connections: number): Promise<FireStats> {
  return fire(target, batch, connections, progressReporter(phase, batch.count));
}

// ---- jobs ----

let fake: FakeWechatPay | null = null;

async function startFake(keys: FakeKeys): Promise<string> {
  if (fake) await fake.close();
  fake = await startFakeWechatPay({ ...keys, now: () => new Date() });
  return fake.baseUrl;
}

/** Complaints first, then every callback signed (not timed), then all sent (timed). */
async function runCallbacks(job: CallbackJob): Promise<CallbackBatch> {
  if (!fake) throw new Error('the fake WeChat Pay is not started');
  const ids = addComplaints(fake, job.runTag, 0, job.count, progressReporter('complaints', job.count));
  const signingStarted = performance.now();
  const signed = signCallbacks(fake, ids, progressReporter('signing', job.count));
  const signingSeconds = (performance.now() - signingStarted) / 1000;
  const callbacks = freshCallbacks(fake, signed);
  const startedAt = Date.now();
  const stats = await fireWithProgress(job.phase, job.url, { count: signed.length, at: callbacks.at }, job.connections);
  return {
    stats,
    startedAt,
    bytes: meanBytes(signed),
    signingSeconds: Math.round(signingSeconds * 1000) / 1000,
    resigned: callbacks.resigned(),
  };
}

function runBaseline(job: BaselineJob): Promise<FireStats> {
  return fireWithProgress(job.phase, job.url, batchOf(baselineBodies(job.count, job.bytes)), job.connections);
}

async function handle(job: WechatPayLoadJob): Promise<WechatPayLoadReply> {
  if (job.kind === 'start') return { kind: 'started', baseUrl: await startFake(job.keys) };
  if (job.kind === 'callbacks') return { kind: 'callbacks', batch: await runCallbacks(job) };
  if (job.kind === 'baseline') return { kind: 'baseline', stats: await runBaseline(job) };
  if (job.kind === 'fake-stats') return { kind: 'fake-stats', fake: { requests: fake?.requests.length ?? 0, rejected: fake?.rejected ?? 0 } };
  await fake?.close();
  fake = null;
  return { kind: 'stopped' };
}

/** Wires the IPC channel; only when this file runs as a forked child. */
function serveParent(): void {
  process.on('message', (message: unknown) => {
    handle(message as WechatPayLoadJob).then(send, (error: unknown) =>
      send({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.on('disconnect', () => {
    void (fake?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}

if (process.send) serveParent();

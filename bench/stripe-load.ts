/**
 * The Stripe bench's load process: it builds and signs the dispute events (as Stripe would, with
 * the official `generateTestHeaderString`) before each phase's clock starts, then sends them over
 * keep-alive connections for a fixed time and times every answer. Signing and sending cost this
 * process, not the desk. One job at a time over IPC.
 *
 * It remembers the disputes the desk accepted as new, so that the update phase can move their
 * evidence deadlines and the duplicate phase can deliver their events again.
 *
 * The parent only imports the message types from here (`import type`); the process side starts
 * when the file is the entry of a forked child.
 */
import { once } from 'node:events';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { distribution, type Distribution } from './sla-result.js';

export type StripePhase = 'warm-up' | 'created' | 'updated' | 'duplicate' | 'baseline warm-up' | 'baseline';

/** Send one phase's events for `seconds` (or until its pool of `pool` pre-signed events runs out). */
export type StripePhaseJob = {
  kind: 'phase';
  phase: StripePhase;
  url: string;
  seconds: number;
  connections: number;
  pool: number;
  /** The endpoint's signing secret, for the desk's phases. */
  secret: string;
  /** Prefix of this run's dispute ids, so runs never share one. */
  runTag: string;
  /** Baseline phases: body size to match (bytes). */
  bytes?: number;
};

/** What one phase's requests did, as the load process saw them. */
export type PhaseStats = {
  /** Pre-signed events ready before the clock started. */
  pool: number;
  sent: number;
  /** Answers with the expected status and `duplicate` flag (201 for the baseline). */
  ok: number;
  /** 2xx answers whose `duplicate` flag was not the one this phase expects. */
  unexpected: number;
  non2xx: number;
  /** Requests without an answer (connection errors, timeouts). */
  errors: number;
  statuses: Record<string, number>;
  /** From the first request sent to the last answer read. */
  durationSeconds: number;
  /** Expected answers per second. */
  eventsPerSecond: number;
  /** Latency of every answered request, milliseconds. */
  latencyMs: Distribution;
  /** True when the pool ran out before the time did (the rate is then over a shorter run). */
  exhausted: boolean;
  /** Mean body size, bytes. */
  bytes: number;
  signingSeconds: number;
  firstFailure: { status: number; body: string } | null;
};

export type StripeLoadJob = StripePhaseJob | { kind: 'reset' };

export type StripeLoadReply =
  | { kind: 'progress'; phase: StripePhase; done: number; total: number }
  | { kind: 'phase'; stats: PhaseStats }
  | { kind: 'reset' }
  | { kind: 'failed'; message: string };

type Prepared = { headers: Record<string, string>; body: string };
type Answer = { status: number; body: string };

const send = (reply: StripeLoadReply) => process.send?.(reply);

// ---- events ----

const DAY = 86_400;
const reasons = ['fraudulent', 'fraudulent', 'product_not_received', 'duplicate', 'subscription_canceled', 'unrecognized', 'credit_not_processed', 'product_unacceptable', 'general'] as const;
const currencies = ['usd', 'usd', 'eur', 'gbp', 'jpy', 'cad'] as const;

type Dispute = {
  id: string;
  object: 'dispute';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string;
  status: 'needs_response';
  created: number;
  evidence: Record<string, never>;
  evidence_details: { due_by: number; has_evidence: boolean; past_due: boolean; submission_count: number };
  is_charge_refundable: boolean;
  livemode: false;
};

/** A dispute accepted as new, with the exact bytes of the event that opened it. */
type Accepted = { dispute: Dispute; eventId: string; payload: string };

let disputes: Accepted[] = [];
let counter = 0;

const nowSeconds = () => Math.floor(Date.now() / 1000);

function newDispute(runTag: string, index: number, now: number): Dispute {
  const tag = `${runTag}${index.toString(36).padStart(6, '0')}`;
  return {
    id: `du_${tag}`,
    object: 'dispute',
    amount: 500 + ((index * 7919) % 250_000),
    currency: currencies[index % currencies.length] ?? 'usd',
    charge: `ch_${tag}`,
    payment_intent: `pi_${tag}`,
    reason: reasons[index % reasons.length] ?? 'general',
    status: 'needs_response',
    created: now - 60,
    evidence: {},
    evidence_details: { due_by: now + 7 * DAY + (index % 48) * 3600, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
  };
}

function eventPayload(id: string, type: string, object: Dispute, created: number): string {
  return JSON.stringify({ id, object: 'event', api_version: '2025-01-27.acacia', created, livemode: false, pending_webhooks: 1, type, data: { object } });
}

/** Signed now, with the server's clock (same machine): fresh for the 300 s tolerance through a phase. */
function signed(payload: string, secret: string, timestamp: number): Prepared {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  return { headers: { 'content-type': 'application/json', 'stripe-signature': signature, 'content-length': String(Buffer.byteLength(payload)) }, body: payload };
}

type Pool = { requests: Prepared[]; created: Accepted[] };

/** The phase's events, signed before its clock starts. */
function buildPool(job: StripePhaseJob): Pool {
  const now = nowSeconds();
  const requests: Prepared[] = [];
  const created: Accepted[] = [];
  if (job.phase === 'warm-up' || job.phase === 'created') {
    for (let index = 0; index < job.pool; index++) {
      const dispute = newDispute(job.runTag, counter, now);
      const eventId = `evt_${job.runTag}_c${counter++}`;
      const payload = eventPayload(eventId, 'charge.dispute.created', dispute, now);
      created.push({ dispute, eventId, payload });
      requests.push(signed(payload, job.secret, now));
    }
  } else if (job.phase === 'updated' || job.phase === 'duplicate') {
    if (disputes.length === 0) throw new Error(`no accepted disputes to send ${job.phase} events for`);
    for (let index = 0; index < job.pool; index++) {
      const accepted = disputes[index % disputes.length] as Accepted;
      if (job.phase === 'duplicate') {
        requests.push(signed(accepted.payload, job.secret, now));
        continue;
      }
      // Each round moves the evidence deadline a day further: a real change, the clock follows.
      const round = Math.floor(index / disputes.length) + 1;
      const { dispute } = accepted;
      const moved: Dispute = { ...dispute, evidence_details: { ...dispute.evidence_details, due_by: dispute.evidence_details.due_by + round * DAY } };
      requests.push(signed(eventPayload(`evt_${job.runTag}_u${counter++}`, 'charge.dispute.updated', moved, now), job.secret, now));
    }
  } else {
    const filler = 'x'.repeat(Math.max(0, (job.bytes ?? 1000) - 80));
    for (let index = 0; index < job.pool; index++) {
      const body = JSON.stringify({ subject: `Stripe dispute baseline ${counter++}`, type: 'charge.dispute.created', payload: filler });
      requests.push({ headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body });
    }
  }
  return { requests, created };
}

// ---- sending ----

async function post(agent: http.Agent, url: URL, request: Prepared): Promise<Answer> {
  const outgoing = http.request(url, { method: 'POST', agent, headers: request.headers });
  outgoing.setTimeout(30_000, () => outgoing.destroy(new Error('timed out after 30 s')));
  outgoing.end(request.body);
  try {
    const [response] = (await once(outgoing, 'response')) as [http.IncomingMessage];
    response.setEncoding('utf8');
    let body = '';
    for await (const chunk of response) body += chunk as string;
    return { status: response.statusCode ?? 0, body };
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether an answer is what the phase expects: a first delivery or a repeated one, committed. */
function expectation(phase: StripePhase): (answer: Answer) => 'ok' | 'unexpected' | 'failed' {
  if (phase === 'baseline' || phase === 'baseline warm-up') return (answer) => (answer.status === 201 ? 'ok' : 'failed');
  const duplicate = phase === 'duplicate';
  return (answer) => {
    if (answer.status !== 200) return 'failed';
    try {
      const parsed = JSON.parse(answer.body) as { received?: unknown; duplicate?: unknown };
      return parsed.received === true && parsed.duplicate === duplicate ? 'ok' : 'unexpected';
    } catch {
      return 'unexpected';
    }
  };
}

/** Sends the pool in order over `connections` keep-alive connections until the time (or the pool) is up. */
async function runPhase(job: StripePhaseJob): Promise<PhaseStats> {
  const signingStarted = performance.now();
  const pool = buildPool(job);
  const signingSeconds = (performance.now() - signingStarted) / 1000;
  const url = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const judge = expectation(job.phase);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const counts = { ok: 0, unexpected: 0, failed: 0 };
  let firstFailure: PhaseStats['firstFailure'] = null;
  let next = 0;
  const total = Math.round(job.seconds * 10);
  const started = performance.now();
  const deadline = started + job.seconds * 1000;
  const ticker = setInterval(() => send({ kind: 'progress', phase: job.phase, done: Math.min(total, Math.round((performance.now() - started) / 100)), total }), 250);
  const lane = async () => {
    while (performance.now() < deadline && next < pool.requests.length) {
      const index = next++;
      const sentAt = performance.now();
      const answer = await post(agent, url, pool.requests[index] as Prepared);
      latencies.push(performance.now() - sentAt);
      statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
      const verdict = judge(answer);
      counts[verdict] += 1;
      if (verdict === 'ok' && pool.created[index]) disputes.push(pool.created[index]);
      if (verdict !== 'ok' && !firstFailure) firstFailure = { status: answer.status, body: answer.body.slice(0, 500) };
    }
  };
  try {
    await Promise.all(Array.from({ length: job.connections }, lane));
  } finally {
    clearInterval(ticker);
    agent.destroy();
  }
  const durationSeconds = (performance.now() - started) / 1000;
  send({ kind: 'progress', phase: job.phase, done: total, total });
  const errors = statuses['0'] ?? 0;
  return {
    pool: pool.requests.length,
    sent: next,
    ok: counts.ok,
    unexpected: counts.unexpected,
    non2xx: counts.failed - errors,
    errors,
    statuses,
    durationSeconds: Math.round(durationSeconds * 1000) / 1000,
    eventsPerSecond: durationSeconds > 0 ? Math.round((counts.ok / durationSeconds) * 10) / 10 : 0,
    latencyMs: distribution(latencies, 3),
    exhausted: next >= pool.requests.length,
    bytes: Math.round(pool.requests.reduce((sum, request) => sum + request.body.length, 0) / Math.max(1, pool.requests.length)),
    signingSeconds: Math.round(signingSeconds * 1000) / 1000,
    firstFailure,
  };
}

async function handle(job: StripeLoadJob): Promise<StripeLoadReply> {
  if (job.kind === 'reset') {
    disputes = [];
    return { kind: 'reset' };
  }
  return { kind: 'phase', stats: await runPhase(job) };
}

if (process.send) {
  process.on('message', (message: unknown) => {
    handle(message as StripeLoadJob).then(send, (error: unknown) => send({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  });
  process.on('disconnect', () => process.exit(0));
}

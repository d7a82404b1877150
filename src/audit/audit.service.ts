import { createHash } from 'node:crypto';
import { inTransaction, type Executor } from '../db/database.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import * as repo from './audit.repository.js';
import type { SealedEvent } from './audit.repository.js';
import { canonicalJson } from './canonical-json.js';

/** Who did something: an API token (and the user behind it), the system, or a customer. */
export type Actor = { kind: 'token' | 'system' | 'customer'; id: string | null; name: string };

export const systemActor: Actor = { kind: 'system', id: null, name: 'paydesk' };

/** The chain starts from this hash for every tenant. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditInput = {
  tenantId: string;
  caseId?: string | null;
  actor: Actor;
  type: string;
  payload: Record<string, unknown>;
  at: string;
};

function hashEvent(prevHash: string, event: { tenant_id: string; seq: number; case_id: string | null; actor: string; type: string; payload: string; at: string }): string {
  const body = canonicalJson({
    tenant_id: event.tenant_id,
    seq: event.seq,
    case_id: event.case_id,
    actor: JSON.parse(event.actor) as unknown,
    type: event.type,
    payload: JSON.parse(event.payload) as unknown,
    at: event.at,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * Records one event. Call inside the transaction that made the change: the event commits or
 * rolls back with it. It joins the tenant's hash chain when sealed, moments later (see
 * sealTenant): writers then never queue behind one another for the chain head.
 */
export async function appendEvent(db: Executor, input: AuditInput): Promise<void> {
  await repo.insertPending(db, {
    tenant_id: input.tenantId,
    case_id: input.caseId ?? null,
    actor: canonicalJson(input.actor),
    type: input.type,
    payload: canonicalJson(input.payload),
    at: input.at,
  });
}

const SEAL_BATCH = 1000;

/**
 * Links a tenant's committed, unsealed events into its chain in the order they were written:
 * `hash = sha256(prev_hash + canonical_json(event))`. Holds the tenant's chain lock only for the
 * batch, so several nodes can run it; returns how many events were sealed.
 */
export async function sealTenant(db: Executor, tenantId: string): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await inTransaction(db, async (trx) => {
      const head = await repo.lockChainHead(trx, tenantId);
      const pending = await repo.listPending(trx, tenantId, SEAL_BATCH);
      let seq = head.audit_seq;
      let prevHash = head.audit_head;
      for (const event of pending) {
        seq += 1;
        const hash = hashEvent(prevHash, { ...event, seq });
        await repo.seal(trx, event.id, { seq, prev_hash: prevHash, hash });
        prevHash = hash;
      }
      if (pending.length > 0) await repo.setChainHead(trx, tenantId, seq, prevHash);
      return pending.length;
    });
    sealed += count;
    if (count < SEAL_BATCH) return sealed;
  }
}

/** Seals every tenant that has unsealed events (the background sealer's one step). */
export async function sealAll(db: Executor): Promise<number> {
  let sealed = 0;
  for (const tenantId of await repo.tenantsWithPending(db)) sealed += await sealTenant(db, tenantId);
  return sealed;
}

/** Seals first when needed, so what a reader sees is always in the chain. */
async function sealBeforeReading(db: Executor, tenantId: string): Promise<void> {
  if (await repo.hasPending(db, tenantId)) await sealTenant(db, tenantId);
}

export type TimelineItem = {
  id: number;
  seq: number;
  at: string;
  actor: Actor;
  type: string;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

export function toTimelineItem(row: SealedEvent): TimelineItem {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actor: JSON.parse(row.actor) as Actor,
    type: row.type,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/** One page of a case's events in chain order; the cursor carries the last sequence number. */
export async function caseTimeline(db: Executor, tenantId: string, caseId: string, query: { limit: number; cursor?: string }) {
  await sealBeforeReading(db, tenantId);
  const afterSeq = query.cursor ? Number(decodeCursor(query.cursor, 'timeline', ['int'])[0]) : 0;
  const rows = await repo.listCaseEvents(db, tenantId, caseId, afterSeq, query.limit + 1);
  return toPage(rows, query.limit, toTimelineItem, (last) => encodeCursor('timeline', [last.seq]));
}

export type VerifyResult =
  | { ok: true; events: number }
  | { ok: false; events: number; broken: { seq: number; id: number | null; reason: string } };

/** Seals what is pending, then walks the chain in order and reports the first event that was edited, removed or reordered. */
export async function verifyChain(db: Executor, tenantId: string, onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
  await sealBeforeReading(db, tenantId);
  const state = await repo.chainState(db, tenantId);
  const total = state?.audit_seq ?? 0;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const batch = await repo.listTenantEvents(db, tenantId, expectedSeq - 1, 2000);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.seq !== expectedSeq) {
        return { ok: false, events: checked, broken: { seq: expectedSeq, id: null, reason: `event ${expectedSeq} is missing (next present is ${row.seq})` } };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, events: checked, broken: { seq: row.seq, id: row.id, reason: 'prev_hash does not match the previous event' } };
      }
      let recomputed: string;
      try {
        recomputed = hashEvent(prevHash, row);
      } catch {
        return { ok: false, events: checked, broken: { seq: row.seq, id: row.id, reason: 'stored JSON is unreadable' } };
      }
      if (recomputed !== row.hash) {
        return { ok: false, events: checked, broken: { seq: row.seq, id: row.id, reason: 'content does not match its hash (edited)' } };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked, total);
  }
  if (checked !== total || (state && state.audit_head !== prevHash)) {
    return { ok: false, events: checked, broken: { seq: checked + 1, id: null, reason: `the chain ends at ${checked} but the tenant recorded ${total} events (tail removed)` } };
  }
  return { ok: true, events: checked };
}

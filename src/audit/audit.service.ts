import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { AuditEventRow } from '../db/schema.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import * as repo from './audit.repository.js';
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

/** Appends one event to the tenant's hash chain. Call inside the transaction that made the change. */
export async function appendEvent(db: Executor, input: AuditInput): Promise<AuditEventRow> {
  const { seq, head } = await repo.claimNextSeq(db, input.tenantId);
  const event = {
    tenant_id: input.tenantId,
    seq,
    case_id: input.caseId ?? null,
    actor: canonicalJson(input.actor),
    type: input.type,
    payload: canonicalJson(input.payload),
    at: input.at,
    prev_hash: head,
  };
  const hash = hashEvent(head, event);
  await repo.setHead(db, input.tenantId, hash);
  return repo.insertEvent(db, { ...event, hash });
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

export function toTimelineItem(row: AuditEventRow): TimelineItem {
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
  const afterSeq = query.cursor ? Number(decodeCursor(query.cursor, 'timeline', ['int'])[0]) : 0;
  const rows = await repo.listCaseEvents(db, tenantId, caseId, afterSeq, query.limit + 1);
  return toPage(rows, query.limit, toTimelineItem, (last) => encodeCursor('timeline', [last.seq]));
}

export type VerifyResult =
  | { ok: true; events: number }
  | { ok: false; events: number; broken: { seq: number; id: number | null; reason: string } };

/** Walks a tenant's chain in order and reports the first event that was edited, removed or reordered. */
export async function verifyChain(db: Executor, tenantId: string, onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
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

import { randomUUID } from 'node:crypto';
import { appendEvent } from '../audit/audit.service.js';
import { actorOf, findUser, type AuthContext } from '../auth/auth.service.js';
import { allows } from '../auth/roles.js';
import type { Links } from '../cases/case-summary.js';
import type { CaseResponse } from '../cases/cases.schema.js';
import { createCaseAs, getCase, listCases, requireCase } from '../cases/cases.service.js';
import { escalateCaseRow } from '../cases/escalation.service.js';
import { addFollowUp } from '../cases/follow-ups.service.js';
import { findOrCreateCustomer } from '../customers/customers.service.js';
import type { CustomerInput } from '../customers/customers.schema.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CallRow, CaseRow } from '../db/schema.js';
import { AppError, notFound, type FieldError } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import { listTeams } from '../tenants/tenants.service.js';
import type { CallFirstBody, CallResponse, LogCallBody } from './calls.schema.js';
import * as repo from './calls.repository.js';
import { applyCallContact } from './contact.js';

/** What a call needs besides the database: the request's clock, links for notifications, the reader's language. */
export type CallDeps = { now: Date; links: Links; locale: Locale };

/** Phone clocks and agents' clocks drift; a call "ending" this far ahead of the server is still accepted. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** No real call lasts a day: a longer one is a typo in a date. */
const LONGEST_CALL_MS = 24 * 60 * 60_000;
/** Calls are logged as they happen or soon after; an older start is a typo (and would backdate a new case). */
const OLDEST_CALL_MS = 30 * 24 * 60 * 60_000;
/** A case in these statuses is still being worked on, so a new call from its customer joins it. */
const openStatuses = ['new', 'open', 'pending_customer', 'pending_internal', 'paused'] as const;

export function presentCall(row: CallRow): CallResponse {
  return {
    id: row.id,
    case_id: row.case_id,
    direction: row.direction as CallResponse['direction'],
    caller: row.caller,
    callee: row.callee,
    agent_id: row.agent_id,
    agent_name: row.agent_name,
    started_at: row.started_at,
    ended_at: row.ended_at,
    duration_seconds: row.duration_seconds,
    summary: row.summary,
    outcome: row.outcome as CallResponse['outcome'],
    follow_up_id: row.follow_up_id,
    transferred_to_team: row.transferred_to_team,
    transferred_to_tier: row.transferred_to_tier,
    created_at: row.created_at,
  };
}

/** The rules a schema cannot see alone (the current time, how fields fit together), every problem at once. */
function checkCall(input: LogCallBody, now: Date, customerNumber?: 'caller' | 'callee'): void {
  const errors: FieldError[] = [];
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const started = Date.parse(input.started_at);
  if (started > latest) errors.push({ field: 'body.started_at', message: 'lies in the future' });
  else if (started < now.getTime() - OLDEST_CALL_MS) errors.push({ field: 'body.started_at', message: 'more than 30 days ago' });
  if (input.ended_at !== undefined) {
    const ended = Date.parse(input.ended_at);
    if (ended < started) errors.push({ field: 'body.ended_at', message: 'is before started_at' });
    else if (ended - started > LONGEST_CALL_MS) errors.push({ field: 'body.ended_at', message: 'more than 24 hours after started_at' });
    if (ended > latest) errors.push({ field: 'body.ended_at', message: 'lies in the future' });
  }
  if (input.follow_up && Date.parse(input.follow_up.due_at) <= now.getTime()) errors.push({ field: 'body.follow_up.due_at', message: 'a promised follow-up must lie in the future' });
  if (input.outcome === 'follow_up' && !input.follow_up) errors.push({ field: 'body.follow_up', message: 'outcome "follow_up" needs the promised follow_up' });
  if (input.outcome === 'transferred' && !input.transfer) errors.push({ field: 'body.transfer', message: 'outcome "transferred" needs transfer' });
  if (customerNumber && !input[customerNumber]) {
    errors.push({ field: `body.${customerNumber}`, message: `the customer's number (${customerNumber} on an ${input.direction} call) finds or opens the case` });
  }
  if (errors.length > 0) throw new AppError('validation_failed', { key: 'detail.call_invalid' }, errors);
}

/** The team a transfer goes to: the one named, else the team of the tier named, else (undefined) the next on the escalation path. */
async function transferTarget(trx: Executor, tenantId: string, transfer: NonNullable<LogCallBody['transfer']>): Promise<string | undefined> {
  if (transfer.tier === undefined) return transfer.team;
  const teams = await listTeams(trx, tenantId);
  if (transfer.team) {
    const named = teams.find((team) => team.code === transfer.team);
    if (named && named.tier !== transfer.tier) {
      throw new AppError('validation_failed', { key: 'detail.call_invalid' }, [{ field: 'body.transfer.tier', message: `team ${transfer.team} is tier ${named.tier ?? 'none'}, not ${transfer.tier}` }]);
    }
    return transfer.team;
  }
  const ofTier = teams.filter((team) => team.tier === transfer.tier);
  const chosen = ofTier.find((team) => team.code === `L${transfer.tier}`) ?? ofTier[0];
  if (!chosen) throw new AppError('validation_failed', { key: 'detail.call_invalid' }, [{ field: 'body.transfer.tier', message: `no team of tier ${transfer.tier} in this tenant` }]);
  return chosen.code;
}

/** Who took the call: the token's user, or (for supervisors filling in for someone) the user named. */
async function callAgent(trx: Executor, auth: AuthContext, agentId: string | undefined): Promise<{ id: string; name: string }> {
  if (!agentId || agentId === auth.userId) return { id: auth.userId ?? auth.tokenId, name: auth.name };
  if (!allows(auth.role, 'calls:attribute')) throw new AppError('forbidden', { key: 'detail.call_agent_needs_supervisor' });
  const user = await findUser(trx, auth.tenantId, agentId);
  if (!user || !user.active) throw new AppError('validation_failed', { key: 'detail.assignee_inactive', params: { id: agentId } }, [{ field: 'body.agent_id', message: 'no active user with this id' }]);
  return { id: user.id, name: user.name };
}

/**
 * Records one call on a locked case and does what it promised: a follow-up (reminded through the
 * SLA timers when due), a transfer (the ordinary escalation), the contact's effect on the clocks,
 * and a `call.logged` event with every field.
 */
async function recordCall(trx: Executor, auth: AuthContext, current: CaseRow, input: LogCallBody, deps: CallDeps): Promise<CallRow> {
  const { now } = deps;
  const tenantId = auth.tenantId;
  const actor = actorOf(auth);
  const agent = await callAgent(trx, auth, input.agent_id);
  const followUp = input.follow_up ? await addFollowUp(trx, auth, current.id, input.follow_up, now) : null;
  let transferredTo: { team: string | null; tier: number | null } = { team: null, tier: null };
  if (input.transfer) {
    if (current.status === 'resolved' || current.status === 'closed') throw new AppError('conflict', { key: 'detail.case_closed_for_escalation' });
    const team = await transferTarget(trx, tenantId, input.transfer);
    const moved = await escalateCaseRow(trx, current, { reason: input.transfer.reason, team, strict: true }, actor, now, deps.links);
    const after = await requireCase(trx, tenantId, current.id);
    transferredTo = { team: moved.to, tier: after.tier };
  }
  const row: CallRow = {
    id: randomUUID(),
    tenant_id: tenantId,
    case_id: current.id,
    direction: input.direction,
    caller: input.caller ?? null,
    callee: input.callee ?? null,
    agent_id: agent.id,
    agent_name: agent.name,
    started_at: input.started_at,
    ended_at: input.ended_at ?? null,
    duration_seconds: input.ended_at === undefined ? null : Math.round((Date.parse(input.ended_at) - Date.parse(input.started_at)) / 1000),
    summary: input.summary,
    outcome: input.outcome,
    follow_up_id: followUp?.id ?? null,
    transferred_to_team: transferredTo.team,
    transferred_to_tier: transferredTo.tier,
    created_at: now.toISOString(),
  };
  await repo.insertCall(trx, row);
  const { id, tenant_id: _tenant, case_id: _case, created_at: _created, ...fields } = row;
  await appendEvent(trx, { tenantId, caseId: current.id, actor, type: 'call.logged', payload: { call_id: id, ...fields, follow_up: followUp ? { due_at: followUp.due_at, note: followUp.note } : null }, at: now.toISOString() });
  await applyCallContact(trx, await requireCase(trx, tenantId, current.id), { direction: input.direction, outcome: input.outcome, startedAt: input.started_at }, actor, now, deps.locale);
  return row;
}

/** Logs a call on a known case. */
export async function logCaseCall(db: Executor, auth: AuthContext, caseId: string, input: LogCallBody, deps: CallDeps): Promise<CallResponse> {
  checkCall(input, deps.now);
  return inTransaction(db, async (trx) => {
    const current = await requireCase(trx, auth.tenantId, caseId, true);
    return presentCall(await recordCall(trx, auth, current, input, deps));
  });
}

/**
 * Call first, case second: the customer's number finds the customer (or makes one); the call joins
 * the customer's most recently updated open case, or opens a phone case from the summary.
 */
export async function logCallFirst(db: Executor, auth: AuthContext, input: CallFirstBody, deps: CallDeps): Promise<{ call: CallResponse; case: CaseResponse; case_created: boolean }> {
  const customerSide = input.direction === 'inbound' ? 'caller' : 'callee';
  checkCall(input, deps.now, input.case_id ? undefined : customerSide);
  const { now } = deps;
  const tenantId = auth.tenantId;
  const actor = actorOf(auth);
  return inTransaction(db, async (trx) => {
    let caseId = input.case_id;
    let created = false;
    if (!caseId) {
      const phone = input[customerSide];
      if (!phone) throw new Error('checkCall lets no call without the customer number through');
      const identity: CustomerInput = input.customer_name ? { phone, name: input.customer_name } : { phone };
      const { customer } = await findOrCreateCustomer(trx, tenantId, identity, actor, now);
      if (!input.new_case) {
        const open = await listCases(trx, tenantId, { status: [...openStatuses], customer: customer.id, sort: '-updated_at', limit: 1 }, now);
        caseId = open.items[0]?.id;
      }
      if (!caseId) {
        const subject = input.subject ?? firstLine(input.summary);
        // The customer raised the problem when the call began: the case's clocks start there too.
        const opened = await createCaseAs(trx, tenantId, actor, { subject, description: input.summary, channel: 'phone', customer_id: customer.id }, now, new Date(input.started_at));
        caseId = opened.id;
        created = true;
      }
    }
    const current = await requireCase(trx, tenantId, caseId, true);
    const call = await recordCall(trx, auth, current, input, deps);
    return { call: presentCall(call), case: await getCase(trx, tenantId, caseId, now), case_created: created };
  });
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((part) => part.trim().length > 0)?.trim() ?? text.trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

export async function getCall(db: Executor, tenantId: string, id: string): Promise<CallResponse> {
  const row = await repo.findCall(db, tenantId, id);
  if (!row) throw notFound('detail.call_not_found', id);
  return presentCall(row);
}

export async function listCaseCalls(db: Executor, tenantId: string, caseId: string, query: { limit: number; cursor?: string | undefined }) {
  await requireCase(db, tenantId, caseId);
  const after = query.cursor ? (decodeCursor(query.cursor, 'calls', ['instant', 'id']) as [string, string]) : undefined;
  const rows = await repo.listCaseCalls(db, tenantId, caseId, after, query.limit + 1);
  return toPage(rows, query.limit, presentCall, (last) => encodeCursor('calls', [last.started_at, last.id]));
}

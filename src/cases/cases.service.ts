import { randomUUID } from 'node:crypto';
import { appendEvent, caseTimeline, type Actor } from '../audit/audit.service.js';
import { actorOf, findUser, type AuthContext } from '../auth/auth.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CaseRow, CaseUpdate } from '../db/schema.js';
import { customerExists, findOrCreateCustomer, getCustomer, toCustomerResponse } from '../customers/customers.service.js';
import { AppError, notFound } from '../http/errors.js';
import { decodeCursor, encodeCursor, toPage, type CursorKind } from '../shared/cursor.js';
import { nextCaseNumber, requireTeam } from '../tenants/tenants.service.js';
import type { CaseResponse, CreateCaseBody, ListCasesQuery, UpdateCaseBody } from './cases.schema.js';
import * as repo from './cases.repository.js';
import { priorityRank, refNames, type RefName } from './taxonomy.js';
import { presentCase, presentCases, refreshClocks } from './case-clocks.js';
import { autoCategory, priorityHint, triageOf } from '../diagnosis/triage.js';
import type { ClockResponse } from '../sla/policies.schema.js';

const REPEAT_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export function toCaseResponse(row: CaseRow, clocks: ClockResponse[] = []): CaseResponse {
  const refs: Record<string, string> = {};
  for (const name of refNames) {
    const value = row[name];
    if (value) refs[name] = value;
  }
  const triage = triageOf({ category: row.category, channel: row.channel, amount: row.amount, repeat_of: row.repeat_of, refs });
  // WeChat Pay calls the merchant order number out_trade_no; its complaints show both names.
  if (row.channel === 'wechatpay' && row.order_id) refs.out_trade_no = row.order_id;
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    description: row.description,
    channel: row.channel as CaseResponse['channel'],
    status: row.status as CaseResponse['status'],
    resolution: row.resolution as CaseResponse['resolution'],
    category: row.category as CaseResponse['category'],
    category_source: row.category_source === 'auto' ? 'auto' : 'manual',
    category_confidence: row.category_confidence,
    triage,
    priority: row.priority as CaseResponse['priority'],
    customer_id: row.customer_id,
    assignee_id: row.assignee_id,
    team: row.team,
    tier: row.tier,
    refs,
    amount: row.amount,
    currency: row.currency,
    tags: JSON.parse(row.tags) as string[],
    repeat_of: row.repeat_of,
    due_at: row.due_at,
    clocks,
    first_response_at: row.first_response_at,
    resolved_at: row.resolved_at,
    closed_at: row.closed_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function requireCase(db: Executor, tenantId: string, id: string, forUpdate = false): Promise<CaseRow> {
  const row = forUpdate ? await repo.findCaseForUpdate(db, tenantId, id) : await repo.findCase(db, tenantId, id);
  if (!row) throw notFound('detail.case_not_found', id);
  return row;
}

async function checkAssignment(db: Executor, tenantId: string, assigneeId: string | null | undefined, team: string | null | undefined) {
  if (assigneeId) {
    const user = await findUser(db, tenantId, assigneeId);
    if (!user || !user.active) {
      throw new AppError('validation_failed', { key: 'detail.assignee_inactive', params: { id: assigneeId } }, [{ field: 'body.assignee_id', message: 'no active user with this id' }]);
    }
  }
  await requireTeam(db, tenantId, team, 'body.team');
}

function uniqueTags(tags: string[] | undefined): string[] {
  return [...new Set(tags ?? [])].sort();
}

/** Opens a case: finds or creates the customer, numbers it, links repeats, writes the first event. */
export async function createCase(db: Executor, auth: AuthContext, input: CreateCaseBody, now: Date): Promise<CaseResponse> {
  return createCaseAs(db, auth.tenantId, actorOf(auth), input, now);
}

/**
 * Opens a case on behalf of anyone: a token's user, or a channel importing a platform's complaint.
 * `raisedAt` backdates the case to when the customer raised the problem elsewhere (a complaint
 * fetched late still runs its platform clocks from the platform's creation time).
 */
export async function createCaseAs(db: Executor, tenantId: string, actor: Actor, input: CreateCaseBody, now: Date, raisedAt?: Date): Promise<CaseResponse> {
  // Auto-triage: a case without a category gets one from its words (worked out before any lock is taken).
  const auto = input.category ? null : autoCategory(`${input.subject}\n${input.description}`, input.refs?.error_code);
  return inTransaction(db, async (trx) => {
    let customerId: string | null = null;
    if (input.customer_id) {
      if (!(await customerExists(trx, tenantId, input.customer_id))) throw notFound('detail.customer_not_found', input.customer_id);
      customerId = input.customer_id;
    } else if (input.customer) {
      customerId = (await findOrCreateCustomer(trx, tenantId, input.customer, actor, now)).customer.id;
    }
    await checkAssignment(trx, tenantId, input.assignee_id, input.team);
    const refs = input.refs ?? {};
    const at = (raisedAt && raisedAt < now ? raisedAt : now).toISOString();
    const repeat = customerId ? await repo.findRepeatOf(trx, tenantId, customerId, refs, new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString()) : undefined;
    const tags = uniqueTags(input.tags);
    const id = randomUUID();
    const category = input.category ?? auto?.category ?? 'other';
    // An auto-triaged case without a priority takes the hint; anything else keeps the old default.
    const priority = input.priority ?? (auto ? priorityHint({ category, channel: input.channel, amount: input.amount ?? null, repeat_of: repeat?.id ?? null, refs: refs as Record<string, string> }) : 'normal');
    const number = await nextCaseNumber(trx, tenantId);
    const refColumns = Object.fromEntries(refNames.map((name) => [name, refs[name] ?? null])) as Record<RefName, string | null>;
    const row: CaseRow = {
      id,
      tenant_id: tenantId,
      number,
      subject: input.subject,
      description: input.description,
      channel: input.channel,
      customer_id: customerId,
      category,
      category_source: auto ? 'auto' : 'manual',
      category_confidence: auto?.confidence ?? null,
      priority,
      priority_rank: priorityRank[priority],
      status: 'new',
      resolution: null,
      assignee_id: input.assignee_id ?? null,
      team: input.team ?? null,
      tier: input.tier ?? null,
      ...refColumns,
      amount: input.amount ?? null,
      currency: input.currency ?? null,
      tags: JSON.stringify(tags),
      repeat_of: repeat?.id ?? null,
      due_at: input.due_at ?? null,
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      created_at: at,
      updated_at: now.toISOString(),
    };
    await repo.insertCase(trx, row);
    await repo.insertTags(trx, tenantId, id, tags);
    const response = toCaseResponse(row);
    await appendEvent(trx, { tenantId, caseId: id, actor, type: 'case.created', payload: { case: response }, at: now.toISOString() });
    if (repeat) {
      await appendEvent(trx, { tenantId, caseId: id, actor: { kind: 'system', id: null, name: 'paydesk' }, type: 'case.repeat_linked', payload: { repeat_of: repeat.id, repeat_of_number: repeat.number }, at: now.toISOString() });
    }
    await refreshClocks(trx, tenantId, id, { type: 'recompute' }, now);
    return presentCase(trx, await requireCase(trx, tenantId, id), now);
  });
}

/**
 * Adds one tag to a locked case on behalf of a channel (a dispute's outcome, say): both tag stores,
 * the timeline event an agent's edit writes, and a clock re-match, since policies can match tags.
 */
export async function addCaseTag(trx: Executor, current: CaseRow, tag: string, actor: Actor, now: Date): Promise<void> {
  const oldTags = JSON.parse(current.tags) as string[];
  if (oldTags.includes(tag)) return;
  const newTags = uniqueTags([...oldTags, tag]);
  const at = now.toISOString();
  await repo.updateCase(trx, current.tenant_id, current.id, { tags: JSON.stringify(newTags), updated_at: at });
  await repo.replaceTags(trx, current.tenant_id, current.id, newTags);
  await appendEvent(trx, { tenantId: current.tenant_id, caseId: current.id, actor, type: 'case.tags_changed', payload: { from: oldTags, to: newTags }, at });
  await refreshClocks(trx, current.tenant_id, current.id, { type: 'recompute' }, now);
}

/** The tenant's case with this number (the `[#42]` people quote), or undefined. */
export async function findCaseByNumber(db: Executor, tenantId: string, number: number): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('tenant_id', '=', tenantId).where('number', '=', number).executeTakeFirst();
}

export async function getCase(db: Executor, tenantId: string, id: string, now: Date): Promise<CaseResponse> {
  return presentCase(db, await requireCase(db, tenantId, id), now);
}

const sortColumns: Record<string, repo.SortColumn> = { created_at: 'created_at', updated_at: 'updated_at', number: 'number', priority: 'priority_rank', due_at: 'due_at' };

export async function listCases(db: Executor, tenantId: string, query: ListCasesQuery, now: Date) {
  const descending = query.sort.startsWith('-');
  const sortKey = query.sort.replace(/^-/, '');
  const primary = sortColumns[sortKey] ?? 'created_at';
  // Priority ties break on age so a page boundary never splits equal ranks unpredictably.
  const columns: repo.SortColumn[] = primary === 'priority_rank' ? ['priority_rank', 'created_at'] : [primary];
  const kinds: CursorKind[] = [...columns.map((column): CursorKind => (column === 'number' || column === 'priority_rank' ? 'int' : 'instant')), 'id'];
  const after = query.cursor ? decodeCursor(query.cursor, query.sort, kinds) : undefined;
  const category = query.category ? (query.category.endsWith('*') ? { prefix: query.category.slice(0, -1) } : { exact: query.category }) : undefined;
  const refs: Partial<Record<RefName, string>> = {};
  for (const name of refNames) {
    const value = query[name];
    if (value) refs[name] = value;
  }
  const rows = await repo.listCases(
    db,
    tenantId,
    {
      statuses: query.status,
      category,
      priorities: query.priority,
      assignee: query.assignee,
      team: query.team,
      channels: query.channel,
      customerId: query.customer,
      tag: query.tag,
      q: query.q,
      refs,
      dueBefore: query.due_before,
      createdAfter: query.created_after,
      createdBefore: query.created_before,
    },
    { columns, descending, after, limit: query.limit + 1 },
  );
  const page = toPage(rows, query.limit, (row) => row, (last) => encodeCursor(query.sort, [...columns.map((column) => last[column] as string | number), last.id]));
  return { items: await presentCases(db, tenantId, page.items, now), next_cursor: page.next_cursor };
}

type Change = [unknown, unknown];

/** Applies a PATCH; assignment, tag and field changes each leave their own timeline event. */
export async function updateCase(db: Executor, auth: AuthContext, id: string, input: UpdateCaseBody, now: Date): Promise<CaseResponse> {
  const actor = actorOf(auth);
  return inTransaction(db, async (trx) => {
    const tenantId = auth.tenantId;
    const current = await requireCase(trx, tenantId, id, true);
    await checkAssignment(trx, tenantId, input.assignee_id, input.team);
    const at = now.toISOString();
    const set: CaseUpdate = {};
    const fieldChanges: Record<string, Change> = {};
    const assignmentChanges: Record<string, Change> = {};
    const note = (target: Record<string, Change>, column: keyof CaseRow, value: unknown) => {
      if (value === undefined || current[column] === value) return;
      target[column] = [current[column], value];
      (set as Record<string, unknown>)[column] = value;
    };
    note(fieldChanges, 'subject', input.subject);
    note(fieldChanges, 'description', input.description);
    note(fieldChanges, 'category', input.category);
    if (set.category) {
      // A person chose: the category is theirs now, and overruling the classifier is training data.
      set.category_source = 'manual';
      set.category_confidence = null;
      if (current.category_source === 'auto') {
        // The words as they stand after this change are what the correct category belongs to.
        const words = { subject: input.subject ?? current.subject, description: input.description ?? current.description };
        await recordCorrection(trx, { ...current, ...words }, set.category, actor, at);
      }
    }
    note(fieldChanges, 'priority', input.priority);
    if (set.priority) set.priority_rank = priorityRank[set.priority as keyof typeof priorityRank];
    note(fieldChanges, 'amount', input.amount);
    note(fieldChanges, 'currency', input.currency);
    note(fieldChanges, 'due_at', input.due_at);
    for (const name of refNames) note(fieldChanges, name, input.refs?.[name]);
    note(assignmentChanges, 'assignee_id', input.assignee_id);
    note(assignmentChanges, 'team', input.team);
    note(assignmentChanges, 'tier', input.tier);
    const amount = set.amount === undefined ? current.amount : set.amount;
    const currency = set.currency === undefined ? current.currency : set.currency;
    if ((amount === null) !== (currency === null)) {
      throw new AppError('validation_failed', undefined, [{ field: 'body.currency', message: 'amount and currency go together' }]);
    }
    const oldTags = JSON.parse(current.tags) as string[];
    const newTags = input.tags ? uniqueTags(input.tags) : oldTags;
    const tagsChanged = JSON.stringify(oldTags) !== JSON.stringify(newTags);
    if (tagsChanged) {
      set.tags = JSON.stringify(newTags);
      await repo.replaceTags(trx, tenantId, id, newTags);
    }
    if (Object.keys(set).length > 0) {
      set.updated_at = at;
      await repo.updateCase(trx, tenantId, id, set);
    }
    if (Object.keys(fieldChanges).length > 0) await appendEvent(trx, { tenantId, caseId: id, actor, type: 'case.updated', payload: { changes: fieldChanges }, at });
    if (Object.keys(assignmentChanges).length > 0) await appendEvent(trx, { tenantId, caseId: id, actor, type: 'case.assigned', payload: { changes: assignmentChanges }, at });
    if (tagsChanged) await appendEvent(trx, { tenantId, caseId: id, actor, type: 'case.tags_changed', payload: { from: oldTags, to: newTags }, at });
    const clockInputs = ['category', 'priority', 'team'].some((column) => column in set) || tagsChanged;
    if (clockInputs) await refreshClocks(trx, tenantId, id, { type: 'recompute', replan: 'priority' in set }, now);
    return presentCase(trx, await requireCase(trx, tenantId, id), now);
  });
}

async function recordCorrection(trx: Executor, current: CaseRow, to: string, actor: Actor, at: string) {
  await trx
    .insertInto('classifier_corrections')
    .values({ id: randomUUID(), tenant_id: current.tenant_id, case_id: current.id, text: `${current.subject}\n${current.description}`.trim(), from_category: current.category, to_category: to, confidence: current.category_confidence, corrected_by: actor.id ?? actor.name, created_at: at })
    .execute();
  await appendEvent(trx, { tenantId: current.tenant_id, caseId: current.id, actor, type: 'case.category_corrected', payload: { from: current.category, to, confidence: current.category_confidence }, at });
}

/** Agents' corrections of auto-triage, oldest first, as training examples (`paydesk corpus export`). */
export async function listCorrections(db: Executor, tenantId: string | null) {
  let query = db.selectFrom('classifier_corrections').select(['text', 'to_category', 'from_category', 'tenant_id', 'created_at']);
  if (tenantId) query = query.where('tenant_id', '=', tenantId);
  return query.orderBy('created_at').execute();
}

export async function getTimeline(db: Executor, tenantId: string, caseId: string, query: { limit: number; cursor?: string }) {
  await requireCase(db, tenantId, caseId);
  return caseTimeline(db, tenantId, caseId, query);
}

export async function customerWithCases(db: Executor, tenantId: string, customerId: string, now: Date) {
  const customer = await getCustomer(db, tenantId, customerId);
  const cases = await repo.listCustomerCases(db, tenantId, customerId, 100);
  return { ...toCustomerResponse(customer), cases: await presentCases(db, tenantId, cases, now) };
}


/** Cases of a tenant by id, for batch work; missing ids are simply absent. */
export const findCases = repo.findCases;

/** A team's open cases for a shift handover. */
export const teamOpenCases = repo.teamOpenCases;

/** The case, locked for background work, or undefined when a request holds it (try again later). */
export const lockCaseIfFree = repo.lockCaseIfFree;

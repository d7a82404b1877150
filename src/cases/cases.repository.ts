import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import { containsText, isPostgres } from '../db/dialect.js';
import type { CaseRow, CaseUpdate, MessageRow, NewCase } from '../db/schema.js';
import { repeatRefs, type RefName } from './taxonomy.js';

const caseColumns = [
  'id', 'tenant_id', 'number', 'subject', 'description', 'channel', 'customer_id', 'category', 'priority', 'priority_rank',
  'status', 'resolution', 'assignee_id', 'team', 'tier', 'transaction_id', 'order_id', 'refund_id', 'dispute_id',
  'platform_complaint_id', 'merchant_no', 'terminal_serial', 'error_code', 'amount', 'currency', 'tags', 'repeat_of',
  'due_at', 'first_response_at', 'resolved_at', 'closed_at', 'created_at', 'updated_at', 'category_source', 'category_confidence',
] as const;

const messageColumns = ['id', 'tenant_id', 'case_id', 'direction', 'author_type', 'author_id', 'author_name', 'body', 'created_at', 'delivery_status', 'delivery_error'] as const;

export async function insertCase(db: Executor, row: NewCase) {
  await db.insertInto('cases').values(row).execute();
}

export async function findCase(db: Executor, tenantId: string, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').select(caseColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/**
 * Reads a case and, on PostgreSQL, locks its row for the rest of the transaction. Case writes lock
 * the case first and the tenant's audit chain last, so two writers never wait on each other in a
 * cycle. SQLite runs one writer at a time and needs no row lock.
 */
export async function findCaseForUpdate(db: Executor, tenantId: string, id: string): Promise<CaseRow | undefined> {
  const query = db.selectFrom('cases').select(caseColumns).where('tenant_id', '=', tenantId).where('id', '=', id);
  // NO KEY UPDATE: writers of one case queue up, yet a new case may still reference it (repeat_of).
  return (isPostgres(db) ? query.forNoKeyUpdate() : query).executeTakeFirst();
}

export async function updateCase(db: Executor, tenantId: string, id: string, changes: CaseUpdate) {
  await db.updateTable('cases').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function insertTags(db: Executor, tenantId: string, caseId: string, tags: string[]) {
  if (tags.length > 0) await db.insertInto('case_tags').values(tags.map((tag) => ({ tenant_id: tenantId, case_id: caseId, tag }))).execute();
}

export async function replaceTags(db: Executor, tenantId: string, caseId: string, tags: string[]) {
  await db.deleteFrom('case_tags').where('tenant_id', '=', tenantId).where('case_id', '=', caseId).execute();
  await insertTags(db, tenantId, caseId, tags);
}

/** The most recent earlier case of this customer sharing any payment reference, since `since`. */
export async function findRepeatOf(db: Executor, tenantId: string, customerId: string, refs: Partial<Record<RefName, string>>, since: string) {
  const present = repeatRefs.filter((name) => refs[name]);
  if (present.length === 0) return undefined;
  return db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('created_at', '>=', since)
    .where((eb) => eb.or(present.map((name) => eb(name, '=', refs[name] as string))))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export type SortColumn = 'created_at' | 'updated_at' | 'number' | 'priority_rank' | 'due_at';

export type CaseFilter = {
  statuses?: string[];
  category?: { exact: string } | { prefix: string };
  priorities?: string[];
  assignee?: string | 'none';
  team?: string;
  channels?: string[];
  customerId?: string;
  tag?: string;
  q?: string;
  refs: Partial<Record<RefName, string>>;
  dueBefore?: string;
  createdAfter?: string;
  createdBefore?: string;
};

export type CasePage = {
  columns: SortColumn[];
  descending: boolean;
  after?: (string | number)[];
  limit: number;
};

export async function listCases(db: Executor, tenantId: string, filter: CaseFilter, page: CasePage): Promise<CaseRow[]> {
  let query = db.selectFrom('cases').select(caseColumns).where('tenant_id', '=', tenantId);
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  if (filter.priorities) query = query.where('priority', 'in', filter.priorities);
  if (filter.channels) query = query.where('channel', 'in', filter.channels);
  if (filter.category) {
    const category = filter.category;
    query = 'exact' in category ? query.where('category', '=', category.exact) : query.where('category', 'like', `${category.prefix}%`);
  }
  if (filter.assignee === 'none') query = query.where('assignee_id', 'is', null);
  else if (filter.assignee) query = query.where('assignee_id', '=', filter.assignee);
  if (filter.team) query = query.where('team', '=', filter.team);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  for (const [name, value] of Object.entries(filter.refs)) {
    if (value) query = query.where(name as RefName, '=', value);
  }
  if (filter.dueBefore) query = query.where('due_at', '<', filter.dueBefore);
  if (filter.createdAfter) query = query.where('created_at', '>=', filter.createdAfter);
  if (filter.createdBefore) query = query.where('created_at', '<', filter.createdBefore);
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where((eb) => eb.exists(eb.selectFrom('case_tags').select('case_tags.case_id').whereRef('case_tags.case_id', '=', 'cases.id').where('case_tags.tag', '=', tag)));
  }
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => {
      const inMessages: Expression<SqlBool> = eb.exists(
        eb.selectFrom('messages').select('messages.id').whereRef('messages.case_id', '=', 'cases.id').where(containsText('messages.body', q)),
      );
      const matches = [containsText('cases.subject', q), containsText('cases.description', q), inMessages];
      // "#123" or "123" also finds case number 123.
      const number = /^#?(\d{1,15})$/.exec(q.trim())?.[1];
      if (number) matches.push(eb('cases.number', '=', Number(number)));
      return eb.or(matches);
    });
  }
  if (page.columns.includes('due_at')) query = query.where('due_at', 'is not', null);
  const keys = [...page.columns, 'id'] as const;
  if (page.after) {
    const tuple = sql<SqlBool>`(${sql.join(keys.map((key) => sql.ref(`cases.${key}`)))}) ${sql.raw(page.descending ? '<' : '>')} (${sql.join(page.after)})`;
    query = query.where(tuple);
  }
  for (const key of keys) query = query.orderBy(key, page.descending ? 'desc' : 'asc');
  return query.limit(page.limit).execute();
}

export async function insertMessage(db: Executor, row: MessageRow) {
  await db.insertInto('messages').values(row).execute();
}

export async function setDelivery(db: Executor, tenantId: string, messageId: string, status: string, error: string | null) {
  await db.updateTable('messages').set({ delivery_status: status, delivery_error: error }).where('tenant_id', '=', tenantId).where('id', '=', messageId).execute();
}

export async function findMessage(db: Executor, tenantId: string, caseId: string, id: string) {
  return db.selectFrom('messages').select(messageColumns).where('id', '=', id).where('tenant_id', '=', tenantId).where('case_id', '=', caseId).executeTakeFirst();
}

export async function listMessages(db: Executor, tenantId: string, caseId: string, after: [string, string] | undefined, limit: number) {
  let query = db.selectFrom('messages').select(messageColumns).where('tenant_id', '=', tenantId).where('case_id', '=', caseId);
  if (after) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after[0], after[1])));
  return query.orderBy('created_at').orderBy('id').limit(limit).execute();
}

export async function listCustomerCases(db: Executor, tenantId: string, customerId: string, limit: number) {
  return db.selectFrom('cases').select(caseColumns).where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).orderBy('created_at', 'desc').limit(limit).execute();
}

/** Ids of cases not yet resolved or closed, in id order, a page at a time. */
export async function openCaseIds(db: Executor, tenantId: string, afterId: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('cases').select('id').where('tenant_id', '=', tenantId).where('status', 'not in', ['resolved', 'closed']);
  if (afterId) query = query.where('id', '>', afterId);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map((row) => row.id);
}

/** Several cases of one tenant at once (the timer worker reads a batch together). */
export async function findCases(db: Executor, tenantId: string, ids: string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  // By primary key only: with the tenant in the WHERE, SQLite may walk a tenant index instead.
  const rows = await db.selectFrom('cases').select(caseColumns).where('id', 'in', ids).execute();
  return rows.filter((row) => row.tenant_id === tenantId);
}

/** A team's open cases: how many, and the first `limit` by deadline then priority. */
export async function teamOpenCases(db: Executor, tenantId: string, team: string, limit: number) {
  const open = db.selectFrom('cases').where('tenant_id', '=', tenantId).where('team', '=', team).where('status', 'not in', ['resolved', 'closed']);
  const count = await open.select(sql<number>`count(*)`.as('count')).executeTakeFirst();
  const items = await open
    .select(['id', 'number', 'subject', 'priority', 'status', 'assignee_id', 'due_at'])
    .orderBy(sql`case when due_at is null then 1 else 0 end`)
    .orderBy('due_at')
    .orderBy('priority_rank', 'desc')
    .limit(limit)
    .execute();
  return { count: Number(count?.count ?? 0), items };
}

/**
 * Locks a case for background work without waiting: on PostgreSQL a case some request holds is
 * skipped (undefined), so the worker never queues behind a request that may be waiting on the worker.
 */
export async function lockCaseIfFree(db: Executor, tenantId: string, id: string): Promise<CaseRow | undefined> {
  const query = db.selectFrom('cases').select(caseColumns).where('tenant_id', '=', tenantId).where('id', '=', id);
  return (isPostgres(db) ? query.forNoKeyUpdate().skipLocked() : query).executeTakeFirst();
}

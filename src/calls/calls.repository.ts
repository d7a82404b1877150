import type { Executor } from '../db/database.js';
import type { CallRow } from '../db/schema.js';

const callColumns = [
  'id',
  'tenant_id',
  'case_id',
  'direction',
  'caller',
  'callee',
  'agent_id',
  'agent_name',
  'started_at',
  'ended_at',
  'duration_seconds',
  'summary',
  'outcome',
  'follow_up_id',
  'transferred_to_team',
  'transferred_to_tier',
  'created_at',
] as const;

export async function insertCall(db: Executor, row: CallRow): Promise<void> {
  await db.insertInto('calls').values(row).execute();
}

export async function findCall(db: Executor, tenantId: string, id: string): Promise<CallRow | undefined> {
  return db.selectFrom('calls').select(callColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Calls of a case, newest first; `after` is the (started_at, id) of the previous page's last row. */
export async function listCaseCalls(db: Executor, tenantId: string, caseId: string, after: [string, string] | undefined, limit: number): Promise<CallRow[]> {
  let query = db.selectFrom('calls').select(callColumns).where('tenant_id', '=', tenantId).where('case_id', '=', caseId);
  if (after) {
    const [startedAt, id] = after;
    query = query.where((eb) => eb(eb.refTuple('started_at', 'id'), '<', eb.tuple(startedAt, id)));
  }
  return query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

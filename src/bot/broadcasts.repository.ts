import type { Executor } from '../db/database.js';

/** Open incidents of a tenant that carry a public notice, newest first. */
export async function openBroadcastRows(db: Executor, tenantId: string): Promise<{ id: string; broadcast: string }[]> {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'broadcast'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'open')
    .where('broadcast', 'is not', null)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => (row.broadcast === null ? [] : [{ id: row.id, broadcast: row.broadcast }]));
}

import { randomUUID } from 'node:crypto';
import { appendEvent } from '../audit/audit.service.js';
import { requireCase } from '../cases/cases.service.js';
import { getCustomer } from '../customers/customers.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import { isUniqueViolation } from '../db/dialect.js';
import type { PortalLinkRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import * as repo from './portal.repository.js';

export type Range = { from: Date; to: Date };

const alreadyRated = () => new AppError('conflict', { key: 'detail.portal_csat_done' });

/** The customer rates a resolved or closed case, once (a second rating is a 409); the timeline records `csat.rated`. */
export async function rateCase(db: Executor, link: PortalLinkRow, input: { score: number; comment?: string | undefined }, now: Date) {
  try {
    return await inTransaction(db, async (trx) => {
      const current = await requireCase(trx, link.tenant_id, link.case_id, true);
      if (current.status !== 'resolved' && current.status !== 'closed') throw new AppError('conflict', { key: 'detail.portal_csat_not_ready' });
      if (await repo.findRating(trx, link.tenant_id, link.case_id)) throw alreadyRated();
      const row: repo.CsatRow = { id: randomUUID(), tenant_id: link.tenant_id, case_id: link.case_id, score: input.score, comment: input.comment ?? null, source: 'portal', created_at: now.toISOString() };
      await repo.insertRating(trx, row);
      const name = current.customer_id ? (await getCustomer(trx, link.tenant_id, current.customer_id)).name : null;
      await appendEvent(trx, {
        tenantId: link.tenant_id,
        caseId: link.case_id,
        actor: { kind: 'customer', id: current.customer_id, name: name ?? 'portal customer' },
        type: 'csat.rated',
        payload: { score: row.score, comment: row.comment, source: row.source, resolution: current.resolution },
        at: row.created_at,
      });
      return { score: row.score, comment: row.comment, created_at: row.created_at };
    });
  } catch (error) {
    // Two ratings at the same moment: the unique index keeps one, the other hears what a late one would.
    if (isUniqueViolation(error)) throw alreadyRated();
    throw error;
  }
}

/** An agent reads a case's rating; a case without one is a 404. */
export async function caseRating(db: Executor, tenantId: string, caseId: string) {
  await requireCase(db, tenantId, caseId);
  const row = await repo.findRating(db, tenantId, caseId);
  if (!row) throw new AppError('not_found', { key: 'detail.portal_csat_not_found', params: { id: caseId } });
  return { case_id: row.case_id, score: row.score, comment: row.comment, source: row.source, created_at: row.created_at };
}

/** Satisfaction ratings given in [from, to): how many, their mean (null without any) and how many of each score. */
export async function csatSummary(db: Executor, tenantId: string, range: Range): Promise<{ count: number; average: number | null; distribution: Record<1 | 2 | 3 | 4 | 5, number> }> {
  const distribution: Record<1 | 2 | 3 | 4 | 5, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let count = 0;
  let sum = 0;
  for (const { score, count: n } of await repo.ratingCounts(db, tenantId, range.from.toISOString(), range.to.toISOString())) {
    if (score < 1 || score > 5) continue;
    distribution[score as 1 | 2 | 3 | 4 | 5] += n;
    count += n;
    sum += score * n;
  }
  return { count, average: count > 0 ? Math.round((sum / count) * 100) / 100 : null, distribution };
}

/** Cases customers opened in the portal in [from, to). */
export async function portalCaseCount(db: Executor, tenantId: string, range: Range): Promise<number> {
  return repo.countPortalOpened(db, tenantId, range.from.toISOString(), range.to.toISOString());
}

import type { Executor } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
import { getCustomer } from '../customers/customers.service.js';
import type { CaseSummary } from '../notify/templates/index.js';

/** Builds links into the console, e.g. from PAYDESK_PUBLIC_URL. */
export type Links = { caseUrl(caseId: string): string; teamUrl(team: string): string };

/** What a notification shows about a case. */
export async function caseSummary(db: Executor, row: CaseRow, links: Links): Promise<CaseSummary> {
  const customer = row.customer_id ? await getCustomer(db, row.tenant_id, row.customer_id) : null;
  return { number: row.number, subject: row.subject, customer_name: customer?.name ?? null, category: row.category, priority: row.priority, link: links.caseUrl(row.id) };
}

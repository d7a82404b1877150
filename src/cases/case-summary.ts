import type { Executor } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
import { getCustomer } from '../customers/customers.service.js';
import type { CaseSummary } from '../notify/templates/index.js';

/** Builds links into the console, e.g. from PAYDESK_PUBLIC_URL. */
export type Links = { caseUrl(caseId: string): string; teamUrl(team: string): string };

/** What a notification shows about a case. */
export async function caseSummary(db: Executor, row: CaseRow, links: Links, knownCustomerName?: string | null): Promise<CaseSummary> {
  const customerName = knownCustomerName !== undefined ? knownCustomerName : row.customer_id ? (await getCustomer(db, row.tenant_id, row.customer_id)).name : null;
  return { number: row.number, subject: row.subject, customer_name: customerName, category: row.category, priority: row.priority, link: links.caseUrl(row.id) };
}

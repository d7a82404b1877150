import type { Actor } from '../audit/audit.service.js';
import { addAttachmentAs, customerUploadOrigins, listCustomerAttachments, readAttachment } from '../cases/attachments.service.js';
import { requireCase } from '../cases/cases.service.js';
import { listMessages, recordMessage, toMessageResponse } from '../cases/messages.service.js';
import { applyTransition } from '../cases/transitions.service.js';
import { getCustomer } from '../customers/customers.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { CaseRow, PortalLinkRow } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { problemLabel } from './forms.js';
import * as repo from './portal.repository.js';
import { findTenantById } from '../tenants/tenants.service.js';

const PAGE = 200;
// A status page shows at most this many messages, oldest first (a real case never comes near it).
const MAX_MESSAGES = 1000;

type Resolution = 'full_refund' | 'partial_refund' | 'customer_withdrew' | 'agreed' | 'fixed' | 'explained' | 'duplicate' | 'no_response' | 'rejected';
type VisibleMessage = { id: string; from: 'customer' | 'agent' | 'bot'; author_name: string | null; body: string; created_at: string };

/** Who a message is from as the customer sees it, or null for what the customer never sees (notes, system events). */
function visibleFrom(message: ReturnType<typeof toMessageResponse>): VisibleMessage['from'] | null {
  if (message.direction === 'inbound' && message.author_type === 'customer') return 'customer';
  if (message.direction === 'outbound' && message.author_type === 'agent') return 'agent';
  if (message.direction === 'outbound' && message.author_type === 'bot') return 'bot';
  return null;
}

async function visibleMessages(db: Executor, tenantId: string, caseId: string): Promise<VisibleMessage[]> {
  const visible: VisibleMessage[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await listMessages(db, tenantId, caseId, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const message of page.items) {
      const from = visibleFrom(message);
      // Only the name people know an agent by: never an id or an address.
      if (from) visible.push({ id: message.id, from, author_name: message.author_name, body: message.body, created_at: message.created_at });
    }
    read += page.items.length;
    cursor = page.next_cursor ?? undefined;
  } while (cursor && read < MAX_MESSAGES);
  return visible;
}

const toPublicAttachment = (item: { id: string; filename: string; size: number; content_type: string; created_at: string }) => ({ id: item.id, filename: item.filename, size: item.size, content_type: item.content_type, created_at: item.created_at });

const rateable = (status: string) => status === 'resolved' || status === 'closed';

async function customerOf(db: Executor, current: CaseRow) {
  return current.customer_id ? getCustomer(db, current.tenant_id, current.customer_id) : undefined;
}

/** Everything the customer's status page shows; the locale is the asked one, else the customer's, else the browser's. */
export async function statusView(db: Executor, link: PortalLinkRow, asked: Locale | undefined, fallback: Locale) {
  const current = await requireCase(db, link.tenant_id, link.case_id);
  const customer = await customerOf(db, current);
  const known = customer?.locale === 'zh-CN' || customer?.locale === 'en' ? customer.locale : undefined;
  const locale: Locale = asked ?? known ?? fallback;
  const rating = await repo.findRating(db, link.tenant_id, link.case_id);
  const tenant = await findTenantById(db, link.tenant_id);
  return {
    tenant: { slug: tenant?.slug ?? '', name: tenant?.name ?? '' },
    case: {
      number: current.number,
      subject: current.subject,
      status: current.status as 'new' | 'open' | 'pending_customer' | 'pending_internal' | 'paused' | 'resolved' | 'closed',
      category: current.category,
      category_label: problemLabel(current.category, locale),
      created_at: current.created_at,
      updated_at: current.updated_at,
      resolution: current.resolution as Resolution | null,
    },
    messages: await visibleMessages(db, link.tenant_id, link.case_id),
    attachments: (await listCustomerAttachments(db, link.tenant_id, link.case_id)).map(toPublicAttachment),
    csat: rating ? { score: rating.score, comment: rating.comment, created_at: rating.created_at } : null,
    can_rate: rateable(current.status) && !rating,
    expires_at: link.expires_at,
    locale,
  };
}

function refuseClosed(current: CaseRow) {
  // A closed case is final: the customer opens a new request (the portal's form is one click away).
  if (current.status === 'closed') throw new AppError('conflict', { key: 'detail.portal_case_closed' });
}

function customerActor(current: CaseRow, name: string | null): Actor {
  return { kind: 'customer', id: current.customer_id, name: name ?? 'portal customer' };
}

/**
 * The customer writes on their status page: an inbound customer message (it restarts the reply
 * clock and brings a case waiting on them back to open); a resolved case reopens, as when the
 * customer answers by e-mail; a closed case takes no more (409).
 */
export async function postCustomerReply(db: Executor, link: PortalLinkRow, body: string, now: Date, locale: Locale) {
  return inTransaction(db, async (trx) => {
    const current = await requireCase(trx, link.tenant_id, link.case_id, true);
    refuseClosed(current);
    const name = (await customerOf(trx, current))?.name ?? null;
    const actor = customerActor(current, name);
    const message = await recordMessage(trx, current, { direction: 'inbound', authorType: 'customer', authorId: current.customer_id, authorName: name, body }, actor, now, locale);
    if (current.status === 'resolved') {
      await applyTransition(trx, link.tenant_id, await requireCase(trx, link.tenant_id, link.case_id, true), { to: 'open', reason: 'customer replied in the portal' }, actor, now, locale);
    }
    return { id: message.id, from: 'customer' as const, author_name: message.author_name, body: message.body, created_at: message.created_at };
  });
}

/** A file from the customer: the attachments service checks its type against its content. */
export async function addCustomerFile(db: Executor, link: PortalLinkRow, file: { filename: string; mimetype: string; data: Buffer }, now: Date) {
  const current = await requireCase(db, link.tenant_id, link.case_id);
  refuseClosed(current);
  const name = (await customerOf(db, current))?.name ?? null;
  const created = await addAttachmentAs(db, link.tenant_id, customerActor(current, name), 'portal', link.case_id, file, now);
  return toPublicAttachment(created);
}

/** One of this case's files; any other id (another case's, another tenant's) is simply not found. */
export async function readCustomerFile(db: Executor, link: PortalLinkRow, id: string) {
  const file = await readAttachment(db, link.tenant_id, id);
  // Staff uploads may be internal evidence: the customer sees only files from their side.
  const fromCustomer = file.row.uploaded_by !== null && customerUploadOrigins.has(file.row.uploaded_by);
  if (file.row.case_id !== link.case_id || !fromCustomer) throw notFound('detail.attachment_not_found', id);
  return file;
}

import { z } from 'zod';
import { appendEvent, type Actor } from '../audit/audit.service.js';
import { listAttachments, readAttachment } from '../cases/attachments.service.js';
import { getCase, getTimeline } from '../cases/cases.service.js';
import { listMessages } from '../cases/messages.service.js';
import { complaintOfCase } from '../channels/wechatpay/complaints.service.js';
import { findComplaintOfCase } from '../channels/wechatpay/ingest.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { IncidentRow } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { decodeCursor, encodeCursor, toPage } from '../shared/cursor.js';
import { findTenantById } from '../tenants/tenants.service.js';
import { buildEvidenceZip, type EvidenceCase } from './evidence-zip.js';

export const incidentStatuses = ['open', 'resolved'] as const;

const broadcastText = z.string().trim().min(1).max(500);
/** A public notice for customers while the incident is open, in both languages. */
export const incidentBroadcast = z.strictObject({ 'zh-CN': broadcastText, en: broadcastText });

export const incidentResponse = z.object({
  id: z.string(),
  /** complaint_flood: a coordinated surge of platform complaints. */ kind: z.string().describe('complaint_flood: a coordinated surge of platform complaints.'),
  status: z.enum(incidentStatuses),
  title: z.string(),
  /** What the detector saw: counts, baseline and the groups of look-alike complaints. */ details: z.record(z.string(), z.unknown()).describe('What the detector saw: counts, baseline and the groups of look-alike complaints.'),
  case_count: z.number().int(),
  started_at: z.string(),
  last_case_at: z.string(),
  resolved_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  /** The public notice shown to customers while open, or null. */ broadcast: incidentBroadcast.nullable().describe('The public notice shown to customers while open, or null.'),
});
export const incidentWithCases = incidentResponse.extend({ cases: z.array(z.object({ id: z.string(), number: z.number().int(), subject: z.string(), status: z.string() })) });

export const listIncidentsQuery = z.strictObject({
  status: z.enum(incidentStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const updateIncidentBody = z
  .strictObject({
    status: z.enum(incidentStatuses).optional(),
    /** Shown on the customer portal and by the chat bot while the incident is open; null takes it down. */
    broadcast: incidentBroadcast.nullable().optional().describe('Shown on the customer portal and by the chat bot while the incident is open; null takes it down.'),
    /** Kept on the audit trail. */ note: z.string().trim().min(1).max(2000).optional().describe('Kept on the audit trail.'),
  })
  .refine((body) => body.status !== undefined || body.broadcast !== undefined, { message: 'give status, broadcast or both', path: ['status'] });

function toIncident(row: IncidentRow): z.infer<typeof incidentResponse> {
  return { ...row, status: row.status as 'open' | 'resolved', details: JSON.parse(row.details) as Record<string, unknown>, broadcast: row.broadcast ? incidentBroadcast.parse(JSON.parse(row.broadcast)) : null };
}

async function requireIncident(db: Executor, tenantId: string, id: string): Promise<IncidentRow> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) throw notFound('detail.incident_not_found', id);
  return row;
}

async function incidentCases(db: Executor, tenantId: string, incidentId: string) {
  return db
    .selectFrom('incident_cases')
    .innerJoin('cases', 'cases.id', 'incident_cases.case_id')
    .select(['cases.id', 'cases.number', 'cases.subject', 'cases.status'])
    .where('incident_cases.incident_id', '=', incidentId)
    .where('incident_cases.tenant_id', '=', tenantId)
    .orderBy('cases.number')
    .execute();
}

export async function listIncidents(db: Executor, tenantId: string, query: z.infer<typeof listIncidentsQuery>) {
  let select = db.selectFrom('incidents').selectAll().where('tenant_id', '=', tenantId);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, 'incidents', ['instant', 'id']) as [string, string];
    select = select.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
  }
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, toIncident, (last) => encodeCursor('incidents', [last.created_at, last.id]));
}

export async function getIncident(db: Executor, tenantId: string, id: string) {
  const row = await requireIncident(db, tenantId, id);
  return { ...toIncident(row), cases: await incidentCases(db, tenantId, id) };
}

export async function updateIncident(db: Executor, tenantId: string, id: string, input: z.infer<typeof updateIncidentBody>, actor: Actor, now: Date) {
  await inTransaction(db, async (trx) => {
    const row = await requireIncident(trx, tenantId, id);
    const at = now.toISOString();
    if (input.broadcast !== undefined) {
      const broadcast = input.broadcast ? JSON.stringify(input.broadcast) : null;
      if (broadcast !== row.broadcast) {
        await trx.updateTable('incidents').set({ broadcast, updated_at: at }).where('id', '=', id).where('tenant_id', '=', tenantId).execute();
        await appendEvent(trx, { tenantId, caseId: null, actor, type: broadcast ? 'incident.broadcast_set' : 'incident.broadcast_cleared', payload: { incident_id: id, broadcast: input.broadcast ?? null }, at });
      }
    }
    if (input.status === undefined || row.status === input.status) return;
    await trx.updateTable('incidents').set({ status: input.status, resolved_at: input.status === 'resolved' ? at : null, updated_at: at }).where('id', '=', id).where('tenant_id', '=', tenantId).execute();
    await appendEvent(trx, { tenantId, caseId: null, actor, type: input.status === 'resolved' ? 'incident.resolved' : 'incident.reopened', payload: { incident_id: id, note: input.note ?? null }, at });
  });
  return getIncident(db, tenantId, id);
}

async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

/** Everything about one case an appeal needs: the case, the platform complaint, messages, the sealed timeline and files. */
async function evidenceCase(db: Executor, tenantId: string, caseId: string, secretKey: Buffer, now: Date): Promise<EvidenceCase> {
  const found = await getCase(db, tenantId, caseId, now);
  const complaint = (await findComplaintOfCase(db, tenantId, caseId)) ? await complaintOfCase(db, tenantId, caseId, secretKey) : null;
  const messages = await allPages((cursor) => listMessages(db, tenantId, caseId, { limit: 200, ...(cursor ? { cursor } : {}) }));
  const timeline = await allPages((cursor) => getTimeline(db, tenantId, caseId, { limit: 200, ...(cursor ? { cursor } : {}) }));
  const attachments = [];
  for (const attachment of await listAttachments(db, tenantId, caseId)) {
    const file = await readAttachment(db, tenantId, attachment.id);
    attachments.push({ name: attachment.filename, contentType: attachment.content_type, data: new Uint8Array(file.data), sha256: attachment.sha256 });
  }
  return { id: found.id, number: found.number, subject: found.subject, case: found, complaint, messages, timeline, attachments };
}

/** A zip for a platform appeal or a chargeback response: cases, transcripts, hash-chained timelines, files and a manifest. */
export async function evidenceBundle(db: Executor, tenantId: string, target: { incidentId?: string; caseId?: string }, generatedBy: string, secretKey: Buffer, now: Date, locale: Locale): Promise<Uint8Array> {
  let incident: unknown = null;
  let caseIds: string[] = [];
  if (target.incidentId) {
    const found = await getIncident(db, tenantId, target.incidentId);
    incident = found;
    caseIds = found.cases.map((item) => item.id);
  } else if (target.caseId) {
    caseIds = [target.caseId];
  }
  const cases: EvidenceCase[] = [];
  for (const caseId of caseIds) cases.push(await evidenceCase(db, tenantId, caseId, secretKey, now));
  // Read after the timelines, which seal every pending event first: the head covers them all.
  const head = await findTenantById(db, tenantId);
  return buildEvidenceZip({
    tenant: { id: tenantId, name: head?.name ?? tenantId },
    incident,
    cases,
    generatedAt: now.toISOString(),
    generatedBy,
    chainHead: head && head.audit_seq > 0 ? { seq: head.audit_seq, hash: head.audit_head } : null,
    locale,
  });
}

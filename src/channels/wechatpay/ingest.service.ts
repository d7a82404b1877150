import { DateTime } from 'luxon';
import type { FastifyBaseLogger } from 'fastify';
import { appendEvent, type Actor } from '../../audit/audit.service.js';
import { addAttachmentAs, listAttachments } from '../../cases/attachments.service.js';
import { createCaseBody } from '../../cases/cases.schema.js';
import { createCaseAs, requireCase } from '../../cases/cases.service.js';
import { raisePriority } from '../../cases/escalation.service.js';
import { recordMessage } from '../../cases/messages.service.js';
import { applyTransition } from '../../cases/transitions.service.js';
import { canTransition, type Status } from '../../cases/status-machine.js';
import { inTransaction, type Executor } from '../../db/database.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { CaseRow, ComplaintRow } from '../../db/schema.js';
import { maskCardNumbers } from '../../privacy/mask.js';
import { encryptSecret } from '../../shared/secrets.js';
import { decryptSensitive } from './crypto.js';
import type { WechatPayClient, WechatPayConfig } from './integration.service.js';
import type { ComplaintDetail, HistoryItem } from './types.js';

export const SHANGHAI = 'Asia/Shanghai';
export const wechatPayActor: Actor = { kind: 'system', id: null, name: 'WeChat Pay' };
const DONE = ['resolved', 'closed'];
/** After this many completions with the user still unhappy, WeChat Pay lets the merchant pause (recorded as unsatisfied). */
export const MAX_CLOSE_ATTEMPTS = 3;

export type IngestDeps = { db: Executor; config: WechatPayConfig; client: WechatPayClient; secretKey: Buffer; now: () => Date; log?: Pick<FastifyBaseLogger, 'warn'> };
export type IngestOutcome = { caseId: string; created: boolean; changed: boolean };

/** The calendar day of an instant in China, where WeChat Pay counts its deadlines and metric windows. */
export function shanghaiDate(instant: string | Date): string {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  return dt.setZone(SHANGHAI).toISODate() ?? '1970-01-01';
}

const toUtc = (instant: string) => {
  const parsed = DateTime.fromISO(instant, { setZone: true });
  return parsed.isValid ? (parsed.toUTC().toISO() ?? instant) : instant;
};

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

const categoryOf = (problemType: string | undefined) => (problemType === 'REFUND' ? 'refund.request' : 'complaint.service');

/**
 * Fetches one complaint and its negotiation history from WeChat Pay and brings Paydesk up to date:
 * opens the case the first time, then applies whatever changed (state, refunds, the user's replies,
 * withdrawal, repeated complaints) as timeline events, messages and status changes. Safe to run any
 * number of times and on several nodes: history entries are imported once each, and two nodes racing
 * to open the same complaint end with one case.
 */
export async function syncComplaint(deps: IngestDeps, complaintId: string, hint?: string): Promise<IngestOutcome> {
  const detail = await deps.client.getComplaint(complaintId);
  const history = await deps.client.allHistory(complaintId);
  let outcome: IngestOutcome;
  try {
    outcome = await applyComplaint(deps, detail, history, hint);
  } catch (error) {
    // Another node opened the case between our check and insert: apply the changes to theirs.
    if (!isUniqueViolation(error)) throw error;
    outcome = await applyComplaint(deps, detail, history, hint);
  }
  await importMedia(deps, outcome.caseId, mediaUrls(detail, history));
  return outcome;
}

const MAX_MEDIA = 20;
const extensions: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'application/pdf': 'pdf' };

function mediaUrls(detail: ComplaintDetail, history: HistoryItem[]): string[] {
  const urls = [
    ...(detail.complaint_media_list ?? []).flatMap((media) => media.media_url),
    ...history.flatMap((item) => [...(item.image_list ?? []), ...(item.complaint_media_list?.media_url ?? [])]),
  ];
  return [...new Set(urls)].slice(0, MAX_MEDIA);
}

/**
 * Keeps the pictures users attached as case attachments, so they are there for the agent and in an
 * evidence bundle even after the platform's links expire. Each is fetched once; a failure is logged
 * and tried again at the next sync.
 */
async function importMedia(deps: IngestDeps, caseId: string, urls: string[]): Promise<void> {
  if (urls.length === 0) return;
  const have = (await listAttachments(deps.db, deps.config.tenantId, caseId)).map((attachment) => attachment.filename);
  for (const url of urls) {
    const mediaId = (url.split('/').pop() ?? '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 100);
    if (!mediaId || have.some((name) => name.startsWith(`wechatpay-${mediaId}.`))) continue;
    try {
      const image = await deps.client.downloadImage(url);
      const extension = extensions[image.contentType];
      if (!extension) continue;
      await addAttachmentAs(deps.db, deps.config.tenantId, wechatPayActor, 'wechatpay', caseId, { filename: `wechatpay-${mediaId}.${extension}`, mimetype: image.contentType, data: image.bytes }, deps.now());
    } catch (error) {
      deps.log?.warn({ tenant: deps.config.tenantId, case: caseId, err: error instanceof Error ? error.message : 'failed' }, 'wechatpay picture not imported yet');
    }
  }
}

export async function findComplaint(db: Executor, tenantId: string, complaintId: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('wechatpay_complaints').selectAll().where('tenant_id', '=', tenantId).where('complaint_id', '=', complaintId).executeTakeFirst();
}

export async function findComplaintOfCase(db: Executor, tenantId: string, caseId: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('wechatpay_complaints').selectAll().where('case_id', '=', caseId).where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function updateComplaint(db: Executor, row: Pick<ComplaintRow, 'tenant_id' | 'complaint_id'>, changes: Partial<ComplaintRow>) {
  await db.updateTable('wechatpay_complaints').set(changes).where('tenant_id', '=', row.tenant_id).where('complaint_id', '=', row.complaint_id).execute();
}

async function applyComplaint(deps: IngestDeps, detail: ComplaintDetail, history: HistoryItem[], hint: string | undefined): Promise<IngestOutcome> {
  const { config } = deps;
  const now = deps.now();
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const known = await findComplaint(trx, config.tenantId, detail.complaint_id);
    let created = false;
    let caseRow: CaseRow;
    let complaint: ComplaintRow;
    if (known) {
      caseRow = await requireCase(trx, config.tenantId, known.case_id, true);
      // Re-read under the case lock: another node may have changed it meanwhile.
      complaint = (await findComplaint(trx, config.tenantId, detail.complaint_id)) ?? known;
    } else {
      ({ caseRow, complaint } = await openComplaintCase(trx, deps, detail, now));
      created = true;
    }
    const changed = await applyChanges(trx, deps, caseRow, complaint, detail, history, hint, now);
    await updateComplaint(trx, complaint, { detail: JSON.stringify(withoutPhone(detail)), synced_at: at });
    return { caseId: caseRow.id, created, changed: created || changed };
  });
}

function withoutPhone(detail: ComplaintDetail): ComplaintDetail {
  const { payer_phone: _phone, ...rest } = detail;
  return rest as ComplaintDetail;
}

async function openComplaintCase(trx: Executor, deps: IngestDeps, detail: ComplaintDetail, now: Date) {
  const { config } = deps;
  const orders = detail.complaint_order_info ?? [];
  const first = orders[0];
  const amount = orders.reduce((sum, order) => sum + order.amount, 0);
  const summary = detail.problem_description.trim() || detail.complaint_detail.trim() || detail.complaint_id;
  const input = createCaseBody.parse({
    subject: `微信支付投诉 / WeChat Pay complaint: ${summary}`.slice(0, 300),
    description: detail.complaint_detail.slice(0, 20000),
    channel: 'wechatpay',
    category: categoryOf(detail.problem_type),
    priority: detail.need_immediate_service ? 'urgent' : 'high',
    ...(detail.payer_openid ? { customer: { external_id: detail.payer_openid, locale: 'zh-CN' } } : {}),
    refs: {
      platform_complaint_id: detail.complaint_id,
      merchant_no: detail.complainted_mchid,
      ...(first?.transaction_id ? { transaction_id: first.transaction_id } : {}),
      ...(first?.out_trade_no ? { order_id: first.out_trade_no } : {}),
    },
    ...(orders.length > 0 ? { amount, currency: 'CNY' } : {}),
    tags: ['wechatpay', `wechatpay:${(detail.problem_type ?? 'OTHERS').toLowerCase()}`],
  });
  const raised = new Date(toUtc(detail.complaint_time));
  const opened = await createCaseAs(trx, config.tenantId, wechatPayActor, input, now, Number.isNaN(raised.getTime()) ? undefined : raised);
  let phoneEnc: string | null = null;
  let phoneMasked: string | null = null;
  if (detail.payer_phone) {
    try {
      const phone = decryptSensitive(config.privateKeyPem, detail.payer_phone);
      phoneEnc = encryptSecret(deps.secretKey, phone);
      phoneMasked = maskPhone(phone);
    } catch {
      phoneMasked = null;
    }
  }
  const at = now.toISOString();
  const complaint: ComplaintRow = {
    tenant_id: config.tenantId,
    complaint_id: detail.complaint_id,
    case_id: opened.id,
    mchid: detail.complainted_mchid,
    state: detail.complaint_state,
    problem_type: detail.problem_type ?? null,
    complaint_time: toUtc(detail.complaint_time),
    complaint_date: shanghaiDate(detail.complaint_time),
    user_complaint_times: detail.user_complaint_times,
    full_refunded: 0,
    refunded_at: null,
    withdrawn_at: null,
    first_completed_at: null,
    completed_at: null,
    close_attempts: 0,
    unsatisfied: 0,
    malicious: 0,
    agreement_message_id: null,
    refund_decision: null,
    platform_service: null,
    payer_openid: detail.payer_openid ?? null,
    payer_phone_enc: phoneEnc,
    detail: JSON.stringify(withoutPhone(detail)),
    synced_at: at,
    created_at: at,
    updated_at: at,
  };
  await trx.insertInto('wechatpay_complaints').values(complaint).execute();
  await appendEvent(trx, {
    tenantId: config.tenantId,
    caseId: opened.id,
    actor: wechatPayActor,
    type: 'wechatpay.complaint_received',
    payload: {
      complaint_id: detail.complaint_id,
      complaint_time: detail.complaint_time,
      state: detail.complaint_state,
      problem_type: detail.problem_type ?? null,
      user_complaint_times: detail.user_complaint_times,
      apply_refund_amount: detail.apply_refund_amount ?? null,
      payer_phone: phoneMasked,
      media: (detail.complaint_media_list ?? []).flatMap((media) => media.media_url).length,
    },
    at,
  });
  return { caseRow: await requireCase(trx, config.tenantId, opened.id, true), complaint };
}

/** Keeps the case status in step with the platform; `reopen` honours the close-attempt limit. */
async function moveCase(trx: Executor, caseRow: CaseRow, to: 'open' | 'resolved' | 'paused', now: Date, reason: string, resolution?: string): Promise<CaseRow> {
  if (caseRow.status === to) return caseRow;
  // A case may only pause from a working status: a new or finished one opens first.
  if (to === 'paused' && !canTransition(caseRow.status as Status, 'paused')) {
    await applyTransition(trx, caseRow.tenant_id, caseRow, { to: 'open', reason }, wechatPayActor, now, 'zh-CN');
    caseRow = await requireCase(trx, caseRow.tenant_id, caseRow.id, true);
  }
  if (to === 'open' && caseRow.status === 'new') return caseRow;
  if (to === 'resolved' && caseRow.status === 'closed') return caseRow;
  await applyTransition(trx, caseRow.tenant_id, caseRow, { to, reason, ...(resolution ? { resolution } : {}) }, wechatPayActor, now, 'zh-CN');
  return requireCase(trx, caseRow.tenant_id, caseRow.id, true);
}

function historyText(item: HistoryItem): string {
  const images = [...(item.image_list ?? []), ...(item.complaint_media_list?.media_url ?? [])];
  const text = maskCardNumbers((item.operate_details ?? '').trim());
  const parts = [text || `[${item.operate_type}]`];
  if (images.length > 0) parts.push(images.map((url) => `[image] ${url}`).join('\n'));
  return parts.join('\n').slice(0, 20000);
}

async function applyChanges(trx: Executor, deps: IngestDeps, start: CaseRow, complaint: ComplaintRow, detail: ComplaintDetail, history: HistoryItem[], hint: string | undefined, now: Date): Promise<boolean> {
  const tenantId = complaint.tenant_id;
  const at = now.toISOString();
  const event = (type: string, payload: Record<string, unknown>) => appendEvent(trx, { tenantId, caseId: complaint.case_id, actor: wechatPayActor, type, payload, at });
  let caseRow = start;
  const set: Partial<ComplaintRow> = {};
  let changed = false;

  // 1. History entries not imported yet, oldest first.
  const seen = new Set(
    (await trx.selectFrom('wechatpay_history').select('log_id').where('tenant_id', '=', tenantId).where('complaint_id', '=', complaint.complaint_id).execute()).map((row) => row.log_id),
  );
  const fresh = history.filter((item) => !seen.has(item.log_id)).sort((a, b) => Date.parse(a.operate_time) - Date.parse(b.operate_time));
  // Completions counted as the history goes, so a repeat complaint sees every completion before it.
  let completions = history.filter((item) => item.operate_type === 'MERCHANT_CONFIRM_COMPLETE' && seen.has(item.log_id)).length;
  const countCompletion = () => {
    completions += 1;
    if (completions > Math.max(complaint.close_attempts, set.close_attempts ?? 0)) set.close_attempts = completions;
  };
  for (const item of fresh) {
    changed = true;
    const when = toUtc(item.operate_time);
    let messageId: string | null = null;
    switch (item.operate_type) {
      case 'USER_RESPONSE':
      case 'USER_CONTINUE_COMPLAINT': {
        if (item.operate_type === 'USER_CONTINUE_COMPLAINT') caseRow = await reopenForRepeat(trx, caseRow, complaint, set, now, event);
        const message = await recordMessage(trx, caseRow, { direction: 'inbound', authorType: 'customer', authorId: caseRow.customer_id, authorName: null, body: historyText(item), at: when }, { kind: 'customer', id: caseRow.customer_id, name: 'WeChat Pay user' }, now, 'zh-CN');
        messageId = message.id;
        caseRow = await requireCase(trx, tenantId, caseRow.id, true);
        break;
      }
      case 'PLATFORM_RESPONSE': {
        const message = await recordMessage(trx, caseRow, { direction: 'inbound', authorType: 'system', authorId: null, authorName: '微信支付 / WeChat Pay', body: historyText(item), at: when }, wechatPayActor, now, 'zh-CN');
        messageId = message.id;
        break;
      }
      case 'MERCHANT_RESPONSE': {
        // Our own replies come back in the history; one typed on the merchant platform is new to us.
        const ours = await trx.selectFrom('messages').select('id').where('case_id', '=', caseRow.id).where('direction', '=', 'outbound').where('body', '=', (item.operate_details ?? '').trim()).executeTakeFirst();
        if (ours) messageId = ours.id;
        else {
          const message = await recordMessage(trx, caseRow, { direction: 'outbound', authorType: 'agent', authorId: null, authorName: '商户平台 / merchant platform', body: historyText(item), at: when, deliveryStatus: 'delivered' }, wechatPayActor, now, 'zh-CN');
          messageId = message.id;
          caseRow = await requireCase(trx, tenantId, caseRow.id, true);
        }
        break;
      }
      case 'USER_REVOKE_COMPLAINT':
        if (!complaint.withdrawn_at && !set.withdrawn_at) {
          set.withdrawn_at = when;
          await event('wechatpay.user_withdrew', { complaint_id: complaint.complaint_id, at: when, details: item.operate_details ?? null });
        }
        break;
      case 'USER_COMFIRM_COMPLAINT':
        await event('wechatpay.user_confirmed', { complaint_id: complaint.complaint_id, at: when, details: item.operate_details ?? null });
        break;
      case 'MERCHANT_CONFIRM_COMPLETE':
        countCompletion();
        if (!complaint.first_completed_at && !set.first_completed_at) set.first_completed_at = when;
        set.completed_at = when;
        await event('wechatpay.completed', { complaint_id: complaint.complaint_id, at: when });
        // Completed on the merchant platform rather than from Paydesk: the case follows.
        if (!DONE.includes(caseRow.status)) {
          caseRow = await moveCase(trx, caseRow, 'resolved', now, 'marked complete on the WeChat Pay merchant platform', detail.complaint_full_refunded ? 'full_refund' : 'explained');
        }
        break;
      case 'MERCHANT_APPROVE_REFUND':
      case 'MERCHANT_REFUSE_RERUND':
        set.refund_decision = item.operate_type === 'MERCHANT_APPROVE_REFUND' ? 'APPROVE' : 'REJECT';
        break;
      default:
        await event('wechatpay.history', { complaint_id: complaint.complaint_id, operate_type: item.operate_type, at: when, details: item.operate_details ?? null });
    }
    await trx.insertInto('wechatpay_history').values({ tenant_id: tenantId, complaint_id: complaint.complaint_id, log_id: item.log_id, operate_type: item.operate_type, operate_time: item.operate_time, message_id: messageId }).execute();
  }

  // 2. What the detail says now.
  if (detail.user_complaint_times > complaint.user_complaint_times) {
    set.user_complaint_times = detail.user_complaint_times;
    if (!fresh.some((item) => item.operate_type === 'USER_CONTINUE_COMPLAINT')) caseRow = await reopenForRepeat(trx, caseRow, complaint, set, now, event);
    changed = true;
  }
  if (detail.complaint_full_refunded && !complaint.full_refunded) {
    set.full_refunded = 1;
    set.refunded_at = complaint.refunded_at ?? at;
    await event('wechatpay.refund_recorded', { complaint_id: complaint.complaint_id, full: true, amount: (detail.complaint_order_info ?? []).reduce((sum, order) => sum + order.amount, 0) });
    changed = true;
  } else if ((hint === 'REFUND_SUCCESS' || hint === 'SELLER_REFUND') && !complaint.refunded_at) {
    set.refunded_at = at;
    await event('wechatpay.refund_recorded', { complaint_id: complaint.complaint_id, full: false });
    changed = true;
  }
  if (detail.complaint_state !== complaint.state) {
    await event('wechatpay.state_changed', { complaint_id: complaint.complaint_id, from: complaint.state, to: detail.complaint_state });
    set.state = detail.complaint_state;
    changed = true;
  }
  const decided = hint === 'MERCHANT_APPROVE_REFUND' ? 'APPROVE' : hint === 'MERCHANT_REJECT_REFUND' ? 'REJECT' : null;
  if (decided && (set.refund_decision ?? complaint.refund_decision) !== decided) {
    set.refund_decision = decided;
    changed = true;
  }
  // Every notification is on the timeline, whatever else it changed.
  if (hint) await event('wechatpay.notified', { complaint_id: complaint.complaint_id, action_type: hint });
  const service = hint === 'USER_APPLY_PLATFORM_SERVICE' ? 'requested' : hint === 'USER_CANCEL_PLATFORM_SERVICE' ? 'cancelled' : hint === 'PLATFORM_SERVICE_FINISHED' ? 'finished' : null;
  if (service && complaint.platform_service !== service) {
    set.platform_service = service;
    await event('wechatpay.platform_service', { complaint_id: complaint.complaint_id, state: service });
    // The user asked WeChat Pay to step in: the case needs someone now.
    if (service === 'requested') await raisePriority(trx, caseRow, wechatPayActor, now, 'user asked WeChat Pay to intervene');
    changed = true;
  }

  // 3. A withdrawn complaint is over: no completion call is needed.
  if (set.withdrawn_at && !DONE.includes(caseRow.status)) {
    caseRow = await moveCase(trx, caseRow, 'resolved', now, 'the user withdrew the complaint on WeChat Pay', 'customer_withdrew');
  }
  if (Object.keys(set).length > 0) await updateComplaint(trx, complaint, { ...set, updated_at: at });
  return changed;
}

/**
 * The user complained again. Before the close-attempt limit the case reopens; after it the case is
 * paused and recorded as unsatisfied, as WeChat Pay's rules allow.
 */
async function reopenForRepeat(trx: Executor, caseRow: CaseRow, complaint: ComplaintRow, set: Partial<ComplaintRow>, now: Date, event: (type: string, payload: Record<string, unknown>) => Promise<void>): Promise<CaseRow> {
  const attempts = Math.max(complaint.close_attempts, set.close_attempts ?? 0);
  await event('wechatpay.complained_again', { complaint_id: complaint.complaint_id, close_attempts: attempts });
  // An agreement the user no longer stands by completes nothing.
  if (complaint.agreement_message_id) set.agreement_message_id = null;
  if (attempts >= MAX_CLOSE_ATTEMPTS) {
    if (!complaint.unsatisfied) {
      set.unsatisfied = 1;
      await event('wechatpay.unsatisfied', { complaint_id: complaint.complaint_id, close_attempts: attempts });
    }
    if (DONE.includes(caseRow.status)) caseRow = await moveCase(trx, caseRow, 'open', now, 'the user complained again');
    return moveCase(trx, caseRow, 'paused', now, `the user is still not satisfied after ${attempts} completion attempts`);
  }
  if (DONE.includes(caseRow.status)) return moveCase(trx, caseRow, 'open', now, 'the user complained again on WeChat Pay');
  return caseRow;
}

import { randomUUID } from 'node:crypto';
import { setMessageDelivery } from '../../cases/messages.service.js';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { appendEvent } from '../../audit/audit.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import type { PlatformActionRow } from '../../db/schema.js';
import { WechatPayError } from './client.js';
import { findComplaint, updateComplaint, wechatPayActor } from './ingest.service.js';
import { clientFor, findWechatPayConfig, PLATFORM, type WechatPayConfig } from './integration.service.js';

/** What Paydesk asks WeChat Pay to do for a complaint. */
export type ActionKind = 'response' | 'complete' | 'refund_progress';
export type RefundProgress = { action: 'APPROVE' | 'REJECT'; launch_refund_day?: number; reject_reason?: string; remark?: string };
type ActionBody = { response_content: string } | Record<string, never> | RefundProgress;

const MAX_ATTEMPTS = 10;
const LEASE_MS = 60_000;
const backoffMs = (attempts: number) => Math.min(600_000, 10_000 * 2 ** Math.max(0, attempts - 1));

export type ActionDeps = { db: Executor; secretKey: Buffer; fetch: typeof globalThis.fetch; now: () => Date; log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> };

/** Queues a platform call in the caller's transaction, so it exists exactly when the change that needs it does. */
export async function enqueueAction(trx: Executor, input: { tenantId: string; caseId: string; complaintId: string; kind: ActionKind; body: ActionBody; messageId?: string | null; createdBy: string; now: Date }): Promise<PlatformActionRow> {
  const at = input.now.toISOString();
  const row: PlatformActionRow = {
    id: randomUUID(),
    tenant_id: input.tenantId,
    case_id: input.caseId,
    platform: PLATFORM,
    complaint_id: input.complaintId,
    kind: input.kind,
    body: JSON.stringify(input.body),
    message_id: input.messageId ?? null,
    state: 'pending',
    attempts: 0,
    next_attempt_at: at,
    locked_until: null,
    last_error: null,
    created_by: input.createdBy,
    created_at: at,
    done_at: null,
  };
  await trx.insertInto('platform_actions').values(row).execute();
  return row;
}

export function toActionResponse(row: PlatformActionRow) {
  return {
    id: row.id,
    kind: row.kind as ActionKind,
    state: row.state as 'pending' | 'delivered' | 'failed',
    attempts: row.attempts,
    last_error: row.last_error,
    message_id: row.message_id,
    body: JSON.parse(row.body) as Record<string, unknown>,
    created_at: row.created_at,
    done_at: row.done_at,
  };
}

/**
 * Within one instant a completion goes last: a reply or refund decision queued in the same moment
 * must reach the platform before the complaint is marked complete.
 */
const kindRank = sql<number>`case kind when 'complete' then 2 when 'refund_progress' then 1 else 0 end`;
const rankOf = (kind: string) => (kind === 'complete' ? 2 : kind === 'refund_progress' ? 1 : 0);

export async function actionsOfCase(db: Executor, tenantId: string, caseId: string) {
  return db.selectFrom('platform_actions').selectAll().where('case_id', '=', caseId).where('tenant_id', '=', tenantId).orderBy('created_at').orderBy(kindRank).orderBy('id').execute();
}

async function call(config: WechatPayConfig, deps: ActionDeps, action: PlatformActionRow): Promise<void> {
  const client = clientFor(config, deps.fetch, deps.now);
  const body = JSON.parse(action.body) as Record<string, unknown>;
  const complainted = { complainted_mchid: config.mchid };
  if (action.kind === 'response') await client.respond(action.complaint_id, { ...complainted, response_content: String(body.response_content) });
  else if (action.kind === 'complete') await client.complete(action.complaint_id, complainted);
  else await client.updateRefundProgress(action.complaint_id, body as RefundProgress);
}

async function settle(deps: ActionDeps, action: PlatformActionRow, outcome: { ok: true } | { ok: false; error: string; final: boolean }) {
  const now = deps.now();
  const at = now.toISOString();
  await inTransaction(deps.db, async (trx) => {
    const attempts = action.attempts + 1;
    const event = (type: string, payload: Record<string, unknown>) => appendEvent(trx, { tenantId: action.tenant_id, caseId: action.case_id, actor: wechatPayActor, type, payload, at });
    if (outcome.ok) {
      await trx.updateTable('platform_actions').set({ state: 'delivered', attempts, done_at: at, locked_until: null, last_error: null }).where('id', '=', action.id).execute();
      if (action.message_id) await setMessageDelivery(trx, action.tenant_id, action.message_id, 'delivered', null);
      if (action.kind === 'complete') {
        // A close attempt is one WeChat Pay accepted.
        const complaint = await findComplaint(trx, action.tenant_id, action.complaint_id);
        if (complaint) await updateComplaint(trx, complaint, { completed_at: at, first_completed_at: complaint.first_completed_at ?? at, close_attempts: complaint.close_attempts + 1, state: 'PROCESSED', updated_at: at });
      }
      await event('wechatpay.action_delivered', { action_id: action.id, kind: action.kind, attempts });
      return;
    }
    const failed = outcome.final || attempts >= MAX_ATTEMPTS;
    await trx
      .updateTable('platform_actions')
      .set({ state: failed ? 'failed' : 'pending', attempts, locked_until: null, last_error: outcome.error, next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(), done_at: failed ? at : null })
      .where('id', '=', action.id)
      .execute();
    if (action.message_id) await setMessageDelivery(trx, action.tenant_id, action.message_id, failed ? 'failed' : 'pending', outcome.error);
    if (failed) await event('wechatpay.action_failed', { action_id: action.id, kind: action.kind, attempts, error: outcome.error });
  });
}

/**
 * Delivers due platform actions, oldest first and one at a time per complaint (a reply must reach
 * the user before the complaint is marked complete). Each action is claimed with a conditional
 * update, so several nodes never send the same one; a failure is retried with backoff, and a
 * refusal by the platform (or ten failures) leaves it failed and visible on the message and case.
 */
export async function deliverDueActions(deps: ActionDeps, limit = 20): Promise<number> {
  const now = deps.now();
  const at = now.toISOString();
  const due = await deps.db
    .selectFrom('platform_actions')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at')
    .orderBy('created_at')
    .orderBy(kindRank)
    .limit(limit)
    .execute();
  let delivered = 0;
  const configs = new Map<string, WechatPayConfig | undefined>();
  // Oldest first, so a reply delivered a moment ago lets the completion behind it go in the same round.
  for (const action of due) {
    if (action.locked_until && action.locked_until > at) continue;
    const earlier = await deps.db
      .selectFrom('platform_actions')
      .select('id')
      .where('tenant_id', '=', action.tenant_id)
      .where('complaint_id', '=', action.complaint_id)
      .where('state', '=', 'pending')
      .where((eb) =>
        eb.or([
          eb('created_at', '<', action.created_at),
          eb.and([eb('created_at', '=', action.created_at), eb(kindRank, '<', rankOf(action.kind))]),
          eb.and([eb('created_at', '=', action.created_at), eb(kindRank, '=', rankOf(action.kind)), eb('id', '<', action.id)]),
        ]),
      )
      .executeTakeFirst();
    if (earlier) continue;
    const claimed = await deps.db
      .updateTable('platform_actions')
      .set({ locked_until: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('id', '=', action.id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    // Read again after claiming: another node may have tried it since the list was read.
    const current = await deps.db.selectFrom('platform_actions').selectAll().where('id', '=', action.id).executeTakeFirst();
    if (!current) continue;
    if (!configs.has(action.tenant_id)) configs.set(action.tenant_id, await findWechatPayConfig(deps.db, action.tenant_id, deps.secretKey));
    const config = configs.get(action.tenant_id);
    if (!config || !config.enabled) {
      await settle(deps, current, { ok: false, error: 'WeChat Pay is not set up or disabled', final: false });
      continue;
    }
    try {
      await call(config, deps, current);
      await settle(deps, current, { ok: true });
      delivered += 1;
    } catch (error) {
      const final = error instanceof WechatPayError ? !error.retryable : false;
      const message = error instanceof WechatPayError ? `${error.code}${error.status ? ` (${error.status})` : ''}: ${error.message}`.slice(0, 500) : error instanceof Error ? error.message.slice(0, 500) : 'failed';
      deps.log.warn({ tenant: current.tenant_id, action: current.id, kind: current.kind, attempts: current.attempts + 1, final, err: message }, 'wechatpay action not delivered');
      await settle(deps, current, { ok: false, error: message, final });
    }
  }
  return delivered;
}

/** Platform actions by state, all tenants (for /metrics). */
export async function actionCounts(db: Executor): Promise<Array<{ state: string; count: number }>> {
  const rows = await db.selectFrom('platform_actions').select(['state', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('state').execute();
  return rows.map((row) => ({ state: row.state, count: Number(row.count) }));
}

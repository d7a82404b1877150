import { randomUUID } from 'node:crypto';
import { appendEvent } from '../../audit/audit.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import { detectBurst, hourlyBaseline, type BurstComplaint } from '../../incidents/burst.js';
import { enqueueNotification } from '../../notify/outbox.service.js';
import { wechatPayActor } from './ingest.service.js';
import type { WechatPayConfig } from './integration.service.js';
import type { ComplaintDetail } from './types.js';

export type FloodDeps = { db: Executor; now: () => Date; publicUrl?: string };

const MINUTE = 60_000;

function asBurstComplaint(row: { case_id: string; complaint_time: string; detail: string; payer_openid: string | null }): BurstComplaint {
  const detail = JSON.parse(row.detail) as ComplaintDetail;
  const order = detail.complaint_order_info?.[0];
  return {
    id: row.case_id,
    createdAt: new Date(row.complaint_time),
    text: `${detail.problem_description ?? ''} ${detail.complaint_detail ?? ''}`.trim(),
    orderKey: order?.out_trade_no ?? null,
    amount: order?.amount ?? null,
    payer: row.payer_openid,
  };
}

/**
 * After a new complaint: is this a flood? Compares the complaints of the last window with the
 * tenant's usual hourly rate and looks for coordination (alike texts, amounts, order numbers or
 * payers). A burst opens an incident (or grows the open one), links the coordinated complaints'
 * cases to it and notifies the tenant's channels once, when the incident opens.
 */
export async function afterComplaintIngested(deps: FloodDeps, config: WechatPayConfig, caseId: string): Promise<string | null> {
  const now = deps.now();
  const burst = config.settings.burst;
  const windowStart = new Date(now.getTime() - burst.window_minutes * MINUTE).toISOString();
  const baselineStart = new Date(now.getTime() - burst.baseline_days * 24 * 60 * MINUTE).toISOString();
  const complaints = deps.db.selectFrom('wechatpay_complaints').where('tenant_id', '=', config.tenantId);
  const recentRows = await complaints.select(['case_id', 'complaint_time', 'detail', 'payer_openid']).where('complaint_time', '>=', windowStart).orderBy('complaint_time').limit(5000).execute();
  if (recentRows.length < burst.min_count) return null;
  const before = await complaints.select((eb) => eb.fn.countAll<number>().as('count')).where('complaint_time', '>=', baselineStart).where('complaint_time', '<', windowStart).executeTakeFirst();
  const baseline = hourlyBaseline(Number(before?.count ?? 0), burst.baseline_days);
  const verdict = detectBurst(recentRows.map(asBurstComplaint), baseline, { windowMinutes: burst.window_minutes, baselineDays: burst.baseline_days, factor: burst.factor, minCount: burst.min_count, orderPrefixLength: 12 });
  if (!verdict.burst) return null;
  const coordinated = new Set(verdict.clusters.flatMap((cluster) => cluster.ids));
  // A complaint that is not part of the flood joins nothing, though it may be the one that reveals it.
  const joins = coordinated.has(caseId);
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const openQuery = trx
      .selectFrom('incidents')
      .selectAll()
      .where('tenant_id', '=', config.tenantId)
      .where('kind', '=', 'complaint_flood')
      .where('status', '=', 'open')
      .where('last_case_at', '>=', new Date(now.getTime() - 2 * burst.window_minutes * MINUTE).toISOString())
      .orderBy('created_at', 'desc');
    // Two complaints arriving together must grow one incident, not open two: they queue on the integration row.
    if (isPostgres(trx)) await trx.selectFrom('wechatpay_integrations').select('tenant_id').where('tenant_id', '=', config.tenantId).forUpdate().executeTakeFirst();
    const open = await openQuery.executeTakeFirst();
    if (!joins && open) return open.id;
    const details = { platform: 'wechatpay', mchid: config.mchid, window_minutes: burst.window_minutes, count: verdict.count, expected: verdict.expected, threshold: verdict.threshold, clusters: verdict.clusters.slice(0, 5).map((cluster) => ({ reason: cluster.reason, size: cluster.ids.length, sample: cluster.sample.slice(0, 200) })) };
    const incidentId = open?.id ?? randomUUID();
    if (!open) {
      await trx
        .insertInto('incidents')
        .values({ id: incidentId, tenant_id: config.tenantId, kind: 'complaint_flood', status: 'open', title: `投诉激增 / Complaint flood: ${verdict.count} in ${burst.window_minutes} min`, details: JSON.stringify(details), case_count: 0, started_at: recentRows[0]?.complaint_time ?? at, last_case_at: at, resolved_at: null, created_at: at, updated_at: at })
        .execute();
      await appendEvent(trx, { tenantId: config.tenantId, caseId: null, actor: wechatPayActor, type: 'incident.opened', payload: { incident_id: incidentId, ...details }, at });
    }
    const linked = new Set((await trx.selectFrom('incident_cases').select('case_id').where('incident_id', '=', incidentId).execute()).map((row) => row.case_id));
    const fresh = [...coordinated].filter((id) => !linked.has(id));
    if (fresh.length > 0) await trx.insertInto('incident_cases').values(fresh.map((id) => ({ tenant_id: config.tenantId, incident_id: incidentId, case_id: id, added_at: at }))).execute();
    for (const id of fresh) await appendEvent(trx, { tenantId: config.tenantId, caseId: id, actor: wechatPayActor, type: 'incident.case_linked', payload: { incident_id: incidentId }, at });
    await trx.updateTable('incidents').set({ case_count: linked.size + fresh.length, last_case_at: at, details: JSON.stringify(details), updated_at: at }).where('id', '=', incidentId).execute();
    if (!open) {
      const link = `${deps.publicUrl ?? ''}/incidents/${incidentId}`;
      const samples = verdict.clusters.filter((cluster) => cluster.reason === 'similar_text').map((cluster) => cluster.sample);
      await enqueueNotification(trx, config.tenantId, { event: 'incident.opened', data: { title: details.clusters[0]?.sample ?? '', complaints: verdict.count, expected: verdict.expected, window_minutes: burst.window_minutes, samples, link } }, { team: null, caseId: null }, now);
    }
    return incidentId;
  });
}

import { randomUUID } from 'node:crypto';
import { appendEvent } from '../../audit/audit.service.js';
import { inTransaction, type Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import type { IncidentRow } from '../../db/schema.js';
import { burstThreshold, detectBurst, hourlyBaseline, textSimilarity, type BurstClusterReason, type BurstComplaint } from '../../incidents/burst.js';
import { enqueueNotification } from '../../notify/outbox.service.js';
import { wechatPayActor } from './ingest.service.js';
import type { WechatPayConfig } from './integration.service.js';
import type { ComplaintDetail } from './types.js';

export type FloodDeps = { db: Executor; now: () => Date; publicUrl?: string };

const MINUTE = 60_000;
/** The clustering looks at this many of the newest complaints in the window at most. */
const MAX_ANALYSED = 500;
/** While an incident is this fresh, newcomers are matched against its groups instead of clustering again. */
const REANALYSE_AFTER_MS = 60_000;
const ORDER_PREFIX = 12;
const SIMILAR_TEXT = 0.6;

type StoredCluster = { reason: BurstClusterReason; size: number; sample: string };
type IncidentDetails = { clusters?: StoredCluster[] };

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

/** Whether a complaint looks like one of an incident's groups. */
function matchesCluster(complaint: BurstComplaint, cluster: StoredCluster): boolean {
  switch (cluster.reason) {
    case 'similar_text':
      return textSimilarity(complaint.text, cluster.sample) >= SIMILAR_TEXT;
    case 'same_amount':
      return complaint.amount !== null && String(complaint.amount) === cluster.sample;
    case 'same_order_prefix':
      return complaint.orderKey !== null && complaint.orderKey.startsWith(cluster.sample);
    case 'same_payer':
      return complaint.payer !== null && complaint.payer === cluster.sample;
  }
}

async function recentIncident(db: Executor, tenantId: string, since: string): Promise<IncidentRow | undefined> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'complaint_flood')
    .where('status', '=', 'open')
    .where('last_case_at', '>=', since)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * After a new complaint: is this a flood? Counts the complaints of the last window against the
 * tenant's usual hourly rate (two indexed counts, so a quiet desk pays almost nothing). Past the
 * surge threshold it looks for coordination — alike texts, amounts, order numbers or payers among
 * the newest complaints — and a burst opens an incident (or grows the open one), links the
 * coordinated cases and notifies the tenant's channels once, when the incident opens. While an
 * incident is fresh, each newcomer is only compared with its groups, so a flood of thousands does
 * not cluster thousands of times.
 */
export async function afterComplaintIngested(deps: FloodDeps, config: WechatPayConfig, caseId: string): Promise<string | null> {
  const now = deps.now();
  const burst = config.settings.burst;
  const windowStart = new Date(now.getTime() - burst.window_minutes * MINUTE).toISOString();
  const baselineStart = new Date(now.getTime() - burst.baseline_days * 24 * 60 * MINUTE).toISOString();
  const complaints = deps.db.selectFrom('wechatpay_complaints').where('tenant_id', '=', config.tenantId);
  const count = async (from: string, to?: string) => {
    let query = complaints.select((eb) => eb.fn.countAll<number>().as('count')).where('complaint_time', '>=', from);
    if (to) query = query.where('complaint_time', '<', to);
    return Number((await query.executeTakeFirst())?.count ?? 0);
  };
  const recent = await count(windowStart);
  if (recent < burst.min_count) return null;
  const baseline = hourlyBaseline(await count(baselineStart, windowStart), burst.baseline_days);
  const options = { windowMinutes: burst.window_minutes, baselineDays: burst.baseline_days, factor: burst.factor, minCount: burst.min_count, orderPrefixLength: ORDER_PREFIX };
  if (recent < burstThreshold(baseline, options).threshold) return null;

  const fresh = await recentIncident(deps.db, config.tenantId, new Date(now.getTime() - 2 * burst.window_minutes * MINUTE).toISOString());
  if (fresh && now.getTime() - Date.parse(fresh.updated_at) < REANALYSE_AFTER_MS) {
    const row = await complaints.select(['case_id', 'complaint_time', 'detail', 'payer_openid']).where('case_id', '=', caseId).executeTakeFirst();
    const clusters = (JSON.parse(fresh.details) as IncidentDetails).clusters ?? [];
    if (!row || !clusters.some((cluster) => matchesCluster(asBurstComplaint(row), cluster))) return fresh.id;
    return linkCases(deps, config, fresh.id, [caseId], null, now);
  }

  const rows = await complaints.select(['case_id', 'complaint_time', 'detail', 'payer_openid']).where('complaint_time', '>=', windowStart).orderBy('complaint_time', 'desc').limit(MAX_ANALYSED).execute();
  const verdict = detectBurst(rows.map(asBurstComplaint), baseline, options);
  if (!verdict.burst) return null;
  const details = {
    platform: 'wechatpay',
    mchid: config.mchid,
    window_minutes: burst.window_minutes,
    count: recent,
    expected: verdict.expected,
    threshold: verdict.threshold,
    clusters: verdict.clusters.slice(0, 5).map((cluster): StoredCluster => ({ reason: cluster.reason, size: cluster.ids.length, sample: cluster.sample.slice(0, 200) })),
  };
  const coordinated = [...new Set(verdict.clusters.flatMap((cluster) => cluster.ids))];
  const startedAt = rows[rows.length - 1]?.complaint_time ?? now.toISOString();
  return linkCases(deps, config, fresh?.id ?? null, coordinated, { details, startedAt, samples: verdict.clusters.filter((cluster) => cluster.reason === 'similar_text').map((cluster) => cluster.sample) }, now);
}

/** Opens the incident when there is none, links the cases not linked yet, and notifies once on opening. */
async function linkCases(deps: FloodDeps, config: WechatPayConfig, knownId: string | null, caseIds: string[], analysis: { details: Record<string, unknown> & { count: number; expected: number; window_minutes: number }; startedAt: string; samples: string[] } | null, now: Date): Promise<string> {
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    // Two complaints arriving together must grow one incident, not open two: they queue on the integration row.
    if (isPostgres(trx)) await trx.selectFrom('wechatpay_integrations').select('tenant_id').where('tenant_id', '=', config.tenantId).forUpdate().executeTakeFirst();
    const open = knownId
      ? await trx.selectFrom('incidents').selectAll().where('id', '=', knownId).where('status', '=', 'open').executeTakeFirst()
      : await recentIncident(trx, config.tenantId, new Date(now.getTime() - 2 * config.settings.burst.window_minutes * MINUTE).toISOString());
    const incidentId = open?.id ?? randomUUID();
    if (!open) {
      if (!analysis) return incidentId;
      await trx
        .insertInto('incidents')
        .values({ id: incidentId, tenant_id: config.tenantId, kind: 'complaint_flood', status: 'open', title: `投诉激增 / Complaint flood: ${analysis.details.count} in ${analysis.details.window_minutes} min`, details: JSON.stringify(analysis.details), case_count: 0, started_at: analysis.startedAt, last_case_at: at, resolved_at: null, created_at: at, updated_at: at })
        .execute();
      await appendEvent(trx, { tenantId: config.tenantId, caseId: null, actor: wechatPayActor, type: 'incident.opened', payload: { incident_id: incidentId, ...analysis.details }, at });
    }
    const linked = new Set((await trx.selectFrom('incident_cases').select('case_id').where('incident_id', '=', incidentId).execute()).map((row) => row.case_id));
    const adding = caseIds.filter((id) => !linked.has(id));
    if (adding.length > 0) await trx.insertInto('incident_cases').values(adding.map((id) => ({ tenant_id: config.tenantId, incident_id: incidentId, case_id: id, added_at: at }))).execute();
    for (const id of adding) await appendEvent(trx, { tenantId: config.tenantId, caseId: id, actor: wechatPayActor, type: 'incident.case_linked', payload: { incident_id: incidentId }, at });
    await trx
      .updateTable('incidents')
      .set({ case_count: linked.size + adding.length, last_case_at: at, updated_at: at, ...(analysis ? { details: JSON.stringify(analysis.details) } : {}) })
      .where('id', '=', incidentId)
      .execute();
    if (!open && analysis) {
      const link = `${deps.publicUrl ?? ''}/incidents/${incidentId}`;
      const title = (analysis.details.clusters as StoredCluster[] | undefined)?.[0]?.sample ?? '';
      await enqueueNotification(trx, config.tenantId, { event: 'incident.opened', data: { title, complaints: analysis.details.count, expected: analysis.details.expected, window_minutes: analysis.details.window_minutes, samples: analysis.samples, link } }, { team: null, caseId: null }, now);
    }
    return incidentId;
  });
}

import type { FastifyBaseLogger } from 'fastify';
import { systemActor } from '../audit/audit.service.js';
import { fakeOptionsFor, formatShanghaiTime, generateWechatPayKeys, integrationBodyFor, startFakeWechatPay } from '../channels/wechatpay/fake.js';
import { findWechatPayConfig, putIntegration } from '../channels/wechatpay/integration.service.js';
import { integrationBody } from '../channels/wechatpay/integration.schema.js';
import { putDailyCounts } from '../channels/wechatpay/metrics.service.js';
import { runSync } from '../channels/wechatpay/reconcile.service.js';
import { shanghaiDate } from '../channels/wechatpay/ingest.service.js';
import type { Executor } from '../db/database.js';
import type { TenantRow } from '../db/schema.js';
import { createRandom } from '../shared/random.js';

const DEMO_MCHID = '1900000109';
const HOUR = 3600_000;

/** What users write when they complain on WeChat Pay, with what happened next. */
const stories: Array<{ problem: string; type: 'REFUND' | 'SERVICE_NOT_WORK' | 'OTHERS'; detail: string; amount: number; ending: 'completed' | 'withdrawn' | 'open' | 'repeat' }> = [
  { problem: '商品未收到', type: 'REFUND', detail: '下单一周了还没有发货，客服一直不回复，要求退款。', amount: 12800, ending: 'completed' },
  { problem: '重复扣款', type: 'REFUND', detail: '同一笔订单被扣了两次钱，请退回多扣的款项。', amount: 5990, ending: 'completed' },
  { problem: '会员无法使用', type: 'SERVICE_NOT_WORK', detail: '开通了年度会员但是一直显示未开通，无法使用。', amount: 19800, ending: 'withdrawn' },
  { problem: '退款未到账', type: 'REFUND', detail: '商家说已经退款了，但是五天了还没有到账。', amount: 8800, ending: 'open' },
  { problem: '课程与描述不符', type: 'OTHERS', detail: '课程内容和宣传的完全不一样，要求全额退款。', amount: 29900, ending: 'repeat' },
  { problem: '充值未到账', type: 'SERVICE_NOT_WORK', detail: '游戏充值付款成功但是元宝没有到账。', amount: 3000, ending: 'completed' },
  { problem: '自动续费未告知', type: 'REFUND', detail: '没有提醒就自动续费扣款了，我没有同意过。', amount: 2500, ending: 'open' },
  { problem: '优惠券未生效', type: 'OTHERS', detail: '下单时优惠券没有抵扣，多付了二十元。', amount: 15900, ending: 'completed' },
];

export type WechatPayDemoSummary = { complaints: number; incident: boolean; skipped: string | null };

/**
 * Fills the demo desk with real WeChat Pay complaints: a local fake platform (the one the tests
 * use) serves complaints and their histories over the last five weeks, plus a burst of look-alike
 * complaints in the last hour; Paydesk takes them in through its ordinary signed reconciliation.
 * The integration is left disabled afterwards, since the fake is gone: PUT real keys to connect.
 * A tenant that already has WeChat Pay set up is left alone.
 */
export async function loadWechatPayDemo(db: Executor, tenant: TenantRow, options: { now: Date; secretKey: Buffer; publicUrl: string; log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> }): Promise<WechatPayDemoSummary> {
  if (await findWechatPayConfig(db, tenant.id, options.secretKey)) return { complaints: 0, incident: false, skipped: 'WeChat Pay is already set up for this tenant' };
  const keys = generateWechatPayKeys();
  const now = () => options.now;
  const fake = await startFakeWechatPay(fakeOptionsFor(keys, DEMO_MCHID, now));
  try {
    const random = createRandom(20261126 + tenant.case_seq);
    const rng = () => random.next();
    const at = (ms: number) => formatShanghaiTime(new Date(options.now.getTime() - ms));
    let count = 0;
    const add = (story: (typeof stories)[number], ageMs: number, extra: { burst?: boolean } = {}) => {
      count += 1;
      const id = `2000000${String(options.now.getTime()).slice(-10)}${String(count).padStart(6, '0')}`;
      const created = at(ageMs);
      fake.addComplaint({
        complaint_id: id,
        complaint_time: created,
        problem_type: story.type,
        problem_description: story.problem,
        complaint_detail: story.detail,
        payer_openid: `oDemo${String(count).padStart(4, '0')}${Math.floor(rng() * 1e6)}`,
        payer_phone_plain: `139${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`,
        apply_refund_amount: story.amount,
        complaint_order_info: [{ transaction_id: `4200002${String(options.now.getTime()).slice(-9)}${String(count).padStart(6, '0')}`, out_trade_no: `DEMO${String(count).padStart(8, '0')}`, amount: story.amount }],
      });
      if (extra.burst) return;
      const step = (hours: number, type: string, text: string) => fake.addHistory(id, { operate_type: type, operate_details: text, operate_time: at(ageMs - hours * HOUR) });
      step(3, 'MERCHANT_RESPONSE', '您好，已收到您的反馈，我们正在核实，今天内给您答复。');
      if (story.ending === 'withdrawn') step(20, 'USER_REVOKE_COMPLAINT', '问题已解决，撤销投诉');
      if (story.ending === 'completed' || story.ending === 'repeat') {
        step(6, 'USER_RESPONSE', '好的，请尽快处理');
        step(26, 'MERCHANT_CONFIRM_COMPLETE', '已为您全额退款');
      }
      if (story.ending === 'repeat') step(40, 'USER_CONTINUE_COMPLAINT', '问题没有解决，继续投诉');
    };
    // Five weeks of ordinary complaints, one every day or two.
    for (let day = 34; day >= 1; day -= 1 + Math.floor(rng() * 2)) {
      const story = stories[Math.floor(rng() * stories.length)] ?? stories[0];
      if (story) add(story, day * 24 * HOUR + Math.floor(rng() * 10) * HOUR);
    }
    // A coordinated flood in the last hour: the same grievance over and over.
    const flood = { problem: '假货', type: 'REFUND' as const, detail: '收到的商品是假货，要求退一赔三！', amount: 9900, ending: 'open' as const };
    for (let index = 0; index < 12; index += 1) add({ ...flood, detail: `${flood.detail}${'！'.repeat(index % 3)}` }, (55 - index * 4) * 60_000, { burst: true });

    const body = integrationBody.parse({
      ...integrationBodyFor(keys, DEMO_MCHID, fake.baseUrl),
      burst: { window_minutes: 60, baseline_days: 14, factor: 5, min_count: 8 },
    });
    const actor = { ...systemActor, name: 'demo' };
    const links = { publicUrl: options.publicUrl, tenantSlug: tenant.slug };
    await putIntegration(db, tenant.id, body, options.secretKey, actor, options.now, links);
    await runSync({ db, secretKey: options.secretKey, fetch: globalThis.fetch, now, log: options.log, publicUrl: options.publicUrl }, tenant.id, { begin: shanghaiDate(new Date(options.now.getTime() - 40 * 24 * HOUR)) }, false);
    const days = Array.from({ length: 40 }, (_, index) => shanghaiDate(new Date(options.now.getTime() - index * 24 * HOUR)));
    await putDailyCounts(db, tenant.id, days.map((date) => ({ date, mchid: DEMO_MCHID, count: 8000 + Math.floor(rng() * 4000) })), options.now);
    await putIntegration(db, tenant.id, { ...body, apiv3_key: undefined, merchant_private_key: undefined, enabled: false }, options.secretKey, actor, options.now, links);
    const incident = await db.selectFrom('incidents').select('id').where('tenant_id', '=', tenant.id).executeTakeFirst();
    return { complaints: count, incident: incident !== undefined, skipped: null };
  } finally {
    await fake.close();
  }
}

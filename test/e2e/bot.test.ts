import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../src/audit/audit.service.js';
import { activeBroadcasts, botTurn, composeAnswer, emptyBotState, handoffSummary, promisesRefund, type BotState, type BotTurn } from '../../src/bot/bot.js';
import type { Executor } from '../../src/db/database.js';
import type { Locale } from '../../src/i18n/i18n.js';
import { createArticle } from '../../src/kb/kb-articles.service.js';
import { suggestArticles } from '../../src/kb/kb.service.js';
import { dialects, openTestDatabase, seedTenant, type TestDatabase } from '../helpers/harness.js';

const CLAIMS_HUMAN = /我是(?:人工|真人)|真人客服为您服务|I am a (?:human|person|real person)|I'm a (?:human|person|real person)/iu;
const now = new Date('2026-11-27T06:00:00Z');

/** Plays a conversation and returns every turn. */
async function converse(db: Executor, tenantId: string, locale: Locale, texts: string[], state: BotState = emptyBotState()): Promise<BotTurn[]> {
  const turns: BotTurn[] = [];
  for (const text of texts) {
    const turn = await botTurn(db, tenantId, { text, locale, state, now });
    turns.push(turn);
    state = turn.state;
  }
  return turns;
}
const bodies = (turn: BotTurn) => turn.replies.map((reply) => reply.body).join('\n\n');

async function addIncident(db: Executor, tenantId: string, input: { status: 'open' | 'resolved'; broadcast: Record<string, string> | null; startedAt: string }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('incidents')
    .values({ id, tenant_id: tenantId, kind: 'outage', status: input.status, title: 'incident', details: '{}', case_count: 0, started_at: input.startedAt, last_case_at: input.startedAt, resolved_at: input.status === 'resolved' ? input.startedAt : null, created_at: input.startedAt, updated_at: input.startedAt, broadcast: input.broadcast ? JSON.stringify(input.broadcast) : null })
    .execute();
  return id;
}

for (const dialect of dialects) {
  describe(`bot [${dialect}]`, () => {
    let test: TestDatabase;
    let db: Executor;
    let tenantId: string;

    before(async () => {
      test = await openTestDatabase(dialect);
      db = test.database.db;
      tenantId = (await seedTenant(test.database, 'acme', now)).tenantId;
      await createArticle(
        db,
        tenantId,
        {
          slug: 'bank-card-insufficient-funds',
          locale: 'zh-CN',
          title: '银行卡付款提示余额不足怎么办',
          body_markdown: '付款时提示**余额不足**，说明发卡行认为可用余额或额度不够。请确认余额和可用额度，充值或换卡后再试。',
          category: 'payment_failed.insufficient_funds',
          tags: ['余额不足', '银行卡'],
          status: 'published',
        },
        systemActor,
        now,
      );
    });
    after(async () => test.cleanup());

    it('walks a Chinese failed card payment from diagnosis to hand-off, collecting the transaction id on the way', async () => {
      const [first, second, third] = await converse(db, tenantId, 'zh-CN', ['我用银行卡付款失败了，提示余额不足', '交易号是 4200001234202611271234567890', '转人工']);
      assert.ok(first && second && third);

      assert.equal(first.intent, 'answer');
      assert.equal(first.state.category, 'payment_failed.insufficient_funds');
      assert.match(first.replies[0]!.body, /自动助手（机器人）/);
      const answer = first.replies.at(-1)!;
      assert.match(answer.body, /余额或可用额度不足/);
      const [best] = await suggestArticles(db, tenantId, { text: '我用银行卡付款失败了，提示余额不足', category: 'payment_failed.insufficient_funds', locale: 'zh-CN', limit: 1 });
      assert.equal(best?.category, 'payment_failed.insufficient_funds');
      assert.ok(answer.body.includes(`《${best.title}》${best.url}`), answer.body);
      assert.match(answer.body, /请告诉我：交易流水号/);
      assert.deepEqual(answer.actions?.map((action) => [action.id, action.label]), [['handoff', '转人工'], ['solved', '已解决']]);
      assert.equal(first.state.collected.error_message, '余额不足', 'the on-screen message counts as the error');

      assert.equal(second.intent, 'answer');
      assert.equal(second.state.collected.transaction_id, '4200001234202611271234567890');
      assert.equal(second.replies.length, 1, 'no second introduction');
      assert.match(second.replies[0]!.body, /已记下：交易流水号.*4200001234202611271234567890/);
      assert.doesNotMatch(second.replies[0]!.body, /请告诉我：[^。]*交易流水号/, 'does not ask for it again');

      assert.equal(third.intent, 'handoff');
      assert.match(bodies(third), /转接人工客服/);
      const summary = handoffSummary(third.state, 6, 'zh-CN');
      assert.match(summary, /支付失败：余额或可用额度不足（payment_failed\.insufficient_funds），置信度 \d+%/);
      assert.match(summary, /交易流水号[^\n]*：4200001234202611271234567890/);
      assert.match(summary, /仍缺少：[^\n]*金额/);
      assert.match(summary, /对话消息数：6/);
      const english = handoffSummary(third.state, 6, 'en');
      assert.match(english, /Category: Payment failed: insufficient funds \(payment_failed\.insufficient_funds\)/);
      assert.match(english, /Still missing: .*Amount/);
    });

    it("puts an open incident's broadcast first, in the visitor's language, only in the first answer and only for its tenant", async () => {
      const other = await seedTenant(test.database, `other-${dialect}`, now);
      const older = await addIncident(db, tenantId, { status: 'open', broadcast: { 'zh-CN': '微信支付通道故障，正在修复', en: 'WeChat Pay is down; we are fixing it' }, startedAt: '2026-11-27T05:00:00.000Z' });
      const newer = await addIncident(db, tenantId, { status: 'open', broadcast: { 'zh-CN': '部分银行卡支付延迟', en: 'Some card payments are delayed' }, startedAt: '2026-11-27T05:30:00.000Z' });
      await addIncident(db, tenantId, { status: 'resolved', broadcast: { 'zh-CN': '已恢复的旧故障', en: 'old resolved outage' }, startedAt: '2026-11-26T05:00:00.000Z' });
      await addIncident(db, tenantId, { status: 'open', broadcast: null, startedAt: '2026-11-27T05:40:00.000Z' });
      await addIncident(db, other.tenantId, { status: 'open', broadcast: { 'zh-CN': '别家的公告', en: "another tenant's notice" }, startedAt: '2026-11-27T05:50:00.000Z' });

      assert.deepEqual(await activeBroadcasts(db, tenantId, 'en'), [{ id: newer, text: 'Some card payments are delayed' }, { id: older, text: 'WeChat Pay is down; we are fixing it' }]);
      const [first, second] = await converse(db, tenantId, 'zh-CN', ['微信付款一直失败', '还是不行']);
      assert.ok(first && second);
      assert.ok(first.replies[0]!.body.startsWith('【服务公告】部分银行卡支付延迟\n\n【服务公告】微信支付通道故障，正在修复'), first.replies[0]!.body);
      assert.match(first.replies[0]!.body, /机器人/);
      assert.doesNotMatch(bodies(first), /已恢复的旧故障|别家的公告/);
      assert.doesNotMatch(bodies(second), /服务公告/);
      const [english] = await converse(db, tenantId, 'en', ['my WeChat payment keeps failing']);
      assert.ok(english);
      assert.ok(english.replies[0]!.body.startsWith('Service notice: Some card payments are delayed'), english.replies[0]!.body);
      assert.match(english.replies[0]!.body, /\(a bot\)/);
      assert.deepEqual((await activeBroadcasts(db, other.tenantId, 'zh-CN')).map((broadcast) => broadcast.text), ['别家的公告']);
      await db.updateTable('incidents').set({ status: 'resolved' }).where('tenant_id', '=', tenantId).execute();
    });

    it('never promises a refund and never claims to be a person, whatever the visitor writes about refunds', async () => {
      const corpus: Array<[Locale, string]> = [
        ['zh-CN', '我要退款'],
        ['zh-CN', '你们会给我退款吗？'],
        ['zh-CN', '保证退款吗'],
        ['zh-CN', '马上退款给我'],
        ['zh-CN', '重复扣款了，请全额退还'],
        ['zh-CN', '退款什么时候到账？已经两周了'],
        ['zh-CN', '订单号 A20261127 取消了，钱什么时候退回来'],
        ['zh-CN', '被扣了两次钱 ¥128.50，交易号 4200001234202611271234567890'],
        ['zh-CN', '不退款我就投诉到12315'],
        ['zh-CN', '支付宝退款失败 错误码 ACQ.TRADE_NOT_ALLOW_REFUND'],
        ['zh-CN', '微信退款 NOTENOUGH'],
        ['zh-CN', '退款一直没到，你是真人吗'],
        ['zh-CN', '商家说会退款但是没收到'],
        ['zh-CN', '我要求立即退款给我'],
        ['zh-CN', '分期付款取消了怎么退'],
        ['en', 'I want a refund'],
        ['en', 'Will you refund me?'],
        ['en', 'Refund me right now or I will dispute it'],
        ['en', 'I was charged twice, $20 each, give me my money back'],
        ['en', 'my refund has not arrived after 10 days'],
        ['en', 'guarantee me a full refund'],
        ['en', 'order #12345 was cancelled, where is my refund?'],
        ['en', 'refund error code REFUND_AMOUNT_EXCEEDED'],
        ['en', 'Can a human approve my refund?'],
        ['en', 'The merchant promised a refund but nothing came'],
        ['en', 'stop charging me and refund my subscription'],
        ['en', 'are you a real person? I need my money back'],
        ['en', 'I demand a refund for the failed payment, error 51'],
        ['en', 'chargeback or refund, which is faster?'],
        ['en', 'POS terminal refund operation failed'],
      ];
      for (const [locale, text] of corpus) {
        const turns = await converse(db, tenantId, locale, [text, text]);
        for (const turn of turns) {
          for (const reply of turn.replies) {
            assert.equal(promisesRefund(reply.body), false, `${text} → ${reply.body}`);
            assert.doesNotMatch(reply.body, CLAIMS_HUMAN, `${text} → ${reply.body}`);
          }
        }
        assert.match(turns[0]!.replies[0]!.body, locale === 'zh-CN' ? /机器人/ : /\bbot\b/);
      }
    });

    it('stops once on request and stays quiet afterwards, but not for "stop charging me"', async () => {
      const [stop, after] = await converse(db, tenantId, 'zh-CN', ['付款失败了', '别回复了', '还在吗']).then((turns) => turns.slice(1));
      assert.ok(stop && after);
      assert.equal(stop.intent, 'stop');
      assert.equal(stop.state.stopped, true);
      assert.equal(bodies(stop), '好的，我不再自动回复，稍后由人工客服查看这段对话。');
      assert.deepEqual(after.replies, []);
      assert.match(handoffSummary(after.state, 5, 'zh-CN'), /访客曾要求机器人停止自动回复/);

      const [charging] = await converse(db, tenantId, 'en', ['stop charging me, I was billed twice']);
      assert.equal(charging?.intent, 'answer');
      assert.equal(charging.state.stopped, undefined);
      const [english] = await converse(db, tenantId, 'en', ['please stop']);
      assert.equal(bodies(english!).endsWith("OK, I'll stop answering; a person will read this conversation."), true);
    });

    it('asks what happened when it cannot tell, then suggests a person more strongly', async () => {
      const [first, second] = await converse(db, tenantId, 'zh-CN', ['你好', '嗯']);
      assert.ok(first && second);
      assert.match(bodies(first), /当时在做什么操作.*有没有看到错误码/s);
      assert.deepEqual(first.replies.at(-1)!.actions?.map((action) => action.id), ['handoff']);
      assert.match(bodies(second), /建议您点击“转人工”/);
      const [declined] = await converse(db, tenantId, 'zh-CN', ['我不要人工，我自己弄']);
      assert.equal(declined?.intent, 'answer');
      const [identity] = await converse(db, tenantId, 'en', ['are you a bot?']);
      assert.match(bodies(identity!), /a bot and not a person/);
    });

    it('composes the portal answer with the diagnosis, the article and the missing fields', async () => {
      const answer = await composeAnswer(db, tenantId, { text: '用银行卡付款提示余额不足，扣了¥128.50', locale: 'zh-CN', collected: {}, now });
      assert.equal(answer.category, 'payment_failed.insufficient_funds');
      assert.equal(answer.article?.category, 'payment_failed.insufficient_funds');
      assert.ok(answer.missing.some((info) => info.key === 'transaction_id'));
      assert.ok(!answer.missing.some((info) => info.key === 'amount'), 'the amount in the text counts');
      assert.match(answer.text, /余额或可用额度不足/);
      assert.equal(promisesRefund(answer.text), false);
      const coded = await composeAnswer(db, tenantId, { text: 'my card was declined', errorCode: '51', locale: 'en', collected: { transaction_id: 'T20261127000001' }, now });
      assert.equal(coded.category, 'payment_failed.insufficient_funds');
      assert.match(coded.text, /^Error code 51: /);
      assert.ok(!coded.missing.some((info) => info.key === 'transaction_id'));
      const picked = await composeAnswer(db, tenantId, { text: 'help', locale: 'en', collected: {}, now, category: 'pos.printer' });
      assert.equal(picked.category, 'pos.printer');
    });
  });
}

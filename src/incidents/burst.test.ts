import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { burstThreshold, defaultBurstOptions, detectBurst, hourlyBaseline, textSimilarity, type BurstComplaint } from './burst.js';

const start = Date.parse('2024-06-15T08:00:00Z');

/** An order key with no prefix shared by chance: the hex digest of the index. */
const randomOrderKey = (index: number) => createHash('md5').update(`order-${index}`).digest('hex');

function complaint(index: number, text: string, overrides: Partial<BurstComplaint> = {}): BurstComplaint {
  return {
    id: `c${String(index).padStart(3, '0')}`,
    createdAt: new Date(start + index * 60_000),
    text,
    orderKey: randomOrderKey(index),
    amount: 1000 + index * 37,
    payer: `openid-${index}`,
    ...overrides,
  };
}

const floodTexts = [
  '商品没收到，要求退款',
  '商品没收到，要求退款！',
  '商品还没收到，要求退款',
  '商品没有收到，要求退款',
  '商品没收到, 要求退款。订单{n}',
  '商品一直没收到，要求退款',
  '商品没收到，要求全额退款',
  '我的商品没收到，要求退款',
];

const unrelatedTexts = [
  '付款后页面一直转圈', '扣款两次，请处理', '银行卡被冻结了', '客服态度太差', '优惠券无法使用',
  '发票开错了', '会员自动续费没通知', '价格和页面显示不一致', '快递员态度恶劣', '商品质量有问题，鞋底开胶',
  '尺码不对想换货', '门店拒绝使用微信支付', '红包金额不对', '充值话费没到账', '游戏点券没有发放',
  '外卖送错了地址', '课程内容和宣传不符', '押金一直不退', '停车费重复收取', '酒店预订被取消',
  'I was charged twice for one coffee', 'The app crashed during checkout', 'My refund has not arrived after ten days',
  'Wrong size delivered', 'Subscription renewed without warning', 'Coupon code rejected at payment',
  'Seller never replied to my messages', 'Package marked delivered but missing', 'Price changed after I paid',
  'Hidden service fee on the bill', 'Cannot cancel my membership', 'Ticket was invalid at the gate',
  'Food arrived cold and late', 'Account locked after payment', 'Gift card balance disappeared',
  'Driver took a longer route', 'Hotel room was not as described', 'Warranty claim ignored',
  'Double booking on my calendar', 'Merchant asked for extra cash',
];

const flood = (size: number) =>
  Array.from({ length: size }, (_, index) => complaint(index, (floodTexts[index % floodTexts.length] ?? '').replace('{n}', String(4200 + index))));
const unrelated = () => unrelatedTexts.map((text, index) => complaint(index, text));

describe('hourly baseline and threshold', () => {
  it('averages the baseline count per hour over the baseline days', () => {
    assert.equal(hourlyBaseline(168, 14), 0.5);
    assert.equal(hourlyBaseline(0, 14), 0);
    assert.throws(() => hourlyBaseline(10, 0), RangeError);
    assert.throws(() => hourlyBaseline(-1, 14), RangeError);
  });

  it('is max(minCount, ceil(factor × baseline per hour × window in hours))', () => {
    assert.deepEqual(burstThreshold(0.5), { expected: 0.5, threshold: 10 });
    assert.deepEqual(burstThreshold(10), { expected: 10, threshold: 50 });
    assert.deepEqual(burstThreshold(3, { windowMinutes: 30, factor: 4, minCount: 2 }), { expected: 1.5, threshold: 6 });
    assert.deepEqual(burstThreshold(1.1, { factor: 3, minCount: 1 }), { expected: 1.1, threshold: 4 });
    assert.equal(detectBurst([], 7.3).threshold, 37);
    assert.throws(() => burstThreshold(-1), RangeError);
    assert.throws(() => detectBurst([], 1, { similarity: 0 }), RangeError);
  });

  it('has the documented defaults', () => {
    assert.deepEqual({ ...defaultBurstOptions }, { windowMinutes: 60, baselineDays: 14, factor: 5, minCount: 10, similarity: 0.6, orderPrefixLength: 8 });
  });
});

describe('text similarity', () => {
  it('ignores punctuation, digits, width and case, and works on Chinese without a tokenizer', () => {
    assert.equal(textSimilarity('商品没收到，要求退款', '商品没收到, 要求退款!!! 123456'), 1);
    assert.equal(textSimilarity('ＲＥＦＵＮＤ please', 'refund PLEASE'), 1);
    assert.ok(textSimilarity('商品没收到，要求退款', '商品还没收到，要求退款') >= 0.6);
    assert.ok(textSimilarity('商品没收到，要求退款', '银行卡被冻结了') < 0.1);
  });

  it('scores empty or digit-only texts 0', () => {
    assert.equal(textSimilarity('', ''), 0);
    assert.equal(textSimilarity('123', '123'), 0);
  });
});

describe('detecting a complaint flood', () => {
  it('does not call a quiet hour a burst', () => {
    const result = detectBurst(flood(3), 0.5);
    assert.equal(result.burst, false);
    assert.equal(result.count, 3);
    assert.equal(result.threshold, 10);
  });

  it('calls 40 near-identical complaints against 0.5 an hour a burst with a similar_text cluster', () => {
    const result = detectBurst(flood(40), 0.5);
    assert.equal(result.burst, true);
    assert.equal(result.count, 40);
    assert.equal(result.expected, 0.5);
    const top = result.clusters[0];
    assert.equal(top?.reason, 'similar_text');
    assert.equal(top.ids.length, 40);
    assert.equal(top.sample, '商品没收到，要求退款');
    assert.deepEqual(result.clusters.map((cluster) => cluster.reason), ['similar_text']);
  });

  it('calls a surge of unrelated complaints a surge but not a burst', () => {
    const result = detectBurst(unrelated(), 0.5);
    assert.ok(result.count >= result.threshold);
    assert.equal(result.burst, false);
    assert.deepEqual(result.clusters, []);
  });

  it('calls unrelated texts a burst when many share one amount', () => {
    const complaints = unrelated().map((item, index) => (index % 3 === 0 ? { ...item, amount: 9900 } : item));
    const result = detectBurst(complaints, 0.5);
    assert.equal(result.burst, true);
    assert.deepEqual(result.clusters[0], { reason: 'same_amount', ids: complaints.filter((_, index) => index % 3 === 0).map((item) => item.id), sample: '9900' });
  });

  it('calls unrelated texts a burst when many order keys share a prefix', () => {
    const complaints = unrelated().map((item, index) => (index < 15 ? { ...item, orderKey: `20240615ABC${String(index).padStart(4, '0')}` } : item));
    const result = detectBurst(complaints, 0.5);
    assert.equal(result.burst, true);
    const top = result.clusters[0];
    assert.equal(top?.reason, 'same_order_prefix');
    assert.equal(top.ids.length, 15);
    assert.equal(top.sample, '20240615ABC00');
  });

  it('groups complaints from one payer, two being enough', () => {
    const complaints = unrelated();
    complaints[4] = { ...complaints[4]!, payer: 'o-repeat' };
    complaints[9] = { ...complaints[9]!, payer: 'o-repeat' };
    const result = detectBurst(complaints, 0.5);
    assert.deepEqual(result.clusters, [{ reason: 'same_payer', ids: ['c004', 'c009'], sample: 'o-repeat' }]);
    assert.equal(result.burst, false, 'two of forty is neither 30 % nor minCount / 2');
  });

  it('needs three alike for text, amount and prefix clusters', () => {
    const complaints = unrelated();
    complaints[1] = { ...complaints[1]!, text: '商品没收到，要求退款', amount: 500, orderKey: 'SAMEPREFIX-1' };
    complaints[2] = { ...complaints[2]!, text: '商品没收到，要求退款！', amount: 500, orderKey: 'SAMEPREFIX-2' };
    assert.deepEqual(detectBurst(complaints, 0.5).clusters, []);
  });

  it('accepts a cluster of minCount / 2 in a large surge even below 30 %', () => {
    const base = [...unrelated(), ...unrelated().map((item, index) => ({ ...item, id: `d${index}`, text: `${item.text} ${'x'.repeat(index)}`, orderKey: randomOrderKey(100 + index), amount: 50_000 + index, payer: `p-${index}` }))];
    const withFive = base.map((item, index) => (index < 5 ? { ...item, amount: 1 } : item));
    const withFour = base.map((item, index) => (index < 4 ? { ...item, amount: 1 } : item));
    assert.equal(detectBurst(withFive, 0.5).burst, true);
    assert.equal(detectBurst(withFour, 0.5).burst, false);
  });

  it('sorts clusters largest first and does not depend on input order', () => {
    const complaints = [
      ...flood(12),
      ...unrelated().slice(0, 20).map((item, index) => ({ ...item, id: `u${index}`, amount: index < 6 ? 777 : item.amount, payer: index < 2 ? 'o-two' : `u-${index}` })),
    ];
    const result = detectBurst(complaints, 0.5);
    assert.deepEqual(result.clusters.map((cluster) => [cluster.reason, cluster.ids.length]), [['similar_text', 12], ['same_amount', 6], ['same_payer', 2]]);
    assert.deepEqual(detectBurst([...complaints].reverse(), 0.5), result);
  });

  it('counts a complaint listed twice once', () => {
    const complaints = flood(10);
    assert.equal(detectBurst([...complaints, ...complaints], 0.5).count, 10);
  });
});

import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { guardRefundPromises, promisesRefund } from './guard.js';
import { botStrings, customerTips } from './strings.js';

const promises = [
  '我们保证退款。',
  '一定会给您退款',
  '马上退款给您',
  '我们会立即退款给您。',
  '我们会给您退款',
  '我们将为您全额退还。',
  '款项会原路退回到您的账户。',
  '如确认重复入账，我们会原路退回多扣的款项。',
  '放心，包退。',
  'We will refund you.',
  "We'll refund the full amount today.",
  'You will get a refund within 3 days.',
  "You'll receive a full refund.",
  'Guaranteed refund!',
  'We can refund you right away.',
  'Your money will be refunded.',
  'Your refund has been approved.',
  'we are going to give you a refund',
];

const neutral = [
  '退款需由人工客服核实后处理。',
  'Refunds are decided by our support staff after checking.',
  '退款一般需要 3–10 个工作日到账。',
  '当前交易状态不允许这个操作（例如未付款或已全额退款），我们正在核对。',
  'Refund requests are checked against the merchant policy.',
  'How long does a refund take?',
  '请说明退款原因。',
];

describe('refund promise guard', () => {
  it('catches promises of a refund in Chinese and English', () => {
    for (const text of promises) assert.equal(promisesRefund(text), true, text);
  });

  it('lets neutral talk about refunds through', () => {
    for (const text of neutral) assert.equal(promisesRefund(text), false, text);
  });

  it("none of the bot's own texts or tips promises a refund", () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const text of Object.values(botStrings[locale])) assert.equal(promisesRefund(text), false, text);
      for (const tips of Object.values(customerTips[locale])) for (const tip of tips) assert.equal(promisesRefund(tip), false, tip);
    }
  });

  it('replaces only the promising sentence with the neutral line', () => {
    const zh = guardRefundPromises('没有查到这笔退款记录，我们会帮您核实并退款。请稍候。', 'zh-CN');
    assert.equal(zh, '没有查到这笔退款记录，退款需由人工客服核实后处理。请稍候。');
    const en = guardRefundPromises('The order is still being processed. We will refund you shortly. Please wait.', 'en');
    assert.equal(en, 'The order is still being processed. Refunds are decided by our support staff after checking. Please wait.');
    assert.equal(guardRefundPromises('一切正常。', 'zh-CN'), '一切正常。', 'untouched without a promise');
    for (const text of promises) {
      const guarded = guardRefundPromises(`您好。${text}谢谢。`, 'zh-CN');
      assert.equal(promisesRefund(guarded), false, guarded);
      const guardedEn = guardRefundPromises(`Hello. ${text} Thanks.`, 'en');
      assert.equal(promisesRefund(guardedEn), false, guardedEn);
    }
  });
});

test('catches promises made in the passive or as a plan, in both languages', () => {
  for (const text of ['Your refund will be issued within 3 days', 'The refund will arrive in 3-5 business days', 'Your money will be returned', 'We are refunding you now', 'A refund is on its way', "We'll make sure you're refunded", '退款将在3个工作日内到账', '款项会在3天内退回', '退款已经安排好了', '稍后退款给您']) {
    assert.ok(promisesRefund(text), text);
  }
  for (const text of ['退款多久到账？', 'How long does a refund take?', 'Refunds are decided by our support staff after checking.', '如果符合条件，退款通常需要 1-7 个工作日，具体由人工客服核实。']) {
    assert.ok(!promisesRefund(text), text);
  }
});

import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { extractFields, formatAmount, toMinorUnits } from './extract.js';
import { promisesRefund } from './guard.js';

describe('bot field extraction', () => {
  it('picks up transaction ids: WeChat Pay style digits, T-prefixed ids and labelled ones', () => {
    assert.equal(extractFields('交易号 4200001234202611271234567890').transaction_id, '4200001234202611271234567890');
    assert.equal(extractFields('4200001234202611271234567890').transaction_id, '4200001234202611271234567890');
    assert.equal(extractFields('my payment T20261127000123 failed').transaction_id, 'T20261127000123');
    assert.equal(extractFields('流水号：ABC123456').transaction_id, 'ABC123456');
    assert.equal(extractFields('transaction id: pi_3Nabcdefghijklmn').transaction_id, 'pi_3Nabcdefghijklmn');
  });

  it('picks up order numbers after 订单号 / order # and keeps them apart from transaction ids', () => {
    assert.deepEqual(pick(extractFields('订单号 A12345 付款没成功'), 'order_id', 'transaction_id'), { order_id: 'A12345' });
    assert.equal(extractFields('order #98765 is still unpaid').order_id, '98765');
    assert.equal(extractFields('My order number is 2026-00042').order_id, '2026-00042');
    const both = extractFields('订单号：20261127000011112222，交易号 4200001234202611271234567890');
    assert.equal(both.order_id, '20261127000011112222');
    assert.equal(both.transaction_id, '4200001234202611271234567890');
    assert.equal(extractFields('my order is unpaid').order_id, undefined, 'a word is not an order number');
    assert.equal(extractFields('the transaction failed 3 times').transaction_id, undefined);
  });

  it('finds catalogued error codes and a quoted on-screen message', () => {
    assert.equal(extractFields('刷卡失败，错误码 51').error_code, '51');
    assert.equal(extractFields('Stripe says card_declined: insufficient_funds').error_code, 'insufficient_funds');
    assert.equal(extractFields('提示余额不足').error_message, '余额不足');
    assert.equal(extractFields('the page says "Payment could not be completed"').error_message, 'Payment could not be completed');
    assert.equal(extractFields('付款失败了').error_code, undefined);
  });

  it('turns amounts into minor units with a currency', () => {
    assert.deepEqual(pick(extractFields('扣了¥128.50'), 'amount', 'currency'), { amount: '12850', currency: 'CNY' });
    assert.deepEqual(pick(extractFields('付了128.5元'), 'amount', 'currency'), { amount: '12850', currency: 'CNY' });
    assert.deepEqual(pick(extractFields('I paid $20.'), 'amount', 'currency'), { amount: '2000', currency: 'USD' });
    assert.deepEqual(pick(extractFields('CNY 99 was taken'), 'amount', 'currency'), { amount: '9900', currency: 'CNY' });
    assert.deepEqual(pick(extractFields('￥1,299.00'), 'amount', 'currency'), { amount: '129900', currency: 'CNY' });
    assert.deepEqual(pick(extractFields('JPY 500'), 'amount', 'currency'), { amount: '500', currency: 'JPY' });
    assert.equal(extractFields('订单号 12345').amount, undefined, 'a number without a currency is not an amount');
    assert.equal(toMinorUnits('0.5', 'CNY'), '50');
    assert.equal(formatAmount('12850', 'CNY'), '128.50 CNY');
  });

  it('notes how and when the visitor paid', () => {
    const fields = extractFields('昨天下午3点用信用卡付款，Visa 卡');
    assert.equal(fields.payment_method, '信用卡');
    assert.equal(fields.card_type, 'credit Visa');
    assert.equal(fields.payment_time, '昨天下午3点');
    assert.equal(extractFields('paid with WeChat Pay on 2026-11-27 14:30').payment_time, '2026-11-27 14:30');
    assert.equal(extractFields('paid with WeChat Pay').payment_method, 'WeChat Pay');
  });

  it('never takes a card number for a reference', () => {
    const fields = extractFields('卡号 6222021234567890128 付款失败');
    assert.equal(fields.transaction_id, undefined);
    assert.equal(fields.order_id, undefined);
    assert.equal(extractFields('card 4111 1111 1111 1111').transaction_id, undefined);
  });
});

function pick(fields: Record<string, string>, ...keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]!]));
}

test('reads a hostile 4000-character message in linear time (no regex backtracking blow-up)', () => {
  // Before bounding the patterns, "order" + 2000 spaces took ~20 s and a 4000-character digit run ~0.1 s per call.
  const hostile = ['order', 'transaction', 'dispute', 'serial', 'txn', '订单号', 'refund'].flatMap((head) => [' ', ':', '#', '-', '1'].map((filler) => `${head}${filler.repeat(3990)}!`));
  for (const text of hostile) {
    const started = performance.now();
    extractFields(text);
    promisesRefund(text);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `${JSON.stringify(text.slice(0, 12))}… took ${elapsed.toFixed(0)} ms`);
  }
});

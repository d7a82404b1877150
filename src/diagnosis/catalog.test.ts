import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { categories } from '../cases/taxonomy.js';
import { catalogFile, extractCodes, findCode, listCodes, loadCatalogs, schemes } from './catalog.js';

const dataDir = fileURLToPath(new URL('../../data/error-codes/', import.meta.url));

describe('error-code catalogs', () => {
  it('ships one valid file per scheme', () => {
    for (const name of readdirSync(dataDir).filter((file) => file.endsWith('.json'))) {
      const parsed = catalogFile.safeParse(JSON.parse(readFileSync(join(dataDir, name), 'utf8')));
      assert.ok(parsed.success, `${name}: ${parsed.error?.message}`);
      assert.equal(`${parsed.data.scheme}.json`, name);
    }
    assert.deepEqual(schemes(), ['stripe', 'wechatpay', 'alipay', 'iso8583', 'cup', '3ds']);
  });

  it('has enough codes in every scheme', () => {
    const minimums: Record<string, number> = { iso8583: 60, cup: 40, stripe: 48, wechatpay: 25, alipay: 25, '3ds': 14 };
    for (const [scheme, minimum] of Object.entries(minimums)) {
      const count = listCodes({ scheme }).length;
      assert.ok(count >= minimum, `${scheme} has ${count} codes, wants ${minimum}`);
    }
  });

  it('covers the codes support agents meet most', () => {
    const required: Record<string, string[]> = {
      iso8583: '00 01 03 04 05 06 07 12 13 14 15 19 21 25 30 33 34 36 39 41 43 51 52 53 54 55 57 58 59 61 62 63 65 68 75 76 77 78 80 82 85 86 91 92 93 94 96 98'.split(' '),
      cup: '00 01 03 04 05 12 13 14 15 21 22 25 30 33 34 38 40 41 43 51 54 55 57 58 59 61 62 64 65 66 68 75 90 91 92 94 96 97 98 99 A0'.split(' '),
      stripe: ['card_declined', 'authentication_required', 'approve_with_id', 'call_issuer', 'card_not_supported', 'card_velocity_exceeded', 'currency_not_supported', 'do_not_honor', 'do_not_try_again', 'duplicate_transaction', 'expired_card', 'fraudulent', 'generic_decline', 'incorrect_number', 'incorrect_cvc', 'incorrect_pin', 'incorrect_zip', 'insufficient_funds', 'invalid_account', 'invalid_amount', 'invalid_cvc', 'invalid_expiry_month', 'invalid_expiry_year', 'invalid_number', 'invalid_pin', 'issuer_not_available', 'lost_card', 'merchant_blacklist', 'new_account_information_available', 'no_action_taken', 'not_permitted', 'offline_pin_required', 'online_or_offline_pin_required', 'pickup_card', 'pin_try_exceeded', 'processing_error', 'reenter_transaction', 'restricted_card', 'revocation_of_all_authorizations', 'revocation_of_authorization', 'security_violation', 'service_not_allowed', 'stolen_card', 'stop_payment_order', 'testmode_decline', 'transaction_not_allowed', 'try_again_later', 'withdrawal_count_limit_exceeded'],
      wechatpay: ['NOTENOUGH', 'ORDERPAID', 'ORDERCLOSED', 'SYSTEMERROR', 'BANKERROR', 'USERPAYING', 'AUTHCODEEXPIRE', 'NOAUTH', 'APPID_NOT_EXIST', 'MCHID_NOT_EXIST', 'OUT_TRADE_NO_USED', 'SIGN_ERROR', 'PARAM_ERROR', 'FREQUENCY_LIMITED', 'TRADE_ERROR', 'RULE_LIMIT', 'ORDER_NOT_EXIST', 'INVALID_REQUEST', 'NOT_ENOUGH', 'ACCOUNT_ERROR', 'BUYER_MISMATCH', 'PAYER_ACCOUNT_ABNORMAL', 'INVALID_TRANSACTIONID', 'RESOURCE_NOT_EXISTS'],
      alipay: ['SYSTEM_ERROR', 'INVALID_PARAMETER', 'ACCESS_FORBIDDEN', 'EXIST_FORBIDDEN_WORD', 'PARTNER_ERROR', 'TOTAL_FEE_EXCEED', 'PAYMENT_AUTH_CODE_INVALID', 'CONTEXT_INCONSISTENT', 'TRADE_HAS_SUCCESS', 'TRADE_HAS_CLOSE', 'BUYER_BALANCE_NOT_ENOUGH', 'BUYER_BANKCARD_BALANCE_NOT_ENOUGH', 'ERROR_BALANCE_PAYMENT_DISABLE', 'BUYER_SELLER_EQUAL', 'TRADE_BUYER_NOT_MATCH', 'BUYER_ENABLE_STATUS_FORBID', 'PULL_MOBILE_CASHIER_FAIL', 'MOBILE_PAYMENT_SWITCH_OFF', 'PAYMENT_FAIL', 'BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR', 'BEYOND_PAY_RESTRICTION', 'BEYOND_PER_RECEIPT_RESTRICTION', 'BUYER_PAYMENT_AMOUNT_MONTH_LIMIT_ERROR', 'SELLER_BEEN_BLOCKED', 'ERROR_BUYER_CERTIFY_LEVEL_LIMIT', 'TRADE_NOT_EXIST', 'REASON_TRADE_BEEN_FREEZEN', 'SELLER_BALANCE_NOT_ENOUGH', 'REFUND_AMT_NOT_EQUAL_TOTAL'].map((code) => `ACQ.${code}`),
      '3ds': ['Y', 'N', 'U', 'A', 'C', 'R', 'D', 'I', 'ECI05', 'ECI06', 'ECI07', 'ECI02', 'ECI01', 'ECI00', 'authentication_failed', 'challenge_abandoned'],
    };
    for (const [scheme, codes] of Object.entries(required)) {
      const present = new Set(listCodes({ scheme }).map((entry) => entry.code));
      assert.deepEqual(codes.filter((code) => !present.has(code)), [], `missing in ${scheme}`);
    }
  });

  it('uses only taxonomy categories and has both languages everywhere', () => {
    for (const entry of listCodes()) {
      assert.ok((categories as readonly string[]).includes(entry.category), `${entry.scheme} ${entry.code}: ${entry.category}`);
      assert.ok(entry.agent_steps['zh-CN'].length > 0 && entry.agent_steps.en.length > 0, `${entry.scheme} ${entry.code}: steps`);
      assert.match(entry.explanation['zh-CN'], /\p{Script=Han}/u, `${entry.scheme} ${entry.code}: zh-CN explanation is not Chinese`);
    }
  });

  it('maps the well-known codes to the expected categories', () => {
    const expected: Array<[string | undefined, string, string]> = [
      ['iso8583', '51', 'payment_failed.insufficient_funds'],
      ['stripe', 'insufficient_funds', 'payment_failed.insufficient_funds'],
      ['wechatpay', 'NOTENOUGH', 'payment_failed.insufficient_funds'],
      ['iso8583', '61', 'payment_failed.limit_exceeded'],
      ['iso8583', '65', 'payment_failed.limit_exceeded'],
      ['stripe', 'card_velocity_exceeded', 'payment_failed.limit_exceeded'],
      ['iso8583', '91', 'payment_failed.network_timeout'],
      ['stripe', 'try_again_later', 'payment_failed.network_timeout'],
      ['iso8583', '55', 'payment_failed.verification_failed'],
      ['3ds', 'N', 'payment_failed.verification_failed'],
      ['iso8583', '14', 'payment_failed.card_invalid'],
      ['stripe', 'expired_card', 'payment_failed.card_invalid'],
      ['stripe', 'stolen_card', 'payment_failed.risk_blocked'],
      ['iso8583', '43', 'payment_failed.risk_blocked'],
      ['iso8583', '96', 'payment_failed.system_error'],
      ['wechatpay', 'SYSTEMERROR', 'payment_failed.system_error'],
      ['wechatpay', 'ORDERPAID', 'duplicate_charge'],
      ['alipay', 'ACQ.TRADE_HAS_SUCCESS', 'duplicate_charge'],
      ['stripe', 'duplicate_transaction', 'duplicate_charge'],
      ['wechatpay', 'ORDERCLOSED', 'order.unpaid'],
      ['wechatpay', 'NOT_ENOUGH', 'refund.delayed'],
      ['cup', 'A0', 'pos.operation'],
      ['cup', '97', 'pos.operation'],
    ];
    for (const [scheme, code, category] of expected) assert.equal(findCode(scheme, code)?.category, category, `${scheme} ${code}`);
    assert.equal(findCode('cup', '97')?.escalate_to, 'field');
  });
});

describe('findCode', () => {
  it('ignores case for letter codes and schemes', () => {
    assert.equal(findCode('stripe', 'INSUFFICIENT_FUNDS')?.code, 'insufficient_funds');
    assert.equal(findCode('WeChatPay', 'notenough')?.code, 'NOTENOUGH');
    assert.equal(findCode('alipay', 'acq.trade_has_success')?.code, 'ACQ.TRADE_HAS_SUCCESS');
    assert.equal(findCode('cup', 'a0')?.code, 'A0');
  });

  it('matches numeric codes exactly', () => {
    assert.equal(findCode('iso8583', '05')?.code, '05');
    assert.equal(findCode('iso8583', '5'), undefined);
    assert.equal(findCode('iso8583', '051'), undefined);
    assert.equal(findCode(undefined, ' 51 ')?.code, '51');
  });

  it('searches every scheme when none is given, preferring a unique match and then stripe, wechatpay, alipay, iso8583, cup, 3ds', () => {
    assert.equal(findCode(undefined, 'NOTENOUGH')?.scheme, 'wechatpay');
    assert.equal(findCode(undefined, 'card_declined')?.scheme, 'stripe');
    assert.equal(findCode(undefined, 'A0')?.scheme, 'cup');
    assert.equal(findCode(undefined, 'ECI07')?.scheme, '3ds');
    assert.equal(findCode(undefined, '51')?.scheme, 'iso8583');
    assert.equal(findCode(undefined, '05')?.scheme, 'iso8583');
  });

  it('finds codes by alias and keeps schemes apart', () => {
    assert.equal(findCode('wechatpay', '余额不足')?.code, 'NOTENOUGH');
    assert.equal(findCode('wechatpay', 'SYSTEM_ERROR')?.code, 'SYSTEMERROR');
    assert.equal(findCode('3ds', '07')?.code, 'ECI07');
    assert.equal(findCode('3ds', 'ECI 05')?.code, 'ECI05');
    assert.equal(findCode('stripe', 'NOTENOUGH'), undefined);
    assert.equal(findCode('nosuchscheme', '51'), undefined);
    assert.equal(findCode(undefined, 'no_such_code'), undefined);
  });

  it('lists a code across schemes', () => {
    assert.deepEqual(
      listCodes({ code: '51' }).map((entry) => entry.scheme),
      ['iso8583', 'cup'],
    );
  });
});

describe('extractCodes', () => {
  const codesIn = (text: string) => extractCodes(text).map(({ scheme, code }) => (scheme ? `${scheme}:${code}` : code));

  it('recognises codes after a code word, in Chinese and English', () => {
    assert.deepEqual(codesIn('付款失败，提示错误码51'), ['51']);
    assert.deepEqual(codesIn('POS 机返回码 05 是什么意思'), ['05']);
    assert.deepEqual(codesIn('应答码：A0'), ['cup:A0']);
    assert.deepEqual(codesIn('the terminal says response code 51'), ['51']);
    assert.deepEqual(codesIn('got error 91 twice'), ['91']);
    assert.deepEqual(codesIn('RC=68 on the receipt'), ['68']);
    assert.deepEqual(codesIn('decline code: do_not_honor'), ['stripe:do_not_honor']);
    assert.deepEqual(codesIn('{"code": "51"}'), ['51']);
  });

  it('recognises code-shaped names anywhere', () => {
    assert.deepEqual(codesIn('Stripe said card_declined, insufficient_funds.'), ['stripe:card_declined', 'stripe:insufficient_funds']);
    assert.deepEqual(codesIn('微信支付提示NOTENOUGH'), ['wechatpay:NOTENOUGH']);
    assert.deepEqual(codesIn('支付宝返回 ACQ.TRADE_HAS_SUCCESS。'), ['alipay:ACQ.TRADE_HAS_SUCCESS']);
    assert.deepEqual(codesIn('3DS result ECI 07, transStatus: N'), ['3ds:ECI07', '3ds:N']);
  });

  it('gives the position of each code', () => {
    const [found] = extractCodes('提示错误码51');
    assert.equal(found?.index, 5);
    const text = 'error: ACQ.TRADE_HAS_SUCCESS';
    assert.equal(extractCodes(text)[0]?.index, text.indexOf('ACQ.'));
  });

  it('reads a UnionPay mention as a hint for numeric codes', () => {
    assert.deepEqual(codesIn('银联POS机刷卡提示应答码51'), ['cup:51']);
  });

  it('leaves amounts, dates, unknown codes and ordinary words alone', () => {
    assert.deepEqual(codesIn('金额 51 元'), []);
    assert.deepEqual(codesIn('2026-05-01 下午付款失败'), []);
    assert.deepEqual(codesIn('验证码 51 已发送'), []);
    assert.deepEqual(codesIn('error code 5'), []);
    assert.deepEqual(codesIn('error 404'), []);
    assert.deepEqual(codesIn('I think this charge is fraudulent, error I guess'), []);
    assert.deepEqual(codesIn('PAYMENT ORDER from HTTP'), []);
    assert.deepEqual(codesIn(''), []);
  });
});

describe('loadCatalogs', () => {
  const withFiles = (files: Record<string, unknown>, test: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'paydesk-catalog-'));
    try {
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
      test(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const entry = (code: string, overrides: Record<string, unknown> = {}) => ({
    code,
    category: 'other',
    explanation: { 'zh-CN': '说明', en: 'Explanation' },
    agent_steps: { 'zh-CN': ['步骤'], en: ['Step'] },
    resolvable_remotely: true,
    escalate_to: null,
    retry_advice: 'retry_later',
    ...overrides,
  });
  const file = (codes: unknown[]) => ({ scheme: 'demo', name: { 'zh-CN': '演示', en: 'Demo' }, codes });

  it('reads a valid directory once', () => {
    withFiles({ 'demo.json': file([entry('X1')]) }, (dir) => {
      const first = loadCatalogs(dir);
      assert.equal(first[0]?.codes[0]?.code, 'X1');
      assert.equal(loadCatalogs(dir), first);
    });
  });

  it('names the file and the path of invalid data', () => {
    withFiles({ 'demo.json': file([entry('X1'), entry('X2', { category: 'not_a_category' })]) }, (dir) => {
      assert.throws(() => loadCatalogs(dir), /demo\.json: .*codes\.1\.category/);
    });
    withFiles({ 'demo.json': file([entry('X1'), entry('x1')]) }, (dir) => {
      assert.throws(() => loadCatalogs(dir), /demo\.json: .*codes\.1\.code: .*already used/);
    });
    withFiles({ 'demo.json': file([entry('X1', { explanation: { 'zh-CN': ' ', en: 'x' } })]) }, (dir) => {
      assert.throws(() => loadCatalogs(dir), /codes\.0\.explanation\.zh-CN/);
    });
    withFiles({ 'demo.json': file([entry('X1', { surprise: true })]) }, (dir) => {
      assert.throws(() => loadCatalogs(dir), /demo\.json: .*codes\.0/);
    });
    withFiles({ 'other.json': file([entry('X1')]) }, (dir) => {
      assert.throws(() => loadCatalogs(dir), /other\.json: scheme "demo" does not match/);
    });
    withFiles({ 'demo.json': '{ not json' }, (dir) => {
      assert.throws(() => loadCatalogs(dir), /demo\.json: not valid JSON/);
    });
  });
});

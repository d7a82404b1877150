import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkConduct, conductDecision, conductRules, defaultConductModes, exceedsDailyContactLimit, type ConductFinding, type ConductRule } from './conduct.js';
import { conductExplanation } from './strings.js';
import { loadWordLists, wordPatterns } from './rules.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rulesOf = (text: string, allowedContacts: string[] = []): ConductRule[] => checkConduct(text, { allowedContacts }).map((finding) => finding.rule);

/** Asserts that `text` yields at least one finding of `rule` and returns those findings. */
function expectRule(text: string, rule: ConductRule): ConductFinding[] {
  const found = checkConduct(text).filter((finding) => finding.rule === rule);
  assert.ok(found.length > 0, `expected ${rule} in ${JSON.stringify(text)}, got ${JSON.stringify(checkConduct(text))}`);
  return found;
}

function expectClean(text: string, allowedContacts: string[] = []): void {
  assert.deepEqual(checkConduct(text, { allowedContacts }), [], `expected no findings in ${JSON.stringify(text)}`);
}

describe('malicious_label', () => {
  it('fires on zh, en and mixed labels of the complaint or the customer', () => {
    for (const text of [
      '您的投诉属于恶意投诉，我们不予处理。',
      '经核实，这是恶意差评。',
      '您这是恶意的退款行为',
      '我们怀疑您是职业打假人',
      '请不要敲诈勒索商家',
      '你就是羊毛党',
      'This is a malicious complaint.',
      'We consider this chargeback fraud.',
      'Filing a frivolous complaint will not help.',
      'You are a professional complainer.',
      'This looks like extortion.',
      'your request is in bad faith',
      'Dear customer, 您的 complaint 属于恶意投诉',
    ]) {
      expectRule(text, 'malicious_label');
    }
  });

  it('still fires when the label is negated (the word itself must not appear)', () => {
    assert.deepEqual(checkConduct('我们没有认为您是恶意投诉'), [{ rule: 'malicious_label', match: '恶意投诉', index: 8 }]);
    assert.deepEqual(checkConduct('we do not think this is malicious'), [{ rule: 'malicious_label', match: 'malicious', index: 24 }]);
  });

  it('sees through spaces and full-width letters', () => {
    const [finding] = expectRule('这 是 恶 意 投 诉', 'malicious_label');
    assert.equal(finding?.match, '恶 意 投 诉');
    assert.equal(finding?.index, 4);
    expectRule('ＭＡＬＩＣＩＯＵＳ complaint', 'malicious_label');
  });

  it('does not fire on technical uses of the word', () => {
    expectClean('请勿点击陌生的恶意链接，谨防诈骗。');
    expectClean('我们不存在恶意扣费的情况，款项已原路退回。');
    expectClean('Please do not open malicious links or attachments.');
  });
});

describe('insult', () => {
  it('fires on abuse and baiting in zh, en and mixed text', () => {
    for (const text of [
      '你是不是有病？',
      '你这个人真是脑残',
      '神经病，别再来烦我们了',
      '爱投诉就投诉，随便你',
      '有本事你去投诉啊',
      '投诉也没用',
      '你就是骗子',
      'You are an idiot.',
      'Shut up and wait.',
      'Go ahead and complain, nobody cares.',
      "You're lying.",
      '你真是 SB',
      'This is your own fault, 活该',
    ]) {
      expectRule(text, 'insult');
    }
  });

  it('sees through spaces, full-width letters and zero-width characters', () => {
    expectRule('你 是 白 痴', 'insult');
    expectRule('ＩＤＩＯＴ', 'insult');
    expectRule('脑\u200b残', 'insult');
  });

  it('leaves ordinary words that merely contain a swear alone', () => {
    expectClean('这是傻瓜式操作，按提示点击即可。');
    expectClean('请检查您的垃圾邮件箱。');
    expectClean('请谨防骗子冒充客服。');
    expectClean('您妈妈的账户已解绑。');
    expectClean('Please scroll down to the refund section.');
  });
});

describe('off_platform_contact', () => {
  it('fires on invitations to other channels in zh, en and mixed text', () => {
    for (const text of [
      '加我微信详细聊',
      '您可以加一下客服的个人微信',
      '麻烦加我 QQ',
      '我们私聊吧',
      '请私信我',
      '这个问题我们私下处理',
      '可以线下协商',
      '微信联系我',
      '给我打电话',
      'add me on WhatsApp',
      'Please text me.',
      "Let's take this offline.",
      'my personal number is below',
      'Join us on Telegram',
      '请 add me on WeChat 详聊',
      '加V：abc12345',
      '我们微信沟通一下吧',
    ]) {
      expectRule(text, 'off_platform_contact');
    }
  });

  it('sees through spaces and full-width letters, and points at the original text', () => {
    assert.deepEqual(checkConduct('请加 我 微 信'), [{ rule: 'off_platform_contact', match: '加 我 微 信', index: 1 }]);
    const [vx] = expectRule('加我ＶＸ', 'off_platform_contact');
    assert.equal(vx?.match, '加我ＶＸ');
    expectRule('加　我　威　信', 'off_platform_contact');
    expectRule('微-信-联-系-我', 'off_platform_contact');
  });

  it('allows the platform itself and privacy wording', () => {
    expectClean('请在微信支付投诉页面回复我们');
    expectClean('您可以在微信支付的投诉详情页补充凭证。');
    expectClean('我们会保护您的隐私信息。');
    expectClean('Please reply in the WeChat Pay complaint page.');
    expectClean('Feel free to contact me here if anything is unclear.');
    expectClean('请在微信中打开投诉详情继续沟通');
    expectClean('开通加vip2024会员享优惠');
  });
});

describe('contact_details', () => {
  it('flags mainland mobiles with any common formatting', () => {
    for (const text of ['请联系 13800138000', '手机：138-0013-8000', '+86 138 0013 8000', '0086 13800138000', '号码1 3 8 0 0 1 3 8 0 0 0']) {
      expectRule(text, 'contact_details');
    }
  });

  it('flags landlines, service numbers and international numbers', () => {
    assert.deepEqual(checkConduct('座机 0755-12345678'), [{ rule: 'contact_details', match: '座机 0755-12345678', index: 0 }]);
    expectRule('(010) 87654321', 'contact_details');
    expectRule('400-820-8820', 'contact_details');
    expectRule('WhatsApp +44 20 7946 0958', 'contact_details');
    expectRule('call us at 95017', 'contact_details');
  });

  it('flags e-mail addresses, WeChat ids, QQ numbers and chat links', () => {
    for (const text of [
      '邮箱 service@example.com',
      '微信号：zhangsan',
      '微信 abc_123',
      'ｗｘ：abc123',
      'WeChat ID: refund_help',
      'vx: kefu2024',
      'my wechat is zhang123',
      '+V 13800138000',
      'QQ 12345678',
      'Q Q 12345678',
      '扣扣号 87654321',
      'https://wa.me/8613800138000',
      't.me/paydesk_refunds',
      'weixin://dl/chat?abc',
      'line.me/ti/p/abc',
    ]) {
      expectRule(text, 'contact_details');
    }
  });

  it('maps full-width digits back to the original text', () => {
    const text = '请联系 １３８００１３８０００ 谢谢';
    assert.deepEqual(checkConduct(text), [{ rule: 'contact_details', match: '１３８００１３８０００', index: 4 }]);
  });

  it('keeps indexes right after characters outside the BMP and after zero-width characters', () => {
    const text = '😀😀 wx\u200b: abc123';
    const [finding] = checkConduct(text);
    assert.equal(finding?.index, text.indexOf('wx'));
    assert.equal(finding?.match, 'wx\u200b: abc123');
  });

  it('does not treat references, amounts, dates or times as phone numbers', () => {
    expectClean('交易单号 4200001234202311111234567890');
    expectClean('交易单号：4200001234202311111234567890，商户单号 P20261126000123');
    expectClean('out_trade_no 13800138000');
    expectClean('订单号：13912345678');
    expectClean('退款 128.50 元将在 3-5 个工作日内原路退回');
    expectClean('¥13,800.00 has been refunded.');
    expectClean('2026-11-26 14:30');
    expectClean('您于 2026-11-26 14:30 支付的 88.00 元已退回');
    expectClean('our support hours are 9:00-18:00');
    expectClean('Refund ID 50300012345678901234 was created at 1764138600000.');
    expectClean('手机尾号 8000 的用户您好');
  });

  it('does not treat WeChat Pay or plain words after 微信 as ids', () => {
    expectClean('WeChat Pay official account');
    expectClean('请在微信 app 中打开账单');
    expectClean('微信支付商户号 1900000109 的交易');
    expectClean('new xbox360 console');
    expectClean('wechat is great');
  });

  it('lets the merchant whitelist its official contacts', () => {
    expectClean('如有疑问请拨打微信支付客服热线 95017', ['95017']);
    assert.deepEqual(rulesOf('如有疑问请拨打微信支付客服热线 95017'), ['contact_details']);
    expectClean('Please call 400 820 8820.', ['400-820-8820']);
    expectClean('请发邮件至 Support@Paydesk.CN', ['support@paydesk.cn']);
    expectClean('热线 +86 138-0013-8000', ['13800138000']);
    assert.deepEqual(rulesOf('热线 95017，或者 13800138000', ['95017']), ['contact_details']);
  });
});

describe('clean messages', () => {
  it('pass ordinary polite replies in zh and en', () => {
    expectClean('您好，非常抱歉给您带来不便。我们已为您申请全额退款，款项将原路退回，请留意账户变动。');
    expectClean('感谢您的耐心等待，如还有其他问题，可直接在本投诉页面留言，我们会第一时间回复。');
    expectClean('We are sorry for the trouble. The refund of 128.50 CNY was issued today and should arrive within 3-5 business days.');
    expectClean('Thank you for your patience. Reply here if anything else is unclear.');
    expectClean('您好 Dear customer, 退款已处理 the refund has been processed.');
  });
});

describe('checkConduct results', () => {
  it('are sorted by index and point into the original text', () => {
    const text = '你是白痴，加我微信 abc_123，这是恶意投诉，call me at 13800138000';
    const findings = checkConduct(text);
    assert.deepEqual(findings.map((finding) => finding.rule), ['insult', 'off_platform_contact', 'contact_details', 'malicious_label', 'off_platform_contact', 'contact_details']);
    for (const finding of findings) assert.equal(text.slice(finding.index, finding.index + finding.match.length), finding.match);
    const indexes = findings.map((finding) => finding.index);
    assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b));
  });

  it('report a span once even when several patterns match it', () => {
    assert.deepEqual(checkConduct('add me on WhatsApp'), [{ rule: 'off_platform_contact', match: 'add me on WhatsApp', index: 0 }]);
    assert.deepEqual(checkConduct('手机 13800138000'), [{ rule: 'contact_details', match: '手机 13800138000', index: 0 }]);
  });

  it('always map back to the original text, whatever the input', () => {
    const piece = fc.constantFrom('加', '我', '微', '信', ' ', '　', '\u200b', 'ｗ', 'x', ':', '１', '3', '8', '0', '恶意', '投诉', 'idiot', '😀', '-', '.', 'QQ', '@', 'a.com', '5');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const findings = checkConduct(text);
        for (const finding of findings) {
          assert.ok(finding.match.length > 0);
          assert.equal(text.slice(finding.index, finding.index + finding.match.length), finding.match);
        }
        const indexes = findings.map((finding) => finding.index);
        assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b));
      }),
    );
  });
});

describe('conductDecision and modes', () => {
  const findings: ConductFinding[] = [
    { rule: 'malicious_label', match: '恶意投诉', index: 0 },
    { rule: 'insult', match: 'idiot', index: 5 },
    { rule: 'off_platform_contact', match: '加我微信', index: 11 },
    { rule: 'contact_details', match: '13800138000', index: 16 },
  ];

  it('blocks everything on WeChat Pay complaints', () => {
    const { blocked, warnings } = conductDecision(findings, defaultConductModes('wechatpay'));
    assert.equal(blocked.length, 4);
    assert.deepEqual(warnings, []);
  });

  it('only warns about contacts on other channels', () => {
    const { blocked, warnings } = conductDecision(findings, defaultConductModes('email'));
    assert.deepEqual(blocked.map((finding) => finding.rule), ['malicious_label', 'insult']);
    assert.deepEqual(warnings.map((finding) => finding.rule), ['off_platform_contact', 'contact_details']);
  });

  it("drops 'off' rules and blocks rules without a mode", () => {
    const { blocked, warnings } = conductDecision(findings, { insult: 'off', contact_details: 'warn' });
    assert.deepEqual(blocked.map((finding) => finding.rule), ['malicious_label', 'off_platform_contact']);
    assert.deepEqual(warnings.map((finding) => finding.rule), ['contact_details']);
  });

  it('gives every rule a mode on every channel', () => {
    for (const channel of ['wechatpay', 'email', 'web_chat', 'phone']) assert.deepEqual(Object.keys(defaultConductModes(channel)).sort(), [...conductRules].sort());
  });
});

describe('exceedsDailyContactLimit', () => {
  it('is true once the limit is used up', () => {
    assert.equal(exceedsDailyContactLimit(0, 3), false);
    assert.equal(exceedsDailyContactLimit(2, 3), false);
    assert.equal(exceedsDailyContactLimit(3, 3), true);
    assert.equal(exceedsDailyContactLimit(0, 0), true);
    assert.equal(exceedsDailyContactLimit(0, -1), true);
  });
});

describe('conductExplanation', () => {
  it('explains every rule in both locales', () => {
    for (const rule of conductRules) {
      assert.match(conductExplanation(rule, 'zh-CN'), /[\u4e00-\u9fff]/u);
      assert.match(conductExplanation(rule, 'en'), /^[\x20-\x7e]+$/u);
    }
    assert.match(conductExplanation('malicious_label', 'zh-CN'), /恶意投诉/u);
    assert.match(conductExplanation('malicious_label', 'en'), /malicious/u);
  });
});

describe('word lists shipped as data', () => {
  it('are read from data/conduct/words.json and checked', () => {
    const lists = loadWordLists();
    assert.ok(lists.insult.zh.includes('脑残') && lists.insult.en.includes('idiot'));
    assert.ok(lists.malicious_label.zh.includes('敲诈'));
    for (const [text, rule] of [['你真是脑残', 'insult'], ['Shut   up and wait', 'insult'], ['This looks like bad-faith behaviour', 'malicious_label'], ['这是敲诈', 'malicious_label'], ['We will not let you extort us', 'malicious_label']] as const) {
      assert.deepEqual(rulesOf(text), [rule], text);
    }
  });

  it('builds whole-word English patterns and anywhere Chinese patterns from any list', () => {
    const built = wordPatterns({ zh: ['坏蛋'], en: ['rude person', 'c++ fan'] });
    const [en, zh] = [built.en[0]?.regex, built.zh[0]?.regex];
    assert.ok(en && zh);
    const hits = (regex: RegExp, text: string) => new RegExp(regex.source, 'u').test(text);
    assert.equal(hits(en, 'you rude  person'), true);
    assert.equal(hits(en, 'a crude personality'), false);
    assert.equal(hits(en, 'a c++ fan'), true, 'regex characters in a word are taken literally');
    assert.equal(hits(en, 'a cc fan'), false);
    assert.equal(hits(zh, '你这个坏蛋'), true);
    assert.deepEqual(wordPatterns({ zh: [], en: [] }), { zh: [], en: [] });
  });

  it('refuse a broken file at start-up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conduct-words-'));
    const file = join(dir, 'words.json');
    writeFileSync(file, JSON.stringify({ insult: { zh: [''], en: [] } }));
    assert.throws(() => loadWordLists(file), /invalid conduct word list/);
    rmSync(dir, { recursive: true, force: true });
  });
});

import type { Scenario } from './scenario.js';

/** Money that moved wrongly or not yet: duplicates, refunds, settlement, complaints and disputes. */
export const moneyScenarios: readonly Scenario[] = [
  {
    category: 'duplicate_charge',
    weight: 4,
    channels: ['email', 'web_chat', 'portal'],
    provider: 'gateway',
    party: 'consumer',
    money: 'visa_fee',
    refs: ['order', 'transaction'],
    team: 'finance',
    escalateTo: 'finance',
    priority: 'high',
    tags: ['e-visa', 'duplicate'],
    texts: [
      {
        subject: { zh: '{country}电子签证重复扣款', en: 'Charged twice for my {country} e-Visa' },
        description: {
          zh: '页面加载太慢，我点了两次支付，结果信用卡被扣了两次 {amount}，交易号 {transaction_id}，申请号 {order_id}。请退还多扣的一笔。',
          en: 'The page was slow so I clicked Pay twice and my card was charged {amount} two times (transaction {transaction_id}, application {order_id}). Please refund the extra charge.',
        },
      },
    ],
    reply: {
      zh: '经核实，申请 {order_id} 确有两笔成功扣款，多扣的一笔我们会在 24 小时内提交原路退款，信用卡一般 3–10 个工作日到账。',
      en: 'Confirmed: application {order_id} was charged twice. We will submit a refund of the extra charge to your card within 24 hours; it usually appears within 3–10 business days.',
    },
    ask: { zh: '请提供信用卡账单中两笔扣款的截图（可遮挡卡号）。', en: 'Please send a statement screenshot showing both charges (you may hide the card number).' },
    note: { zh: '网关日志确认重复提交，两笔均成功，退第二笔。', en: 'Gateway log confirms a double submit, both captured; refunding the second.' },
    resolutions: ['partial_refund', 'full_refund', 'explained'],
  },
  {
    category: 'duplicate_charge',
    weight: 4,
    channels: ['wechatpay', 'web_chat', 'api', 'portal'],
    provider: 'wechatpay',
    party: 'consumer',
    money: 'wallet',
    refs: ['order', 'transaction'],
    team: 'finance',
    escalateTo: 'finance',
    priority: 'high',
    tags: ['wechatpay', 'duplicate'],
    texts: [
      {
        subject: { zh: '微信支付同一订单扣款两次', en: 'WeChat Pay charged me twice for one order' },
        description: {
          zh: '同一个订单 {order_id} 微信支付扣了我两次钱，每次 {amount}，账单里能看到两笔，其中一笔交易单号 {transaction_id}。',
          en: 'Order {order_id} was paid twice through WeChat Pay, {amount} each time; both show in my bill, one is transaction {transaction_id}.',
        },
      },
    ],
    reply: {
      zh: '您好，已查到订单 {order_id} 有两笔支付成功，多扣的一笔已发起原路退款，零钱支付即时到账，银行卡 1–3 个工作日到账。给您带来不便非常抱歉。',
      en: 'Hello, order {order_id} was indeed paid twice. The extra payment is being refunded to its source – instantly to WeChat balance, 1–3 business days to a bank card. Sorry for the trouble.',
    },
    ask: { zh: '请提供微信账单中两笔支付的截图，方便我们核对。', en: 'Please send a screenshot of both payments in your WeChat bill.' },
    note: { zh: '回调重复触发下单，已退多扣一笔；提醒技术排查幂等。', en: 'Duplicate callback created two payments; refunded one, asked tech to check idempotency.' },
    resolutions: ['partial_refund', 'full_refund'],
  },
  {
    category: 'duplicate_charge',
    weight: 1,
    channels: ['stripe'],
    provider: 'stripe',
    party: 'consumer',
    money: 'stripe',
    refs: ['transaction'],
    team: 'risk',
    escalateTo: 'finance',
    priority: 'high',
    tags: ['stripe', 'dispute'],
    texts: [
      {
        subject: { zh: 'Stripe 争议：持卡人称重复扣款', en: 'Stripe dispute: cardholder says duplicate charge' },
        description: {
          zh: 'Stripe 争议 {dispute_id}，原因 duplicate，交易 {transaction_id}，金额 {amount}。需在截止日期前提交证据或退款。',
          en: 'Stripe dispute {dispute_id}, reason "duplicate", charge {transaction_id}, {amount}. Evidence or a refund is due before the deadline.',
        },
      },
    ],
    reply: {
      zh: '您好，我们收到了您通过发卡行发起的争议。经核实两笔订单对应不同商品，我们已把订单明细发到您的邮箱，如有误请直接回复。',
      en: 'Hello, we have received the dispute you opened with your bank. The two charges are for different orders; we have emailed you both receipts – reply if anything is wrong.',
    },
    ask: { zh: '请确认两笔订单是否都是您本人购买。', en: 'Could you confirm that you placed both orders?' },
    note: { zh: '证据包：两张订单、发货记录、IP 一致，准备提交 Stripe。', en: 'Evidence: two orders, shipping records, same IP; preparing the Stripe submission.' },
    resolutions: ['rejected', 'full_refund', 'customer_withdrew'],
  },
  {
    category: 'refund.request',
    weight: 5,
    channels: ['email', 'portal', 'web_chat', 'wechatpay', 'api'],
    provider: 'wechatpay',
    party: 'consumer',
    money: 'retail',
    refs: ['order', 'transaction'],
    team: 'finance',
    escalateTo: 'finance',
    priority: 'normal',
    tags: ['refund'],
    texts: [
      {
        subject: { zh: '行程取消，申请退款', en: 'Refund request – trip cancelled' },
        description: {
          zh: '因为行程取消，申请退还订单 {order_id} 的费用 {amount}，交易单号 {transaction_id}，已附上航班取消证明。',
          en: 'My trip was cancelled, so I would like a refund of {amount} for order {order_id} (transaction {transaction_id}). The airline cancellation notice is attached.',
        },
      },
      {
        subject: { zh: '课程还没开始，申请退款', en: 'Course has not started – please refund' },
        description: {
          zh: '{date} 购买的 {product}（{amount}）还没开始上课，想申请全额退款，订单 {order_id}。',
          en: 'I bought {product} ({amount}) on {date} and it has not started yet. I would like a full refund, order {order_id}.',
        },
      },
    ],
    reply: {
      zh: '收到您的退款申请，我们会在 24 小时内完成审核并提交退款，款项将原路退回，预计 1–7 个工作日到账，届时会再通知您。',
      en: 'We have your refund request: it will be reviewed and submitted within 24 hours, back to the original payment method, usually 1–7 business days. We will keep you posted.',
    },
    ask: { zh: '请补充取消证明或订单截图，审核通过后立即退款。', en: 'Please add the cancellation notice or an order screenshot; we refund as soon as it is approved.' },
    note: { zh: '退款审核中，金额 {amount}，符合无理由退款规则。', en: 'Refund under review, {amount}, within the no-questions refund window.' },
    resolutions: ['full_refund', 'full_refund', 'partial_refund', 'rejected'],
  },
  {
    category: 'refund.delayed',
    weight: 6,
    channels: ['wechatpay', 'email', 'web_chat', 'portal', 'phone'],
    provider: 'wechatpay',
    party: 'consumer',
    money: 'retail',
    refs: ['order', 'refund', 'transaction'],
    team: 'finance',
    escalateTo: 'finance',
    priority: 'normal',
    tags: ['refund'],
    texts: [
      {
        subject: { zh: '退款未到账', en: 'Refund not received after {refund_days} days' },
        description: {
          zh: '{date} 申请的退款 {amount}，页面显示退款成功已经 {refund_days} 天了，{bank}卡里还是没到账，退款单号 {refund_id}。',
          en: 'My refund of {amount} was marked successful {refund_days} days ago (refund {refund_id}) but nothing has arrived on my {bank} card.',
        },
      },
      {
        subject: { zh: '退款一直显示处理中', en: 'Refund stuck in "processing"' },
        description: {
          zh: '订单 {order_id} 的退款申请已经一周了，状态一直是“处理中”，金额 {amount}，请尽快处理。',
          en: 'The refund for order {order_id} ({amount}) has shown "processing" for a week. Please sort it out.',
        },
      },
    ],
    reply: {
      zh: '已查询到退款 {refund_id} 已由我方提交成功，目前在银行处理中。信用卡退款一般 3–10 个工作日入账，可以凭退款单号向{bank}查询。',
      en: 'Refund {refund_id} left us successfully and is now with the bank. Card refunds usually post within 3–10 business days; {bank} can trace it with the refund number.',
    },
    ask: { zh: '如超过 10 个工作日仍未到账，请提供该卡近期账单截图。', en: 'If nothing arrives within 10 business days, please send a recent statement screenshot.' },
    note: { zh: '退款已出款，银行侧处理中；已在 T+10 设置跟进提醒。', en: 'Refund paid out, pending at the bank; follow-up reminder at T+10.' },
    resolutions: ['explained', 'full_refund', 'fixed'],
  },
  {
    category: 'settlement.delayed',
    weight: 3,
    channels: ['pos_hotline', 'phone', 'email', 'portal'],
    provider: 'unionpay',
    party: 'merchant',
    money: 'settlement',
    refs: ['merchant'],
    team: 'finance',
    escalateTo: 'finance',
    priority: 'high',
    tags: ['pos', 'settlement'],
    texts: [
      {
        subject: { zh: '昨天的 POS 交易款今天没到账', en: "Yesterday's card takings not settled (T+1)" },
        description: {
          zh: '商户号 {merchant_no}，昨天刷卡营业额 {amount}，按 T+1 今天应该到账，但结算账户一直没收到。',
          en: 'Merchant {merchant_no}: yesterday we took {amount} by card; with T+1 it should be in our account today but nothing has arrived.',
        },
      },
    ],
    reply: {
      zh: '已查询商户号 {merchant_no} 的清算记录，昨日交易已完成清算，划款因银行批次延迟，预计今天 18:00 前到账。',
      en: 'We checked merchant {merchant_no}: yesterday\'s batch is cleared and the transfer was delayed by the bank\'s batch run; it should arrive before 18:00 today.',
    },
    ask: { zh: '请提供结算账户开户行和最近一次正常到账的日期。', en: 'Please tell us the settlement bank and the last date funds arrived normally.' },
    note: { zh: '清算正常，出款批次延迟；若 18:00 未到账转财务核查。', en: 'Clearing fine, payout batch late; to finance if not in by 18:00.' },
    resolutions: ['explained', 'fixed'],
  },
];

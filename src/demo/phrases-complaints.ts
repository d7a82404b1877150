import type { Scenario } from './scenario.js';

/** Complaints about the service, platform complaints with deadlines, disputes and the rest. */
export const complaintScenarios: readonly Scenario[] = [
  {
    category: 'complaint.service',
    weight: 3,
    channels: ['phone', 'email', 'web_chat'],
    provider: 'alipay',
    party: 'consumer',
    money: 'retail',
    refs: ['order'],
    team: 'L2',
    escalateTo: 'L3',
    priority: 'high',
    tags: ['complaint'],
    texts: [
      {
        subject: { zh: '投诉：退款问题拖了一周没解决', en: 'Complaint: no answer from support for a week' },
        description: {
          zh: '关于订单 {order_id} 的退款（{amount}），我已经联系客服三次，每次都说“在处理”，到现在一周了没有任何结果，要求给个明确答复。',
          en: 'About the refund of {amount} for order {order_id}: I have contacted support three times and always hear "we are working on it". A week later nothing has happened. I want a clear answer.',
        },
      },
    ],
    reply: {
      zh: '非常抱歉让您久等了。您的问题已由主管跟进，我们会在今天内给您明确的处理方案和到账时间。',
      en: 'We are very sorry for the wait. A supervisor now owns your case and you will have a clear plan and timeline from us today.',
    },
    ask: { zh: '请告诉我们您最方便接听电话的时间，我们主动联系您。', en: 'When is a good time to call you? We will ring you.' },
    note: { zh: '重复来电 3 次，前两次未建单；已复盘并加急。', en: 'Third contact; first two were never logged. Reviewed and expedited.' },
    resolutions: ['agreed', 'full_refund', 'partial_refund', 'explained'],
  },
  {
    category: 'complaint.service',
    weight: 4,
    channels: ['wechatpay'],
    provider: 'wechatpay',
    party: 'consumer',
    money: 'wallet',
    refs: ['order', 'transaction'],
    team: 'L2',
    escalateTo: 'finance',
    priority: 'high',
    tags: ['wechatpay', 'platform-complaint'],
    texts: [
      {
        subject: { zh: '微信支付投诉：付款后未收到商品', en: 'WeChat Pay complaint: paid but goods not delivered' },
        description: {
          zh: '【微信支付消费者投诉】投诉单号 {complaint_id}：用户称 {date} 支付 {amount}（商户订单号 {order_id}），商家一直未发货，联系不上客服，要求全额退款。',
          en: '[WeChat Pay consumer complaint] Complaint {complaint_id}: the payer says they paid {amount} on {date} (merchant order {order_id}), nothing was delivered and support cannot be reached. Asks for a full refund.',
        },
      },
      {
        subject: { zh: '微信支付投诉：会员自动续费未告知', en: 'WeChat Pay complaint: auto-renewal without notice' },
        description: {
          zh: '【微信支付消费者投诉】投诉单号 {complaint_id}：用户称未收到续费提醒即被扣款 {amount}，交易单号 {transaction_id}，要求退款并关闭自动续费。',
          en: '[WeChat Pay consumer complaint] Complaint {complaint_id}: the payer was charged {amount} for a renewal without a reminder (transaction {transaction_id}); wants a refund and auto-renewal switched off.',
        },
      },
    ],
    reply: {
      zh: '您好，我们已收到您的投诉并核实订单 {order_id}。我们将为您办理原路退款，预计 1–3 个工作日到账，处理进度会在本投诉中同步给您。',
      en: 'Hello, we have received your complaint and checked order {order_id}. We will refund it to the original payment method (1–3 business days) and post progress on this complaint.',
    },
    ask: { zh: '请问您是否同意以上处理方案？同意后我们提交处理完成。', en: 'Do you agree with this solution? Once you confirm we will mark the complaint as handled.' },
    note: { zh: '平台投诉：须在创建次日 24:00 前首次回复、第 3 日 24:00 前处理完成；未协商一致前不要点“处理完成”。', en: 'Platform complaint: first reply by 24:00 the next day, completion by 24:00 on day 3. Do not mark complete before agreement.' },
    resolutions: ['full_refund', 'full_refund', 'agreed', 'customer_withdrew'],
  },
  {
    category: 'fraud.dispute',
    weight: 3,
    channels: ['stripe'],
    provider: 'stripe',
    party: 'consumer',
    money: 'stripe',
    refs: ['transaction', 'order'],
    team: 'risk',
    escalateTo: 'risk',
    priority: 'high',
    tags: ['stripe', 'dispute', 'chargeback'],
    texts: [
      {
        subject: { zh: 'Stripe 争议：持卡人称未授权交易', en: 'Stripe dispute: cardholder says payment was unauthorized' },
        description: {
          zh: '收到 Stripe 争议 {dispute_id}，交易 {transaction_id} 金额 {amount}，原因 fraudulent，需要在证据截止日期前提交证据。订单 {order_id}。',
          en: 'Stripe dispute {dispute_id} on charge {transaction_id} for {amount}, reason "fraudulent". Evidence is due before the deadline. Order {order_id}.',
        },
      },
      {
        subject: { zh: 'Stripe 争议：持卡人称未收到商品', en: 'Stripe dispute: product not received' },
        description: {
          zh: 'Stripe 争议 {dispute_id}，原因 product_not_received，交易 {transaction_id}，金额 {amount}。',
          en: 'Stripe dispute {dispute_id}, reason "product_not_received", charge {transaction_id}, {amount}.',
        },
      },
    ],
    reply: {
      zh: '您好，我们注意到您对订单 {order_id} 提出了争议。如果是家人或同事使用了您的卡，请告诉我们，我们可以直接退款，避免争议流程。',
      en: 'Hello, we see you disputed order {order_id}. If a family member or colleague used your card, tell us and we can refund directly instead of going through the dispute.',
    },
    ask: { zh: '请确认您是否认识这笔交易，或是否收到了商品。', en: 'Please confirm whether you recognise this payment or received the goods.' },
    note: { zh: '证据：订单 IP 与账单地址一致、3DS 已验证、物流签收记录；准备提交。', en: 'Evidence: IP matches billing address, 3DS authenticated, delivery signed; submitting.' },
    resolutions: ['rejected', 'full_refund', 'customer_withdrew'],
  },
  {
    category: 'fraud.dispute',
    weight: 2,
    channels: ['phone', 'email', 'web_chat'],
    provider: 'unionpay',
    party: 'consumer',
    money: 'retail',
    refs: ['transaction'],
    team: 'risk',
    escalateTo: 'risk',
    priority: 'urgent',
    tags: ['fraud'],
    texts: [
      {
        subject: { zh: '信用卡出现一笔不认识的消费，怀疑被盗刷', en: 'Unrecognised charge on my card – possible fraud' },
        description: {
          zh: '{date} 我的{bank}信用卡出现一笔 {amount} 的消费，凭证号 {transaction_id}，我没有在你们这里买过东西，怀疑被盗刷。',
          en: 'On {date} my {bank} card was charged {amount} (reference {transaction_id}) by you. I never bought anything from you – I think my card was stolen.',
        },
      },
    ],
    reply: {
      zh: '已收到，您的情况已转交风控部门调查。建议您立即联系{bank}冻结卡片并挂失；如确认盗刷，我们会配合银行处理并出具交易材料。',
      en: 'Understood – this is now with our risk team. Please call {bank} right away to block the card; if it is confirmed as fraud we will support the bank\'s investigation with the transaction records.',
    },
    ask: { zh: '请提供银行出具的争议受理编号（如已报案请提供报案回执）。', en: 'Please send the dispute reference from your bank (and a police report number if you filed one).' },
    note: { zh: '涉嫌盗刷，转风控；交易设备指纹与持卡人历史不一致。', en: 'Suspected card fraud, with risk; device fingerprint differs from the cardholder\'s history.' },
    resolutions: ['full_refund', 'rejected', 'agreed'],
  },
  {
    category: 'other',
    weight: 2,
    channels: ['email', 'portal', 'web_chat', 'phone'],
    provider: 'alipay',
    party: 'consumer',
    money: 'retail',
    refs: ['order'],
    team: 'L1',
    escalateTo: 'finance',
    priority: 'low',
    tags: ['invoice'],
    texts: [
      {
        subject: { zh: '付款后怎么开发票？', en: 'How can I get a VAT invoice for my payment?' },
        description: {
          zh: '上个月支付的 {amount}（订单 {order_id}）需要开增值税专用发票，请问在哪里申请？',
          en: 'I need a VAT invoice for the {amount} I paid last month (order {order_id}). Where do I request it?',
        },
      },
    ],
    reply: {
      zh: '可以在“我的订单-申请开票”中填写抬头和税号，电子发票 3 个工作日内发送到您的邮箱。',
      en: 'Go to My orders > Request invoice, enter the company name and tax number; the e-invoice reaches your inbox within 3 business days.',
    },
    ask: { zh: '请提供开票抬头和税号。', en: 'Please send the company name and tax number for the invoice.' },
    note: { zh: '开票咨询，已转财务。', en: 'Invoice question, passed to finance.' },
    resolutions: ['explained', 'fixed'],
  },
];

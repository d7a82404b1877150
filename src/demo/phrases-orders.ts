import type { Scenario } from './scenario.js';

/** Orders stuck between checkout and confirmation: unpaid, transfers, instalments, vouchers, typos. */
export const orderScenarios: readonly Scenario[] = [
  {
    category: 'order.unpaid',
    weight: 3,
    channels: ['web_chat', 'api', 'portal'],
    provider: 'shopee',
    party: 'consumer',
    money: 'marketplace',
    refs: ['order'],
    team: 'L1',
    escalateTo: 'L2',
    priority: 'low',
    tags: ['shopee', 'order-hold'],
    texts: [
      {
        subject: { zh: '订单还没付款，能帮我保留到明天吗', en: 'Order still unpaid – can you hold it until tomorrow?' },
        description: {
          zh: '订单 {order_id}（{product}，{amount}）昨天没付款成功，今天看还是“待付款”。我明天发工资再付，能不能先别取消？',
          en: 'Order {order_id} ({product}, {amount}) did not go through yesterday and still says "to pay". I get paid tomorrow – can you keep it open?',
        },
      },
      {
        subject: { zh: '下单后忘记付款，订单会保留多久', en: 'How long is an unpaid order kept?' },
        description: {
          zh: '{date} 下单的 {product} 忘记付款了，订单 {order_id} 还在吗？活动价会不会失效？',
          en: 'I placed order {order_id} for {product} on {date} but forgot to pay. Is it still there, and does the sale price still apply?',
        },
      },
    ],
    reply: {
      zh: '已为订单 {order_id} 开启订单保留，保留期 48 小时，活动价不变。付款时可以选择钱包、信用卡或网银转账，付款成功后会自动发货。',
      en: 'We have put order {order_id} on hold for 48 hours at the same price. You can pay by wallet, card or bank transfer; it ships as soon as payment lands.',
    },
    ask: { zh: '请问您打算用哪种方式付款？我们可以提前帮您确认额度和规则。', en: 'Which payment method will you use? We can check limits and rules for you in advance.' },
    note: { zh: '已开启订单保留 48h，24h 后自动提醒。', en: 'Order hold 48h; automatic reminder in 24h.' },
    resolutions: ['fixed', 'customer_withdrew', 'no_response'],
  },
  {
    category: 'payment_info_error',
    weight: 3,
    channels: ['email', 'portal', 'web_chat'],
    provider: 'gateway',
    party: 'consumer',
    money: 'visa_fee',
    refs: ['order', 'transaction'],
    team: 'L1',
    escalateTo: 'L2',
    priority: 'normal',
    tags: ['e-visa', 'correction'],
    texts: [
      {
        subject: { zh: '付款后发现护照姓名拼错了', en: 'Wrong name on my e-Visa application after payment' },
        description: {
          zh: '刚支付完{country}电子签证费用 {amount}，发现英文名拼错了一个字母（申请号 {order_id}，交易号 {transaction_id}）。能修改吗？还是要重新付款？',
          en: 'I just paid {amount} for my {country} e-Visa and noticed a typo in my surname (application {order_id}, transaction {transaction_id}). Can it be corrected, or do I have to pay again?',
        },
      },
      {
        subject: { zh: '付款信息填错，卡号和账单地址不对', en: 'Entered the wrong card and billing details' },
        description: {
          zh: '付款的时候好像填错了，卡号我填的是 {card_number}，账单地址写成了旧地址，交易号 {transaction_id}，金额 {amount}。会有影响吗？',
          en: 'I think I entered the wrong details: the card number was {card_number} and the billing address is my old one. Transaction {transaction_id}, {amount}. Is that a problem?',
        },
      },
    ],
    reply: {
      zh: '收到。签证申请信息付款后无法直接修改，需要重新提交申请并支付；原申请的费用我们会协助您申请退款（约 3–10 个工作日到账）。提醒：请不要在消息里发送完整卡号。',
      en: 'Thanks. Application details cannot be edited after payment, so a new application is needed; we will help you get the first fee refunded (3–10 business days). Please never send full card numbers in messages.',
    },
    ask: { zh: '请提供护照首页照片（可遮挡证件号中间几位），以便核对正确的拼写。', en: 'Please send a photo of your passport data page (you may cover part of the number) so we can check the spelling.' },
    note: { zh: '信息更正：新申请已提交，原申请 {order_id} 走退款流程。', en: 'Correction: new application filed; refund of {order_id} requested.' },
    resolutions: ['fixed', 'full_refund', 'explained'],
  },
  {
    category: 'coupon_conflict',
    weight: 2,
    channels: ['web_chat', 'portal', 'api'],
    provider: 'shopee',
    party: 'consumer',
    money: 'marketplace',
    refs: ['order'],
    team: 'L1',
    escalateTo: 'L2',
    priority: 'low',
    tags: ['shopee', 'voucher'],
    texts: [
      {
        subject: { zh: '优惠券和信用卡分期不能同时用？', en: 'Voucher removed when I choose instalments' },
        description: {
          zh: '结算时选了满 300 减 30 的店铺优惠券，再选信用卡分期就提示“优惠不可用”，订单 {order_id}，金额 {amount}。',
          en: 'At checkout I applied the shop voucher, but when I switch to card instalments it says "voucher not applicable". Order {order_id}, {amount}.',
        },
      },
      {
        subject: { zh: '付款时优惠券失效了', en: 'Coupon disappeared at payment' },
        description: {
          zh: '领的优惠券在下单页还能用，到付款页面就没了，多付了钱。订单 {order_id}。',
          en: 'My coupon showed on the order page but vanished on the payment page, so I paid more. Order {order_id}.',
        },
      },
    ],
    reply: {
      zh: '该优惠券规则为“不与分期付款、其他店铺券同时使用”，所以切换分期后会自动取消。如需使用优惠券，请选择一次性付款；已多付的差额我们核实后为您退回。',
      en: 'This voucher cannot be combined with instalments or other shop vouchers, so it drops off when you choose instalments. Pay in full to keep it; if you were overcharged we will refund the difference after checking.',
    },
    ask: { zh: '请截图发一下优惠券详情页，我们核对适用条件。', en: 'Please send a screenshot of the voucher details so we can check its conditions.' },
    note: { zh: '券规则冲突，非系统问题。', en: 'Voucher rule conflict, not a bug.' },
    resolutions: ['explained', 'partial_refund', 'customer_withdrew'],
  },
  {
    category: 'installment_failed',
    weight: 2,
    channels: ['web_chat', 'portal', 'phone'],
    provider: 'shopee',
    party: 'consumer',
    money: 'marketplace',
    refs: ['order', 'error'],
    errorCodes: { iso: ['61', '51'], stripe: ['card_declined'] },
    team: 'L1',
    escalateTo: 'finance',
    priority: 'normal',
    tags: ['installment'],
    texts: [
      {
        subject: { zh: '信用卡分期付款失败', en: 'Instalment payment failed' },
        description: {
          zh: '购买 {product} 选 12 期分期，提示“分期额度不足”（{error_code}），{bank}信用卡，订单 {order_id}，总价 {amount}。',
          en: 'Buying {product} over 12 instalments fails with "instalment limit insufficient" ({error_code}). {bank} card, order {order_id}, total {amount}.',
        },
      },
    ],
    reply: {
      zh: '分期付款需要一次性占用全部分期金额的信用额度，{error_code} 表示可用额度不足。建议联系{bank}临时提额，或选择较少期数 / 部分分期。',
      en: 'Instalments reserve the full amount of your credit limit up front; {error_code} means the available limit is too low. Ask {bank} for a temporary increase, or pick fewer instalments.',
    },
    ask: { zh: '请问您的信用卡可用额度大约是多少？我们帮您看看可以选几期。', en: 'Roughly how much available credit do you have? We can tell you which plans fit.' },
    note: { zh: '分期额度不足，已说明规则。', en: 'Instalment limit too low; explained the rules.' },
    resolutions: ['explained', 'fixed', 'no_response'],
  },
  {
    category: 'bank_transfer_pending',
    weight: 4,
    channels: ['web_chat', 'portal', 'email'],
    provider: 'shopee',
    party: 'consumer',
    money: 'marketplace',
    refs: ['order'],
    team: 'finance',
    escalateTo: 'finance',
    priority: 'normal',
    tags: ['shopee', 'bank-transfer'],
    texts: [
      {
        subject: { zh: 'Shopee 银行转账付款一直显示待确认', en: 'Shopee bank transfer pending for two days' },
        description: {
          zh: '{date} 通过网银转账付款 {amount}，订单 {order_id} 仍显示“等待付款”，已经过了 24 小时，转账凭证我已截图。',
          en: 'I paid {amount} by bank transfer on {date} but order {order_id} still says "awaiting payment" after 24 hours. I have the transfer receipt.',
        },
      },
      {
        subject: { zh: '银行转账已付款，订单被取消了', en: 'Order cancelled although I transferred the money' },
        description: {
          zh: '我用{bank}转账付了 {amount}，结果订单 {order_id} 今天被系统取消了，钱也没退回来。',
          en: 'I transferred {amount} from {bank}, then order {order_id} was cancelled today and I have not got the money back.',
        },
      },
    ],
    reply: {
      zh: '银行转账一般需要 1–2 个工作日确认。请在订单页面“上传付款凭证”，财务会在 24 小时内人工核对；核对成功后订单会恢复，若订单已取消则原路退回。',
      en: 'Bank transfers take 1–2 business days to confirm. Please upload the receipt on the order page ("upload payment proof"); finance checks it within 24 hours and restores the order, or refunds it if the order was cancelled.',
    },
    ask: { zh: '请上传转账凭证（需包含转账金额、时间和收款账号）。', en: 'Please upload the transfer receipt showing amount, time and the receiving account.' },
    note: { zh: '凭证已核对，流水已到账，待财务匹配订单 {order_id}。', en: 'Receipt checked, funds received; finance to match them to {order_id}.' },
    resolutions: ['fixed', 'fixed', 'full_refund', 'explained'],
  },
  {
    category: 'confirmation_missing',
    weight: 3,
    channels: ['email', 'web_chat', 'portal'],
    provider: 'gateway',
    party: 'consumer',
    money: 'visa_fee',
    refs: ['order', 'transaction'],
    team: 'L1',
    escalateTo: 'tech',
    priority: 'normal',
    tags: ['e-visa', 'email'],
    texts: [
      {
        subject: { zh: '付款成功但没收到签证确认邮件', en: 'Paid but no e-Visa confirmation email' },
        description: {
          zh: '{date} 已支付{country}电子签证费用 {amount}，交易号 {transaction_id}，银行已扣款，但一直没收到确认邮件，申请 {order_id} 的状态也查不到。',
          en: 'I paid the {country} e-Visa fee of {amount} on {date} (transaction {transaction_id}); the bank shows the charge but I never got a confirmation email and application {order_id} shows nothing.',
        },
      },
    ],
    reply: {
      zh: '已查到您的付款记录 {transaction_id}，申请已进入审核。确认邮件可能被误判为垃圾邮件，我们已重新发送，请检查垃圾邮件文件夹，并把我们的邮箱加入白名单。',
      en: 'We found payment {transaction_id} and your application is under review. The confirmation was probably filtered as spam; we have resent it – please check your spam folder and add our address to your contacts.',
    },
    ask: { zh: '如果还是没收到，请确认申请时填写的邮箱地址是否正确。', en: 'If it still does not arrive, please confirm the e-mail address on the application.' },
    note: { zh: '邮件服务商退信（spam），已手动重发。', en: 'Mail provider bounced it as spam; resent manually.' },
    resolutions: ['fixed', 'explained'],
  },
];

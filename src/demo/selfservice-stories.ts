import type { Category } from '../cases/taxonomy.js';
import type { Locale } from '../i18n/i18n.js';

/**
 * How a demo web chat ends: the visitor says (or clicks) that the bot's answer solved it, goes
 * quiet after the answer, asks (or clicks) for a person, tells the bot to stop, or never writes.
 */
export type ChatEnding = 'solved_text' | 'solved_button' | 'idle' | 'handoff_text' | 'handoff_button' | 'stop_bot' | 'abandoned';

export type ChatStory = {
  locale: Locale;
  /** Days before now the chat started (the hour comes from the script's random). */
  daysAgo: number;
  visitor?: { name: string; email: string };
  page: string;
  /** The visitor's messages in order; the bot answers each (the ending's own words included). */
  says: string[];
  ending: ChatEnding;
  /** After a hand-off: what the agent writes in the chat, and whether they then close it. */
  agent?: { reply: string; close: boolean };
};

const shop = 'https://shop.example.com';

/** 24 web chats over four weeks: most in Chinese; 14 solved by the bot, 7 handed to a person, 3 abandoned. */
export const chatStories: readonly ChatStory[] = [
  { locale: 'zh-CN', daysAgo: 27, page: `${shop}/checkout`, says: ['支付失败，提示余额不足，可是卡里明明有钱', '原来是那张卡当天额度用完了，换了张卡就好了，谢谢'], ending: 'solved_text' },
  { locale: 'zh-CN', daysAgo: 26, page: `${shop}/orders`, says: ['退款申请了五天了还没到账，一般要多久？'], ending: 'idle' },
  {
    locale: 'zh-CN', daysAgo: 25, visitor: { name: '刘洋', email: 'liu.yang@example.com' }, page: `${shop}/orders/DD20251021007`,
    says: ['同一笔订单扣了我两次钱，订单号 DD20251021007，金额 129 元', '转人工'], ending: 'handoff_text',
    agent: { reply: '您好，已经看到您这笔订单的两条扣款记录，正在和支付渠道核实，今天内在这里给您答复。', close: true },
  },
  { locale: 'en', daysAgo: 24, page: `${shop}/checkout`, says: ["My payment failed with 'insufficient funds' but I definitely have money in the account", 'Turned out my daily limit was reached, I used another card and it works now, thanks'], ending: 'solved_text' },
  { locale: 'zh-CN', daysAgo: 23, page: `${shop}/cart`, says: ['优惠券为什么用不了？下单的时候没有抵扣'], ending: 'solved_button' },
  { locale: 'zh-CN', daysAgo: 22, page: `${shop}/`, says: [], ending: 'abandoned' },
  { locale: 'zh-CN', daysAgo: 21, page: `${shop}/checkout`, says: ['付款一直转圈，最后提示网络超时，钱扣了没有？', '查了一下没有扣款，重新付了一次，付款成功了'], ending: 'solved_text' },
  {
    locale: 'en', daysAgo: 20, visitor: { name: 'Grace Tan', email: 'grace.tan@example.net' }, page: `${shop}/orders/ORD-58213`,
    says: ['I was charged twice for order ORD-58213, 45.90 USD each time', "I'd like to talk to a person please"], ending: 'handoff_text',
    agent: { reply: "Hi Grace, I can see both charges on order ORD-58213 and I'm checking them with the payment provider now. I'll update you here today.", close: true },
  },
  { locale: 'zh-CN', daysAgo: 19, page: `${shop}/pos-support`, says: ['POS机交易成功但是打印不出小票', '换了一卷新的打印纸，已经解决了'], ending: 'solved_text' },
  { locale: 'zh-CN', daysAgo: 18, page: `${shop}/account/cards`, says: ['绑定银行卡时提示卡不支持', '好的，我换张信用卡试试'], ending: 'idle' },
  { locale: 'en', daysAgo: 17, page: `${shop}/help`, says: ['How long does a refund to a credit card usually take?'], ending: 'idle' },
  {
    locale: 'zh-CN', daysAgo: 16, visitor: { name: '陈静', email: 'chen.jing@example.com' }, page: `${shop}/orders/20251108123456`,
    says: ['钱已经扣了，订单却还显示待支付', '订单号 20251108123456，微信支付的'], ending: 'handoff_button',
    agent: { reply: '您好，已收到您的订单号，正在核对这笔微信支付的到账情况，核实后在这里回复您。', close: false },
  },
  { locale: 'zh-CN', daysAgo: 15, page: `${shop}/checkout`, says: ['付款时短信验证码一直收不到', '收到了，现在可以了，谢谢'], ending: 'solved_text' },
  { locale: 'en', daysAgo: 14, page: `${shop}/checkout`, says: ['The checkout says my card is not supported'], ending: 'solved_button' },
  { locale: 'zh-CN', daysAgo: 13, page: `${shop}/`, says: [], ending: 'abandoned' },
  { locale: 'zh-CN', daysAgo: 12, visitor: { name: '马超', email: 'ma.chao@example.net' }, page: `${shop}/installments`, says: ['分期付款失败是什么原因？', '试了两次还是失败，帮我转人工'], ending: 'handoff_text' },
  { locale: 'zh-CN', daysAgo: 11, visitor: { name: '赵敏', email: 'zhao.min@example.org' }, page: `${shop}/complaints`, says: ['我要投诉，退款拖了两周都没处理，我要找人工'], ending: 'handoff_text' },
  {
    locale: 'en', daysAgo: 10, visitor: { name: 'Ravi Kumar', email: 'ravi.kumar@example.com' }, page: `${shop}/orders/ORD-60114`,
    says: ['I paid by bank transfer 3 days ago and order ORD-60114 still says awaiting payment', 'The amount was 320.00 SGD from DBS'], ending: 'handoff_button',
    agent: { reply: "Hi Ravi, thanks for the details; I've asked our finance team to match your DBS transfer to order ORD-60114 and will confirm here.", close: false },
  },
  { locale: 'zh-CN', daysAgo: 9, page: `${shop}/account/orders`, says: ['付款成功后一直没收到确认邮件'], ending: 'solved_button' },
  { locale: 'en', daysAgo: 8, page: `${shop}/checkout`, says: ['Payment timed out at checkout, was I charged?', 'Tried again and that worked, thanks!'], ending: 'solved_text' },
  { locale: 'zh-CN', daysAgo: 6, visitor: { name: '孙浩', email: 'sun.hao@example.com' }, page: `${shop}/pos-support`, says: ['刷卡机读不了卡，插卡挥卡都不行', '别回复了'], ending: 'stop_bot' },
  { locale: 'en', daysAgo: 5, page: `${shop}/`, says: [], ending: 'abandoned' },
  { locale: 'en', daysAgo: 3, page: `${shop}/cart`, says: ['Coupon code WELCOME10 was not applied to my order'], ending: 'idle' },
  { locale: 'zh-CN', daysAgo: 2, page: `${shop}/checkout`, says: ['支付的时候提示风险交易被拦截了', '没问题了，谢谢'], ending: 'solved_text' },
];

export type PortalStory = {
  locale: Locale;
  daysAgo: number;
  category: Category;
  description: string;
  name: string;
  email?: string;
  phone?: string;
  fields: Record<string, string>;
  amount?: { value: string; currency: string };
  /** The customer's follow-up on the status page, before the agent answers. */
  followUp?: string;
  /** What an agent does: answer, then resolve or wait for the customer. */
  agent?: { reply: string; then: { resolved: 'explained' | 'fixed' | 'full_refund' } | 'pending_customer' | 'open' };
  /** The customer's rating once it is resolved. */
  rating?: { score: number; comment: string };
};

/** 10 cases opened on the portal: most answered and resolved, six of them rated. */
export const portalStories: readonly PortalStory[] = [
  {
    locale: 'zh-CN', daysAgo: 26, category: 'refund.delayed', name: '王芳', email: 'wang.fang@example.com',
    description: '申请退款已经7天了还没到账，商家说已经退了。', fields: { order_id: 'DD20251015031' }, amount: { value: '268.00', currency: 'CNY' },
    agent: { reply: '您好，查到这笔退款已于10月16日由商家发起，银行入账一般需要3-7个工作日。我们已联系银行加急，预计两天内到账。', then: { resolved: 'explained' } },
    rating: { score: 4, comment: '问题解决了，就是等得有点久' },
  },
  {
    locale: 'en', daysAgo: 23, category: 'refund.request', name: 'Olivia Smith', email: 'olivia.smith@example.net',
    description: 'I cancelled my order within the 14-day window and would like my money back.', fields: { order_id: 'ORD-57702' }, amount: { value: '45.00', currency: 'USD' },
    agent: { reply: 'Hi Olivia, the cancellation was within the return window, so the refund of 45.00 USD has been issued to your card today.', then: { resolved: 'full_refund' } },
    rating: { score: 5, comment: 'Quick and clear answer, thanks.' },
  },
  {
    locale: 'zh-CN', daysAgo: 21, category: 'duplicate_charge', name: '李强', phone: '13812345678',
    description: '同一笔订单被扣了两次款，请核实。', fields: { transaction_id: '4200001968202510180042' }, amount: { value: '59.90', currency: 'CNY' },
    agent: { reply: '您好，已核实第二笔为重复扣款，财务已经处理，款项会原路退回，请留意银行通知。', then: { resolved: 'full_refund' } },
    rating: { score: 5, comment: '处理很快，谢谢！' },
  },
  {
    locale: 'zh-CN', daysAgo: 18, category: 'payment_failed.verification_failed', name: '周婷', email: 'zhou.ting@example.com',
    description: '付款时短信验证码一直收不到，换了手机也不行。', fields: { transaction_id: '4200001968202510210517' },
    agent: { reply: '您好，您的银行预留手机号与账户手机号不一致，请在银行App里更新预留手机号后再付款。', then: { resolved: 'fixed' } },
    rating: { score: 5, comment: '客服很耐心，按步骤操作后付款成功了' },
  },
  {
    locale: 'en', daysAgo: 15, category: 'confirmation_missing', name: 'Lucas Lim', email: 'lucas.lim@example.com',
    description: 'Paid for my order but never got a confirmation email.', fields: { order_id: 'ORD-59120' },
    agent: { reply: 'Hi Lucas, your payment went through. The confirmation was caught by a spam filter on our side; I have sent it again just now.', then: { resolved: 'fixed' } },
    rating: { score: 4, comment: 'Sorted in a day. Good.' },
  },
  {
    locale: 'zh-CN', daysAgo: 12, category: 'order.unpaid', name: '黄磊', email: 'huang.lei@example.org',
    description: '已经付款成功了，订单还显示待支付。', fields: { order_id: '20251030228817' }, followUp: '支付时间是昨天晚上8点左右，用的微信支付，麻烦尽快处理',
    agent: { reply: '您好，已查到您的付款，订单状态同步延迟，现已更新为已支付，商品会正常发货。', then: { resolved: 'fixed' } },
    rating: { score: 2, comment: '等了两天才处理，太慢了' },
  },
  {
    locale: 'en', daysAgo: 9, category: 'bank_transfer_pending', name: 'Aisha Rahman', email: 'aisha.rahman@example.net',
    description: 'I made a bank transfer 3 days ago but the order still says awaiting payment.', fields: { order_id: 'ORD-60231' }, amount: { value: '320.00', currency: 'SGD' },
    agent: { reply: 'Hi Aisha, we have not matched the transfer yet. Could you upload the transfer slip or send the bank reference on this page?', then: 'pending_customer' },
  },
  {
    locale: 'zh-CN', daysAgo: 7, category: 'pos.printer', name: '吴师傅', phone: '13698765432',
    description: 'POS机交易成功但是不出小票，纸是新换的。', fields: { terminal_serial: 'N7NL20230517' },
    agent: { reply: '您好，请长按电源键重启终端，再进入“设置-打印”做一次打印自检。如仍不出纸，我们安排工程师上门。', then: { resolved: 'fixed' } },
  },
  {
    locale: 'en', daysAgo: 4, category: 'payment_failed.network_timeout', name: 'Tom Wilson', email: 'tom.wilson@example.com',
    description: "Checkout timed out and I'm not sure if I was charged.", fields: { transaction_id: 'pi_3Q8x2LKd81nTz' },
    agent: { reply: 'Hi Tom, we are checking with the payment provider whether the charge went through; we will update you here.', then: 'open' },
  },
  { locale: 'zh-CN', daysAgo: 1, category: 'coupon_conflict', name: '郑雨桐', email: 'zheng.yutong@example.com', description: '下单时优惠券没有抵扣，多付了20元。', fields: { order_id: 'DD20251109066' } },
];

/** Agents' closing words on a chat they answered. */
export const chatThanks: Record<Locale, string> = { 'zh-CN': '已经为您登记跟进，有结果会在案件里通知您。感谢您的耐心！', en: "I've logged this for follow-up and you'll hear from us on the case. Thanks for your patience!" };

/** Articles readers vote on most (the rest get fewer votes). */
export const popularArticles = ['refund-not-received', 'charged-twice-duplicate-charge', 'payment-failed-insufficient-funds', 'order-shows-unpaid', 'payment-failed-network-timeout', 'coupon-not-applied'];

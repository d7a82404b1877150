import type { Bilingual, Resolution } from './scenario.js';

/** Customer lines that fit any payment problem. */
export const customerLines = {
  chase: [
    { zh: '请问处理得怎么样了？已经等了好久了。', en: 'Any update? I have been waiting a while.' },
    { zh: '麻烦尽快处理一下，这个钱我急用。', en: 'Please hurry, I need this money.' },
    { zh: '补充一下：今天又试了一次，还是一样的问题。', en: 'To add: I tried again today and got the same problem.' },
  ],
  info: [
    { zh: '截图已上传，付款时间大概是下午 3 点左右。', en: 'Screenshot uploaded – I paid at around 3 pm.' },
    { zh: '好的，资料已经补充了，请查收。', en: 'Done, I have added the details. Please check.' },
    { zh: '按你们说的操作了一遍，现在可以了，但想确认一下有没有多扣钱。', en: 'I followed your steps and it works now, but please confirm I was not charged twice.' },
  ],
  thanks: [
    { zh: '收到了，谢谢！', en: 'Received, thank you!' },
    { zh: '好的，问题解决了，辛苦了。', en: 'All sorted, thanks for your help.' },
    { zh: '明白了，谢谢客服。', en: 'Got it, thanks.' },
  ],
  withdraw: [
    { zh: '不用处理了，我自己已经解决了，撤诉。', en: 'No need any more, I sorted it out myself. Withdrawing.' },
    { zh: '算了，不需要了，谢谢。', en: 'Never mind, I do not need this any more, thanks.' },
  ],
  disagree: [
    { zh: '我不接受这个方案，要求全额退款。', en: 'I do not accept this. I want a full refund.' },
    { zh: '你们说的和实际情况不符，我会继续投诉。', en: 'That is not what happened. I will keep complaining.' },
  ],
  repeat: { zh: '再次反映：', en: 'Follow-up: ' },
  repeatBody: {
    zh: '上次反映的问题还没有解决，这是第二次联系你们了。',
    en: 'The problem I reported before is still not solved; this is the second time I am contacting you.',
  },
} as const satisfies Record<string, readonly Bilingual[] | Bilingual>;

/** Agent lines; `{team}` is the team a case waits on, `{amount}` and refs come from the case. */
export const agentLines = {
  escalate: { zh: '已转{team}核实，等待对方回复后再联系客户。', en: 'Passed to {team} to check; will update the customer once they reply.' },
  holding: { zh: '您好，问题已转交专员处理，预计 1 个工作日内给您答复，请耐心等待。', en: 'Hello, a specialist is now looking into this and we expect to answer within one business day.' },
  update: { zh: '进展更新：相关部门已在处理，有结果第一时间通知您。', en: 'Update: the team is working on it and we will tell you as soon as we hear back.' },
  chaseNoAnswer: { zh: '您好，之前请您提供的资料还没有收到，方便时请回复，我们好继续处理。', en: 'Hello, we have not received the details we asked for yet; please reply when you can so we can continue.' },
  closeAttempt: [
    { zh: '您好，我们提出的方案是退还 50% 费用并赠送优惠券，请问是否接受？', en: 'Hello, we can refund 50% and add a voucher. Would that work for you?' },
    { zh: '根据订单记录，服务已按约定提供，我们已附上使用记录，麻烦您再确认。', en: 'Our records show the service was delivered as agreed; the usage log is attached – please take another look.' },
    { zh: '这是我们的最终处理方案，如仍有疑问可以继续在此留言。', en: 'This is our final offer; you can keep writing here if anything is unclear.' },
  ],
  pausedNote: { zh: '已连续发起结单 3 次，用户仍不满意，按平台规则暂停处理（记录为服务不满意）。', en: 'Three close attempts made and the user is still unhappy; paused under the platform rules (counts as unsatisfied).' },
  reopenNote: { zh: '客户反馈问题未解决，重新打开。', en: 'Customer says it is not fixed; reopened.' },
} as const;

/** The closing message for each resolution code. */
export const resolutionLines: Record<Resolution, Bilingual> = {
  full_refund: { zh: '已为您原路全额退款 {amount}，请留意到账通知。如有其他问题随时联系我们。', en: 'We have refunded the full {amount} to your original payment method. Let us know if there is anything else.' },
  partial_refund: { zh: '已按协商结果退款，退款已提交，预计 1–3 个工作日到账。', en: 'The agreed partial refund has been submitted and should arrive within 1–3 business days.' },
  customer_withdrew: { zh: '收到您的撤销申请，本次问题先结束处理，如有需要欢迎再次联系。', en: 'Noted that you no longer need help; we are closing this, but feel free to come back any time.' },
  agreed: { zh: '感谢您的理解，按双方协商的方案处理完毕。', en: 'Thank you – handled as we agreed.' },
  fixed: { zh: '问题已处理好，您现在可以正常使用了，感谢您的耐心。', en: 'It is fixed and working again – thanks for your patience.' },
  explained: { zh: '以上是原因说明和处理建议，如按步骤操作后仍有问题，请直接回复。', en: 'That explains what happened and what to do; if it still fails after these steps, just reply.' },
  duplicate: { zh: '该问题已在您的另一个工单中处理，本单合并关闭。', en: 'This is being handled in your other case, so we are merging and closing this one.' },
  no_response: { zh: '多次联系未获回复，本单先行结束，如仍需帮助请随时联系我们。', en: 'We have not heard back, so we are closing this for now. Reply any time if you still need help.' },
  rejected: { zh: '经核实，该交易为正常完成的交易，暂无法按您的要求处理，详细依据已附在上方。', en: 'Our checks show the payment was completed normally, so we cannot do what you asked; the details are above.' },
};

/** Reasons recorded on the timeline with status changes. */
export const transitionReasons = {
  pendingCustomer: { zh: '等待客户补充资料', en: 'Waiting for the customer' },
  pendingInternal: { zh: '等待{team}处理', en: 'Waiting for {team}' },
  internalAnswered: { zh: '内部已回复，继续处理', en: 'Internal answer received' },
  paused: { zh: '结单 3 次未获用户认可，暂停处理', en: 'Three close attempts rejected by the user' },
  closed: { zh: '解决后 72 小时无回复，自动关闭', en: 'No reply within 72 h of resolution; closed' },
  confirmed: { zh: '客户确认已解决', en: 'Customer confirmed it is solved' },
} as const satisfies Record<string, Bilingual>;

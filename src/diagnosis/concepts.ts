/**
 * Cross-language concepts: words in Chinese and English that mean the same thing in a payment
 * complaint become one shared feature, so what the model learns from Chinese examples helps with
 * English ones and the other way round. Patterns run on NFKC-normalised, lower-cased text.
 */
const concepts: Record<string, RegExp> = {
  balance_short: /余额不足|余额不够|钱不够|零钱不够|卡里没钱|insufficient|not enough (?:money|funds|balance)|nsf\b|low balance|balance (?:is )?(?:too )?low/,
  limit: /限额|超限|额度|超过.{0,6}(?:上限|限制)|limit|exceed|velocity|cap\b|maximum/,
  timeout: /超时|转圈|卡住|卡死|没反应|网络(?:异常|不好|错误|断)|断网|time(?:d)? ?out|spinn|froze|freez|hang|stuck|loading|connection (?:lost|drop|error)|network error/,
  verify: /验证码|短信码|otp|3-?d ?secure|3ds|密码错|cvv|cvc|安全码|人脸|刷脸|身份验证|认证失败|authenticat|verif|security code|pin\b|one-time/,
  card_type: /不支持|境外卡|外卡|信用卡不能|储蓄卡不能|不接受|not (?:supported|accepted)|doesn'?t (?:take|accept)|won'?t (?:take|accept)|unsupported|amex|discover|jcb|prepaid|virtual card/,
  card_bad: /卡号(?:无效|错误|不对)|无效卡|过期|有效期|到期|注销|失效|销户|换卡|新卡|expir|invalid card|card number|wrong number|cancel+ed card|closed card|reissued|replacement card|new card/,
  risk: /风控|风险|可疑|拦截|限制交易|冻结账户|账户(?:异常|受限)|fraud (?:check|filter|team)|suspicious|flagged|risk|blocked|security hold/,
  system: /系统(?:错误|繁忙|异常|维护|故障)|报错|出错|故障|崩溃|闪退|白屏|坏了|维护|服务器|通道异常|500|503|bug|crash|broken|blank|server error|system error|internal error|application error|something went wrong|maintenance|processor error|glitch/,
  twice: /两次|两笔|重复扣|扣了2|多扣|双倍|twice|two charges|double|duplicate|charged again|2 charges/,
  refund: /退款|退钱|退回|退费|退货|不想要|取消订单|refund|money back|reimburs|return (?:it|the|my)|cancel (?:my|the) order/,
  waiting: /还没(?:到|收)|没到账|未到账|多久|几天了|两周|一周了|still (?:not|haven'?t|hasn'?t)|not (?:yet )?(?:received|arrived)|waiting|how long|business days|工作日/,
  merchant_payout: /结算|商户号|清算|出款|打款|到账.{0,4}商户|t\+1|payout|settlement|settle|merchant account|disburs/,
  unpaid: /待支付|待付款|未支付|没付|还没付|去支付|付款链接|订单(?:会)?(?:被)?取消|unpaid|not paid|haven'?t paid|pay for (?:my|the) order|payment link|pending payment|complete (?:the|my) payment|order (?:will be|was) cancel/,
  wrong_info: /填错|写错|输错|付错|信息错|修改(?:信息|姓名|金额)|更正|wrong (?:name|amount|detail|passport|info)|typo in|correct (?:my|the)|mistake in/,
  coupon: /优惠券|优惠码|折扣|满减|红包|券|抵扣|coupon|promo|discount|voucher|code didn'?t apply/,
  installment: /分期|花呗|白条|installment|instalment|bnpl|pay later|klarna|afterpay|monthly payments/,
  transfer: /转账|汇款|对公|银行卡转|凭证|回单|wire|bank transfer|transfer receipt|remittance|proof of payment|swift/,
  no_confirmation: /扣款成功|已扣款|钱扣了|扣了钱|显示未支付|没有(?:确认|通知|邮件)|no (?:confirmation|receipt|email)|didn'?t get (?:a |the )?(?:confirmation|email)|money (?:was )?taken|charged but/,
  printer: /打印|小票|纸|出纸|卡纸|print|receipt|paper|jam/,
  power: /开不了机|开机|充电|电池|电源|关机|黑屏|power|charg|battery|turn on|switch on|dead\b|adapter/,
  card_read: /读卡|刷卡没反应|插卡|挥卡|闪付|芯片|磁条|read (?:the )?card|chip|swipe|tap|contactless|magstripe|card reader/,
  pos_network: /联网|连不上|主机|sim卡|wifi|wi-fi|拨号|签到失败|通讯|host|gprs|4g|ethernet|can'?t connect|no signal|offline/,
  howto: /怎么|如何|操作|步骤|设置|how (?:do|to|can)|steps|where is the|menu|setting|reprint|settle the batch|void/,
  broken: /摔|碎|裂|进水|泡水|冒烟|坏了|损坏|按键失灵|broken|crack|smash|dropped|water|smok|damaged|shattered/,
  pos: /pos|终端|机器|刷卡机|收银机|terminal|machine|device|verifone|ingenico|pax\b/,
  complaint: /投诉|态度|没人(?:处理|管|回)|不回复|客服(?:太|很)?差|服务差|垃圾客服|complain|rude|useless|terrible service|no one (?:answer|help|respond)|unhelpful|escalate this/,
  fraud: /盗刷|被盗|诈骗|骗子|不是我(?:付|买|刷)|未授权|拒付|调单|unauthori[sz]ed|didn'?t make|not me|stolen|scam|chargeback|dispute|fraud/,
  account_other: /登录|密码忘|发票|地址|快递|物流|注册|login|log in|password reset|invoice|shipping|address|delivery|sign up|feature/,
};

const names = Object.keys(concepts);

/** The concepts a normalised text mentions, as features. */
export function conceptFeatures(normal: string): string[] {
  return names.filter((name) => concepts[name]?.test(normal)).map((name) => `k:${name}`);
}

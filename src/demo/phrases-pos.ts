import type { Scenario } from './scenario.js';

const posBase = {
  channels: ['pos_hotline', 'phone'],
  provider: 'unionpay',
  party: 'merchant',
  refs: ['merchant', 'terminal'],
  team: 'L1',
} as const;

/** Calls to the POS hotline from merchants whose terminal misbehaves. */
export const posScenarios: readonly Scenario[] = [
  {
    ...posBase,
    category: 'pos.printer',
    weight: 4,
    escalateTo: 'field',
    priority: 'normal',
    tags: ['pos', 'printer'],
    texts: [
      {
        subject: { zh: 'POS 打印机不出纸', en: 'POS printer not printing receipts' },
        description: {
          zh: '{store}的 POS 机（{model}，序列号 {terminal_serial}）交易成功后不打印小票，纸是新换的，打印头有异响。',
          en: 'Our terminal at {store} ({model}, serial {terminal_serial}) completes sales but prints no receipt. New paper roll, and the print head makes a noise.',
        },
      },
      {
        subject: { zh: '小票打印字迹很淡，看不清', en: 'Receipts are printing faint' },
        description: {
          zh: '最近打出来的签购单字很淡，顾客说看不清金额。机器 {model}，商户号 {merchant_no}。',
          en: 'Receipts have become so faint customers cannot read the amount. {model}, merchant {merchant_no}.',
        },
      },
    ],
    reply: {
      zh: '请先确认打印纸是热敏纸、光面朝向打印头，纸仓盖压紧；再用酒精棉轻擦打印头，重启后打印一张测试单。若仍不出纸，我们安排技术人员上门。',
      en: 'Please check it is thermal paper with the shiny side towards the print head and the cover snapped shut, wipe the head with an alcohol swab, restart and print a test slip. If it still fails we will send an engineer.',
    },
    ask: { zh: '麻烦拍一下打印测试单或者纸仓的照片发给我们。', en: 'Could you send a photo of the test slip or the paper compartment?' },
    note: { zh: '远程指导清洁打印头后仍无效，疑似打印模块故障，派单上门。', en: 'Cleaning did not help; printer module likely faulty, field visit booked.' },
    resolutions: ['fixed', 'fixed', 'explained'],
  },
  {
    ...posBase,
    category: 'pos.power',
    weight: 3,
    escalateTo: 'field',
    priority: 'urgent',
    tags: ['pos', 'power'],
    texts: [
      {
        subject: { zh: 'POS 机无法开机', en: "POS terminal won't power on" },
        description: {
          zh: '今天早上 POS 机按电源键没反应，充电器换了也不行，型号 {model}，序列号 {terminal_serial}，商户号 {merchant_no}。店里现在只能收现金。',
          en: 'This morning the terminal does not react to the power button, even with another charger. {model}, serial {terminal_serial}, merchant {merchant_no}. We can only take cash now.',
        },
      },
    ],
    reply: {
      zh: '请长按电源键 15 秒强制重启，并确认插座有电、充电指示灯是否亮起。如仍无法开机，属于硬件故障，我们按保修条款为您安排维修或换机。',
      en: 'Please hold the power button for 15 seconds to force a restart and check that the socket works and the charging light comes on. If it stays dead it is a hardware fault and we will repair or swap it under warranty.',
    },
    ask: { zh: '请告诉我们充电时指示灯的颜色，以及机器最近是否摔过或进水。', en: 'What colour is the charging light, and has the terminal been dropped or got wet recently?' },
    note: { zh: '电池无法充电，保修期内，安排换机。', en: 'Battery not charging, under warranty; swap arranged.' },
    resolutions: ['fixed', 'fixed'],
  },
  {
    ...posBase,
    category: 'pos.card_read',
    weight: 4,
    escalateTo: 'L2',
    priority: 'high',
    tags: ['pos', 'card-reader'],
    texts: [
      {
        subject: { zh: '芯片卡刷卡提示读卡错误', en: "Chip cards fail with 'card read error'" },
        description: {
          zh: '今天上午 10 点起，所有芯片卡交易都显示“读卡错误”，已尝试重启和擦拭芯片，磁条卡可以刷。序列号 {terminal_serial}。',
          en: 'Since 10 this morning every chip card shows "card read error". We restarted and wiped the chips; swiping the stripe works. Serial {terminal_serial}.',
        },
      },
      {
        subject: { zh: '挥卡（闪付）没反应', en: 'Contactless taps are not detected' },
        description: {
          zh: '顾客用手机和卡片挥卡都没反应，只能插卡。{store}，机器 {model}。',
          en: 'Neither phones nor cards are detected when tapped; only inserting works. {store}, {model}.',
        },
      },
    ],
    reply: {
      zh: '请用干净的软布清洁插卡槽，并检查是否有卡片残留物；然后进入“管理-参数下载”重新下载 IC 卡参数和公钥。多数读卡问题这样可以解决。',
      en: 'Please clean the card slot with a soft cloth and check for anything stuck in it, then go to Admin > Parameter download and reload the EMV parameters and keys. That fixes most read errors.',
    },
    ask: { zh: '参数下载后请再试一笔小额交易，告诉我们结果。', en: 'After the download please try a small sale and let us know the result.' },
    note: { zh: 'IC 卡参数过期导致，远程推送参数后恢复。', en: 'Expired EMV parameters; pushed remotely, reading works again.' },
    resolutions: ['fixed', 'fixed', 'explained'],
  },
  {
    ...posBase,
    category: 'pos.network',
    weight: 4,
    refs: ['merchant', 'terminal', 'error'],
    errorCodes: { iso: ['98', '91'] },
    escalateTo: 'tech',
    priority: 'high',
    tags: ['pos', 'network'],
    texts: [
      {
        subject: { zh: 'POS 交易失败，提示通讯失败', en: 'POS transactions failing – no connection' },
        description: {
          zh: '下午开始刷卡一直提示“通讯失败”（{error_code}），店里 WiFi 是正常的，机器已重启两次。商户号 {merchant_no}。',
          en: 'Since this afternoon every sale fails with "communication error" ({error_code}). The shop Wi-Fi works and we restarted twice. Merchant {merchant_no}.',
        },
      },
    ],
    reply: {
      zh: '请在“管理-通讯设置”中确认网络类型（WiFi/4G），并尝试切换到 4G 后签到一次。若提示 {error_code} 持续出现，可能是所在区域基站故障，我们会同步排查主机侧。',
      en: 'Please check the network type under Admin > Communication (Wi-Fi/4G), switch to 4G and sign on once. If {error_code} persists it may be a local network outage; we are checking the host side too.',
    },
    ask: { zh: '请告诉我们签到后屏幕上的提示内容。', en: 'What does the screen say after signing on?' },
    note: { zh: '同区域多台终端 {error_code}，疑似运营商故障，已报 tech。', en: 'Several terminals in the same area report {error_code}; likely carrier outage, reported to tech.' },
    resolutions: ['fixed', 'explained'],
  },
  {
    ...posBase,
    category: 'pos.operation',
    weight: 3,
    escalateTo: 'L2',
    priority: 'low',
    tags: ['pos', 'how-to'],
    money: 'pos_sale',
    texts: [
      {
        subject: { zh: '如何在 POS 机上撤销交易、查询交易记录', en: 'How do I void a sale and see today\'s transactions?' },
        description: {
          zh: '新来的收银员不会操作，想问一下怎么查当天的交易记录，以及刚才一笔 {amount} 刷错了怎么撤销。',
          en: 'A new cashier needs help: how do we list today\'s transactions, and how do we void a sale of {amount} that was keyed wrongly?',
        },
      },
    ],
    reply: {
      zh: '当日交易可在“管理-交易查询”查看；撤销：主菜单选“撤销”，输入主管密码和原凭证号，刷原卡即可，仅限当天未结算的交易。隔日请使用“退货”。',
      en: 'Today\'s sales are under Admin > Transaction inquiry. To void: Main menu > Void, enter the supervisor password and the original voucher number, then present the same card (same day, before settlement). After that, use Refund.',
    },
    ask: { zh: '撤销成功后请确认是否打印了撤销凭条。', en: 'Please confirm the void slip printed after the void.' },
    note: { zh: '操作咨询，已电话指导完成撤销。', en: 'How-to call; walked them through the void.' },
    resolutions: ['explained'],
  },
  {
    ...posBase,
    category: 'pos.hardware_damage',
    weight: 2,
    escalateTo: 'field',
    priority: 'high',
    tags: ['pos', 'field-service'],
    texts: [
      {
        subject: { zh: 'POS 机进水无法使用', en: 'Terminal got wet and stopped working' },
        description: {
          zh: '店员不小心把水洒到 POS 机上，屏幕不亮了，序列号 {terminal_serial}，需要维修或者换机。',
          en: 'A drink was spilled over the terminal and the screen is dead. Serial {terminal_serial}. We need a repair or a replacement.',
        },
      },
      {
        subject: { zh: 'POS 机摔坏，屏幕碎裂', en: 'Terminal dropped, screen cracked' },
        description: {
          zh: '{model} 从收银台摔到地上，屏幕裂了，按键失灵。商户号 {merchant_no}。',
          en: 'Our {model} fell off the counter; the screen is cracked and keys do not respond. Merchant {merchant_no}.',
        },
      },
    ],
    reply: {
      zh: '进水、摔坏属于人为损坏，不在免费保修范围内。我们会安排工程师上门检测并带备机，维修费用以检测结果为准。',
      en: 'Water or drop damage is not covered by the free warranty. An engineer will visit with a spare unit and quote the repair after inspection.',
    },
    ask: { zh: '请提供方便上门的时间段和店铺地址。', en: 'Please tell us a time window and the shop address for the visit.' },
    note: { zh: '已派外勤工单，备机型号 {model}。', en: 'Field work order created; spare {model} allocated.' },
    resolutions: ['fixed'],
  },
];

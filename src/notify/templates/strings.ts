import type { NotificationLocale } from './types.js';

/** Every fixed phrase of the notifications, in both languages. Values passed in are already formatted. */
export type Strings = {
  colon: string;
  caseRef: (number: number) => string;
  fields: { case: string; customer: string; category: string; priority: string; due: string; wasDue: string; from: string; to: string; reason: string; shift: string; promise: string };
  noCustomer: string;
  noTeam: string;
  noReason: string;
  openCase: string;
  openQueue: string;
  slaReminderTitle: (caseRef: string, clock: string, left: string) => string;
  slaReminderHeadline: (clock: string, left: string) => string;
  slaBreachedTitle: (caseRef: string, clock: string, overdue: string) => string;
  slaBreachedHeadline: (clock: string, overdue: string) => string;
  escalatedTitle: (caseRef: string, to: string) => string;
  escalatedHeadline: (caseRef: string) => string;
  handoverTitle: (team: string, shift: string) => string;
  handoverHeadline: (team: string, shift: string) => string;
  handoverCounts: (open: number, deadlines: number, followUps: number) => string;
  handoverUrgent: string;
  handoverNone: string;
  handoverItem: (clock: string, due: string) => string;
  handoverMore: (count: number) => string;
  followUpTitle: (caseRef: string) => string;
  followUpHeadline: (caseRef: string) => string;
  testTitle: string;
  testBody: (channel: string | null) => string;
  metricNames: Record<'timely_handling_rate' | 'repeat_complaint_rate' | 'complaint_rate', string>;
  metricTitle: (level: 'warning' | 'breached', metric: string, mchid: string) => string;
  metricHeadline: (level: 'warning' | 'breached', metric: string, value: string, threshold: string) => string;
  metricFields: { merchant: string; asOf: string; value: string; threshold: string };
  openMetrics: string;
  incidentTitle: (complaints: number, minutes: number) => string;
  incidentHeadline: (complaints: number, expected: string, minutes: number) => string;
  incidentSamples: string;
  openIncident: string;
};

const en: Strings = {
  colon: ': ',
  caseRef: (number) => `#${number}`,
  fields: { case: 'Case', customer: 'Customer', category: 'Category', priority: 'Priority', due: 'Due', wasDue: 'Was due', from: 'From team', to: 'To team', reason: 'Reason', shift: 'Shift', promise: 'Promised' },
  noCustomer: '(unknown)',
  noTeam: '(no team)',
  noReason: '(none given)',
  openCase: 'Open the case',
  openQueue: 'Open the queue',
  slaReminderTitle: (caseRef, clock, left) => `[SLA reminder] Case ${caseRef}: ${clock} due in ${left}`,
  slaReminderHeadline: (clock, left) => `SLA reminder: ${clock} due in ${left}`,
  slaBreachedTitle: (caseRef, clock, overdue) => `[SLA breached] Case ${caseRef}: ${clock} overdue by ${overdue}`,
  slaBreachedHeadline: (clock, overdue) => `SLA breached: ${clock} overdue by ${overdue}`,
  escalatedTitle: (caseRef, to) => `[Escalated] Case ${caseRef} to ${to}`,
  escalatedHeadline: (caseRef) => `Case ${caseRef} was escalated`,
  handoverTitle: (team, shift) => `[Handover] ${team}, ${shift}`,
  handoverHeadline: (team, shift) => `Shift handover: ${team}, ${shift}`,
  handoverCounts: (open, deadlines, followUps) => `Open cases: ${open} · Deadlines in this shift: ${deadlines} · Follow-ups due: ${followUps}`,
  handoverUrgent: 'Most urgent:',
  handoverNone: 'Nothing urgent.',
  handoverItem: (clock, due) => `${clock}, due ${due}`,
  handoverMore: (count) => `…and ${count} more`,
  followUpTitle: (caseRef) => `[Follow-up due] Case ${caseRef}`,
  followUpHeadline: (caseRef) => `A follow-up promised on case ${caseRef} is due`,
  testTitle: 'Paydesk test message',
  testBody: (channel) => `This is a test message from Paydesk. If you can read it, ${channel ? `the channel "${channel}"` : 'this channel'} works.`,
  metricNames: { timely_handling_rate: 'timely-handling rate', repeat_complaint_rate: 'repeat-complaint rate', complaint_rate: 'complaint rate' },
  metricTitle: (level, metric, mchid) => `[${level === 'breached' ? 'Threshold crossed' : 'Threshold near'}] WeChat Pay ${metric}, merchant ${mchid}`,
  metricHeadline: (level, metric, value, threshold) => `The ${metric} is ${value}; the threshold is ${threshold}.${level === 'breached' ? ' WeChat Pay may restrict the merchant account.' : ''}`,
  metricFields: { merchant: 'Merchant id', asOf: 'As of', value: 'Value', threshold: 'Threshold' },
  openMetrics: 'Open the platform metrics',
  incidentTitle: (complaints, minutes) => `[Complaint flood] ${complaints} complaints in ${minutes} min`,
  incidentHeadline: (complaints, expected, minutes) => `${complaints} complaints arrived in ${minutes} minutes (about ${expected} expected). They look coordinated and were grouped under an incident; answer them promptly and keep the evidence for an appeal.`,
  incidentSamples: 'Typical texts:',
  openIncident: 'Open the incident',
};

const zhCN: Strings = {
  colon: '：',
  caseRef: (number) => `#${number}`,
  fields: { case: '工单', customer: '客户', category: '分类', priority: '优先级', due: '到期时间', wasDue: '原定到期', from: '原团队', to: '升级至', reason: '原因', shift: '班次', promise: '承诺内容' },
  noCustomer: '（未知）',
  noTeam: '（无团队）',
  noReason: '（未填写）',
  openCase: '查看工单',
  openQueue: '查看队列',
  slaReminderTitle: (caseRef, clock, left) => `【SLA 提醒】工单 ${caseRef} ${clock} 剩余 ${left}`,
  slaReminderHeadline: (clock, left) => `SLA 提醒：${clock}将在 ${left} 后到期`,
  slaBreachedTitle: (caseRef, clock, overdue) => `【SLA 超时】工单 ${caseRef} ${clock} 已超时 ${overdue}`,
  slaBreachedHeadline: (clock, overdue) => `SLA 超时：${clock}已超时 ${overdue}`,
  escalatedTitle: (caseRef, to) => `【升级】工单 ${caseRef} 已升级至 ${to}`,
  escalatedHeadline: (caseRef) => `工单 ${caseRef} 已升级`,
  handoverTitle: (team, shift) => `【交接班】${team}（${shift}）`,
  handoverHeadline: (team, shift) => `交接班：${team}（${shift}）`,
  handoverCounts: (open, deadlines, followUps) => `未结工单 ${open} 个 · 本班次到期 ${deadlines} 项 · 待跟进 ${followUps} 项`,
  handoverUrgent: '最紧急：',
  handoverNone: '暂无紧急事项。',
  handoverItem: (clock, due) => `${clock}，${due} 到期`,
  handoverMore: (count) => `……另有 ${count} 项`,
  followUpTitle: (caseRef) => `【跟进到期】工单 ${caseRef}`,
  followUpHeadline: (caseRef) => `工单 ${caseRef} 承诺的跟进已到期`,
  testTitle: 'Paydesk 测试消息',
  testBody: (channel) => `这是一条来自 Paydesk 的测试消息。能看到它，说明${channel ? `通知渠道「${channel}」` : '该通知渠道'}工作正常。`,
  metricNames: { timely_handling_rate: '及时处理率', repeat_complaint_rate: '重复投诉率', complaint_rate: '投诉率' },
  metricTitle: (level, metric, mchid) => `【${level === 'breached' ? '指标超限' : '指标预警'}】微信支付${metric}（商户号 ${mchid}）`,
  metricHeadline: (level, metric, value, threshold) => `${metric}当前为 ${value}，阈值为 ${threshold}。${level === 'breached' ? '商户号可能被微信支付限制收款。' : ''}`,
  metricFields: { merchant: '商户号', asOf: '统计日', value: '当前值', threshold: '阈值' },
  openMetrics: '查看平台指标',
  incidentTitle: (complaints, minutes) => `【投诉激增】${minutes} 分钟内 ${complaints} 笔投诉`,
  incidentHeadline: (complaints, expected, minutes) => `${minutes} 分钟内收到 ${complaints} 笔投诉（平时约 ${expected} 笔），疑似有组织的恶意投诉，已归入同一事件。请及时处理并保留证据以便申诉。`,
  incidentSamples: '典型内容：',
  openIncident: '查看事件',
};

export const strings: Record<NotificationLocale, Strings> = { en, 'zh-CN': zhCN };

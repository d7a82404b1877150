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
};

export const strings: Record<NotificationLocale, Strings> = { en, 'zh-CN': zhCN };

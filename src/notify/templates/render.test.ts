import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notificationMessage } from './message.js';
import { renderNotification } from './render.js';
import type { HandoverNotice, SlaNotice } from './types.js';

const reminder: SlaNotice = {
  number: 1024,
  subject: '退款未到账 [点我领红包](https://evil.example) <@all>',
  customer_name: '李*雷',
  category: 'refund.delayed',
  priority: 'urgent',
  link: 'https://desk.example.cn/cases/1024',
  clock: 'platform_reply',
  due_at: '2026-11-27T10:00:00Z',
  seconds_left: 5400,
  timezone: 'Asia/Shanghai',
};

describe('notification templates', () => {
  it('renders an SLA reminder in Chinese with case, customer, category, time left, due time and link', () => {
    const out = renderNotification({ event: 'sla.reminder', data: reminder }, 'zh-CN');
    assert.equal(out.title, '【SLA 提醒】工单 #1024 平台首次回复 剩余 1小时30分钟');
    assert.equal(
      out.text,
      [
        'SLA 提醒：平台首次回复将在 1小时30分钟 后到期',
        '工单：#1024 退款未到账 [点我领红包](https://evil.example) <@all>',
        '客户：李*雷',
        '分类：退款未到账（refund.delayed）',
        '优先级：紧急',
        '到期时间：2026-11-27 18:00 (Asia/Shanghai)',
        '查看工单：https://desk.example.cn/cases/1024',
      ].join('\n'),
    );
    assert.ok(out.markdown.startsWith('**SLA 提醒：平台首次回复将在 1小时30分钟 后到期**'));
    assert.ok(out.markdown.endsWith('\n\n[查看工单](https://desk.example.cn/cases/1024)'));
  });

  it('renders the same reminder in English', () => {
    const out = renderNotification({ event: 'sla.reminder', data: reminder }, 'en');
    assert.equal(out.title, '[SLA reminder] Case #1024: platform first reply due in 1 h 30 min');
    assert.match(out.text, /^Customer: 李\*雷$/m);
    assert.match(out.text, /^Category: Refund delayed \(refund\.delayed\)$/m);
    assert.match(out.text, /^Priority: Urgent$/m);
    assert.match(out.text, /^Due: 2026-11-27 18:00 \(Asia\/Shanghai\)$/m);
    assert.match(out.text, /^Open the case: https:\/\/desk\.example\.cn\/cases\/1024$/m);
    assert.match(out.markdown, /\[Open the case\]\(https:\/\/desk\.example\.cn\/cases\/1024\)$/);
  });

  it('escapes the subject and customer in markdown so they cannot add links or mentions', () => {
    const { markdown } = renderNotification({ event: 'sla.reminder', data: reminder }, 'en');
    assert.match(markdown, /> Case: #1024 退款未到账 \\\[点我领红包\\\]\(https:\/\/evil\.example\) ＜@all＞ {2}\n/);
    assert.match(markdown, /> Customer: 李\\\*雷/);
    // The only real link left is ours.
    assert.deepEqual([...markdown.matchAll(/(?<!\\)\[[^\]]*(?<!\\)\]\(/g)].length, 1);
  });

  it('says how long a breached clock is overdue', () => {
    const breached = { ...reminder, seconds_left: -(2 * 3600 + 5 * 60), customer_name: null };
    const zh = renderNotification({ event: 'sla.breached', data: breached }, 'zh-CN');
    assert.equal(zh.title, '【SLA 超时】工单 #1024 平台首次回复 已超时 2小时5分钟');
    assert.match(zh.text, /^客户：（未知）$/m);
    assert.match(zh.text, /^原定到期：2026-11-27 18:00 \(Asia\/Shanghai\)$/m);
    const en = renderNotification({ event: 'sla.breached', data: breached }, 'en');
    assert.equal(en.title, '[SLA breached] Case #1024: platform first reply overdue by 2 h 5 min');
    assert.match(en.text, /^Customer: \(unknown\)$/m);
  });

  it('names each SLA clock in both languages', () => {
    const labels = (['first_reply', 'next_reply', 'resolution', 'platform_reply', 'platform_complete', 'platform_72h', 'evidence_due'] as const).map((clock) => [
      renderNotification({ event: 'sla.reminder', data: { ...reminder, clock } }, 'zh-CN').title,
      renderNotification({ event: 'sla.reminder', data: { ...reminder, clock } }, 'en').title,
    ]);
    assert.deepEqual(
      labels.map(([zh]) => /#1024 (.+) 剩余/.exec(zh ?? '')?.[1]),
      ['首次回复', '下次回复', '解决', '平台首次回复', '平台处理完成', '平台72小时时限', '拒付举证截止'],
    );
    assert.deepEqual(
      labels.map(([, en]) => /#1024: (.+) due in/.exec(en ?? '')?.[1]),
      ['first reply', 'next reply', 'resolution', 'platform first reply', 'platform completion', 'platform 72-hour limit', 'dispute evidence due'],
    );
  });

  it('renders an escalation with both teams and the reason', () => {
    const data = { ...reminder, from_team: 'Tier 1', to_team: 'Payments *core*', reason: '客户第三次来电' };
    const zh = renderNotification({ event: 'case.escalated', data }, 'zh-CN');
    assert.equal(zh.title, '【升级】工单 #1024 已升级至 Payments *core*');
    assert.match(zh.text, /^原团队：Tier 1$/m);
    assert.match(zh.text, /^原因：客户第三次来电$/m);
    assert.match(zh.markdown, /> 升级至：Payments \\\*core\\\*/);
    const en = renderNotification({ event: 'case.escalated', data: { ...data, from_team: null, reason: null } }, 'en');
    assert.match(en.text, /^From team: \(no team\)$/m);
    assert.match(en.text, /^Reason: \(none given\)$/m);
  });

  it('renders a handover with counts and at most ten urgent items, earliest first', () => {
    const items = Array.from({ length: 12 }, (_, index) => ({
      number: 100 + index,
      subject: `Case ${index}`,
      clock: index === 0 ? ('follow_up' as const) : ('resolution' as const),
      due_at: new Date(Date.UTC(2026, 10, 27, 15, 30 - index)).toISOString(),
    }));
    const data: HandoverNotice = {
      team: 'Payments',
      shift_name: 'Night',
      shift_start: '2026-11-27T14:00:00Z',
      shift_end: '2026-11-27T22:00:00Z',
      timezone: 'Asia/Shanghai',
      open_cases: 12,
      deadlines_due: 11,
      follow_ups_due: 1,
      items,
      link: 'https://desk.example.cn/queue/payments',
    };
    const en = renderNotification({ event: 'handover', data }, 'en');
    assert.equal(en.title, '[Handover] Payments, Night');
    assert.match(en.text, /^Shift: 2026-11-27 22:00 – 2026-11-28 06:00 \(Asia\/Shanghai\)$/m);
    assert.match(en.text, /^Open cases: 12 · Deadlines in this shift: 11 · Follow-ups due: 1$/m);
    assert.match(en.text, /^1\. #111 Case 11 — resolution, due 2026-11-27 23:19$/m);
    assert.match(en.text, /^10\. #102 Case 2 — resolution, due 2026-11-27 23:28$/m);
    assert.doesNotMatch(en.text, /#100 /);
    assert.match(en.text, /^…and 2 more$/m);
    const zh = renderNotification({ event: 'handover', data: { ...data, items: items.slice(0, 1) } }, 'zh-CN');
    assert.equal(zh.title, '【交接班】Payments（Night）');
    assert.match(zh.text, /^1\. #100 Case 0 — 跟进，2026-11-27 23:30 到期$/m);
    assert.match(zh.text, /^查看队列：https:\/\/desk\.example\.cn\/queue\/payments$/m);
    assert.match(renderNotification({ event: 'handover', data: { ...data, items: [] } }, 'zh-CN').text, /暂无紧急事项/);
  });

  it('renders a test message in both languages', () => {
    assert.deepEqual(renderNotification({ event: 'test', data: { channel_name: '值班群' } }, 'zh-CN'), {
      title: 'Paydesk 测试消息',
      text: '这是一条来自 Paydesk 的测试消息。能看到它，说明通知渠道「值班群」工作正常。',
      markdown: '**这是一条来自 Paydesk 的测试消息。能看到它，说明通知渠道「值班群」工作正常。**',
    });
    assert.equal(renderNotification({ event: 'test', data: {} }, 'en').text, 'This is a test message from Paydesk. If you can read it, this channel works.');
  });

  it('builds the sender message with the link and the event data as payload', () => {
    const message = notificationMessage('row-1', { event: 'sla.reminder', data: reminder }, 'en');
    assert.equal(message.id, 'row-1');
    assert.equal(message.event, 'sla.reminder');
    assert.equal(message.link, reminder.link);
    assert.deepEqual(message.payload, { ...reminder, locale: 'en' });
  });
});

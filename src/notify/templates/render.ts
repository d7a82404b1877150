import { formatDueTime, formatDuration, formatLocalTime } from './format.js';
import { categoryLabel, clockLabel, priorityLabel } from './labels.js';
import { fill, fromUser, join, own, toMarkdown, toText, type Layout, type Value } from './layout.js';
import { strings, type Strings } from './strings.js';
import type { CaseSummary, EscalationNotice, FollowUpNotice, HandoverNotice, IncidentNotice, NotificationEvent, NotificationLocale, PlatformMetricNotice, RenderedNotification, SlaNotice, TestNotice } from './types.js';

const maxHandoverItems = 10;

/** Title, plain text and markdown for one event in one language. */
export function renderNotification(event: NotificationEvent, locale: NotificationLocale): RenderedNotification {
  const s = strings[locale];
  const [title, layout] = layoutOf(event, locale, s);
  return { title, text: toText(layout, s.colon), markdown: toMarkdown(layout, s.colon) };
}

function layoutOf(event: NotificationEvent, locale: NotificationLocale, s: Strings): [string, Layout] {
  switch (event.event) {
    case 'sla.reminder':
    case 'sla.breached':
      return sla(event.event === 'sla.breached', event.data, locale, s);
    case 'case.escalated':
      return escalated(event.data, locale, s);
    case 'handover':
      return handover(event.data, locale, s);
    case 'follow_up.due':
      return followUp(event.data, locale, s);
    case 'platform.metric_alert':
      return metricAlert(event.data, s);
    case 'incident.opened':
      return incident(event.data, s);
    case 'test':
      return test(event.data, s);
  }
}

const percent = (share: number) => `${(share * 100).toFixed(2)}%`;

function metricAlert(data: PlatformMetricNotice, s: Strings): [string, Layout] {
  const metric = s.metricNames[data.metric];
  const mchid = fromUser(data.mchid, 40);
  return [
    s.metricTitle(data.level, metric, mchid.text),
    {
      headline: own(s.metricHeadline(data.level, metric, percent(data.value), percent(data.threshold))),
      fields: [[s.metricFields.merchant, mchid], [s.metricFields.asOf, own(data.as_of)], [s.metricFields.value, own(percent(data.value))], [s.metricFields.threshold, own(percent(data.threshold))]],
      ...(data.link ? { link: { label: s.openMetrics, url: data.link } } : {}),
    },
  ];
}

function incident(data: IncidentNotice, s: Strings): [string, Layout] {
  const lines: Value[] = data.samples.length > 0 ? [own(s.incidentSamples), ...data.samples.slice(0, 3).map((sample, index) => join(own(`${index + 1}. `), fromUser(sample, 120)))] : [];
  return [
    s.incidentTitle(data.complaints, data.window_minutes),
    { headline: own(s.incidentHeadline(data.complaints, data.expected.toFixed(1), data.window_minutes)), fields: [], lines, link: { label: s.openIncident, url: data.link } },
  ];
}

function caseFields(data: CaseSummary, locale: NotificationLocale, s: Strings): Layout['fields'] {
  return [
    [s.fields.case, join(own(`${s.caseRef(data.number)} `), fromUser(data.subject))],
    [s.fields.customer, data.customer_name ? fromUser(data.customer_name, 80) : own(s.noCustomer)],
    [s.fields.category, fromUser(categoryLabel(data.category, locale))],
    [s.fields.priority, fromUser(priorityLabel(data.priority, locale))],
  ];
}

function sla(breached: boolean, data: SlaNotice, locale: NotificationLocale, s: Strings): [string, Layout] {
  const clock = clockLabel(data.clock, locale);
  const caseRef = s.caseRef(data.number);
  const due = own(formatDueTime(data.due_at, data.timezone));
  if (breached) {
    const overdue = formatDuration(-data.seconds_left, locale);
    return [
      s.slaBreachedTitle(caseRef, clock, overdue),
      { headline: own(s.slaBreachedHeadline(clock, overdue)), fields: [...caseFields(data, locale, s), [s.fields.wasDue, due]], link: { label: s.openCase, url: data.link } },
    ];
  }
  const left = formatDuration(data.seconds_left, locale);
  return [
    s.slaReminderTitle(caseRef, clock, left),
    { headline: own(s.slaReminderHeadline(clock, left)), fields: [...caseFields(data, locale, s), [s.fields.due, due]], link: { label: s.openCase, url: data.link } },
  ];
}

function escalated(data: EscalationNotice, locale: NotificationLocale, s: Strings): [string, Layout] {
  const caseRef = s.caseRef(data.number);
  return [
    s.escalatedTitle(caseRef, fromUser(data.to_team, 60).text),
    {
      headline: own(s.escalatedHeadline(caseRef)),
      fields: [
        ...caseFields(data, locale, s),
        [s.fields.from, data.from_team ? fromUser(data.from_team, 60) : own(s.noTeam)],
        [s.fields.to, fromUser(data.to_team, 60)],
        [s.fields.reason, data.reason ? fromUser(data.reason, 300) : own(s.noReason)],
      ],
      link: { label: s.openCase, url: data.link },
    },
  ];
}

function handover(data: HandoverNotice, locale: NotificationLocale, s: Strings): [string, Layout] {
  const team = fromUser(data.team, 60);
  const shift = fromUser(data.shift_name, 60);
  const urgent = [...data.items].sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at)).slice(0, maxHandoverItems);
  const lines: Value[] = [own(s.handoverCounts(data.open_cases, data.deadlines_due, data.follow_ups_due))];
  if (urgent.length === 0) lines.push(own(s.handoverNone));
  else {
    lines.push(own(s.handoverUrgent));
    urgent.forEach((item, index) => {
      const due = formatLocalTime(item.due_at, data.timezone);
      lines.push(join(own(`${index + 1}. ${s.caseRef(item.number)} `), fromUser(item.subject, 60), own(` — ${s.handoverItem(clockLabel(item.clock, locale), due)}`)));
    });
    if (data.items.length > urgent.length) lines.push(own(s.handoverMore(data.items.length - urgent.length)));
  }
  const period = `${formatLocalTime(data.shift_start, data.timezone)} – ${formatDueTime(data.shift_end, data.timezone)}`;
  return [
    s.handoverTitle(team.text, shift.text),
    {
      headline: fill(s.handoverHeadline, team, shift),
      fields: [[s.fields.shift, own(period)]],
      lines,
      ...(data.link ? { link: { label: s.openQueue, url: data.link } } : {}),
    },
  ];
}

function test(data: TestNotice, s: Strings): [string, Layout] {
  const channel = data.channel_name ? fromUser(data.channel_name, 60) : null;
  return [
    s.testTitle,
    {
      headline: channel ? fill(s.testBody, channel) : own(s.testBody(null)),
      fields: [],
      ...(data.link ? { link: { label: 'Paydesk', url: data.link } } : {}),
    },
  ];
}

function followUp(data: FollowUpNotice, locale: NotificationLocale, s: Strings): [string, Layout] {
  const caseRef = s.caseRef(data.number);
  return [
    s.followUpTitle(caseRef),
    {
      headline: own(s.followUpHeadline(caseRef)),
      fields: [...caseFields(data, locale, s), [s.fields.promise, fromUser(data.note, 300)], [s.fields.due, own(formatDueTime(data.due_at, data.timezone))]],
      link: { label: s.openCase, url: data.link },
    },
  ];
}

/** The SLA clocks a case can run (see the SLA engine). */
export type SlaClock = 'first_reply' | 'next_reply' | 'resolution' | 'platform_reply' | 'platform_complete' | 'platform_72h' | 'evidence_due';

/** What every case notification shows about the case. */
export type CaseSummary = {
  /** Per-tenant case number, shown as #123. */
  number: number;
  subject: string;
  customer_name: string | null;
  /** Category id, e.g. refund.delayed. */
  category: string;
  /** low | normal | high | urgent. */
  priority: string;
  /** The case in the console. */
  link: string;
};

export type SlaNotice = CaseSummary & {
  clock: SlaClock;
  /** ISO instant the clock is due. */
  due_at: string;
  /** Seconds until due_at; negative once it has passed (breaches). */
  seconds_left: number;
  /** IANA zone to show due_at in, usually the tenant's. */
  timezone: string;
};

export type EscalationNotice = CaseSummary & { from_team: string | null; to_team: string; reason: string | null };

export type HandoverItem = {
  number: number;
  subject: string;
  /** Which deadline, or 'follow_up' for a follow-up reminder. */
  clock: SlaClock | 'follow_up';
  due_at: string;
};

export type HandoverNotice = {
  team: string;
  shift_name: string;
  shift_start: string;
  shift_end: string;
  timezone: string;
  open_cases: number;
  /** SLA deadlines falling inside the shift. */
  deadlines_due: number;
  follow_ups_due: number;
  /** The most urgent items; at most 10 are shown, earliest due first. */
  items: HandoverItem[];
  /** The team's queue in the console. */
  link?: string;
};

export type FollowUpNotice = CaseSummary & { note: string; due_at: string; timezone: string };

/** A platform metric close to (warning) or past (breached) the tenant's threshold. */
export type PlatformMetricNotice = {
  platform: string;
  mchid: string;
  metric: 'timely_handling_rate' | 'repeat_complaint_rate' | 'complaint_rate';
  level: 'warning' | 'breached';
  /** Shares as 0..1. */
  value: number;
  threshold: number;
  /** The day the metric was computed for (yyyy-MM-dd). */
  as_of: string;
  link?: string;
};

/** A flood of complaints grouped under an incident. */
export type IncidentNotice = {
  title: string;
  complaints: number;
  /** Complaints a normal window of this length brings. */
  expected: number;
  window_minutes: number;
  /** Sample texts of the largest groups of similar complaints. */
  samples: string[];
  link: string;
};

export type TestNotice = { channel_name?: string | null; link?: string };

/** Everything the notifier can announce, told apart by `event`. */
export type NotificationEvent =
  | { event: 'sla.reminder'; data: SlaNotice }
  | { event: 'sla.breached'; data: SlaNotice }
  | { event: 'case.escalated'; data: EscalationNotice }
  | { event: 'handover'; data: HandoverNotice }
  | { event: 'follow_up.due'; data: FollowUpNotice }
  | { event: 'platform.metric_alert'; data: PlatformMetricNotice }
  | { event: 'incident.opened'; data: IncidentNotice }
  | { event: 'test'; data: TestNotice };

export type NotificationLocale = 'zh-CN' | 'en';

export type RenderedNotification = { title: string; text: string; markdown: string };

import { matchesCategory } from '../cases/taxonomy.js';
import type { PolicyRow } from '../db/schema.js';
import type { ClockRule } from './clock-rules.js';
import { defaultReminders, reminderSettings, type ClockName, type PolicyDefinition } from './policies.schema.js';

export type MatchableCase = { channel: string; category: string; priority: string; tags: string[] };
export type WantedClock = { rule: ClockRule; policyId: string | null };

export function policyMatches(definition: PolicyDefinition, target: MatchableCase): boolean {
  const { match } = definition;
  if (match.channels.length > 0 && !match.channels.includes(target.channel as never)) return false;
  if (match.categories.length > 0 && !match.categories.some((pattern) => matchesCategory(pattern, target.category))) return false;
  if (match.priorities.length > 0 && !match.priorities.includes(target.priority as never)) return false;
  if (match.tags.length > 0 && !match.tags.some((tag) => target.tags.includes(tag))) return false;
  return true;
}

/**
 * The 72-hour mark decides the timely-handling rate, so as it nears the bots push again and again:
 * at 12 h, 6 h, 2 h and 30 min before, and every 30 minutes in the last 6 hours.
 */
const seventyTwoHourReminders = reminderSettings.parse({ percents: [50], before_minutes: [720, 360, 120, 30], repeat_every_minutes: 30, repeat_within_minutes: 360 });

/** WeChat Pay's own deadlines for a consumer complaint, in China time, whatever the policies say. */
const wechatPayDeadlines: Array<[ClockName, Pick<ClockRule, 'kind' | 'seconds' | 'days' | 'timezone'>]> = [
  ['platform_reply', { kind: 'calendar_day_end', days: 1, timezone: 'Asia/Shanghai' }],
  ['platform_complete', { kind: 'calendar_day_end', days: 3, timezone: 'Asia/Shanghai' }],
  ['platform_72h', { kind: 'elapsed', seconds: 72 * 3600 }],
  // Not a platform rule, but the same courtesy: a user's new message is answered by the end of the next day.
  ['next_reply', { kind: 'calendar_day_end', days: 1, timezone: 'Asia/Shanghai' }],
];

/** The clocks a case should carry: the first enabled matching policy's targets, plus platform deadlines. */
export function wantedClocks(policies: PolicyRow[], target: MatchableCase): Map<ClockName, WantedClock> {
  const wanted = new Map<ClockName, WantedClock>();
  for (const policy of policies) {
    if (!policy.enabled) continue;
    const definition = JSON.parse(policy.definition) as PolicyDefinition;
    if (!policyMatches(definition, target)) continue;
    for (const clock of definition.targets) {
      const hours = clock.priority_hours?.[target.priority as keyof NonNullable<typeof clock.priority_hours>] ?? clock.hours;
      wanted.set(clock.name, {
        policyId: policy.id,
        rule: {
          kind: clock.kind,
          ...(hours !== undefined ? { seconds: Math.round(hours * 3600) } : {}),
          ...(clock.days !== undefined ? { days: clock.days } : {}),
          ...(clock.timezone ? { timezone: clock.timezone } : {}),
          calendarId: policy.calendar_id,
          pauseStatuses: definition.pause_statuses,
          reopen: definition.reopen,
          platform: clock.name.startsWith('platform_'),
          reminders: definition.reminders,
          breachActions: definition.breach_actions,
        },
      });
    }
    break;
  }
  if (target.channel === 'wechatpay') {
    for (const [name, timing] of wechatPayDeadlines) {
      if (wanted.has(name)) continue;
      const reminders = name === 'platform_72h' ? seventyTwoHourReminders : defaultReminders;
      wanted.set(name, { policyId: null, rule: { ...timing, calendarId: null, pauseStatuses: [], reopen: 'resume', platform: true, reminders, breachActions: ['notify', 'escalate'] } });
    }
  }
  return wanted;
}

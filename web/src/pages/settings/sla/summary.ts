// One plain sentence per policy, so an admin can check a policy without reading its settings:
// "WeChat Pay complaint: first reply by 24:00 the next day (Asia/Shanghai); …".
import type { TFunction } from 'i18next';
import type { Calendar, PolicyTarget } from './types';

/** The parts of a policy the sentence needs (a saved policy, or a form being filled in). */
export type Describable = {
  enabled?: boolean | undefined;
  match?: { channels?: readonly string[] | undefined; categories?: readonly string[] | undefined; priorities?: readonly string[] | undefined; tags?: readonly string[] | undefined } | undefined;
  targets?: readonly Partial<PolicyTarget>[] | undefined;
  calendar_id?: string | null | undefined;
  pause_statuses?: readonly string[] | undefined;
  breach_actions?: readonly string[] | undefined;
};

type Context = { calendars: readonly Calendar[]; tenantTimezone: string };

const hoursText = (hours: number) => String(Math.round(hours * 100) / 100);

export function categoryText(pattern: string, t: TFunction): string {
  if (pattern.endsWith('.*')) {
    const family = pattern.slice(0, -2);
    return t('summary.family', { name: t(`family.${family}`, { defaultValue: family }) });
  }
  return t(`domain:category.${pattern}`, { defaultValue: pattern });
}

/** "WeChat Pay complaint · priority Urgent", or "Every case". */
export function describeScope(policy: Describable, t: TFunction): string {
  const match = policy.match ?? {};
  const join = (items: string[]) => items.join(t('summary.listSep'));
  const parts: string[] = [];
  if (match.channels?.length) parts.push(join(match.channels.map((channel) => t(`common:channel.${channel}`))));
  if (match.categories?.length) parts.push(join(match.categories.map((pattern) => categoryText(pattern, t))));
  if (match.priorities?.length) parts.push(t('summary.priorities', { list: join(match.priorities.map((priority) => t(`domain:priority.${priority}`))) }));
  if (match.tags?.length) parts.push(t('summary.tags', { list: join([...match.tags]) }));
  return parts.length > 0 ? parts.join(t('summary.scopeSep')) : t('summary.everyCase');
}

function describeTarget(target: Partial<PolicyTarget>, timezone: string, t: TFunction): string {
  const clock = t(`domain:clockName.${target.name ?? 'first_reply'}`);
  if (target.kind === 'calendar_day_end') {
    const days = target.days ?? 0;
    const tz = target.timezone || timezone;
    if (days === 0) return t('summary.dayEnd0', { clock, tz });
    if (days === 1) return t('summary.dayEnd1', { clock, tz });
    return t('summary.dayEndN', { clock, tz, days });
  }
  const hours = target.hours === undefined ? '?' : hoursText(target.hours);
  const base = t(target.kind === 'elapsed' ? 'summary.elapsed' : 'summary.business', { clock, hours });
  const overrides = Object.entries(target.priority_hours ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  if (overrides.length === 0) return base;
  const list = overrides.map(([priority, value]) => t('summary.override', { priority: t(`domain:priority.${priority}`), hours: hoursText(value) })).join(t('summary.listSep'));
  return base + t('summary.overrides', { list });
}

/** The whole policy in words: who it applies to, each clock, the calendar, pauses and breach actions. */
export function describePolicy(policy: Describable, t: TFunction, context: Context): string {
  const calendar = policy.calendar_id ? context.calendars.find((candidate) => candidate.id === policy.calendar_id) : undefined;
  const timezone = calendar?.timezone ?? context.tenantTimezone;
  const targets = policy.targets ?? [];
  const sentences = [
    t('summary.sentence', {
      scope: describeScope(policy, t),
      targets: targets.length > 0 ? targets.map((target) => describeTarget(target, timezone, t)).join(t('summary.targetSep')) : t('summary.noTargets'),
    }),
  ];
  if (targets.some((target) => target.kind === 'business')) {
    sentences.push(calendar ? t('summary.calendar', { name: calendar.name, tz: calendar.timezone }) : t('summary.noCalendar', { tz: context.tenantTimezone }));
  }
  const pausable = targets.some((target) => target.kind !== 'calendar_day_end' && !target.name?.startsWith('platform_'));
  if (pausable && policy.pause_statuses?.length) {
    sentences.push(t('summary.paused', { list: policy.pause_statuses.map((status) => t(`common:status.${status}`)).join(t('summary.listSep')) }));
  }
  if (policy.breach_actions?.length) sentences.push(t('summary.breach', { list: policy.breach_actions.map((action) => t(`breachAction.${action}`)).join(t('summary.listSep')) }));
  if (policy.enabled === false) sentences.unshift(t('summary.disabled'));
  return sentences.reduce((first, next) => t('summary.join', { first, next }));
}

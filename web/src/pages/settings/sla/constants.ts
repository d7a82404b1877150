// The SLA vocabulary the forms offer. The server's schema modules cannot be bundled (they pull in
// its config), so the lists are repeated here and checked against the inferred types: a value
// added or removed on the server breaks the console's type check instead of silently missing.
import type { Policy, PolicyTarget, WeeklyHours } from './types';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const policyClockNames = ['first_reply', 'next_reply', 'resolution', 'platform_reply', 'platform_complete', 'platform_72h'] as const;
export type PolicyClockName = (typeof policyClockNames)[number];
export const policyClockKinds = ['business', 'elapsed', 'calendar_day_end'] as const;
export type PolicyClockKind = (typeof policyClockKinds)[number];
export const pauseStatuses = ['pending_customer', 'pending_internal', 'paused'] as const;
export type PauseStatus = (typeof pauseStatuses)[number];
export const breachActions = ['notify', 'escalate', 'raise_priority'] as const;
export type BreachActionName = (typeof breachActions)[number];
export const reopenModes = ['restart', 'resume'] as const;
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const checks: [
  Same<PolicyClockName, PolicyTarget['name']>,
  Same<PolicyClockKind, PolicyTarget['kind']>,
  Same<PauseStatus, Policy['pause_statuses'][number]>,
  Same<BreachActionName, Policy['breach_actions'][number]>,
  Same<(typeof reopenModes)[number], Policy['reopen']>,
  Same<Weekday, keyof WeeklyHours>,
] = [true, true, true, true, true, true];
void checks;

/** Category prefixes a policy can match with `prefix.*` (every dotted family of the taxonomy). */
export function categoryPrefixes(categories: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const category of categories) {
    const dot = category.indexOf('.');
    if (dot > 0) prefixes.add(`${category.slice(0, dot)}.*`);
  }
  return [...prefixes];
}

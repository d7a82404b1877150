// The SLA vocabulary the forms offer: the server's own lists (src/sla/vocabulary.ts), checked
// against the API's inferred types so the two cannot drift apart.
import { breachActions, pauseStatuses, policyClockKinds, policyClockNames, reopenModes } from '../../../../../src/sla/vocabulary.js';
import { categoryFamilies, weekdays, type Weekday } from '../shared/domain';
import type { Policy, PolicyTarget, WeeklyHours } from './types';

export { breachActions, pauseStatuses, policyClockKinds, policyClockNames, reopenModes, weekdays, type Weekday };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export type PolicyClockName = (typeof policyClockNames)[number];
export type PolicyClockKind = (typeof policyClockKinds)[number];
export type PauseStatus = (typeof pauseStatuses)[number];
export type BreachActionName = (typeof breachActions)[number];

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
  return categoryFamilies(categories).map((family) => `${family}.*`);
}

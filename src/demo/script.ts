import type { CreateCaseBody } from '../cases/cases.schema.js';
import type { Status } from '../cases/status-machine.js';
import type { Locale } from '../i18n/i18n.js';
import { agentLines, customerLines, resolutionLines, transitionReasons } from './phrases-conversation.js';
import { teamLabels } from './people.js';
import type { Random } from '../shared/random.js';
import { fill } from './refs.js';
import { inLocale, type Bilingual, type Resolution, type Scenario, type TeamCode } from './scenario.js';

/** Someone on the desk who can be assigned, reply and change status. */
export type Staff = { id: string; name: string; role: 'agent' | 'supervisor'; team: TeamCode; locales: readonly Locale[] };

/** One thing that happens to a case; `by: null` means it came in through the case's channel. */
export type Step =
  | { kind: 'create'; input: CreateCaseBody; by: Staff | null }
  | { kind: 'assign'; assignee: Staff; team: TeamCode; by: Staff }
  | { kind: 'message'; direction: 'inbound' | 'outbound' | 'note'; body: string; by: Staff | null }
  | { kind: 'transition'; to: Status; resolution?: Resolution; reason?: string; by: Staff };

export type ScriptedStep = { offsetMinutes: number; step: Step };

export type ScriptInput = {
  scenario: Scenario;
  status: Status;
  locale: Locale;
  /** Phone calls are logged by the agent who took them, and answered during the call. */
  byPhone: boolean;
  input: CreateCaseBody;
  owner: Staff;
  specialist: Staff;
  dispatcher: Staff;
  vars: Record<string, string>;
};

/** Writes a case's life from creation to its target status, with human-looking gaps between steps. */
export function writeScript(rng: Random, script: ScriptInput): ScriptedStep[] {
  const { scenario, status, locale, owner, specialist } = script;
  const steps: ScriptedStep[] = [];
  let clock = 0;
  const after = (minutes: number, step: Step) => {
    clock += Math.max(minutes, 0.2);
    steps.push({ offsetMinutes: clock, step });
  };
  const say = (text: Bilingual, extra: Record<string, string> = {}) => fill(inLocale(text, locale), { ...script.vars, ...extra });
  const minutes = (min: number, max: number) => rng.between(min, max);
  const hours = (min: number, max: number) => rng.between(min * 60, max * 60);
  const team = (code: TeamCode) => ({ team: inLocale(teamLabels[code], locale) });
  const customer = (text: Bilingual) => after(hours(0.3, 20), { kind: 'message', direction: 'inbound', body: say(text), by: null });

  after(0, { kind: 'create', input: script.input, by: script.byPhone ? owner : null });
  if (status === 'new') {
    if (rng.chance(0.35)) customer(rng.pick(customerLines.chase));
    return steps;
  }
  if (!script.byPhone) after(minutes(2, 40), { kind: 'assign', assignee: owner, team: scenario.team, by: script.dispatcher });
  const firstReply = script.byPhone
    ? minutes(1, 8)
    : rng.weighted<() => number>([[() => minutes(3, 45), 6], [() => hours(1, 4), 3], [() => hours(4, 15), 1]])();
  after(firstReply, { kind: 'message', direction: 'outbound', body: say(scenario.reply), by: owner });

  const askCustomer = () => {
    after(minutes(5, 90), { kind: 'message', direction: 'outbound', body: say(scenario.ask), by: owner });
    after(0.5, { kind: 'transition', to: 'pending_customer', reason: say(transitionReasons.pendingCustomer), by: owner });
  };
  const waitOnTeam = () => {
    after(minutes(10, 240), { kind: 'message', direction: 'note', body: say(agentLines.escalate, team(scenario.escalateTo)), by: owner });
    if (specialist.id !== owner.id) after(1, { kind: 'assign', assignee: specialist, team: scenario.escalateTo, by: owner });
    after(0.5, { kind: 'transition', to: 'pending_internal', reason: say(transitionReasons.pendingInternal, team(scenario.escalateTo)), by: owner });
  };

  switch (status) {
    case 'open':
      if (rng.chance(0.5)) customer(rng.pick([...customerLines.chase, ...customerLines.info]));
      if (rng.chance(0.4)) after(hours(0.2, 6), { kind: 'message', direction: 'note', body: say(scenario.note), by: owner });
      return steps;
    case 'pending_customer':
      askCustomer();
      return steps;
    case 'pending_internal':
      waitOnTeam();
      after(minutes(5, 30), { kind: 'message', direction: 'outbound', body: say(agentLines.holding), by: specialist });
      return steps;
    case 'paused':
      customer(rng.pick(customerLines.disagree));
      for (const attempt of agentLines.closeAttempt) {
        after(hours(3, 18), { kind: 'message', direction: 'outbound', body: say(attempt), by: owner });
        customer(rng.pick(customerLines.disagree));
      }
      after(hours(0.5, 3), { kind: 'message', direction: 'note', body: say(agentLines.pausedNote), by: owner });
      after(1, { kind: 'transition', to: 'paused', reason: say(transitionReasons.paused), by: owner });
      return steps;
    case 'resolved':
    case 'closed':
      break;
  }

  const resolution = rng.pick(scenario.resolutions);
  if (resolution === 'no_response') {
    askCustomer();
    after(hours(24, 40), { kind: 'message', direction: 'outbound', body: say(agentLines.chaseNoAnswer), by: owner });
    after(hours(24, 48), { kind: 'message', direction: 'outbound', body: say(resolutionLines.no_response), by: owner });
  } else {
    const path = rng.weighted([['direct', 5], ['customer', 3], ['internal', 2]] as const);
    if (path === 'customer') {
      askCustomer();
      customer(rng.pick(customerLines.info));
    } else if (path === 'internal') {
      waitOnTeam();
      after(hours(2, 40), { kind: 'message', direction: 'note', body: say(scenario.note), by: specialist });
      after(minutes(10, 120), { kind: 'transition', to: 'open', reason: say(transitionReasons.internalAnswered), by: owner });
    } else if (rng.chance(0.5)) {
      after(hours(0.5, 8), { kind: 'message', direction: 'note', body: say(scenario.note), by: owner });
    }
    if (resolution === 'customer_withdrew') customer(rng.pick(customerLines.withdraw));
    const settle = rng.weighted<() => number>([[() => minutes(20, 240), 4], [() => hours(4, 30), 4], [() => hours(30, 96), 2]])();
    after(settle, { kind: 'message', direction: 'outbound', body: say(resolutionLines[resolution]), by: owner });
  }
  after(0.5, { kind: 'transition', to: 'resolved', resolution, by: owner });
  if (status === 'closed') {
    const thanked = resolution !== 'rejected' && resolution !== 'no_response' && rng.chance(0.5);
    if (thanked) customer(rng.pick(customerLines.thanks));
    after(thanked ? hours(0.2, 6) : hours(72, 96), { kind: 'transition', to: 'closed', reason: say(thanked ? transitionReasons.confirmed : transitionReasons.closed), by: owner });
  }
  return steps;
}

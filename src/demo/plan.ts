import { createCaseBody, type CreateCaseBody } from '../cases/cases.schema.js';
import type { Status } from '../cases/status-machine.js';
import { priorities, type Category } from '../cases/taxonomy.js';
import type { Locale } from '../i18n/i18n.js';
import { createCustomerPool, customerInput, type DemoCustomer } from './customers.js';
import { teamTiers } from './people.js';
import { customerLines } from './phrases-conversation.js';
import type { Random } from '../shared/random.js';
import { buildFacts, fill, type CaseFacts } from './refs.js';
import { inLocale, type Channel, type Scenario, type TeamCode } from './scenario.js';
import { scenarios } from './scenarios.js';
import { writeScript, type Staff, type Step } from './script.js';

export type PlannedStep = { at: Date; step: Step };
export type PlannedCase = { locale: Locale; status: Status; steps: PlannedStep[] };
export type PlanInput = { count: number; now: Date; timezone: string; staff: readonly Staff[] };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Roughly how a living desk looks: most cases done, a working set open, a few just in. */
const statusWeights: readonly (readonly [Status, number])[] = [
  ['new', 7], ['open', 13], ['pending_customer', 9], ['pending_internal', 8], ['resolved', 16], ['closed', 45],
];
/** The first cases take these, so even a small demo shows every ordinary status. */
const statusCoverage: readonly Status[] = ['closed', 'resolved', 'open', 'pending_customer', 'pending_internal', 'new'];
/** How old (in days) a case in each status plausibly is. */
const ageDays: Record<Status, readonly [number, number]> = {
  new: [0.004, 0.6], open: [0.05, 6], pending_customer: [0.1, 8], pending_internal: [0.1, 10], paused: [4, 25], resolved: [0.3, 10], closed: [3, 60],
};
/** Cases arrive in office hours and evenings more than at night (local hour → weight). */
const hourWeights = Array.from({ length: 24 }, (_, hour) => [hour, hour < 7 ? 1 : hour < 9 ? 3 : hour < 18 ? 8 : hour < 23 ? 5 : 2] as const);
/** References that make a follow-up a linked repeat. */
const repeatKeys = ['transaction_id', 'order_id', 'refund_id'] as const;

type Draft = {
  scenario: Scenario;
  textIndex: number;
  locale: Locale;
  channel: Channel;
  customer: DemoCustomer;
  createdAt: Date;
  facts: CaseFacts;
  planned: PlannedCase;
};

const byPhone = (channel: Channel) => channel === 'phone' || channel === 'pos_hotline';

function localHour(date: Date, timezone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(date));
}

function chooseStaff(rng: Random, staff: readonly Staff[], team: TeamCode, locale: Locale): Staff {
  const pools = [
    staff.filter((member) => member.team === team && member.locales.includes(locale)),
    staff.filter((member) => member.team === team),
    staff.filter((member) => member.role === 'agent' && member.locales.includes(locale)),
    staff,
  ];
  const pool = pools.find((candidates) => candidates.length > 0);
  if (!pool) throw new Error('the demo needs at least one agent');
  return rng.pick(pool);
}

/** Spreads a script over real time; squeezes it when the case is too young to have lived it all. */
function place(script: { offsetMinutes: number; step: Step }[], createdAt: Date, now: Date): PlannedStep[] {
  const available = now.getTime() - createdAt.getTime() - MINUTE;
  const last = (script.at(-1)?.offsetMinutes ?? 0) * MINUTE;
  const scale = last > available && last > 0 ? Math.max(available, 0) / last : 1;
  let previous = Number.NEGATIVE_INFINITY;
  return script.map(({ offsetMinutes, step }) => {
    const at = Math.max(Math.round(createdAt.getTime() + offsetMinutes * MINUTE * scale), previous + 1000);
    previous = at;
    return { at: new Date(at), step };
  });
}

/** Plans `count` cases (with a few repeat contacts) and every step of their lives, deterministically. */
export function planDemo(rng: Random, { count, now, timezone, staff }: PlanInput): PlannedCase[] {
  const customers = createCustomerPool(rng);
  const wechatMchIds = [`16${rng.digits(8)}`, `16${rng.digits(8)}`];
  const coverageCategories = rng.shuffle([...new Set(scenarios.map((scenario) => scenario.category))]);
  const supervisors = staff.filter((member) => member.role === 'supervisor');
  let complaintsSeen = 0;

  const pickCreatedAt = (status: Status): Date => {
    const [minDays, maxDays] = ageDays[status];
    let at = now.getTime() - rng.between(minDays, maxDays) * DAY;
    if (now.getTime() - at > DAY) {
      at += (rng.weighted(hourWeights) - localHour(new Date(at), timezone)) * HOUR + rng.between(-30, 30) * MINUTE;
      if (at > now.getTime() - minDays * DAY) at -= DAY;
    }
    return new Date(at);
  };

  const compose = (draft: Omit<Draft, 'planned'>, status: Status, repeat: boolean): Draft => {
    const { scenario, locale, channel, facts } = draft;
    const text = scenario.texts[draft.textIndex] ?? scenario.texts[0];
    if (!text) throw new Error(`scenario ${scenario.category} has no text`);
    let subject = fill(inLocale(text.subject, locale), facts.vars);
    let description = fill(inLocale(text.description, locale), facts.vars);
    if (repeat) {
      subject = `${inLocale(customerLines.repeat, locale)}${subject}`;
      description = `${inLocale(customerLines.repeatBody, locale)}\n\n${description}`;
    }
    let rank = priorities.indexOf(scenario.priority) + rng.weighted([[-1, 15], [0, 70], [1, 15]] as const) + (repeat ? 1 : 0);
    if (channel === 'wechatpay' || channel === 'stripe') rank = Math.max(rank, 2);
    const priority = priorities[Math.min(Math.max(rank, 0), priorities.length - 1)];
    const owner = chooseStaff(rng, staff, scenario.team, locale);
    const tags = ['demo', ...scenario.tags, ...(channel === 'wechatpay' ? ['wechatpay', 'platform-complaint'] : []), ...(repeat ? ['repeat'] : []), ...(rng.chance(0.04) ? ['vip'] : [])];
    const input: CreateCaseBody = createCaseBody.parse({
      subject,
      description,
      channel,
      category: scenario.category,
      priority,
      customer: customerInput(draft.customer),
      refs: facts.refs,
      ...(facts.money ? { amount: facts.money.amount, currency: facts.money.currency } : {}),
      tags,
      team: scenario.team,
      tier: teamTiers[scenario.team],
      assignee_id: byPhone(channel) ? owner.id : undefined,
    });
    const dispatchers = supervisors.filter((member) => member.locales.includes(locale));
    const script = writeScript(rng, {
      scenario,
      status,
      locale,
      byPhone: byPhone(channel),
      input,
      owner,
      specialist: chooseStaff(rng, staff, scenario.escalateTo, locale),
      dispatcher: dispatchers.length > 0 ? rng.pick(dispatchers) : owner,
      vars: facts.vars,
    });
    return { ...draft, planned: { locale, status, steps: place(script, draft.createdAt, now) } };
  };

  const fresh = (index: number): Draft => {
    const locale: Locale = rng.chance(0.6) ? 'zh-CN' : 'en';
    const category: Category | undefined = coverageCategories[index];
    const candidates = category ? scenarios.filter((scenario) => scenario.category === category) : scenarios;
    const scenario = rng.weighted(candidates.map((candidate) => [candidate, candidate.weight] as const));
    let status = statusCoverage[index] ?? rng.weighted(statusWeights);
    // A call is logged by the agent who answers it, so brand-new cases come in through the other channels.
    const written = scenario.channels.filter((channel) => !byPhone(channel));
    const channel = rng.weighted((status === 'new' && written.length > 0 ? written : scenario.channels).map((option) => [option, option === 'wechatpay' ? 2.5 : 1] as const));
    // Every fourth platform complaint runs out of close attempts: a few paused ones, as on a real desk.
    if (channel === 'wechatpay' && status !== 'new' && ++complaintsSeen % 4 === 2) status = 'paused';
    const createdAt = pickCreatedAt(status);
    const customer = customers.pick(locale, scenario.party, channel === 'wechatpay');
    const paidAt = new Date(createdAt.getTime() - rng.between(0.2, 40) * HOUR);
    const textIndex = rng.int(0, scenario.texts.length - 1);
    const errorCodes = scenario.texts[textIndex]?.errorCodes;
    const facts = buildFacts(rng, { scenario, errorCodes, channel, locale, customer, paidAt, timezone, wechatMchId: rng.pick(wechatMchIds) });
    return compose({ scenario, textIndex, locale, channel, customer, createdAt, facts }, status, false);
  };

  /** The same customer writes again about the same payment, days later, maybe through another channel. */
  const followUp = (base: Draft): Draft => {
    const channel = rng.chance(0.3) ? rng.pick(base.scenario.channels) : base.channel;
    const baseAgeDays = (now.getTime() - base.createdAt.getTime()) / DAY;
    const createdAt = new Date(base.createdAt.getTime() + rng.between(1, Math.min(10, baseAgeDays - 0.25)) * DAY);
    const ageInDays = (now.getTime() - createdAt.getTime()) / DAY;
    const status = rng.weighted(statusWeights.filter(([candidate]) => ageDays[candidate][0] <= ageInDays));
    const customer = base.customer;
    if (channel === 'wechatpay') customers.giveOpenid(customer);
    const again = buildFacts(rng, { scenario: base.scenario, channel, locale: base.locale, customer, paidAt: createdAt, timezone, wechatMchId: rng.pick(wechatMchIds) });
    const { platform_complaint_id: _complaint, dispute_id: _dispute, ...kept } = base.facts.refs;
    const refs = { ...kept, platform_complaint_id: again.refs.platform_complaint_id, dispute_id: again.refs.dispute_id };
    if (channel === 'wechatpay') refs.merchant_no = again.refs.merchant_no;
    const facts: CaseFacts = { refs, money: base.facts.money, vars: { ...base.facts.vars, complaint_id: again.vars.complaint_id ?? '', dispute_id: again.vars.dispute_id ?? '' } };
    return compose({ ...base, channel, customer, createdAt, facts }, status, true);
  };

  const repeatsWanted = Math.floor(count * 0.07);
  const drafts: Draft[] = [];
  for (let index = 0; index < count - repeatsWanted; index += 1) drafts.push(fresh(index));
  const eligible = rng.shuffle(drafts.filter((draft) => repeatKeys.some((key) => draft.facts.refs[key]) && now.getTime() - draft.createdAt.getTime() > 1.5 * DAY));
  const repeats = eligible.slice(0, repeatsWanted).map(followUp);
  while (drafts.length + repeats.length < count) drafts.push(fresh(drafts.length));
  return [...drafts, ...repeats].map((draft) => draft.planned);
}

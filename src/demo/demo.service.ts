import type { Kysely } from 'kysely';
import { systemActor } from '../audit/audit.service.js';
import { createUser, listUsers, type AuthContext } from '../auth/auth.service.js';
import { teamCodes } from '../auth/roles.js';
import { createCase, getCase, updateCase } from '../cases/cases.service.js';
import { addMessage } from '../cases/messages.service.js';
import { transitionCase } from '../cases/transitions.service.js';
import { statuses, type Status } from '../cases/status-machine.js';
import type { DB, TenantRow } from '../db/schema.js';
import { seedStarterArticles } from '../kb/kb.service.js';
import type { Locale } from '../i18n/i18n.js';
import { demoAgents, teamTiers } from './people.js';
import { planDemo, type PlannedStep } from './plan.js';
import { createRandom } from '../shared/random.js';

const DEMO_SEED = 20251111;
import type { Channel, TeamCode } from './scenario.js';
import type { Staff } from './script.js';

export const MAX_DEMO_CASES = 5000;

export type DemoSummary = {
  cases: number;
  byStatus: Record<Status, number>;
  byLocale: Record<Locale, number>;
  customers: number;
  repeatsLinked: number;
  messages: number;
  agentsCreated: number;
  staff: number;
  /** Starter knowledge-base articles added (0 when the tenant already had them). */
  kbArticles: number;
};

export type DemoOptions = { cases: number; now: Date; onProgress?: (done: number, total: number) => void };

/** Who a case coming in through each channel appears to be written by on the timeline. */
const intakeNames: Record<Channel, string> = {
  api: 'API',
  email: 'E-mail intake',
  web_chat: 'Web chat',
  portal: 'Customer portal',
  phone: 'Phone',
  wechatpay: 'WeChat Pay complaint sync',
  stripe: 'Stripe webhook',
  pos_hotline: 'POS hotline',
};

const isTeamCode = (value: string | null): value is TeamCode => (teamCodes as readonly (string | null)[]).includes(value);

/** The tenant's agents and supervisors; a desk with none gets the demo staff, hired before the first case. */
async function ensureStaff(db: Kysely<DB>, tenant: TenantRow, hiredAt: Date): Promise<{ staff: Staff[]; created: number }> {
  const users = await listUsers(db, tenant.id, {});
  const working = users.filter((user) => user.active && (user.role === 'agent' || user.role === 'supervisor'));
  if (working.length > 0) {
    const staff = working.map((user): Staff => ({ id: user.id, name: user.name, role: user.role as Staff['role'], team: isTeamCode(user.team) ? user.team : 'L1', locales: ['zh-CN', 'en'] }));
    return { staff, created: 0 };
  }
  const takenEmails = new Set(users.map((user) => user.email));
  const staff: Staff[] = [];
  for (const agent of demoAgents.filter((candidate) => !takenEmails.has(candidate.email))) {
    const user = await createUser(db, tenant.id, { name: agent.name, email: agent.email, role: agent.role, team: agent.team }, { ...systemActor, name: 'demo' }, hiredAt);
    staff.push({ id: user.id, name: user.name, role: agent.role, team: agent.team, locales: agent.locales });
  }
  return { staff, created: staff.length };
}

/**
 * Loads a reproducible, lived-in desk: cases over the last ~60 days, each created, assigned,
 * answered and moved along through the ordinary services, in time order, so the timeline and
 * the audit chain look as if real people had done the work.
 */
export async function loadDemo(db: Kysely<DB>, tenant: TenantRow, options: DemoOptions): Promise<DemoSummary> {
  // Seeded by how many cases the tenant already has: a fresh desk always gets the same demo,
  // and a second run adds new cases instead of repeating the first run's customers and references.
  const rng = createRandom(DEMO_SEED + tenant.case_seq);
  const { staff, created } = await ensureStaff(db, tenant, new Date(options.now.getTime() - 61 * 24 * 60 * 60 * 1000));
  const kbArticles = await seedStarterArticles(db, tenant.id, new Date(options.now.getTime() - 61 * 24 * 60 * 60 * 1000));
  const plans = planDemo(rng, { count: options.cases, now: options.now, timezone: tenant.timezone, staff });
  const queue = plans
    .flatMap((plan, caseIndex) => plan.steps.map((planned, order) => ({ ...planned, caseIndex, order, locale: plan.locale })))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.caseIndex - b.caseIndex || a.order - b.order);

  const base = { tenantId: tenant.id, tenantSlug: tenant.slug, tenantTimezone: tenant.timezone, tokenId: 'demo-loader' };
  const asStaff = (member: Staff): AuthContext => ({ ...base, userId: member.id, role: member.role, name: member.name });
  const asIntake = (channel: Channel): AuthContext => ({ ...base, userId: null, role: 'agent', name: intakeNames[channel] });

  const caseIds = new Map<number, { id: string; channel: Channel }>();
  const customers = new Set<string>();
  let repeatsLinked = 0;
  let messages = 0;
  const run = async ({ step, at, caseIndex, locale }: PlannedStep & { caseIndex: number; locale: Locale }) => {
    if (step.kind === 'create') {
      const response = await createCase(db, step.by ? asStaff(step.by) : asIntake(step.input.channel), step.input, at);
      caseIds.set(caseIndex, { id: response.id, channel: response.channel });
      if (response.customer_id) customers.add(response.customer_id);
      if (response.repeat_of) repeatsLinked += 1;
      return;
    }
    const target = caseIds.get(caseIndex);
    if (!target) throw new Error(`demo step for case ${caseIndex} ran before the case existed`);
    switch (step.kind) {
      case 'assign':
        await updateCase(db, asStaff(step.by), target.id, { assignee_id: step.assignee.id, team: step.team, tier: teamTiers[step.team] }, at);
        return;
      case 'message':
        await addMessage(db, step.by ? asStaff(step.by) : asIntake(target.channel), target.id, { direction: step.direction, body: step.body }, at, locale);
        messages += 1;
        return;
      case 'transition':
        await transitionCase(db, asStaff(step.by), target.id, { to: step.to, resolution: step.resolution, reason: step.reason }, at, locale);
        return;
    }
  };
  for (const [index, item] of queue.entries()) {
    await run(item);
    options.onProgress?.(index + 1, queue.length);
  }

  const byStatus = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<Status, number>;
  for (const { id } of caseIds.values()) byStatus[(await getCase(db, tenant.id, id, new Date())).status] += 1;
  const byLocale: Record<Locale, number> = { 'zh-CN': 0, en: 0 };
  for (const plan of plans) byLocale[plan.locale] += 1;
  return { cases: caseIds.size, byStatus, byLocale, customers: customers.size, repeatsLinked, messages, agentsCreated: created, staff: staff.length, kbArticles };
}

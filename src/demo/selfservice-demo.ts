import type { FastifyBaseLogger } from 'fastify';
import { DateTime } from 'luxon';
import { listUsers, type AuthContext } from '../auth/auth.service.js';
import { addMessage } from '../cases/messages.service.js';
import { transitionCase } from '../cases/transitions.service.js';
import { replyInChat } from '../chat/chat.agents.js';
import { answerWithBot } from '../chat/chat.bot.js';
import { handOff } from '../chat/chat.handoff.js';
import { installChatHooks } from '../chat/chat.hooks.js';
import { closeChat, markSolved } from '../chat/chat.lifecycle.js';
import { CHAT_IDLE_MS, sweepIdleChats } from '../chat/chat.outcomes.js';
import { chatOutcomeCounts, createConversation, postVisitorMessage, requireConversation, visitorActor } from '../chat/chat.service.js';
import type { Executor } from '../db/database.js';
import type { TenantRow } from '../db/schema.js';
import type { Locale } from '../i18n/i18n.js';
import { listPublishedArticles, readPublishedArticle, voteOnArticle } from '../kb/kb.service.js';
import { rateCase } from '../portal/csat.service.js';
import { portalLinkKey, resolveLink } from '../portal/links.js';
import { openPortalCase, type PortalDeps } from '../portal/open-case.service.js';
import { postCustomerReply } from '../portal/status.service.js';
import { createRandom, type Random } from '../shared/random.js';
import { chatStories, chatThanks, popularArticles, portalStories, type ChatStory, type PortalStory } from './selfservice-stories.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const VOTES = 30;
const VOTE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export type SelfServiceDemoSummary = {
  chats: number;
  deflected: number;
  handedOff: number;
  abandoned: number;
  portalCases: number;
  ratings: number;
  votes: number;
  skipped: string | null;
};

export type SelfServiceDemoOptions = {
  now: Date;
  secretKey: Buffer;
  publicUrl: string;
  /** From the config, as the public routes use them. */
  selfService: { chatMessagesPerMinute: number; portalLinkDays: number };
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  onProgress?: (done: number, total: number) => void;
};

/** One thing someone does at a moment; every story becomes a few of these, run in time order. */
type Step = { at: Date; run: () => Promise<void> };
type Staff = { auth: AuthContext; han: boolean; firstLine: boolean };

const han = /\p{Script=Han}/u;

/** The tenant's agents, as the console would authenticate them. */
async function agentsOf(db: Executor, tenant: TenantRow): Promise<Staff[]> {
  const users = await listUsers(db, tenant.id, {});
  return users
    .filter((user) => user.active && (user.role === 'agent' || user.role === 'supervisor'))
    .map((user) => ({ han: han.test(user.name), firstLine: user.team === 'L1', auth: { tenantId: tenant.id, tenantSlug: tenant.slug, tenantTimezone: tenant.timezone, tokenId: 'demo-loader', userId: user.id, role: user.role as AuthContext['role'], name: user.name } }));
}

/** A first-line agent who writes the customer's language (by name script), else the closest there is. */
function agentFor(rng: Random, staff: Staff[], locale: Locale): AuthContext | null {
  const fluent = staff.filter((member) => member.han === (locale === 'zh-CN'));
  const pool = [fluent.filter((member) => member.firstLine), fluent, staff].find((candidates) => candidates.length > 0);
  return pool ? rng.pick(pool).auth : null;
}

/**
 * Fills the self-service report of a demo desk the way visitors and customers would: web chats
 * with the bot (solved, gone quiet, handed to a person, abandoned), cases opened on the portal
 * with the bot's first answer, resolved and rated by some customers, and votes on the starter
 * articles, all through the chat, portal and knowledge-base services over the last four weeks.
 * A tenant that already has web chats is left alone.
 */
export async function loadSelfServiceDemo(db: Executor, tenant: TenantRow, options: SelfServiceDemoOptions): Promise<SelfServiceDemoSummary> {
  const skipped = (reason: string): SelfServiceDemoSummary => ({ chats: 0, deflected: 0, handedOff: 0, abandoned: 0, portalCases: 0, ratings: 0, votes: 0, skipped: reason });
  const everything = { from: new Date(0), to: new Date(options.now.getTime() + HOUR) };
  if ((await chatOutcomeCounts(db, tenant.id, everything)).conversations > 0) return skipped('the tenant already has web chats');
  // Agents' chat replies reach the visitor through the web_chat case hook, as in the server.
  installChatHooks();
  const rng = createRandom(20261203 + tenant.case_seq);
  const staff = await agentsOf(db, tenant);
  const latest = options.now.getTime() - MINUTE;
  /** A local time on a day before now, in the tenant's zone; never later than a minute ago. */
  const dayAt = (daysAgo: number, hour: number) => {
    const local = DateTime.fromJSDate(options.now, { zone: tenant.timezone }).minus({ days: daysAgo }).set({ hour, minute: rng.int(0, 59), second: rng.int(0, 59), millisecond: 0 });
    return new Date(Math.min(local.toMillis(), latest));
  };
  const later = (base: Date, ms: number) => new Date(Math.min(base.getTime() + ms, latest));

  const steps: Step[] = [];
  let ratings = 0;
  for (const story of chatStories) steps.push(...chatSteps(db, tenant, story, { start: dayAt(story.daysAgo, rng.int(8, 21)), later, agent: agentFor(rng, staff, story.locale), perMinute: options.selfService.chatMessagesPerMinute }));
  const deps: Omit<PortalDeps, 'now'> = { db, secretKey: options.secretKey, log: options.log, linkKey: portalLinkKey(options.secretKey), publicUrl: options.publicUrl, linkDays: options.selfService.portalLinkDays };
  for (const story of portalStories) {
    steps.push(...portalSteps(deps, tenant, story, { start: dayAt(story.daysAgo, rng.int(8, 21)), later, agent: agentFor(rng, staff, story.locale), rated: () => (ratings += 1) }));
  }
  const votes = await voteSteps(db, tenant, rng, dayAt);
  steps.push(...votes);

  // In time order, as it would have happened: the idle sweep then sees only what was idle by then.
  const ordered = steps.map((step, index) => ({ step, index })).sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.index - b.index);
  for (const [index, { step }] of ordered.entries()) {
    await step.run();
    options.onProgress?.(index + 1, ordered.length);
  }
  await sweepIdleChats(db, tenant.id, options.now);
  const outcomes = await chatOutcomeCounts(db, tenant.id, everything);
  return { chats: outcomes.conversations, deflected: outcomes.deflected, handedOff: outcomes.handed_off, abandoned: outcomes.abandoned, portalCases: portalStories.length, ratings, votes: votes.length, skipped: null };
}

type ChatTiming = { start: Date; later: (base: Date, ms: number) => Date; agent: AuthContext | null; perMinute: number };

/** A visitor opens the chat widget, writes, reads the bot's answers and ends the chat as the story says. */
function chatSteps(db: Executor, tenant: TenantRow, story: ChatStory, { start, later, agent, perMinute }: ChatTiming): Step[] {
  let id = '';
  let clock = start;
  const steps: Step[] = [
    {
      at: start,
      run: async () => {
        const input = { locale: story.locale, page_url: story.page, ...(story.visitor ? { name: story.visitor.name, email: story.visitor.email } : {}) };
        id = (await createConversation(db, tenant.slug, input, story.locale, start)).id;
      },
    },
  ];
  for (const [index, text] of story.says.entries()) {
    // Reading the bot's answer and typing the next message takes a minute or two.
    clock = later(clock, (index === 0 ? 40 : 90 + text.length * 2) * 1000);
    const at = clock;
    steps.push({
      at,
      run: async () => {
        const posted = await postVisitorMessage(db, tenant.id, id, { clientId: `demo-${index + 1}`, body: text }, { now: at, perMinute });
        await answerWithBot(db, tenant.id, id, posted.text, later(at, 4000));
      },
    });
  }
  clock = later(clock, 60_000);
  const end = clock;
  if (story.ending === 'solved_button') steps.push({ at: end, run: () => markSolved(db, tenant.id, id, end, { closingMessage: true }) });
  if (story.ending === 'handoff_button') {
    steps.push({ at: end, run: async () => void (await handOff(db, tenant.id, id, visitorActor(await requireConversation(db, tenant.id, id)), end)) });
  }
  if (story.agent && agent) {
    const { reply, close } = story.agent;
    clock = later(clock, 12 * MINUTE);
    const answered = clock;
    steps.push({ at: answered, run: async () => void (await replyInChat(db, agent, id, reply, answered, story.locale)) });
    if (close) {
      const closing = later(clock, 25 * MINUTE);
      steps.push({
        at: closing,
        run: async () => {
          await replyInChat(db, agent, id, chatThanks[story.locale], closing, story.locale);
          await closeChat(db, tenant.id, id, later(closing, 30_000));
        },
      });
    }
  }
  // Someone opens the chat list later on; chats left with the bot are closed as they would be then.
  if (story.ending === 'idle' || story.ending === 'abandoned') {
    const swept = later(clock, CHAT_IDLE_MS + 5 * MINUTE);
    steps.push({ at: swept, run: async () => void (await sweepIdleChats(db, tenant.id, swept)) });
  }
  return steps;
}

type PortalTiming = { start: Date; later: (base: Date, ms: number) => Date; agent: AuthContext | null; rated: () => void };

/** A customer opens a case on the portal, maybe adds a line on the status page; an agent answers; some rate the help. */
function portalSteps(deps: Omit<PortalDeps, 'now'>, tenant: TenantRow, story: PortalStory, { start, later, agent, rated }: PortalTiming): Step[] {
  let token = '';
  let caseId = '';
  const link = (at: Date) => resolveLink(deps.db, deps.linkKey, token, at);
  const steps: Step[] = [
    {
      at: start,
      run: async () => {
        const body = { category: story.category, locale: story.locale, description: story.description, name: story.name, fields: story.fields, ...(story.email ? { email: story.email } : {}), ...(story.phone ? { phone: story.phone } : {}), ...(story.amount ? { amount: story.amount } : {}) };
        const opened = await openPortalCase({ ...deps, now: () => start }, tenant, body, story.locale);
        token = opened.token;
        caseId = (await link(start)).case_id;
      },
    },
  ];
  if (story.followUp) {
    const followUp = story.followUp;
    const at = later(start, 35 * MINUTE);
    steps.push({ at, run: async () => void (await postCustomerReply(deps.db, await link(at), followUp, at, story.locale)) });
  }
  if (!story.agent || !agent) return steps;
  const { reply, then } = story.agent;
  const answered = later(start, (3 + (story.daysAgo % 5)) * HOUR);
  steps.push({
    at: answered,
    run: async () => {
      await addMessage(deps.db, agent, caseId, { direction: 'outbound', body: reply }, answered, story.locale);
      if (then === 'pending_customer') await transitionCase(deps.db, agent, caseId, { to: 'pending_customer' }, answered, story.locale);
    },
  });
  if (typeof then !== 'object') return steps;
  const resolved = later(answered, 20 * HOUR);
  steps.push({ at: resolved, run: async () => void (await transitionCase(deps.db, agent, caseId, { to: 'resolved', resolution: then.resolved }, resolved, story.locale)) });
  if (story.rating) {
    const rating = story.rating;
    const at = later(resolved, 2 * HOUR);
    steps.push({
      at,
      run: async () => {
        await rateCase(deps.db, await link(at), rating, at);
        rated();
      },
    });
  }
  return steps;
}

/** Readers of the starter articles who answer "Was this helpful?": more in Chinese, mostly yes, the common problems most. */
async function voteSteps(db: Executor, tenant: TenantRow, rng: Random, dayAt: (daysAgo: number, hour: number) => Date): Promise<Step[]> {
  const byLocale = async (locale: Locale) => (await listPublishedArticles(db, tenant.id, { locale, sort: 'newest', limit: 100 })).sort((a, b) => a.slug.localeCompare(b.slug));
  const articles = { 'zh-CN': await byLocale('zh-CN'), en: await byLocale('en') };
  const steps: Step[] = [];
  for (let index = 0; index < VOTES; index += 1) {
    const locale: Locale = index % 3 === 2 ? 'en' : 'zh-CN';
    const pool = articles[locale];
    if (pool.length === 0) continue;
    const article = rng.weighted(pool.map((hit) => [hit, popularArticles.includes(hit.slug) ? 4 : 1] as const));
    const helpful = rng.chance(0.78);
    const voter = rng.chars(22, VOTE_ALPHABET);
    const at = dayAt(rng.int(1, 27), rng.int(8, 22));
    steps.push({
      at,
      run: async () => {
        await readPublishedArticle(db, tenant.id, article.slug, locale);
        await voteOnArticle(db, tenant.id, article.id, { helpful, voter }, at);
      },
    });
  }
  return steps;
}

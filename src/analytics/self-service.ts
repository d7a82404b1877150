import { z } from 'zod';
import { chatOutcomeCounts } from '../chat/chat.service.js';
import type { Executor } from '../db/database.js';
import { kbVoteCounts } from '../kb/kb.service.js';
import { csatSummary, portalCaseCount } from '../portal/portal.service.js';
import { tenantTimezone } from '../tenants/tenants.service.js';
import { dashboardQuery } from './analytics.schema.js';
import { resolveRange } from './date-range.js';

export const selfServiceQuery = dashboardQuery.pick({ from: true, to: true });

const share = z.number().min(0).max(1).nullable();

export const selfServiceResponse = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  chat: z.object({
    /** Conversations started in the range. */ conversations: z.number().int().describe('Conversations started in the range.'),
    /** Solved without an agent: the visitor said the bot's answer solved it, or went quiet after a bot answer without asking for a person. */
    deflected: z.number().int().describe("Solved without an agent: the visitor said the bot's answer solved it, or went quiet after a bot answer without asking for a person."),
    /** Handed to a person (a case was opened). */ handed_off: z.number().int().describe('Handed to a person (a case was opened).'),
    /** Opened but the visitor never wrote. */ abandoned: z.number().int().describe('Opened but the visitor never wrote.'),
    /** Still going. */ open: z.number().int().describe('Still going.'),
    /** deflected / (deflected + handed_off); null when neither happened. */ deflection_rate: share.describe('deflected / (deflected + handed_off); null when neither happened.'),
  }),
  portal: z.object({ /** Cases opened on the portal. */ cases: z.number().int().describe('Cases opened on the portal.') }),
  csat: z.object({
    count: z.number().int(),
    /** Mean score 1–5, or null without ratings. */ average: z.number().nullable().describe('Mean score 1–5, or null without ratings.'),
    /** How many ratings of each score ("1" … "5"). */ distribution: z.record(z.string(), z.number().int()).describe('How many ratings of each score ("1" … "5").'),
  }),
  knowledge_base: z.object({ helpful_votes: z.number().int(), not_helpful_votes: z.number().int(), /** helpful / all votes, or null. */ helpful_rate: share.describe('helpful / all votes, or null.') }),
});
export type SelfServiceReport = z.infer<typeof selfServiceResponse>;

/** How well self-service works over a range of local days: deflection, portal cases, CSAT and article votes. */
export async function selfServiceReport(db: Executor, tenantId: string, query: z.infer<typeof selfServiceQuery>, now: Date): Promise<SelfServiceReport> {
  const range = resolveRange(query, await tenantTimezone(db, tenantId), now);
  const window = { from: range.start, to: range.end };
  const [chat, cases, csat, votes] = await Promise.all([chatOutcomeCounts(db, tenantId, window, now), portalCaseCount(db, tenantId, window), csatSummary(db, tenantId, window), kbVoteCounts(db, tenantId, window)]);
  const decided = chat.deflected + chat.handed_off;
  const voted = votes.helpful + votes.not_helpful;
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    chat: { ...chat, deflection_rate: decided === 0 ? null : chat.deflected / decided },
    portal: { cases },
    csat,
    knowledge_base: { helpful_votes: votes.helpful, not_helpful_votes: votes.not_helpful, helpful_rate: voted === 0 ? null : votes.helpful / voted },
  };
}

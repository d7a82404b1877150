import { actorOf, type AuthContext } from '../auth/auth.service.js';
import { requireCase } from '../cases/cases.service.js';
import type { Executor } from '../db/database.js';
import type { Locale } from '../i18n/i18n.js';
import type { ConductCheck } from './conduct.schema.js';
import { evaluateOutbound } from './screen.js';

/**
 * What the conduct guard would say if this agent sent `text` on the case now: the same rules,
 * settings and daily contact count as a real outbound message. Stores nothing and writes no
 * audit event, so agents can check a draft as often as they like.
 */
export async function checkOutboundMessage(db: Executor, auth: AuthContext, caseId: string, text: string, now: Date, locale: Locale): Promise<ConductCheck> {
  const current = await requireCase(db, auth.tenantId, caseId);
  const verdict = await evaluateOutbound(db, current, text, actorOf(auth), now, locale);
  return { decision: verdict.decision, warnings: verdict.findings };
}

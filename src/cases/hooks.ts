import type { AuthContext } from '../auth/auth.service.js';
import type { Executor } from '../db/database.js';
import type { CaseRow, MessageRow } from '../db/schema.js';
import type { Locale } from '../i18n/i18n.js';
import type { TransitionInput } from './transitions.service.js';

/** An agent's outbound message, just stored in the request's transaction. */
export type OutboundContext = { trx: Executor; auth: AuthContext; current: CaseRow; message: MessageRow; now: Date };
/** An agent's status change, before (guard) and after (follow-up work) it is applied. */
export type TransitionContext = { trx: Executor; auth: AuthContext; current: CaseRow; input: TransitionInput; now: Date; locale: Locale };

/**
 * What a channel adds to the case core: platform complaints deliver replies through their platform
 * and guard status changes with the platform's rules. The core calls these for agents' actions
 * only; a channel's own imports (the customer replied on the platform) never pass through them.
 */
export type CaseHooks = {
  /** Returns the delivery status to record on the message ('pending' when a platform will carry it). */
  outbound?(context: OutboundContext): Promise<string | undefined>;
  /** Throws an AppError to refuse the change. */
  beforeTransition?(context: TransitionContext): Promise<void>;
  afterTransition?(context: TransitionContext): Promise<void>;
};

const registered = new Map<string, CaseHooks>();

/** Installs the hooks of one channel (again: replaces them). */
export function registerCaseHooks(channel: string, hooks: CaseHooks): void {
  registered.set(channel, hooks);
}

export function hooksFor(channel: string): CaseHooks | undefined {
  return registered.get(channel);
}

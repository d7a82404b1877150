import type { Actor } from '../audit/audit.service.js';
import { inTransaction, type Executor } from '../db/database.js';
import { AppError, notFound } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { handOff } from './chat.handoff.js';
import * as repo from './chat.repository.js';
import { appendMessage, parseBotState } from './chat.service.js';
import { chatText } from './chat.strings.js';

async function lockOrFail(trx: Executor, tenantId: string, id: string): Promise<repo.Conversation> {
  const conversation = await repo.lockConversation(trx, tenantId, id);
  if (!conversation) throw notFound('detail.chat_not_found', id);
  return conversation;
}

/** How a chat that never reached a person ended (the idle sweep's rule): deflected when the visitor wrote and the bot answered, else abandoned. */
async function botOutcome(trx: Executor, conversation: repo.Conversation): Promise<'deflected' | 'abandoned'> {
  return conversation.visitor_messages > 0 && (await repo.botAnswered(trx, conversation.tenant_id, conversation.id)) ? 'deflected' : 'abandoned';
}

/**
 * The visitor says the bot's answer solved it: closed without an agent. It counts as deflected by
 * the same rule as the idle sweep (the visitor wrote and the bot answered); a `solved` before any
 * of that is abandoned. Once a person has the chat it is theirs to close. `closingMessage`: say
 * goodbye (the bot may have already).
 */
export async function markSolved(db: Executor, tenantId: string, id: string, now: Date, options: { closingMessage: boolean }): Promise<void> {
  await inTransaction(db, async (trx) => {
    const conversation = await lockOrFail(trx, tenantId, id);
    if (conversation.status === 'closed') return;
    if (conversation.case_id) throw new AppError('conflict', { key: 'detail.chat_with_person' });
    const locale = conversation.locale as Locale;
    const outcome = await botOutcome(trx, conversation);
    if (options.closingMessage) await appendMessage(trx, conversation, { sender: 'system', authorName: chatText(locale, 'system_name'), body: chatText(locale, 'solved') }, now);
    await repo.updateConversation(trx, tenantId, id, { status: 'closed', outcome, closed_at: now.toISOString() });
  });
}

/**
 * The visitor asks the bot to stop: it stays silent from now on, and since it promised that a
 * person will read the chat, the chat is handed off so it reaches an agent's queue as a case.
 */
export async function stopBot(db: Executor, tenantId: string, id: string, actor: Actor, now: Date, options: { notice: boolean }): Promise<void> {
  await inTransaction(db, async (trx) => {
    const conversation = await lockOrFail(trx, tenantId, id);
    if (conversation.status !== 'bot' || conversation.bot_stopped) return;
    const locale = conversation.locale as Locale;
    const state = { ...parseBotState(conversation.bot_state), stopped: true };
    await repo.updateConversation(trx, tenantId, id, { bot_stopped: 1, bot_state: JSON.stringify(state) });
    if (options.notice) await appendMessage(trx, conversation, { sender: 'bot', authorName: chatText(locale, 'bot_name'), body: chatText(locale, 'bot_stopped') }, now);
    await handOff(trx, tenantId, id, actor, now);
  });
}

/**
 * An agent ends the chat. Its outcome stays what it was (handed off); a chat that never reached a
 * person counts like an idle one: deflected when the bot answered the visitor, abandoned otherwise.
 */
export async function closeChat(db: Executor, tenantId: string, id: string, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const conversation = await lockOrFail(trx, tenantId, id);
    if (conversation.status === 'closed') return;
    const outcome = conversation.outcome ?? (conversation.case_id ? 'handed_off' : await botOutcome(trx, conversation));
    const locale = conversation.locale as Locale;
    await appendMessage(trx, conversation, { sender: 'system', authorName: chatText(locale, 'system_name'), body: chatText(locale, 'closed') }, now);
    await repo.updateConversation(trx, tenantId, id, { status: 'closed', outcome, closed_at: now.toISOString() });
  });
}

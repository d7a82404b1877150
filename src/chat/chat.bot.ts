import { botTurn, promisesRefund } from '../bot/bot.js';
import { inTransaction, type Executor } from '../db/database.js';
import type { Locale } from '../i18n/i18n.js';
import { handOff } from './chat.handoff.js';
import { markSolved, stopBot } from './chat.lifecycle.js';
import * as repo from './chat.repository.js';
import { appendMessage, parseBotState, visitorActor } from './chat.service.js';
import { chatText } from './chat.strings.js';

/**
 * The bot's turn after a visitor message: its replies (never one that promises a refund), its
 * memory, and what the visitor asked for: a person (hand-off), silence (stop, then a person) or
 * the end (solved). Nothing happens when a person has taken over in the meantime.
 *
 * The turn is worked out before the conversation is locked (it reads the knowledge base and may
 * take a while), so another node may have answered a message in between: if the bot's memory
 * changed since the turn started, the turn is worked out again on the fresh memory (once more at
 * most; after that the message is left unanswered rather than answered twice, e.g. two openings).
 */
export async function answerWithBot(db: Executor, tenantId: string, conversationId: string, text: string, now: Date): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await tryTurn(db, tenantId, conversationId, text, now)) return;
  }
}

/** One try at the turn; false when the bot's memory changed under it (nothing was written). */
async function tryTurn(db: Executor, tenantId: string, conversationId: string, text: string, now: Date): Promise<boolean> {
  const before = await repo.findConversation(db, tenantId, conversationId);
  if (!before || before.status !== 'bot' || before.bot_stopped) return true;
  const locale = before.locale as Locale;
  const turn = await botTurn(db, tenantId, { text, locale, state: parseBotState(before.bot_state), now });
  const replies = turn.replies.filter((reply) => reply.body.trim() && !promisesRefund(reply.body));
  return inTransaction(db, async (trx) => {
    const conversation = await repo.lockConversation(trx, tenantId, conversationId);
    if (!conversation || conversation.status !== 'bot' || conversation.bot_stopped) return true;
    if (conversation.bot_state !== before.bot_state) return false;
    const author = chatText(locale, 'bot_name');
    for (const reply of replies) await appendMessage(trx, conversation, { sender: 'bot', authorName: author, body: reply.body, actions: reply.actions }, now);
    await repo.updateConversation(trx, tenantId, conversationId, { bot_state: JSON.stringify(turn.state) });
    const actor = visitorActor(conversation);
    if (turn.intent === 'handoff') await handOff(trx, tenantId, conversationId, actor, now);
    else if (turn.intent === 'stop') await stopBot(trx, tenantId, conversationId, actor, now, { notice: replies.length === 0 });
    else if (turn.intent === 'solved') await markSolved(trx, tenantId, conversationId, now, { closingMessage: replies.length === 0 });
    return true;
  });
}

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
 */
export async function answerWithBot(db: Executor, tenantId: string, conversationId: string, text: string, now: Date): Promise<void> {
  const before = await repo.findConversation(db, tenantId, conversationId);
  if (!before || before.status !== 'bot' || before.bot_stopped) return;
  const locale = before.locale as Locale;
  const turn = await botTurn(db, tenantId, { text, locale, state: parseBotState(before.bot_state), now });
  const replies = turn.replies.filter((reply) => reply.body.trim() && !promisesRefund(reply.body));
  await inTransaction(db, async (trx) => {
    const conversation = await repo.lockConversation(trx, tenantId, conversationId);
    if (!conversation || conversation.status !== 'bot' || conversation.bot_stopped) return;
    const author = chatText(locale, 'bot_name');
    for (const reply of replies) await appendMessage(trx, conversation, { sender: 'bot', authorName: author, body: reply.body, actions: reply.actions }, now);
    await repo.updateConversation(trx, tenantId, conversationId, { bot_state: JSON.stringify(turn.state) });
    const actor = visitorActor(conversation);
    if (turn.intent === 'handoff') await handOff(trx, tenantId, conversationId, actor, now);
    else if (turn.intent === 'stop') await stopBot(trx, tenantId, conversationId, actor, now, { notice: replies.length === 0 });
    else if (turn.intent === 'solved') await markSolved(trx, tenantId, conversationId, now, { closingMessage: replies.length === 0 });
  });
}

import type { Actor } from '../audit/audit.service.js';
import { handoffSummary, type BotState } from '../bot/bot.js';
import { readBlob } from '../cases/attachments.repository.js';
import { addAttachmentAs } from '../cases/attachments.service.js';
import { createCaseBody, type CreateCaseBody } from '../cases/cases.schema.js';
import { createCaseAs, requireCase } from '../cases/cases.service.js';
import { recordMessage } from '../cases/messages.service.js';
import { categories, refNames } from '../cases/taxonomy.js';
import { inTransaction, type Executor } from '../db/database.js';
import { AppError, notFound } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import * as repo from './chat.repository.js';
import { appendMessage, parseBotState } from './chat.service.js';
import { chatText } from './chat.strings.js';

/** The case a chat becomes: the visitor's words, the bot's category and what it collected. */
function caseInputOf(conversation: repo.Conversation, state: BotState, visitorTexts: string[]): CreateCaseBody {
  const locale = conversation.locale as Locale;
  const first = visitorTexts[0]?.replace(/\s+/g, ' ').trim();
  const refs: Record<string, string> = {};
  for (const name of refNames) {
    const value = state.collected[name]?.trim();
    if (value) refs[name] = value.slice(0, 128);
  }
  // The bot keeps an amount in minor units with its currency ("12850" + "CNY").
  const currency = state.collected.currency?.toUpperCase() ?? '';
  const amount = /^\d{1,15}$/.test(state.collected.amount ?? '') && /^[A-Z]{3}$/.test(currency) ? Number(state.collected.amount) : null;
  const category = state.category && (categories as readonly string[]).includes(state.category) ? state.category : undefined;
  return createCaseBody.parse({
    subject: (first || chatText(locale, 'subject_fallback')).slice(0, 300),
    description: visitorTexts.join('\n').slice(0, 20000),
    channel: 'web_chat',
    ...(category ? { category } : {}),
    ...(conversation.visitor_email ? { customer: { email: conversation.visitor_email, locale, ...(conversation.visitor_name ? { name: conversation.visitor_name } : {}) } } : {}),
    ...(Object.keys(refs).length > 0 ? { refs } : {}),
    ...(amount !== null ? { amount, currency } : {}),
    tags: ['web_chat'],
  });
}

export type HandOff = { caseId: string; caseNumber: number; created: boolean };

/**
 * Turns the chat into a case for a person: the case (channel web_chat, the bot's category and
 * collected references), the transcript as case messages (recorded, so no channel hook sends them
 * anywhere), an internal note with the bot's summary, the visitor's files; then the chat waits
 * for an agent and says so. A chat already handed off returns its case.
 */
export async function handOff(db: Executor, tenantId: string, conversationId: string, actor: Actor, now: Date): Promise<HandOff> {
  return inTransaction(db, async (trx) => {
    const conversation = await repo.lockConversation(trx, tenantId, conversationId);
    if (!conversation) throw notFound('detail.chat_not_found', conversationId);
    if (conversation.case_id) {
      const existing = await requireCase(trx, tenantId, conversation.case_id);
      return { caseId: existing.id, caseNumber: existing.number, created: false };
    }
    if (conversation.status === 'closed') throw new AppError('conflict', { key: 'detail.chat_closed' });
    const locale = conversation.locale as Locale;
    const state = parseBotState(conversation.bot_state);
    const transcript = await repo.messagesAfter(trx, tenantId, conversationId, 0, 100_000);
    const visitorTexts = transcript.filter((message) => message.sender === 'visitor' && message.body.trim()).map((message) => message.body.trim());
    const created = await createCaseAs(trx, tenantId, actor, caseInputOf(conversation, state, visitorTexts), now);
    const current = await requireCase(trx, tenantId, created.id, true);
    const botName = chatText(locale, 'bot_name');
    const visitorName = conversation.visitor_name ?? chatText(locale, 'visitor');
    for (const message of transcript) {
      const attachment = message.attachment_filename ? chatText(locale, 'attachment', { filename: message.attachment_filename }) : '';
      const body = [message.body, attachment].filter(Boolean).join('\n') || '-';
      const recorded =
        message.sender === 'visitor'
          ? await recordMessage(trx, current, { direction: 'inbound', authorType: 'customer', authorId: created.customer_id, authorName: visitorName, body, at: message.created_at }, actor, now, locale)
          : await recordMessage(trx, current, { direction: 'outbound', authorType: message.sender === 'bot' ? 'bot' : 'system', authorId: null, authorName: message.author_name ?? botName, body, at: message.created_at }, actor, now, locale);
      await repo.setCaseMessage(trx, tenantId, message.id, recorded.id);
    }
    await recordMessage(trx, current, { direction: 'note', authorType: 'bot', authorId: null, authorName: botName, body: handoffSummary(state, transcript.length, locale) || '-' }, actor, now, locale);
    for (const file of await repo.uncopiedAttachments(trx, tenantId, conversationId)) {
      const data = await readBlob(trx, tenantId, file.sha256);
      if (!data) continue;
      const copied = await addAttachmentAs(trx, tenantId, actor, 'web_chat', created.id, { filename: file.filename, mimetype: file.content_type, data: Buffer.from(data) }, now);
      await repo.setCaseAttachment(trx, tenantId, file.id, copied.id);
    }
    const at = now.toISOString();
    await repo.updateConversation(trx, tenantId, conversationId, { status: 'waiting', outcome: 'handed_off', handed_off_at: at, case_id: created.id });
    await appendMessage(trx, conversation, { sender: 'system', authorName: chatText(locale, 'system_name'), body: chatText(locale, 'handed_off', { number: created.number }) }, now);
    return { caseId: created.id, caseNumber: created.number, created: true };
  });
}

import { registerCaseHooks, type OutboundContext } from '../cases/hooks.js';
import * as repo from './chat.repository.js';
import { appendMessage } from './chat.service.js';

/**
 * An agent's reply on a web_chat case (from the chat API or the case API alike) becomes a chat
 * message in the same transaction; the visitor's sockets pick it up from the database once it is
 * committed. Stored is delivered: the visitor reads it on the next (re)connect at the latest.
 */
async function outbound({ trx, auth, current, message, now }: OutboundContext): Promise<string | undefined> {
  const conversation = await repo.lockConversationOfCase(trx, current.tenant_id, current.id);
  if (!conversation) return undefined;
  await appendMessage(trx, conversation, { sender: 'agent', authorName: message.author_name ?? auth.name, body: message.body, caseMessageId: message.id }, now);
  if (conversation.status === 'bot' || conversation.status === 'waiting') await repo.updateConversation(trx, current.tenant_id, conversation.id, { status: 'agent', bot_stopped: 1 });
  return 'delivered';
}

/** Installs the web_chat case hooks (again: replaces them). */
export function installChatHooks(): void {
  registerCaseHooks('web_chat', { outbound });
}

import { z } from 'zod';
import { commaList, limitParam, listEnvelope, maskedText, uuid } from '../shared/schema.js';

export const chatStatuses = ['bot', 'waiting', 'agent', 'closed'] as const;
export type ChatStatus = (typeof chatStatuses)[number];
export const chatSenders = ['visitor', 'bot', 'agent', 'system'] as const;
export type ChatSender = (typeof chatSenders)[number];
export const chatOutcomes = ['deflected', 'handed_off', 'abandoned'] as const;
export type ChatOutcome = (typeof chatOutcomes)[number];

/** Longest message text a visitor or agent may send. */
export const CHAT_BODY_MAX = 4000;
/** Seq columns are 32-bit integers (PostgreSQL `integer`): anything larger is a client error, not a 500. */
export const SEQ_MAX = 2_147_483_647;
const seqNumber = () => z.number().int().min(0).max(SEQ_MAX);

export const attachmentParams = z.object({ id: uuid.describe('Conversation id'), aid: uuid.describe('Chat attachment id') });
export const visitorHeaders = z.object({
  /** The visitor_token the conversation was created with. */
  'x-visitor-token': z.string().min(1).max(200).describe('The visitor_token the conversation was created with.'),
});

export const createConversationBody = z.strictObject({
  /** Language of the bot's answers; defaults to the browser's Accept-Language. */ locale: z.enum(['zh-CN', 'en']).optional().describe("Language of the bot's answers; defaults to the browser's Accept-Language."),
  /** The visitor's name, if they gave it. */ name: maskedText(200).optional().describe("The visitor's name, if they gave it."),
  /** The visitor's e-mail: the case's customer after a hand-off. */ email: z.email().max(254).transform((value) => value.toLowerCase()).optional().describe("The visitor's e-mail: the case's customer after a hand-off."),
  /** The page the widget was opened on. */ page_url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('The page the widget was opened on.'),
});
export type CreateConversationBody = z.infer<typeof createConversationBody>;

export const createConversationResponse = z.object({
  id: z.string(),
  /** Secret that lets this browser resume the chat; shown once, only its hash is stored. */ visitor_token: z.string().describe('Secret that lets this browser resume the chat; shown once, only its hash is stored.'),
  status: z.enum(chatStatuses),
});

export const chatAttachment = z.object({ id: z.string(), filename: z.string(), content_type: z.string(), size: z.number().int() });

export const chatMessage = z.object({
  id: z.string(),
  /** Position in the conversation, from 1, without gaps. */ seq: z.number().int().describe('Position in the conversation, from 1, without gaps.'),
  sender: z.enum(chatSenders),
  author_name: z.string().nullable(),
  body: z.string(),
  /** Quick replies the bot offers. */ actions: z.array(z.object({ id: z.string(), label: z.string() })).nullable().describe('Quick replies the bot offers.'),
  attachment: chatAttachment.nullable(),
  /** The visitor's own id for the message (resends are stored once). */ client_id: z.string().nullable().describe("The visitor's own id for the message (resends are stored once)."),
  created_at: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessage>;

export const chatSummary = z.object({
  id: z.string(),
  status: z.enum(chatStatuses),
  locale: z.enum(['zh-CN', 'en']),
  visitor_name: z.string().nullable(),
  visitor_email: z.string().nullable(),
  page_url: z.string().nullable(),
  case_id: z.string().nullable(),
  case_number: z.number().int().nullable(),
  /** null while open. */ outcome: z.enum(chatOutcomes).nullable().describe('null while open.'),
  /** The bot still answers the visitor. */ bot_active: z.boolean().describe('The bot still answers the visitor.'),
  last_seq: z.number().int(),
  /** Highest seq the visitor has read. */ visitor_read_seq: z.number().int().describe('Highest seq the visitor has read.'),
  /** Highest seq agents have read. */ agent_read_seq: z.number().int().describe('Highest seq agents have read.'),
  /** Visitor messages after agent_read_seq. */ unread: z.number().int().describe('Visitor messages after agent_read_seq.'),
  last_message: chatMessage.nullable(),
  last_activity_at: z.string(),
  handed_off_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  created_at: z.string(),
});
export type ChatSummary = z.infer<typeof chatSummary>;

export const chatDetail = chatSummary.extend({
  /** The visitor is typing right now (as far as this server knows). */ visitor_typing: z.boolean().describe('The visitor is typing right now (as far as this server knows).'),
  messages: z.array(chatMessage),
});

export const listChatsQuery = z.strictObject({
  /** One status or a comma list. */ status: commaList(z.enum(chatStatuses)).optional().describe('One status or a comma list.'),
  limit: limitParam,
  cursor: z.string().max(500).optional(),
});
export type ListChatsQuery = z.infer<typeof listChatsQuery>;
export const chatList = listEnvelope(chatSummary);

export const chatMessagesQuery = z.strictObject({
  /** Only messages after this seq. */ after_seq: z.coerce.number().int().min(0).max(SEQ_MAX).default(0).describe('Only messages after this seq.'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const agentMessageBody = z.strictObject({ /** The reply; card numbers are masked. */ body: maskedText(CHAT_BODY_MAX).describe('The reply; card numbers are masked.') });
export const typingBody = z.strictObject({ /** true while the agent types. */ typing: z.boolean().describe('true while the agent types.') });
export const readBody = z.strictObject({ /** Highest seq the agent has seen. */ seq: seqNumber().describe('Highest seq the agent has seen.') });
export const readResponse = z.object({ agent_read_seq: z.number().int(), visitor_read_seq: z.number().int() });

export const chatAttachmentResponse = chatAttachment.extend({ created_at: z.string() });

/** Frames a visitor's browser sends over the WebSocket. */
export const clientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), conversation_id: z.string().max(64), token: z.string().max(200), after_seq: seqNumber().default(0) }),
  z.object({ type: z.literal('message'), client_id: z.string().trim().min(1).max(64), body: z.string().max(CHAT_BODY_MAX * 2).default(''), attachment_id: uuid.optional() }),
  z.object({ type: z.literal('typing'), typing: z.boolean() }),
  z.object({ type: z.literal('read'), seq: seqNumber() }),
  z.object({ type: z.literal('handoff') }),
  z.object({ type: z.literal('solved') }),
  z.object({ type: z.literal('stop_bot') }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

/** What the conversation looks like to the visitor. */
export type ChatState = { status: ChatStatus; case_number: number | null; bot_active: boolean };

/** Frames the server sends. */
export type ServerFrame =
  | { type: 'ready'; conversation: { id: string } & ChatState; messages: ChatMessage[] }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; client_id: string; seq: number }
  | { type: 'read'; by: 'agent' | 'visitor'; seq: number }
  | { type: 'typing'; by: 'agent' | 'bot'; typing: boolean }
  | ({ type: 'state' } & ChatState)
  | { type: 'error'; code: string; detail: string; client_id?: string }
  | { type: 'pong' };

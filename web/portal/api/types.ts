// The public self-service API's shapes (/public/v1), as the server documents them.

export type Locale = 'zh-CN' | 'en';

export type ArticleHit = {
  id: string;
  slug: string;
  locale: Locale;
  title: string;
  category: string | null;
  tags: string[];
  excerpt: string;
  /** HTML-escaped text where only <mark>…</mark> is markup. */
  highlight: { title: string; snippet: string };
  score: number;
  url: string;
};

export type Article = {
  id: string;
  slug: string;
  locale: Locale;
  title: string;
  category: string | null;
  tags: string[];
  body_html: string;
  version: number;
  updated_at: string;
  helpful_yes: number;
  helpful_no: number;
  translations: { locale: Locale; slug: string; title: string }[];
  related: ArticleHit[];
};

export type Category = { category: string; label: string; count: number };

export type ProblemGroup = 'payment' | 'refund' | 'order' | 'pos' | 'other';

export type PortalInfo = {
  tenant: { slug: string; name: string };
  problems: { category: string; label: string; group: ProblemGroup }[];
  broadcasts: { id: string; text: string }[];
};

export type FormField = { key: string; label: string; kind: 'text' | 'amount' | 'upload'; required: boolean; ref: string | null };
export type PortalForm = { category: string; label: string; fields: FormField[] };

export type NewCase = {
  category: string;
  locale: Locale;
  description: string;
  name?: string;
  email?: string;
  phone?: string;
  fields: Record<string, string>;
  amount?: { value: string; currency: string };
  website?: string;
};

export type CreatedCase = {
  case_number: number;
  status_url: string;
  token: string;
  expires_at: string;
  answer: { text: string; article: ArticleHit | null };
};

export type CaseStatus = 'new' | 'open' | 'pending_customer' | 'pending_internal' | 'paused' | 'resolved' | 'closed';

export type PortalAttachment = { id: string; filename: string; size: number; content_type: string; created_at: string };

export type CaseView = {
  case: { number: number; subject: string; status: CaseStatus; category: string | null; category_label: string | null; created_at: string; updated_at: string; resolution: string | null };
  messages: { id: string; from: 'customer' | 'agent' | 'bot'; author_name: string | null; body: string; created_at: string }[];
  attachments: PortalAttachment[];
  csat: { score: number; comment: string | null; created_at: string } | null;
  can_rate: boolean;
  expires_at: string;
  locale: Locale;
  /** Present on newer servers: where "back to the help centre" goes. */
  tenant?: { slug: string; name: string };
};

export type ChatSender = 'visitor' | 'bot' | 'agent' | 'system';
export type ChatAttachment = { id: string; filename: string; content_type: string; size: number };
export type ChatMessage = {
  id: string;
  seq: number;
  sender: ChatSender;
  author_name: string | null;
  body: string;
  actions: { id: 'handoff' | 'solved' | string; label: string }[] | null;
  attachment: ChatAttachment | null;
  client_id: string | null;
  created_at: string;
};
export type ConversationState = { status: string; case_number: number | null; bot_active: boolean };
export type ChatStart = { id: string; visitor_token: string; status: string };

export type ServerFrame =
  | { type: 'ready'; conversation: ConversationState & { id: string }; messages: ChatMessage[] }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; client_id: string; seq: number }
  | { type: 'read'; by: 'agent' | 'visitor'; seq: number }
  | { type: 'typing'; by: 'agent' | 'bot'; typing: boolean }
  | ({ type: 'state' } & ConversationState)
  | { type: 'error'; code: string; detail: string; client_id?: string }
  | { type: 'pong' };

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps travel as ISO-8601 UTC strings on both dialects. */
type Timestamp = string;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  case_seq: number;
  audit_seq: number;
  audit_head: string;
  created_at: Timestamp;
}

export interface TeamsTable {
  tenant_id: string;
  code: string;
  name: string;
  tier: number | null;
  calendar_id: ColumnType<string | null, string | null | undefined, string | null>;
  schedule: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  name: string;
  email: string | null;
  role: string;
  team: string | null;
  active: number;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  tenant_id: string;
  user_id: string | null;
  name: string;
  role: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface CustomersTable {
  id: string;
  tenant_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  external_id: string | null;
  locale: string | null;
  created_at: Timestamp;
}

export interface CasesTable {
  id: string;
  tenant_id: string;
  number: number;
  subject: string;
  description: string;
  channel: string;
  customer_id: string | null;
  category: string;
  priority: string;
  priority_rank: number;
  status: string;
  resolution: string | null;
  assignee_id: string | null;
  team: string | null;
  tier: number | null;
  transaction_id: string | null;
  order_id: string | null;
  refund_id: string | null;
  dispute_id: string | null;
  platform_complaint_id: string | null;
  merchant_no: string | null;
  terminal_serial: string | null;
  error_code: string | null;
  amount: number | null;
  currency: string | null;
  tags: string;
  /** 'auto' when the classifier chose the category; 'manual' (or null, before auto-triage existed) otherwise. */
  category_source: ColumnType<string | null, string | null | undefined, string | null>;
  category_confidence: ColumnType<number | null, number | null | undefined, number | null>;
  repeat_of: string | null;
  due_at: Timestamp | null;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseTagsTable {
  tenant_id: string;
  case_id: string;
  tag: string;
}

export interface MessagesTable {
  id: string;
  tenant_id: string;
  case_id: string;
  direction: string;
  author_type: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  created_at: Timestamp;
  /** For messages a platform must deliver (WeChat Pay replies): pending, delivered or failed. */
  delivery_status: ColumnType<string | null, string | null | undefined, string | null>;
  delivery_error: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AttachmentsTable {
  id: string;
  tenant_id: string;
  case_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface AttachmentBlobsTable {
  tenant_id: string;
  sha256: string;
  data: Buffer;
}

export interface AuditEventsTable {
  id: Generated<number>;
  tenant_id: string;
  /** Null until sealed into the chain. */
  seq: number | null;
  case_id: string | null;
  actor: string;
  type: string;
  payload: string;
  at: Timestamp;
  prev_hash: string | null;
  hash: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  request_hash: string;
  state: string;
  status_code: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface CalendarsTable {
  id: string;
  tenant_id: string;
  name: string;
  timezone: string;
  spec: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SlaPoliciesTable {
  id: string;
  tenant_id: string;
  name: string;
  position: number;
  enabled: number;
  calendar_id: string | null;
  definition: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseClocksTable {
  tenant_id: string;
  case_id: string;
  name: string;
  kind: string;
  policy_id: string | null;
  rule: string;
  cycle: number;
  started_at: Timestamp;
  due_at: Timestamp;
  paused_since: Timestamp | null;
  paused_seconds: number;
  paused_work_seconds: number;
  stopped_at: Timestamp | null;
  breached_at: Timestamp | null;
}

export interface SlaTimersTable {
  id: string;
  tenant_id: string;
  case_id: string | null;
  team: string | null;
  clock_name: string | null;
  cycle: number | null;
  kind: string;
  label: string;
  fire_at: Timestamp;
  state: string;
  fired_at: Timestamp | null;
  attempts: ColumnType<number, number | undefined, number>;
  error: string | null;
}

export interface NotificationChannelsTable {
  id: string;
  tenant_id: string;
  name: string;
  kind: string;
  config_enc: string;
  events: string;
  teams: string;
  locale: string;
  enabled: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationOutboxTable {
  id: string;
  tenant_id: string;
  channel_id: string;
  event: string;
  case_id: string | null;
  message: string;
  state: string;
  attempts: number;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface FollowUpsTable {
  id: string;
  tenant_id: string;
  case_id: string;
  due_at: Timestamp;
  note: string;
  created_by: string;
  done_at: Timestamp | null;
  created_at: Timestamp;
}

export interface TenantSettingsTable {
  tenant_id: string;
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface WechatpayIntegrationsTable {
  tenant_id: string;
  mchid: string;
  merchant_serial_no: string;
  api_base_url: string;
  secrets_enc: string;
  platform_keys: string;
  settings: string;
  enabled: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WechatpayNotificationsTable {
  tenant_id: string;
  id: string;
  event_type: string;
  complaint_id: string;
  action_type: string;
  create_time: string | null;
  state: string;
  attempts: number;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  received_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface WechatpayNoncesTable {
  tenant_id: string;
  nonce: string;
  seen_at: Timestamp;
}

export interface WechatpayComplaintsTable {
  tenant_id: string;
  complaint_id: string;
  case_id: string;
  mchid: string;
  state: string;
  problem_type: string | null;
  complaint_time: Timestamp;
  complaint_date: string;
  user_complaint_times: number;
  full_refunded: number;
  refunded_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  first_completed_at: Timestamp | null;
  completed_at: Timestamp | null;
  close_attempts: number;
  unsatisfied: number;
  malicious: number;
  agreement_message_id: string | null;
  refund_decision: string | null;
  platform_service: string | null;
  payer_openid: string | null;
  payer_phone_enc: string | null;
  detail: string;
  synced_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WechatpayHistoryTable {
  tenant_id: string;
  complaint_id: string;
  log_id: string;
  operate_type: string;
  operate_time: string | null;
  message_id: string | null;
}

export interface PlatformActionsTable {
  id: string;
  tenant_id: string;
  case_id: string;
  platform: string;
  complaint_id: string;
  kind: string;
  body: string;
  message_id: string | null;
  state: string;
  attempts: number;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_by: string;
  created_at: Timestamp;
  done_at: Timestamp | null;
}

export interface PlatformSyncJobsTable {
  tenant_id: string;
  platform: string;
  next_run_at: Timestamp;
  locked_until: Timestamp | null;
  lease: string | null;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_result: string | null;
  last_error: string | null;
}

export interface PlatformTransactionCountsTable {
  tenant_id: string;
  platform: string;
  mchid: string;
  date: string;
  count: number;
  updated_at: Timestamp;
}

export interface IncidentsTable {
  id: string;
  tenant_id: string;
  kind: string;
  status: string;
  title: string;
  details: string;
  case_count: number;
  started_at: Timestamp;
  last_case_at: Timestamp;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Public notice while open: JSON {"zh-CN": string, en: string}, or null. */
  broadcast: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface IncidentCasesTable {
  tenant_id: string;
  incident_id: string;
  case_id: string;
  added_at: Timestamp;
}

export interface ClassifierCorrectionsTable {
  id: string;
  tenant_id: string;
  case_id: string;
  text: string;
  from_category: string;
  to_category: string;
  confidence: number | null;
  corrected_by: string;
  created_at: Timestamp;
}

export interface StripeIntegrationsTable {
  tenant_id: string;
  secrets_enc: string;
  api_base_url: string;
  enabled: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StripeEventsTable {
  tenant_id: string;
  id: string;
  type: string;
  dispute_id: string | null;
  created: number;
  outcome: string;
  received_at: Timestamp;
}

export interface StripeDisputesTable {
  tenant_id: string;
  dispute_id: string;
  case_id: string;
  charge_id: string | null;
  payment_intent: string | null;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  evidence_due_by: Timestamp | null;
  has_evidence: number;
  submission_count: number;
  /** held (nothing moved yet), withdrawn or reinstated. */
  funds: string;
  last_event_created: number;
  evidence_submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailboxesTable {
  id: string;
  tenant_id: string;
  address: string;
  display_name: string | null;
  secrets_enc: string;
  settings: string;
  enabled: number;
  uid_validity: number | null;
  last_uid: number;
  next_poll_at: Timestamp;
  locked_until: Timestamp | null;
  lease: string | null;
  last_polled_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmailMessagesTable {
  tenant_id: string;
  message_id: string;
  mailbox_id: string | null;
  case_id: string | null;
  case_message_id: string | null;
  direction: string;
  from_address: string | null;
  subject: string | null;
  disposition: string;
  created_at: Timestamp;
}

export interface EmailDeliveriesTable {
  id: string;
  tenant_id: string;
  case_id: string;
  case_message_id: string;
  mailbox_id: string;
  message_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  in_reply_to: string | null;
  references: string | null;
  state: string;
  attempts: number;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CallsTable {
  id: string;
  tenant_id: string;
  case_id: string;
  direction: string;
  caller: string | null;
  callee: string | null;
  agent_id: string | null;
  agent_name: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  duration_seconds: number | null;
  summary: string;
  outcome: string;
  follow_up_id: string | null;
  transferred_to_team: string | null;
  transferred_to_tier: number | null;
  created_at: Timestamp;
}

export interface KbArticlesTable {
  id: string;
  tenant_id: string;
  slug: string;
  locale: string;
  title: string;
  body_markdown: string;
  category: string | null;
  /** JSON array of strings. */
  tags: string;
  status: string;
  version: number;
  helpful_yes: ColumnType<number, number | undefined, number>;
  helpful_no: ColumnType<number, number | undefined, number>;
  views: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface KbArticleVersionsTable {
  article_id: string;
  tenant_id: string;
  version: number;
  title: string;
  body_markdown: string;
  category: string | null;
  tags: string;
  status: string;
  edited_by: string | null;
  created_at: Timestamp;
}

export interface KbVotesTable {
  id: string;
  tenant_id: string;
  article_id: string;
  voter: string;
  helpful: number;
  created_at: Timestamp;
}

export interface PortalLinksTable {
  id: string;
  tenant_id: string;
  case_id: string;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface CsatRatingsTable {
  id: string;
  tenant_id: string;
  case_id: string;
  score: number;
  comment: string | null;
  source: string;
  created_at: Timestamp;
}

export interface ChatConversationsTable {
  id: string;
  tenant_id: string;
  visitor_token_hash: string;
  status: string;
  locale: string;
  visitor_name: string | null;
  visitor_email: string | null;
  page_url: string | null;
  case_id: string | null;
  bot_state: ColumnType<string, string | undefined, string>;
  bot_stopped: ColumnType<number, number | undefined, number>;
  outcome: string | null;
  last_seq: ColumnType<number, number | undefined, number>;
  visitor_read_seq: ColumnType<number, number | undefined, number>;
  agent_read_seq: ColumnType<number, number | undefined, number>;
  visitor_messages: ColumnType<number, number | undefined, number>;
  handed_off_at: Timestamp | null;
  closed_at: Timestamp | null;
  last_activity_at: Timestamp;
  created_at: Timestamp;
}

export interface ChatMessagesTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  seq: number;
  sender: string;
  author_name: string | null;
  body: string;
  actions: string | null;
  attachment_id: string | null;
  client_id: string | null;
  case_message_id: string | null;
  created_at: Timestamp;
}

export interface ChatAttachmentsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  case_attachment_id: string | null;
  created_at: Timestamp;
}

export interface DB {
  kb_articles: KbArticlesTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_votes: KbVotesTable;
  portal_links: PortalLinksTable;
  csat_ratings: CsatRatingsTable;
  chat_conversations: ChatConversationsTable;
  chat_messages: ChatMessagesTable;
  chat_attachments: ChatAttachmentsTable;
  stripe_integrations: StripeIntegrationsTable;
  stripe_events: StripeEventsTable;
  stripe_disputes: StripeDisputesTable;
  mailboxes: MailboxesTable;
  email_messages: EmailMessagesTable;
  email_deliveries: EmailDeliveriesTable;
  calls: CallsTable;
  classifier_corrections: ClassifierCorrectionsTable;
  wechatpay_integrations: WechatpayIntegrationsTable;
  wechatpay_notifications: WechatpayNotificationsTable;
  wechatpay_nonces: WechatpayNoncesTable;
  wechatpay_complaints: WechatpayComplaintsTable;
  wechatpay_history: WechatpayHistoryTable;
  platform_actions: PlatformActionsTable;
  platform_sync_jobs: PlatformSyncJobsTable;
  platform_transaction_counts: PlatformTransactionCountsTable;
  incidents: IncidentsTable;
  incident_cases: IncidentCasesTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  case_clocks: CaseClocksTable;
  sla_timers: SlaTimersTable;
  notification_channels: NotificationChannelsTable;
  notification_outbox: NotificationOutboxTable;
  follow_ups: FollowUpsTable;
  tenant_settings: TenantSettingsTable;
  tenants: TenantsTable;
  teams: TeamsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  cases: CasesTable;
  case_tags: CaseTagsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type CaseRow = Selectable<CasesTable>;
export type StripeDisputeRow = Selectable<StripeDisputesTable>;
export type MailboxRow = Selectable<MailboxesTable>;
export type EmailDeliveryRow = Selectable<EmailDeliveriesTable>;
export type CallRow = Selectable<CallsTable>;
export type NewCase = Insertable<CasesTable>;
export type CaseUpdate = Updateable<CasesTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type MessageRow = Selectable<MessagesTable>;
export type TenantRow = Selectable<TenantsTable>;
export type UserRow = Selectable<UsersTable>;
export type TokenRow = Selectable<ApiTokensTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type CalendarRow = Selectable<CalendarsTable>;
export type PolicyRow = Selectable<SlaPoliciesTable>;
export type ClockRow = Selectable<CaseClocksTable>;
export type TimerRow = Selectable<SlaTimersTable>;
export type NewTimer = Insertable<SlaTimersTable>;
export type ChannelRow = Selectable<NotificationChannelsTable>;
export type OutboxRow = Selectable<NotificationOutboxTable>;
export type FollowUpRow = Selectable<FollowUpsTable>;
export type WechatpayIntegrationRow = Selectable<WechatpayIntegrationsTable>;
export type ComplaintRow = Selectable<WechatpayComplaintsTable>;
export type PlatformActionRow = Selectable<PlatformActionsTable>;
export type IncidentRow = Selectable<IncidentsTable>;
export type KbArticleRow = Selectable<KbArticlesTable>;
export type PortalLinkRow = Selectable<PortalLinksTable>;
export type ChatConversationRow = Selectable<ChatConversationsTable>;
export type ChatMessageRow = Selectable<ChatMessagesTable>;
export type { ColumnType };

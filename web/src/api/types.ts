// Types of the API's requests and responses, inferred from the server's own zod schemas (type-only
// imports: nothing of the server reaches the bundle), so the console breaks at compile time when
// they drift. Pages import them from here rather than declaring their own.
import type { z } from 'zod';
import type { caseResponse, listCasesQuery, messageResponse, timelineItem } from '../../../src/cases/cases.schema.js';
import type { meResponse, teamResponse, userResponse } from '../../../src/auth/auth.schema.js';
import type { callResponse } from '../../../src/calls/calls.schema.js';
import type { customerResponse } from '../../../src/customers/customers.schema.js';
import type { followUpResponse } from '../../../src/teams/teams.schema.js';
import type { calendarResponse } from '../../../src/sla/calendars.schema.js';
import type { diagnosisResponse } from '../../../src/diagnosis/diagnosis.service.js';
import type { conductCheckResponse } from '../../../src/conduct/conduct.schema.js';
import type { complaintView, platformActionResponse, RefundDecisionBody } from '../../../src/channels/wechatpay/complaints.service.js';
import type { disputeResponse, EvidenceBody } from '../../../src/channels/stripe/integration.schema.js';
import type { articleHit, articleListItem, articleResponse, createArticleBody, updateArticleBody, versionResponse } from '../../../src/kb/kb.schema.js';
import type { chatDetail, chatMessage, chatSummary } from '../../../src/chat/chat.schema.js';

export type Me = z.infer<typeof meResponse>;
export type Case = z.infer<typeof caseResponse>;
export type CaseClock = Case['clocks'][number];
export type CasePriority = Case['priority'];
export type CaseChannel = Case['channel'];
/** GET /cases `sort`. */
export type CaseSort = z.output<typeof listCasesQuery>['sort'];
export type Message = z.infer<typeof messageResponse>;
export type TimelineItem = z.infer<typeof timelineItem>;
export type User = z.infer<typeof userResponse>;
export type Team = z.infer<typeof teamResponse>;
export type Calendar = z.infer<typeof calendarResponse>;
export type Call = z.infer<typeof callResponse>;
export type Customer = z.infer<typeof customerResponse>;
export type CustomerWithCases = Customer & { cases: Case[] };
export type FollowUp = z.infer<typeof followUpResponse>;
export type Diagnosis = z.infer<typeof diagnosisResponse>;
export type ConductCheck = z.infer<typeof conductCheckResponse>;
export type ConductFinding = ConductCheck['warnings'][number];
export type Complaint = z.infer<typeof complaintView>;
export type PlatformAction = z.infer<typeof platformActionResponse>;
export type Dispute = z.infer<typeof disputeResponse>;
export type { RefundDecisionBody, EvidenceBody };
/** A knowledge-base article as agents edit it (drafts too). */
export type Article = z.infer<typeof articleResponse>;
export type ArticleListItem = z.infer<typeof articleListItem>;
export type ArticleStatus = Article['status'];
export type ArticleVersion = z.infer<typeof versionResponse>;
/** A search result or suggestion: highlights are HTML-escaped with only <mark> as markup. */
export type ArticleHit = z.infer<typeof articleHit>;
export type CreateArticleBody = z.input<typeof createArticleBody>;
export type UpdateArticleBody = z.input<typeof updateArticleBody>;
export type ChatSummary = z.infer<typeof chatSummary>;
export type ChatDetail = z.infer<typeof chatDetail>;
export type ChatMessage = z.infer<typeof chatMessage>;
export type ChatStatus = ChatSummary['status'];
export type { Playbook } from '../../../src/diagnosis/playbooks.js';
export type { Role } from '../../../src/auth/roles.js';
export type { Category } from '../../../src/cases/taxonomy.js';
/** The languages the API speaks and keeps texts in (playbooks, notification channels, mailboxes). */
export type { Locale } from '../../../src/i18n/i18n.js';

/** GET /cases/{id}/attachments items (the route keeps its schema to itself). */
export type Attachment = {
  id: string;
  case_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
  download_url: string;
};

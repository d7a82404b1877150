// Response types of the endpoints the case workspace uses beyond web/src/api/types.ts, inferred
// from the server's own zod schemas (type-only imports: nothing of the server reaches the bundle).
import type { z } from 'zod';
import type { callResponse } from '../../../../src/calls/calls.schema.js';
import type { customerResponse } from '../../../../src/customers/customers.schema.js';
import type { followUpResponse } from '../../../../src/teams/teams.schema.js';
import type { diagnosisResponse } from '../../../../src/diagnosis/diagnosis.service.js';
import type { conductCheckResponse } from '../../../../src/conduct/conduct.schema.js';
import type { complaintView, platformActionResponse, RefundDecisionBody } from '../../../../src/channels/wechatpay/complaints.service.js';
import type { disputeResponse, EvidenceBody } from '../../../../src/channels/stripe/integration.schema.js';
import type { Case } from '../../api/types';

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
export type { Playbook } from '../../../../src/diagnosis/playbooks.js';

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

export type Language = 'zh-CN' | 'en';

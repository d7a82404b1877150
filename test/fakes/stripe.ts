import { startHttpFake, type FakeReply } from './http-fake.js';

export type FakeDispute = {
  id: string;
  object: 'dispute';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string | null;
  reason: string;
  status: string;
  created: number;
  evidence: Record<string, string>;
  evidence_details: { due_by: number | null; has_evidence: boolean; past_due: boolean; submission_count: number };
  is_charge_refundable: boolean;
  livemode: boolean;
};

export type FakeStripe = {
  baseUrl: string;
  /** Requests that reached the dispute endpoint, with their parsed form fields. */
  updates: Array<{ disputeId: string; fields: Record<string, string> }>;
  addDispute(dispute: FakeDispute): void;
  dispute(id: string): FakeDispute | undefined;
  close(): Promise<void>;
};

const error = (status: number, type: string, message: string): FakeReply => ({ status, body: { error: { type, message } } });

/**
 * A local Stripe API for `POST /v1/disputes/{id}` that checks what Stripe checks: a Bearer secret
 * key it knows, a form-encoded body, evidence only under `evidence[...]`, a dispute that is still
 * open. Submitting moves the dispute to under_review like Stripe does.
 */
export async function startFakeStripe(apiKey: string): Promise<FakeStripe> {
  const disputes = new Map<string, FakeDispute>();
  const updates: FakeStripe['updates'] = [];
  const fake = await startHttpFake((request) => {
    if (request.headers.authorization !== `Bearer ${apiKey}`) return error(401, 'invalid_request_error', 'Invalid API Key provided');
    const match = /^\/v1\/disputes\/([A-Za-z0-9_]+)$/.exec(request.url.pathname);
    if (!match || request.method !== 'POST') return error(404, 'invalid_request_error', 'Unrecognized request URL');
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return error(400, 'invalid_request_error', 'form-encoded body expected');
    const dispute = disputes.get(match[1] ?? '');
    if (!dispute) return error(404, 'invalid_request_error', `No such dispute: '${match[1]}'`);
    const fields = Object.fromEntries(new URLSearchParams(request.raw));
    updates.push({ disputeId: dispute.id, fields });
    for (const name of Object.keys(fields)) {
      if (name !== 'submit' && !/^evidence\[[a-z_]+\]$/.test(name) && !name.startsWith('metadata[')) return error(400, 'invalid_request_error', `Received unknown parameter: ${name}`);
    }
    if (['won', 'lost', 'warning_closed', 'prevented'].includes(dispute.status) || dispute.evidence_details.submission_count > 0) {
      return error(400, 'invalid_request_error', 'This dispute is already closed or its evidence was already submitted');
    }
    for (const [name, value] of Object.entries(fields)) {
      const evidence = /^evidence\[([a-z_]+)\]$/.exec(name);
      if (evidence?.[1]) dispute.evidence[evidence[1]] = value;
    }
    dispute.evidence_details.has_evidence = Object.keys(dispute.evidence).length > 0;
    if (fields.submit === 'true') {
      dispute.evidence_details.submission_count += 1;
      dispute.status = dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
    }
    return { status: 200, body: dispute };
  });
  return {
    baseUrl: fake.baseUrl,
    updates,
    addDispute: (dispute) => disputes.set(dispute.id, structuredClone(dispute)),
    dispute: (id) => disputes.get(id),
    close: fake.close,
  };
}

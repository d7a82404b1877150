import assert from 'node:assert/strict';
import { fakeOptionsFor, generateWechatPayKeys, integrationBodyFor, startFakeWechatPay, type FakeCallbackOverrides, type FakeComplaintInput, type FakeWechatPay, type WechatPayTestKeys } from '../../src/channels/wechatpay/fake.js';
import type { TestServer } from './harness.js';

export const MCHID = '1900000109';

export type WechatPaySetup = {
  fake: FakeWechatPay;
  keys: WechatPayTestKeys;
  callbackUrl: string;
  /** Sends a signed, encrypted callback for the complaint to the desk. */
  notify(complaintId: string, actionType: string, overrides?: FakeCallbackOverrides): Promise<{ status: number; body: string }>;
  /** Adds a complaint on the fake and announces it with a CREATE_COMPLAINT callback; returns the case. */
  open(input: Omit<FakeComplaintInput, 'complaint_id'> & { complaint_id?: string }): Promise<{ complaintId: string; caseId: string; case: any }>;
  caseOf(complaintId: string): Promise<any>;
  close(): Promise<void>;
};

let counter = 0;
export const complaintId = () => `2000000${Date.now()}${String((counter += 1)).padStart(6, '0')}`.slice(0, 28);

/** A fake WeChat Pay on loopback wired to the test server's tenant through the real PUT /integrations/wechatpay. */
export async function setupWechatPay(server: TestServer, settings: Record<string, unknown> = {}): Promise<WechatPaySetup> {
  const keys = generateWechatPayKeys();
  const fake = await startFakeWechatPay(fakeOptionsFor(keys, MCHID, () => server.clock.now));
  const admin = server.tenant.seats.admin.token;
  const put = await server.call('PUT', '/api/v1/integrations/wechatpay', {
    token: admin,
    body: { ...integrationBodyFor(keys, MCHID, fake.baseUrl), ...settings },
  });
  assert.ok(put.status === 201 || put.status === 200, put.text);
  const callbackUrl = `${server.baseUrl}/webhooks/wechatpay/${server.tenant.slug}`;
  const caseOf = async (id: string) => {
    const list = await server.call('GET', `/api/v1/cases?platform_complaint_id=${id}`, { token: admin });
    assert.equal(list.status, 200, list.text);
    return list.body.items[0];
  };
  return {
    fake,
    keys,
    callbackUrl,
    notify: (id, actionType, overrides) => fake.sendCallback(callbackUrl, { complaint_id: id, action_type: actionType }, overrides),
    async open(input) {
      const id = input.complaint_id ?? complaintId();
      fake.addComplaint({
        problem_type: 'REFUND',
        problem_description: '商品未收到',
        complaint_detail: '付款后一直没有发货，联系不上客服，要求退款。',
        payer_openid: `oUpF8uMuAJO_M2pxb1Q9zNjWeS6o${counter}`,
        complaint_order_info: [{ transaction_id: `42000012${Date.now()}${counter}`.slice(0, 28), out_trade_no: `ORDER${Date.now()}${counter}`, amount: 12800 }],
        apply_refund_amount: 12800,
        ...input,
        complaint_id: id,
      });
      const sent = await fake.sendCallback(callbackUrl, { complaint_id: id, action_type: 'CREATE_COMPLAINT' });
      assert.equal(sent.status, 204, sent.body);
      const found = await caseOf(id);
      assert.ok(found, `a case for complaint ${id}`);
      return { complaintId: id, caseId: found.id, case: found };
    },
    caseOf,
    close: () => fake.close(),
  };
}

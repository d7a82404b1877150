import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createWechatPayClient, WechatPayError, type WechatPayClientOptions } from './client.js';
import { decryptResource, decryptSensitive, verifyMessage } from './crypto.js';
import { generateWechatPayKeys, fakeOptionsFor, startFakeWechatPay, type FakeWechatPay } from './fake.js';
import { callbackBodySchema, callbackPlaintextSchema } from './types.js';

const keys = generateWechatPayKeys();
const strangers = generateWechatPayKeys();
const MCHID = '1900000109';
let clock = new Date('2024-05-20T04:00:00Z');
const now = () => clock;

let fake: FakeWechatPay;
let sequence = 0;

function clientOptions(overrides: Partial<WechatPayClientOptions> = {}): WechatPayClientOptions {
  return {
    baseUrl: fake.baseUrl,
    mchid: MCHID,
    serialNo: keys.merchantSerialNo,
    privateKeyPem: keys.merchantPrivateKeyPem,
    platformKeys: [
      { id: strangers.platformKeyId, pem: strangers.platformPublicKeyPem },
      { id: keys.platformKeyId, pem: keys.platformPublicKeyPem },
    ],
    fetch: globalThis.fetch,
    now,
    ...overrides,
  };
}

const client = (overrides: Partial<WechatPayClientOptions> = {}) => createWechatPayClient(clientOptions(overrides));

function newId(): string {
  sequence += 1;
  return `2000000${String(sequence).padStart(20, '0')}`;
}

async function rejection(promise: Promise<unknown>): Promise<WechatPayError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof WechatPayError, `expected WechatPayError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

before(async () => {
  fake = await startFakeWechatPay(fakeOptionsFor(keys, MCHID, now));
});

after(async () => {
  await fake.close();
});

beforeEach(() => {
  clock = new Date('2024-05-20T04:00:00Z');
  fake.setDown(false);
  fake.failNext(0, 'http500');
});

describe('generated keys', () => {
  it('have the documented shapes', () => {
    assert.match(keys.merchantSerialNo, /^[0-9A-F]{40}$/);
    assert.match(keys.platformKeyId, /^PUB_KEY_ID_\d+$/);
    assert.match(keys.apiv3Key, /^[A-Za-z0-9]{32}$/);
    assert.match(keys.merchantPrivateKeyPem, /BEGIN PRIVATE KEY/);
    assert.match(keys.platformPublicKeyPem, /BEGIN PUBLIC KEY/);
  });
});

describe('wechatpay client against the fake platform', () => {
  it('lists complaints in a date range, newest first, with paging', async () => {
    const listMchid = '1900000999';
    const times = ['2024-04-01T09:00:00+08:00', '2024-04-02T00:30:00+08:00', '2024-04-03T23:59:00+08:00', '2024-04-05T12:00:00+08:00', '2024-04-10T08:00:00+08:00'];
    const ids = times.map((time) => fake.addComplaint({ complaint_id: newId(), complaint_time: time, complainted_mchid: listMchid }).complaint_id);
    // 2024-04-01T23:30 UTC is 2024-04-02 in Shanghai: inside the range although its UTC date is not.
    const lateUtc = fake.addComplaint({ complaint_id: newId(), complaint_time: '2024-04-01T23:30:00Z', complainted_mchid: listMchid }).complaint_id;
    fake.addComplaint({ complaint_id: newId(), complaint_time: '2024-03-31T23:59:59+08:00', complainted_mchid: listMchid });
    const api = client();
    const range = { beginDate: '2024-04-01', endDate: '2024-04-30', complaintedMchid: listMchid };

    const first = await api.listComplaints({ ...range, limit: 2, offset: 0 });
    assert.equal(first.total_count, 6);
    assert.deepEqual(first.data.map((item) => item.complaint_id), [ids[4], ids[3]]);
    assert.equal(first.limit, 2);

    const last = await api.listComplaints({ ...range, limit: 2, offset: 4 });
    assert.equal(last.total_count, undefined);
    assert.deepEqual(last.data.map((item) => item.complaint_id), [ids[1], ids[0]]);
    const middle = await api.listComplaints({ ...range, limit: 2, offset: 2 });
    assert.deepEqual(middle.data.map((item) => item.complaint_id), [ids[2], lateUtc]);

    const listed = fake.requests.filter((request) => request.path === '/v3/merchant-service/complaints-v2');
    assert.match(listed.at(-1)?.query ?? '', /limit=2&offset=2&begin_date=2024-04-01&end_date=2024-04-30&complainted_mchid=1900000999/);
  });

  it('refuses bad list parameters with PARAM_ERROR', async () => {
    const api = client();
    const tooLong = await rejection(api.listComplaints({ beginDate: '2024-04-01', endDate: '2024-05-02', limit: 10, offset: 0 }));
    assert.equal(tooLong.code, 'PARAM_ERROR');
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.retryable, false);
    const backwards = await rejection(api.listComplaints({ beginDate: '2024-04-10', endDate: '2024-04-01', limit: 10, offset: 0 }));
    assert.equal(backwards.code, 'PARAM_ERROR');
    const badDate = await rejection(api.listComplaints({ beginDate: '2024-02-30', endDate: '2024-03-01', limit: 10, offset: 0 }));
    assert.equal(badDate.code, 'PARAM_ERROR');
    for (const limit of [0, 51]) {
      const badLimit = await rejection(api.listComplaints({ beginDate: '2024-04-01', endDate: '2024-04-30', limit, offset: 0 }));
      assert.equal(badLimit.code, 'PARAM_ERROR');
    }
    const ok = await api.listComplaints({ beginDate: '2024-04-01', endDate: '2024-05-01', limit: 50, offset: 0 });
    assert.ok(Array.isArray(ok.data));
  });

  it('gets a complaint detail with an encrypted payer phone, and 404 for unknown ids', async () => {
    const id = newId();
    fake.addComplaint({ complaint_id: id, problem_type: 'REFUND', apply_refund_amount: 1500, payer_phone_plain: '13800138000' });
    const detail = await client().getComplaint(id);
    assert.equal(detail.complaint_id, id);
    assert.equal(detail.complaint_state, 'PENDING');
    assert.equal(detail.complainted_mchid, MCHID);
    assert.equal(detail.apply_refund_amount, 1500);
    assert.match(detail.complaint_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    assert.equal(detail.payer_phone_plain, undefined);
    assert.ok(detail.payer_phone);
    assert.equal(decryptSensitive(keys.merchantPrivateKeyPem, detail.payer_phone), '13800138000');
    assert.equal(detail.complaint_order_info?.length, 1);

    const missing = await rejection(client().getComplaint('nope'));
    assert.equal(missing.code, 'RESOURCE_NOT_EXISTS');
    assert.equal(missing.status, 404);
    assert.equal(missing.retryable, false);
  });

  it('URL-encodes complaint ids into the path (and signs the encoded path)', async () => {
    const id = `odd/id ${newId()}?#`;
    fake.addComplaint({ complaint_id: id });
    const detail = await client().getComplaint(id);
    assert.equal(detail.complaint_id, id);
    assert.equal(fake.requests.at(-1)?.path, `/v3/merchant-service/complaints-v2/${encodeURIComponent(id)}`);
  });

  it('pages through all history 50 at a time', async () => {
    const id = newId();
    fake.addComplaint({ complaint_id: id });
    for (let index = 0; index < 119; index += 1) {
      fake.addHistory(id, { operate_type: index % 2 ? 'USER_RESPONSE' : 'PLATFORM_RESPONSE', operate_details: `message ${index}` });
    }
    const before = fake.requests.length;
    const items = await client().allHistory(id);
    assert.equal(items.length, 120);
    assert.equal(items[0]?.operate_type, 'USER_CREATE_COMPLAINT');
    assert.equal(items.at(-1)?.operate_details, 'message 118');
    assert.equal(new Set(items.map((item) => item.log_id)).size, 120);
    const pages = fake.requests.slice(before);
    assert.deepEqual(pages.map((request) => request.query), ['?limit=50&offset=0', '?limit=50&offset=50', '?limit=50&offset=100']);

    const page = await client().listHistory(id, { limit: 10, offset: 115 });
    assert.equal(page.data.length, 5);
    assert.equal(page.total_count, undefined);
  });

  it('responds: the fake records it, the state becomes PROCESSING and history gains MERCHANT_RESPONSE', async () => {
    const id = newId();
    fake.addComplaint({ complaint_id: id });
    fake.addHistory(id, { operate_type: 'USER_RESPONSE', operate_details: '还没退款' });
    assert.equal(fake.complaint(id)?.incoming_user_response, true);
    const body = { complainted_mchid: MCHID, response_content: '您好，已为您退款，请查收。', response_images: ['media-1'] };
    await client().respond(id, body);
    assert.deepEqual(fake.responses.at(-1), { complaint_id: id, body });
    const stored = fake.complaint(id);
    assert.equal(stored?.complaint_state, 'PROCESSING');
    assert.equal(stored?.incoming_user_response, false);
    const history = await client().allHistory(id);
    assert.equal(history.at(-1)?.operate_type, 'MERCHANT_RESPONSE');
    assert.deepEqual(history.at(-1)?.image_list, ['media-1']);

    const tooLong = await rejection(client().respond(id, { complainted_mchid: MCHID, response_content: '长'.repeat(201) }));
    assert.equal(tooLong.code, 'PARAM_ERROR');
    const empty = await rejection(client().respond(id, { complainted_mchid: MCHID, response_content: '' }));
    assert.equal(empty.code, 'PARAM_ERROR');
    const otherMerchant = await rejection(client().respond(id, { complainted_mchid: '1', response_content: 'hi' }));
    assert.equal(otherMerchant.code, 'PARAM_ERROR');
    await client().respond(id, { complainted_mchid: MCHID, response_content: '长'.repeat(200) });
    assert.equal(fake.responses.filter((entry) => entry.complaint_id === id).length, 2);
  });

  it('completes once; a second complete is INVALID_REQUEST and not retryable', async () => {
    const id = newId();
    fake.addComplaint({ complaint_id: id });
    await client().complete(id, { complainted_mchid: MCHID });
    assert.equal(fake.complaint(id)?.complaint_state, 'PROCESSED');
    assert.equal(fake.completes.at(-1)?.complaint_id, id);
    assert.equal(fake.history(id).at(-1)?.operate_type, 'MERCHANT_CONFIRM_COMPLETE');
    const again = await rejection(client().complete(id, { complainted_mchid: MCHID }));
    assert.equal(again.code, 'INVALID_REQUEST');
    assert.equal(again.status, 400);
    assert.equal(again.retryable, false);
    const missingMchid = await rejection(client().complete(newIdWithComplaint(), {} as { complainted_mchid: string }));
    assert.equal(missingMchid.code, 'PARAM_ERROR');
  });

  it('validates refund progress updates', async () => {
    const id = newId();
    fake.addComplaint({ complaint_id: id, problem_type: 'REFUND' });
    await client().updateRefundProgress(id, { action: 'APPROVE', launch_refund_day: 3, remark: 'ok' });
    assert.equal(fake.history(id).at(-1)?.operate_type, 'MERCHANT_APPROVE_REFUND');
    await client().updateRefundProgress(id, { action: 'REJECT', reject_reason: '已发货', reject_media_list: ['m1'] });
    assert.equal(fake.history(id).at(-1)?.operate_type, 'MERCHANT_REFUSE_RERUND');
    assert.equal(fake.refundProgress.filter((entry) => entry.complaint_id === id).length, 2);

    const invalid = [
      { action: 'APPROVE' as const },
      { action: 'APPROVE' as const, launch_refund_day: -1 },
      { action: 'APPROVE' as const, launch_refund_day: 1.5 },
      { action: 'REJECT' as const },
      { action: 'REJECT' as const, reject_reason: '' },
      { action: 'REJECT' as const, reject_reason: 'x'.repeat(201) },
      { action: 'MAYBE' as 'APPROVE', launch_refund_day: 1 },
    ];
    for (const body of invalid) {
      const error = await rejection(client().updateRefundProgress(id, body));
      assert.equal(error.code, 'PARAM_ERROR', JSON.stringify(body));
    }
    assert.equal(fake.refundProgress.filter((entry) => entry.complaint_id === id).length, 2);
  });

  it('registers, changes and deletes the notification URL', async () => {
    const api = client();
    assert.equal(await api.getNotificationUrl(), null);
    assert.deepEqual(await api.setNotificationUrl('https://desk.example.com/a'), { mchid: MCHID, url: 'https://desk.example.com/a' });
    assert.equal(fake.requests.at(-1)?.method, 'POST');
    await api.setNotificationUrl('https://desk.example.com/b');
    assert.equal(fake.requests.at(-1)?.method, 'PUT');
    const count = fake.requests.length;
    await api.setNotificationUrl('https://desk.example.com/b');
    assert.equal(fake.requests.length, count + 1, 'only the GET');
    assert.equal(fake.notificationUrl, 'https://desk.example.com/b');
    await api.deleteNotificationUrl();
    assert.equal(await api.getNotificationUrl(), null);
    const bad = await rejection(api.setNotificationUrl('ftp://nope'));
    assert.equal(bad.code, 'PARAM_ERROR');
  });
});

function newIdWithComplaint(): string {
  const id = newId();
  fake.addComplaint({ complaint_id: id });
  return id;
}

describe('wechatpay client signing and failures', () => {
  it('a wrong merchant key, serial or clock gets 401 SIGN_ERROR and is counted', async () => {
    const id = newIdWithComplaint();
    const attempts = [
      client({ privateKeyPem: strangers.merchantPrivateKeyPem }),
      client({ serialNo: strangers.merchantSerialNo }),
      client({ mchid: '1900000001' }),
      client({ now: () => new Date(clock.getTime() - 6 * 60_000) }),
    ];
    for (const api of attempts) {
      const rejectedBefore = fake.rejected;
      const error = await rejection(api.getComplaint(id));
      assert.equal(error.status, 401);
      assert.equal(error.code, 'SIGN_ERROR');
      assert.equal(error.retryable, false);
      assert.equal(fake.rejected, rejectedBefore + 1);
      assert.doesNotMatch(error.message, /PRIVATE KEY|signature="/);
    }
  });

  it('the fake checks signatures over the exact body and path', async () => {
    const id = newIdWithComplaint();
    const rejectedBefore = fake.rejected;
    const tampering: typeof globalThis.fetch = (input, init) =>
      globalThis.fetch(input, { ...init, body: typeof init?.body === 'string' ? init.body.replace('hello', 'HELLO') : init?.body });
    const error = await rejection(client({ fetch: tampering }).respond(id, { complainted_mchid: MCHID, response_content: 'hello' }));
    assert.equal(error.code, 'SIGN_ERROR');
    const rerouting: typeof globalThis.fetch = (input, init) => globalThis.fetch(`${String(input)}?extra=1`, init);
    assert.equal((await rejection(client({ fetch: rerouting }).getComplaint(id))).code, 'SIGN_ERROR');
    const unsigned: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, { ...init, headers: { Accept: 'application/json' } });
    assert.equal((await rejection(client({ fetch: unsigned }).getComplaint(id))).code, 'SIGN_ERROR');
    assert.equal(fake.rejected, rejectedBefore + 3);
    assert.equal(fake.responses.some((entry) => entry.complaint_id === id), false);
  });

  it('5xx and 429 are retryable; the next call succeeds', async () => {
    const id = newIdWithComplaint();
    fake.failNext(1, 'http500');
    const serverError = await rejection(client().getComplaint(id));
    assert.equal(serverError.status, 500);
    assert.equal(serverError.code, 'SYSTEM_ERROR');
    assert.equal(serverError.retryable, true);
    fake.failNext(1, 'http429');
    const limited = await rejection(client().getComplaint(id));
    assert.equal(limited.code, 'FREQUENCY_LIMITED');
    assert.equal(limited.retryable, true);
    assert.equal((await client().getComplaint(id)).complaint_id, id);
  });

  it('a dropped connection is a retryable NETWORK_ERROR', async () => {
    const id = newIdWithComplaint();
    fake.failNext(1, 'drop');
    const error = await rejection(client().getComplaint(id));
    assert.equal(error.code, 'NETWORK_ERROR');
    assert.equal(error.status, null);
    assert.equal(error.retryable, true);
    assert.equal(fake.requests.at(-1)?.status, 0);
  });

  it('a platform that does not answer in time is a retryable TIMEOUT', async () => {
    const id = newIdWithComplaint();
    fake.failNext(1, 'hang');
    const started = Date.now();
    const error = await rejection(client({ timeoutMs: 150 }).getComplaint(id));
    assert.equal(error.code, 'TIMEOUT');
    assert.equal(error.status, null);
    assert.equal(error.retryable, true);
    assert.ok(Date.now() - started < 2000);
  });

  it('setDown answers 503 SYSTEM_ERROR until it is lifted', async () => {
    const id = newIdWithComplaint();
    fake.setDown(true);
    const error = await rejection(client().getComplaint(id));
    assert.equal(error.status, 503);
    assert.equal(error.code, 'SYSTEM_ERROR');
    assert.equal(error.retryable, true);
    fake.setDown(false);
    assert.equal((await client().getComplaint(id)).complaint_id, id);
  });

  it('refuses responses not signed by a configured platform key', async () => {
    const id = newIdWithComplaint();
    const wrongPem = client({ platformKeys: [{ id: keys.platformKeyId, pem: strangers.platformPublicKeyPem }] });
    const forged = await rejection(wrongPem.getComplaint(id));
    assert.equal(forged.code, 'BAD_RESPONSE_SIGNATURE');
    assert.equal(forged.retryable, false);
    assert.equal(forged.status, 200);
    const unknownSerial = client({ platformKeys: [{ id: strangers.platformKeyId, pem: keys.platformPublicKeyPem }] });
    assert.equal((await rejection(unknownSerial.getComplaint(id))).code, 'BAD_RESPONSE_SIGNATURE');
    const skewed = client({ now: () => new Date(clock.getTime() + 4 * 60_000) });
    assert.equal((await skewed.getComplaint(id)).complaint_id, id, 'within the 5 minute window on both sides');
    const unchecked = client({ verifyResponses: false, platformKeys: [] });
    assert.equal((await unchecked.getComplaint(id)).complaint_id, id);
  });

  it('a response of the wrong shape is BAD_RESPONSE', async () => {
    const stub = (text: string, status = 200): typeof globalThis.fetch => async () => new Response(text, { status });
    const shape = await rejection(client({ fetch: stub('{"complaint_id": 5}'), verifyResponses: false }).getComplaint('x'));
    assert.equal(shape.code, 'BAD_RESPONSE');
    assert.equal(shape.retryable, false);
    const notJson = await rejection(client({ fetch: stub('<html>'), verifyResponses: false }).getComplaint('x'));
    assert.equal(notJson.code, 'BAD_RESPONSE');
    const unsigned = await rejection(client({ fetch: stub('{}') }).getComplaint('x'));
    assert.equal(unsigned.code, 'BAD_RESPONSE_SIGNATURE');
    const gateway = await rejection(client({ fetch: stub('<html>bad gateway</html>', 502) }).getComplaint('x'));
    assert.equal(gateway.code, 'HTTP_502');
    assert.equal(gateway.retryable, true);
  });
});

describe('fake platform state changes from user events', () => {
  it('applies USER_RESPONSE, USER_CONTINUE_COMPLAINT and USER_REVOKE_COMPLAINT', () => {
    const id = newIdWithComplaint();
    fake.setComplaint(id, { complaint_state: 'PROCESSED' });
    fake.addHistory(id, { operate_type: 'USER_CONTINUE_COMPLAINT', operate_details: '仍未解决' });
    assert.equal(fake.complaint(id)?.complaint_state, 'PROCESSING');
    assert.equal(fake.complaint(id)?.user_complaint_times, 2);
    fake.addHistory(id, { operate_type: 'USER_RESPONSE', operate_details: '?' });
    assert.equal(fake.complaint(id)?.incoming_user_response, true);
    fake.addHistory(id, { operate_type: 'USER_REVOKE_COMPLAINT', operate_details: '撤诉' });
    assert.equal(fake.complaint(id)?.complaint_state, 'PROCESSED');
    assert.equal(fake.history(id).length, 4);
    assert.throws(() => fake.addComplaint({ complaint_id: id }));
  });
});

describe('fake platform callbacks', () => {
  type Received = { status: number; plaintext?: unknown; eventType?: string };
  let receiver: Server;
  let receiverUrl = '';
  const received: Received[] = [];

  /** A minimal merchant endpoint: verify the signature with the platform key, then decrypt. */
  function handleCallback(headers: Record<string, string | string[] | undefined>, raw: string): Received {
    const header = (name: string) => (typeof headers[name] === 'string' ? headers[name] : '');
    if (header('wechatpay-serial') !== keys.platformKeyId) return { status: 401 };
    const signed = verifyMessage(keys.platformPublicKeyPem, header('wechatpay-timestamp'), header('wechatpay-nonce'), raw, header('wechatpay-signature'));
    if (!signed) return { status: 401 };
    const body = callbackBodySchema.safeParse(JSON.parse(raw));
    if (!body.success) return { status: 400 };
    try {
      const plaintext = callbackPlaintextSchema.parse(JSON.parse(decryptResource(keys.apiv3Key, body.data.resource)));
      return { status: 200, plaintext, eventType: body.data.event_type };
    } catch {
      return { status: 400 };
    }
  }

  before(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const result = handleCallback(request.headers, Buffer.concat(chunks).toString('utf8'));
        received.push(result);
        response.writeHead(result.status === 200 ? 204 : result.status, { 'Content-Type': 'application/json' });
        response.end(result.status === 200 ? '' : JSON.stringify({ code: 'FAIL', message: 'rejected' }));
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/wechatpay`;
  });

  after(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('sends a signed, encrypted callback that the merchant can verify and decrypt', async () => {
    const plaintext = { complaint_id: '200000020240520000000000001', action_type: 'CREATE_COMPLAINT' };
    const result = await fake.sendCallback(receiverUrl, plaintext);
    assert.equal(result.status, 204);
    assert.deepEqual(received.at(-1), { status: 200, plaintext, eventType: 'COMPLAINT.CREATE' });
    await fake.sendCallback(receiverUrl, { complaint_id: 'x', action_type: 'USER_RESPONSE' });
    assert.equal(received.at(-1)?.eventType, 'COMPLAINT.STATE_CHANGE');
  });

  it('can send callbacks a merchant must refuse', async () => {
    const plaintext = { complaint_id: '200000020240520000000000002', action_type: 'USER_RESPONSE' };
    assert.equal((await fake.sendCallback(receiverUrl, plaintext, { signWithPem: strangers.platformPrivateKeyPem })).status, 401);
    assert.equal((await fake.sendCallback(receiverUrl, plaintext, { serial: strangers.platformKeyId })).status, 401);
    assert.equal((await fake.sendCallback(receiverUrl, plaintext, { tamperCiphertext: true })).status, 400);
    assert.equal((await fake.sendCallback(receiverUrl, plaintext, { apiv3Key: strangers.apiv3Key })).status, 400);
    const raw = await fake.sendCallback(receiverUrl, plaintext, { rawBody: '{"id":"1"}' });
    assert.equal(raw.status, 400);
    assert.match(raw.body, /FAIL/);
  });

  it('callbackRequest builds the same request without sending it', () => {
    const before = received.length;
    const request = fake.callbackRequest({ complaint_id: 'c1', action_type: 'MERCHANT_RESPONSE' }, { id: 'evt-1', nonce: 'fixed', timestamp: 1_716_177_600 });
    assert.equal(received.length, before);
    assert.equal(request.headers['Wechatpay-Nonce'], 'fixed');
    assert.equal(request.headers['Wechatpay-Timestamp'], '1716177600');
    assert.equal(request.headers['Wechatpay-Serial'], keys.platformKeyId);
    const body = callbackBodySchema.parse(JSON.parse(request.body));
    assert.equal(body.id, 'evt-1');
    assert.equal(body.resource_type, 'encrypt-resource');
    assert.equal(body.resource.algorithm, 'AEAD_AES_256_GCM');
    assert.match(body.create_time, /\+08:00$/);
    assert.equal(verifyMessage(keys.platformPublicKeyPem, '1716177600', 'fixed', request.body, request.headers['Wechatpay-Signature'] ?? ''), true);
    assert.deepEqual(JSON.parse(decryptResource(keys.apiv3Key, body.resource)), { complaint_id: 'c1', action_type: 'MERCHANT_RESPONSE' });
    const withUrl = fake.callbackRequest(receiverUrl, { complaint_id: 'c1', action_type: 'MERCHANT_RESPONSE' });
    assert.equal(callbackBodySchema.parse(JSON.parse(withUrl.body)).event_type, 'COMPLAINT.STATE_CHANGE');
  });
});

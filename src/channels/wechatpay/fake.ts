/**
 * A fake WeChat Pay platform for tests and demos: serves the consumer-complaint API v3 on 127.0.0.1 with a
 * random port, checks request signatures and parameters the way the real platform does, signs every
 * response with its own platform key, and can push signed, encrypted callbacks to a merchant URL.
 * State lives in memory; nothing leaves the machine.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  encryptResource,
  encryptSensitive,
  parseAuthorization,
  randomNonce,
  signMessage,
  verifyAuthorization,
} from './crypto.js';
import type { CallbackPlaintext, ComplaintDetail, HistoryItem } from './types.js';

const COMPLAINTS_PREFIX = '/v3/merchant-service/complaints-v2';
const NOTIFICATIONS_PATH = '/v3/merchant-service/complaint-notifications';
const IMAGES_PATH = '/v3/merchant-service/images';
/** Media URLs in details and histories name the real host, as the platform's do; clients map them to their base URL. */
const PUBLIC_HOST = 'https://api.mch.weixin.qq.com';
const SIGNATURE_WINDOW_SECONDS = 300;
const MAX_LIST_DAYS = 30;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const MAX_BODY_BYTES = 1_000_000;

/** Everything the fake needs to know about the merchant and itself. */
export type FakeWechatPayOptions = {
  mchid: string;
  merchantSerialNo: string;
  merchantPublicKeyPem: string;
  platformPrivateKeyPem: string;
  platformKeyId: string;
  apiv3Key: string;
  now?: () => Date;
};

/** What addComplaint accepts: any detail fields plus `payer_phone_plain`, stored encrypted as payer_phone. */
export type FakeComplaintInput = Partial<ComplaintDetail> & { complaint_id: string; payer_phone_plain?: string };

export type FakeHistoryInput = {
  operate_type: string;
  operate_details: string;
  image_list?: string[];
  operate_time?: string;
};

export type FakeFailureMode = 'http500' | 'http429' | 'drop' | 'hang';

export type FakeCallbackOverrides = {
  id?: string;
  timestamp?: number | string;
  nonce?: string;
  serial?: string;
  /** Sign with this private key instead of the platform key. */
  signWithPem?: string;
  /** Flip one ciphertext byte after encrypting. */
  tamperCiphertext?: boolean;
  /** Encrypt with this APIv3 key instead of the configured one. */
  apiv3Key?: string;
  /** Send exactly this body (still signed unless the signature is overridden). */
  rawBody?: string;
  eventType?: string;
};

export type FakeCallbackRequest = { headers: Record<string, string>; body: string };

export type FakeRequestLog = { method: string; path: string; query: string; status: number };
export type FakeActionLog = { complaint_id: string; body: Record<string, unknown> };

export type FakeWechatPay = {
  baseUrl: string;
  close(): Promise<void>;
  addComplaint(input: FakeComplaintInput): ComplaintDetail;
  /** Stores a picture the user uploaded and returns its media URL (for complaint_media_list or image_list). */
  addImage(bytes: Buffer, contentType: string): string;
  addHistory(complaintId: string, input: FakeHistoryInput): HistoryItem;
  setComplaint(complaintId: string, patch: Partial<ComplaintDetail>): ComplaintDetail;
  /** A copy of the stored complaint, or undefined. */
  complaint(complaintId: string): ComplaintDetail | undefined;
  /** A copy of the complaint's negotiation history, oldest first. */
  history(complaintId: string): HistoryItem[];
  readonly responses: readonly FakeActionLog[];
  readonly completes: readonly FakeActionLog[];
  readonly refundProgress: readonly FakeActionLog[];
  /** Every request received; status 0 when the connection was dropped or left hanging. */
  readonly requests: readonly FakeRequestLog[];
  /** Requests refused with 401 SIGN_ERROR. */
  readonly rejected: number;
  /** The registered notification URL, if any. */
  readonly notificationUrl: string | null;
  /** The next `count` requests fail: 500 SYSTEM_ERROR, 429 FREQUENCY_LIMITED, a destroyed socket, or no answer at all. */
  failNext(count: number, mode: FakeFailureMode): void;
  /** While down, every request gets 503 SYSTEM_ERROR. */
  setDown(down: boolean): void;
  /** Builds, signs, encrypts and POSTs a callback to targetUrl. */
  sendCallback(targetUrl: string, plaintext: CallbackPlaintext, overrides?: FakeCallbackOverrides): Promise<{ status: number; body: string }>;
  /** The callback sendCallback would POST, without sending it. The target URL argument is optional and ignored. */
  callbackRequest(plaintext: CallbackPlaintext, overrides?: FakeCallbackOverrides): FakeCallbackRequest;
  callbackRequest(targetUrl: string, plaintext: CallbackPlaintext, overrides?: FakeCallbackOverrides): FakeCallbackRequest;
};

/** Fresh keys for a merchant and a fake platform. */
export type WechatPayTestKeys = {
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  merchantSerialNo: string;
  platformPrivateKeyPem: string;
  platformPublicKeyPem: string;
  platformKeyId: string;
  apiv3Key: string;
};

function rsaPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function randomDigits(length: number): string {
  return Array.from(randomBytes(length), (byte) => String(byte % 10)).join('');
}

/** Generates RSA-2048 merchant and platform key pairs, a 40-hex merchant serial, a PUB_KEY_ID_ platform key id and an APIv3 key. */
export function generateWechatPayKeys(): WechatPayTestKeys {
  const merchant = rsaPair();
  const platform = rsaPair();
  return {
    merchantPrivateKeyPem: merchant.privateKey,
    merchantPublicKeyPem: merchant.publicKey,
    merchantSerialNo: randomBytes(20).toString('hex').toUpperCase(),
    platformPrivateKeyPem: platform.privateKey,
    platformPublicKeyPem: platform.publicKey,
    platformKeyId: `PUB_KEY_ID_${randomDigits(28)}`,
    apiv3Key: randomNonce(32),
  };
}

/** RFC 3339 in China Standard Time, e.g. 2024-05-01T10:00:00+08:00. */
/** The fake's options for a set of generated keys. */
export function fakeOptionsFor(keys: WechatPayTestKeys, mchid: string, now?: () => Date): FakeWechatPayOptions {
  return {
    mchid,
    merchantSerialNo: keys.merchantSerialNo,
    merchantPublicKeyPem: keys.merchantPublicKeyPem,
    platformPrivateKeyPem: keys.platformPrivateKeyPem,
    platformKeyId: keys.platformKeyId,
    apiv3Key: keys.apiv3Key,
    ...(now ? { now } : {}),
  };
}

/** What an admin sends to PUT /api/v1/integrations/wechatpay to point a desk at this fake with these keys. */
export function integrationBodyFor(keys: WechatPayTestKeys, mchid: string, baseUrl: string) {
  return {
    mchid,
    apiv3_key: keys.apiv3Key,
    merchant_serial_no: keys.merchantSerialNo,
    merchant_private_key: keys.merchantPrivateKeyPem,
    platform_public_keys: [{ id: keys.platformKeyId, pem: keys.platformPublicKeyPem }],
    api_base_url: baseUrl,
  };
}

export function formatShanghaiTime(date: Date): string {
  return `${new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

function shanghaiDate(rfc3339: string): string | null {
  const time = Date.parse(rfc3339);
  return Number.isNaN(time) ? null : new Date(time + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Milliseconds since the epoch for a strict yyyy-MM-dd that names a real day, else null. */
function parseDay(value: string | null): number | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : time;
}

/** Integer query parameter within [min, max]; `fallback` when absent; null when present but invalid. */
function parseIntParam(value: string | null, min: number, max: number, fallback: number): number | null {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value)) return null;
  const number = Number(value);
  return number >= min && number <= max ? number : null;
}

function textLength(value: unknown): number {
  return typeof value === 'string' ? [...value].length : -1;
}

function operatorFor(operateType: string): string {
  if (operateType.startsWith('USER_')) return '投诉人';
  if (operateType.startsWith('MERCHANT_')) return '商户';
  if (operateType.startsWith('PLATFORM_')) return '客服';
  return '系统';
}

/** Thrown inside a handler to answer with a platform error body. */
class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const paramError = (message: string) => new PlatformError(400, 'PARAM_ERROR', message);

type StoredComplaint = { detail: ComplaintDetail; history: HistoryItem[] };
type Reply = { status: number; body?: unknown; raw?: { bytes: Buffer; contentType: string } };
type Route = { method: string; url: URL; body: string };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new PlatformError(413, 'PARAM_ERROR', 'body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJsonObject(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw paramError('body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw paramError('body must be a JSON object');
  return value as Record<string, unknown>;
}

function isStringList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/** Splits `/v3/merchant-service/complaints-v2/{id}/{action}` into id and action. */
function matchComplaintPath(pathname: string): { complaintId: string | null; action: string | null } | null {
  if (pathname === COMPLAINTS_PREFIX) return { complaintId: null, action: null };
  if (!pathname.startsWith(`${COMPLAINTS_PREFIX}/`)) return null;
  const parts = pathname.slice(COMPLAINTS_PREFIX.length + 1).split('/');
  if (parts.length > 2 || !parts[0]) return null;
  let complaintId: string;
  try {
    complaintId = decodeURIComponent(parts[0]);
  } catch {
    throw paramError('complaint_id is not valid');
  }
  return { complaintId, action: parts[1] ?? null };
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startFakeWechatPay(options: FakeWechatPayOptions): Promise<FakeWechatPay> {
  const now = options.now ?? (() => new Date());
  const complaints = new Map<string, StoredComplaint>();
  const images = new Map<string, { bytes: Buffer; contentType: string }>();
  const responses: FakeActionLog[] = [];
  const completes: FakeActionLog[] = [];
  const refundProgress: FakeActionLog[] = [];
  const requests: FakeRequestLog[] = [];
  let rejected = 0;
  let down = false;
  let failures: { count: number; mode: FakeFailureMode } = { count: 0, mode: 'http500' };
  let notificationUrl: string | null = null;
  let logSequence = 0;

  function stored(complaintId: string): StoredComplaint {
    const found = complaints.get(complaintId);
    if (!found) throw new PlatformError(404, 'RESOURCE_NOT_EXISTS', 'complaint does not exist');
    return found;
  }

  function appendHistory(entry: StoredComplaint, input: FakeHistoryInput): HistoryItem {
    logSequence += 1;
    const item: HistoryItem = {
      log_id: `${entry.detail.complaint_id}-${String(logSequence).padStart(6, '0')}`,
      operator: operatorFor(input.operate_type),
      operate_time: input.operate_time ?? formatShanghaiTime(now()),
      operate_type: input.operate_type,
      operate_details: input.operate_details,
      image_list: input.image_list ?? [],
    };
    entry.history.push(item);
    return item;
  }

  function applyUserEvent(detail: ComplaintDetail, operateType: string): void {
    if (operateType === 'USER_RESPONSE') detail.incoming_user_response = true;
    if (operateType === 'USER_REVOKE_COMPLAINT') detail.complaint_state = 'PROCESSED';
    if (operateType === 'USER_CONTINUE_COMPLAINT') {
      detail.complaint_state = 'PROCESSING';
      detail.user_complaint_times += 1;
    }
  }

  function defaultDetail(input: FakeComplaintInput): ComplaintDetail {
    const problemType = input.problem_type ?? 'OTHERS';
    return {
      complaint_id: input.complaint_id,
      complaint_time: formatShanghaiTime(now()),
      complaint_detail: '商品未收到，要求退款',
      complaint_state: 'PENDING',
      complainted_mchid: options.mchid,
      complaint_full_refunded: false,
      incoming_user_response: false,
      problem_description: problemType === 'REFUND' ? '申请退款' : '其他问题',
      problem_type: problemType,
      ...(problemType === 'REFUND' ? { apply_refund_amount: 100 } : {}),
      user_complaint_times: 1,
      payer_openid: `o${randomNonce(27)}`,
      complaint_order_info: [{ transaction_id: `4200${randomDigits(24)}`, out_trade_no: `ORDER${randomDigits(12)}`, amount: 100 }],
      complaint_media_list: [],
      user_tag_list: [],
      need_immediate_service: false,
    };
  }

  function addComplaint(input: FakeComplaintInput): ComplaintDetail {
    if (complaints.has(input.complaint_id)) throw new Error(`complaint ${input.complaint_id} already exists`);
    const { payer_phone_plain: phone, ...fields } = input;
    const detail: ComplaintDetail = { ...defaultDetail(input), ...fields };
    if (phone !== undefined) detail.payer_phone = encryptSensitive(options.merchantPublicKeyPem, phone);
    const entry: StoredComplaint = { detail, history: [] };
    complaints.set(detail.complaint_id, entry);
    appendHistory(entry, {
      operate_type: 'USER_CREATE_COMPLAINT',
      operate_details: detail.complaint_detail,
      operate_time: detail.complaint_time,
    });
    return structuredClone(detail);
  }

  // ---- request handlers ----

  function listComplaints(url: URL): Reply {
    const params = url.searchParams;
    const begin = parseDay(params.get('begin_date'));
    const end = parseDay(params.get('end_date'));
    if (begin === null || end === null) throw paramError('begin_date and end_date must be yyyy-MM-dd');
    if (end < begin || end - begin > MAX_LIST_DAYS * DAY_MS) throw paramError('date range must be 0..30 days');
    const limit = parseIntParam(params.get('limit'), 1, 50, 10);
    const offset = parseIntParam(params.get('offset'), 0, Number.MAX_SAFE_INTEGER, 0);
    if (limit === null) throw paramError('limit must be 1..50');
    if (offset === null) throw paramError('offset must be a non-negative integer');
    const mchidFilter = params.get('complainted_mchid');
    const beginDate = params.get('begin_date') ?? '';
    const endDate = params.get('end_date') ?? '';
    const matching = [...complaints.values()]
      .map((entry) => entry.detail)
      .filter((detail) => {
        const day = shanghaiDate(detail.complaint_time);
        const inRange = day !== null && day >= beginDate && day <= endDate;
        return inRange && (mchidFilter === null || detail.complainted_mchid === mchidFilter);
      })
      .sort((a, b) => Date.parse(b.complaint_time) - Date.parse(a.complaint_time));
    const data = matching.slice(offset, offset + limit);
    return { status: 200, body: { data, limit, offset, ...(offset === 0 ? { total_count: matching.length } : {}) } };
  }

  function listHistory(complaintId: string, url: URL): Reply {
    const entry = stored(complaintId);
    const limit = parseIntParam(url.searchParams.get('limit'), 1, 300, 100);
    const offset = parseIntParam(url.searchParams.get('offset'), 0, Number.MAX_SAFE_INTEGER, 0);
    if (limit === null) throw paramError('limit must be 1..300');
    if (offset === null) throw paramError('offset must be a non-negative integer');
    const data = entry.history.slice(offset, offset + limit);
    return { status: 200, body: { data, limit, offset, ...(offset === 0 ? { total_count: entry.history.length } : {}) } };
  }

  function requireMerchant(body: Record<string, unknown>): void {
    if (body.complainted_mchid !== options.mchid) throw paramError('complainted_mchid must be the merchant id');
  }

  function respond(complaintId: string, body: Record<string, unknown>): Reply {
    const entry = stored(complaintId);
    requireMerchant(body);
    const length = textLength(body.response_content);
    if (length < 1 || length > 200) throw paramError('response_content must be 1..200 characters');
    if (!isStringList(body.response_images)) throw paramError('response_images must be a list of media ids');
    if (body.jump_url !== undefined && (typeof body.jump_url !== 'string' || textLength(body.jump_url_text) < 1)) {
      throw paramError('jump_url needs jump_url_text');
    }
    responses.push({ complaint_id: complaintId, body });
    if (entry.detail.complaint_state === 'PENDING') entry.detail.complaint_state = 'PROCESSING';
    entry.detail.incoming_user_response = false;
    appendHistory(entry, {
      operate_type: 'MERCHANT_RESPONSE',
      operate_details: String(body.response_content),
      image_list: (body.response_images as string[] | undefined) ?? [],
    });
    return { status: 204 };
  }

  function complete(complaintId: string, body: Record<string, unknown>): Reply {
    const entry = stored(complaintId);
    requireMerchant(body);
    if (entry.detail.complaint_state === 'PROCESSED') {
      throw new PlatformError(400, 'INVALID_REQUEST', 'complaint is already processed');
    }
    completes.push({ complaint_id: complaintId, body });
    entry.detail.complaint_state = 'PROCESSED';
    appendHistory(entry, { operate_type: 'MERCHANT_CONFIRM_COMPLETE', operate_details: '商户已处理完成' });
    return { status: 204 };
  }

  function updateRefundProgress(complaintId: string, body: Record<string, unknown>): Reply {
    const entry = stored(complaintId);
    const approve = body.action === 'APPROVE';
    if (approve) {
      const days = body.launch_refund_day;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) {
        throw paramError('launch_refund_day must be an integer >= 0');
      }
    } else if (body.action === 'REJECT') {
      const length = textLength(body.reject_reason);
      if (length < 1 || length > 200) throw paramError('reject_reason must be 1..200 characters');
      if (!isStringList(body.reject_media_list)) throw paramError('reject_media_list must be a list of media ids');
    } else {
      throw paramError('action must be APPROVE or REJECT');
    }
    refundProgress.push({ complaint_id: complaintId, body });
    if (entry.detail.complaint_state === 'PENDING') entry.detail.complaint_state = 'PROCESSING';
    appendHistory(entry, {
      operate_type: approve ? 'MERCHANT_APPROVE_REFUND' : 'MERCHANT_REFUSE_RERUND',
      operate_details: approve ? `商户同意退款，预计${String(body.launch_refund_day)}天内发起` : String(body.reject_reason),
      image_list: approve ? [] : ((body.reject_media_list as string[] | undefined) ?? []),
    });
    return { status: 204 };
  }

  function notificationSetting(route: Route): Reply {
    if (route.method === 'GET' || route.method === 'DELETE') {
      if (route.method === 'DELETE') {
        notificationUrl = null;
        return { status: 204 };
      }
      if (notificationUrl === null) throw new PlatformError(404, 'RESOURCE_NOT_EXISTS', 'no notification url registered');
      return { status: 200, body: { mchid: options.mchid, url: notificationUrl } };
    }
    const url = parseJsonObject(route.body).url;
    if (typeof url !== 'string' || url.length > 256 || !/^https?:\/\/[^\s]+$/.test(url)) {
      throw paramError('url must be an http(s) URL of at most 256 characters');
    }
    if (route.method === 'POST' && notificationUrl !== null) {
      throw new PlatformError(400, 'INVALID_REQUEST', 'a notification url is already registered; use PUT');
    }
    if (route.method === 'PUT' && notificationUrl === null) {
      throw new PlatformError(404, 'RESOURCE_NOT_EXISTS', 'no notification url registered; use POST');
    }
    notificationUrl = url;
    return { status: 200, body: { mchid: options.mchid, url } };
  }

  function dispatch(route: Route): Reply {
    if (route.method === 'GET' && route.url.pathname.startsWith(`${IMAGES_PATH}/`)) {
      const image = images.get(decodeURIComponent(route.url.pathname.slice(IMAGES_PATH.length + 1)));
      if (!image) throw new PlatformError(404, 'RESOURCE_NOT_EXISTS', 'no such image');
      return { status: 200, raw: image };
    }
    if (route.url.pathname === NOTIFICATIONS_PATH && ['GET', 'POST', 'PUT', 'DELETE'].includes(route.method)) {
      return notificationSetting(route);
    }
    const match = matchComplaintPath(route.url.pathname);
    const notFound = new PlatformError(404, 'NOT_FOUND', 'no such API');
    if (!match) throw notFound;
    const { complaintId, action } = match;
    if (complaintId === null) {
      if (route.method !== 'GET') throw notFound;
      return listComplaints(route.url);
    }
    if (route.method === 'GET' && action === null) return { status: 200, body: stored(complaintId).detail };
    if (route.method === 'GET' && action === 'negotiation-historys') return listHistory(complaintId, route.url);
    if (route.method !== 'POST') throw notFound;
    if (action === 'response') return respond(complaintId, parseJsonObject(route.body));
    if (action === 'complete') return complete(complaintId, parseJsonObject(route.body));
    if (action === 'update-refund-progress') return updateRefundProgress(complaintId, parseJsonObject(route.body));
    throw notFound;
  }

  /** True when the Authorization header is by this merchant, fresh, and signs exactly this request. */
  function isAuthorized(request: IncomingMessage, pathWithQuery: string, body: string): boolean {
    const auth = parseAuthorization(request.headers.authorization);
    if (!auth || auth.mchid !== options.mchid || auth.serial_no !== options.merchantSerialNo) return false;
    if (!/^\d+$/.test(auth.timestamp)) return false;
    const skew = Math.abs(now().getTime() / 1000 - Number(auth.timestamp));
    if (skew > SIGNATURE_WINDOW_SECONDS) return false;
    const method = request.method ?? 'GET';
    return verifyAuthorization(options.merchantPublicKeyPem, auth, { method, pathWithQuery, body });
  }

  // ---- transport ----

  function sendSigned(response: ServerResponse, status: number, payload: unknown): void {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const nonce = randomNonce(32);
    response.writeHead(status, {
      ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
      'Content-Length': String(Buffer.byteLength(body)),
      'Request-ID': randomUUID(),
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': signMessage(options.platformPrivateKeyPem, timestamp, nonce, body),
      'Wechatpay-Serial': options.platformKeyId,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    });
    response.end(body);
  }

  function sendError(response: ServerResponse, error: PlatformError): void {
    sendSigned(response, error.status, { code: error.code, message: error.message });
  }

  /** Applies setDown/failNext; returns the failure mode to act on, or null to serve normally. */
  function injectedFailure(): FakeFailureMode | 'down' | null {
    if (down) return 'down';
    if (failures.count <= 0) return null;
    failures.count -= 1;
    return failures.mode;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const pathWithQuery = request.url ?? '/';
    const url = new URL(pathWithQuery, 'http://fake.invalid');
    const log: FakeRequestLog = { method: request.method ?? 'GET', path: url.pathname, query: url.search, status: 0 };
    requests.push(log);
    response.on('finish', () => {
      log.status = response.statusCode;
    });
    let body: string;
    try {
      body = await readBody(request);
    } catch {
      return;
    }
    const failure = injectedFailure();
    if (failure === 'drop') return void request.socket.destroy();
    if (failure === 'hang') return;
    if (failure === 'down') return sendError(response, new PlatformError(503, 'SYSTEM_ERROR', 'system is down'));
    if (failure === 'http500') return sendError(response, new PlatformError(500, 'SYSTEM_ERROR', 'system error'));
    if (failure === 'http429') return sendError(response, new PlatformError(429, 'FREQUENCY_LIMITED', 'too many requests'));
    if (!isAuthorized(request, pathWithQuery, body)) {
      rejected += 1;
      return sendError(response, new PlatformError(401, 'SIGN_ERROR', 'signature verification failed'));
    }
    try {
      const reply = dispatch({ method: log.method, url, body });
      if (reply.raw) {
        response.writeHead(reply.status, { 'Content-Type': reply.raw.contentType, 'Content-Length': String(reply.raw.bytes.length) });
        return void response.end(reply.raw.bytes);
      }
      sendSigned(response, reply.status, reply.body);
    } catch (error) {
      if (error instanceof PlatformError) return sendError(response, error);
      sendError(response, new PlatformError(500, 'SYSTEM_ERROR', 'internal error'));
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  // ---- callbacks ----

  function buildCallback(plaintext: CallbackPlaintext, overrides: FakeCallbackOverrides = {}): FakeCallbackRequest {
    const body = overrides.rawBody ?? callbackBody(plaintext, overrides);
    const timestamp = String(overrides.timestamp ?? Math.floor(now().getTime() / 1000));
    const nonce = overrides.nonce ?? randomNonce(32);
    const signature = signMessage(overrides.signWithPem ?? options.platformPrivateKeyPem, timestamp, nonce, body);
    return {
      headers: {
        'Content-Type': 'application/json',
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Signature': signature,
        'Wechatpay-Serial': overrides.serial ?? options.platformKeyId,
        'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      },
      body,
    };
  }

  function callbackBody(plaintext: CallbackPlaintext, overrides: FakeCallbackOverrides): string {
    const resource = encryptResource(overrides.apiv3Key ?? options.apiv3Key, JSON.stringify(plaintext), 'complaint');
    if (overrides.tamperCiphertext) resource.ciphertext = flipFirstByte(resource.ciphertext);
    const create = plaintext.action_type === 'CREATE_COMPLAINT';
    return JSON.stringify({
      id: overrides.id ?? randomUUID(),
      create_time: formatShanghaiTime(now()),
      resource_type: 'encrypt-resource',
      event_type: overrides.eventType ?? (create ? 'COMPLAINT.CREATE' : 'COMPLAINT.STATE_CHANGE'),
      summary: create ? '投诉单产生新投诉' : '投诉单状态变更',
      resource,
    });
  }

  function callbackRequest(
    first: string | CallbackPlaintext,
    second?: CallbackPlaintext | FakeCallbackOverrides,
    third?: FakeCallbackOverrides,
  ): FakeCallbackRequest {
    if (typeof first === 'string') return buildCallback(second as CallbackPlaintext, third);
    return buildCallback(first, second as FakeCallbackOverrides | undefined);
  }

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    addComplaint,
    addImage(bytes, contentType) {
      const id = randomNonce(24);
      images.set(id, { bytes, contentType });
      return `${PUBLIC_HOST}${IMAGES_PATH}/${id}`;
    },
    addHistory(complaintId, input) {
      const entry = complaints.get(complaintId);
      if (!entry) throw new Error(`unknown complaint ${complaintId}`);
      const item = appendHistory(entry, input);
      applyUserEvent(entry.detail, input.operate_type);
      return structuredClone(item);
    },
    setComplaint(complaintId, patch) {
      const entry = complaints.get(complaintId);
      if (!entry) throw new Error(`unknown complaint ${complaintId}`);
      entry.detail = { ...entry.detail, ...patch, complaint_id: complaintId };
      return structuredClone(entry.detail);
    },
    complaint: (complaintId) => {
      const entry = complaints.get(complaintId);
      return entry ? structuredClone(entry.detail) : undefined;
    },
    history: (complaintId) => structuredClone(complaints.get(complaintId)?.history ?? []),
    responses,
    completes,
    refundProgress,
    requests,
    get rejected() {
      return rejected;
    },
    get notificationUrl() {
      return notificationUrl;
    },
    failNext(count, mode) {
      failures = { count, mode };
    },
    setDown(value) {
      down = value;
    },
    sendCallback: (targetUrl, plaintext, overrides) => postCallback(targetUrl, buildCallback(plaintext, overrides)),
    callbackRequest: callbackRequest as FakeWechatPay['callbackRequest'],
  };
}

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

/** POSTs a prepared callback with node:http(s); no keep-alive so nothing outlives the call. */
function postCallback(targetUrl: string, callback: FakeCallbackRequest): Promise<{ status: number; body: string }> {
  const url = new URL(targetUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: 10_000,
        headers: { ...callback.headers, 'Content-Length': String(Buffer.byteLength(callback.body)), Connection: 'close' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('callback timed out')));
    request.on('error', reject);
    request.end(callback.body);
  });
}

/**
 * Merchant-side client for the WeChat Pay consumer-complaint (投诉 2.0) API v3.
 * Every request is signed with the merchant key; 2xx responses with a body must carry a valid platform
 * signature (unless verifyResponses is false) and are checked against the zod schemas in types.ts.
 * The client never retries by itself: callers look at WechatPayError.retryable.
 */
import type { z } from 'zod';
import { buildAuthorization, verifyMessage } from './crypto.js';
import {
  complaintDetailSchema,
  complaintListSchema,
  historyListSchema,
  notificationSettingSchema,
  platformErrorSchema,
  type ComplaintDetail,
  type ComplaintList,
  type HistoryItem,
  type HistoryList,
  type NotificationSetting,
} from './types.js';

/** Production API host. */
export const DEFAULT_WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com';

const COMPLAINTS_PATH = '/v3/merchant-service/complaints-v2';
const NOTIFICATIONS_PATH = '/v3/merchant-service/complaint-notifications';
const HISTORY_PAGE_SIZE = 50;
const HISTORY_MAX_PAGES = 20;
/** Platform signatures older or newer than this are refused, as the official SDKs do. */
const RESPONSE_CLOCK_SKEW_SECONDS = 300;

/** Codes the client itself produces (platform codes such as PARAM_ERROR pass through as they are). */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE' | 'BAD_RESPONSE_SIGNATURE';

/** Any failed call. Messages never contain keys, signatures or request bodies. */
export class WechatPayError extends Error {
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** Platform error code, or one of {@link ClientErrorCode}. */
  readonly code: string;
  /** True when the same call may succeed later (network, timeout, 5xx, 429). */
  readonly retryable: boolean;

  constructor(message: string, details: { status: number | null; code: string; retryable: boolean }) {
    super(message);
    this.name = 'WechatPayError';
    this.status = details.status;
    this.code = details.code;
    this.retryable = details.retryable;
  }
}

/** A platform public key the client trusts, identified by certificate serial or PUB_KEY_ID_… */
export type PlatformKey = { id: string; pem: string };

export type WechatPayClientOptions = {
  baseUrl: string;
  mchid: string;
  /** Serial number of the merchant API certificate. */
  serialNo: string;
  privateKeyPem: string;
  platformKeys: PlatformKey[];
  fetch: typeof globalThis.fetch;
  /** Whole-call budget including reading the body; default 5000. */
  timeoutMs?: number;
  now?: () => Date;
  /** Default true. */
  verifyResponses?: boolean;
};

export type ListComplaintsInput = {
  /** yyyy-MM-dd, Asia/Shanghai. */
  beginDate: string;
  /** yyyy-MM-dd; at most 30 days after beginDate. */
  endDate: string;
  /** 1..50. */
  limit: number;
  offset: number;
  complaintedMchid?: string;
};

export type PageInput = { limit: number; offset: number };

export type RespondBody = {
  complainted_mchid: string;
  response_content: string;
  response_images?: string[];
  jump_url?: string;
  jump_url_text?: string;
};

export type CompleteBody = { complainted_mchid: string };

export type RefundProgressBody = {
  action: 'APPROVE' | 'REJECT';
  launch_refund_day?: number;
  reject_reason?: string;
  reject_media_list?: string[];
  remark?: string;
};

export type WechatPayClient = {
  listComplaints(input: ListComplaintsInput): Promise<ComplaintList>;
  getComplaint(complaintId: string): Promise<ComplaintDetail>;
  listHistory(complaintId: string, page: PageInput): Promise<HistoryList>;
  /** Every history item, 50 per page, stopping after 20 pages (1000 items). */
  allHistory(complaintId: string): Promise<HistoryItem[]>;
  respond(complaintId: string, body: RespondBody): Promise<void>;
  complete(complaintId: string, body: CompleteBody): Promise<void>;
  updateRefundProgress(complaintId: string, body: RefundProgressBody): Promise<void>;
  /** The registered notification URL, or null when none is registered (platform 404). */
  getNotificationUrl(): Promise<NotificationSetting | null>;
  /** Registers the URL: PUT when one is already registered, POST otherwise; no call when it is already this URL. */
  setNotificationUrl(url: string): Promise<NotificationSetting>;
  deleteNotificationUrl(): Promise<void>;
  /**
   * Downloads a picture a complaint refers to. Only WeChat Pay image URLs are fetched, and always from
   * the configured base URL (so a crafted URL cannot send the signed request elsewhere).
   */
  downloadImage(mediaUrl: string): Promise<{ bytes: Buffer; contentType: string }>;
};

const IMAGE_PATH = /^\/v3\/merchant-service\/images\/[A-Za-z0-9_\-=.%]{1,256}$/;
/** Pictures larger than this are not downloaded. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

type RequestSpec<T> = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema?: z.ZodType<T>;
  /** Short name of the call for error messages. */
  label: string;
};

/** A response as received; `bytes` are exactly what the platform signed. */
type RawResponse = { status: number; headers: Headers; bytes: Buffer; text: string };

function complaintPath(complaintId: string, suffix = ''): string {
  return `${COMPLAINTS_PATH}/${encodeURIComponent(complaintId)}${suffix}`;
}

function buildUrl(baseUrl: string, path: string, query: RequestSpec<unknown>['query']): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.append(name, String(value));
  }
  return url;
}

function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

function platformError(label: string, response: RawResponse): WechatPayError {
  let code = `HTTP_${response.status}`;
  let detail = '';
  try {
    const parsed = platformErrorSchema.safeParse(JSON.parse(response.text));
    if (parsed.success) {
      code = parsed.data.code;
      detail = parsed.data.message ? `: ${parsed.data.message.slice(0, 200)}` : '';
    }
  } catch {
    // Not JSON: keep the HTTP status as the code.
  }
  return new WechatPayError(`WeChat Pay ${label} failed with ${response.status} ${code}${detail}`, {
    status: response.status,
    code,
    retryable: isRetryableStatus(response.status),
  });
}

function badResponse(label: string, status: number, reason: string): WechatPayError {
  return new WechatPayError(`WeChat Pay ${label} returned an unusable response: ${reason}`, {
    status,
    code: 'BAD_RESPONSE',
    retryable: false,
  });
}

function badSignature(label: string, status: number, reason: string): WechatPayError {
  return new WechatPayError(`WeChat Pay ${label} response signature rejected: ${reason}`, {
    status,
    code: 'BAD_RESPONSE_SIGNATURE',
    retryable: false,
  });
}

/** Throws unless the response carries a fresh, valid signature by one of the trusted platform keys. */
function checkResponseSignature(label: string, response: RawResponse, keys: PlatformKey[], nowSeconds: number): void {
  const timestamp = response.headers.get('wechatpay-timestamp');
  const nonce = response.headers.get('wechatpay-nonce');
  const signature = response.headers.get('wechatpay-signature');
  const serial = response.headers.get('wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) throw badSignature(label, response.status, 'signature headers missing');
  const key = keys.find((candidate) => candidate.id.toUpperCase() === serial.toUpperCase());
  if (!key) throw badSignature(label, response.status, 'unknown platform key serial');
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - seconds) > RESPONSE_CLOCK_SKEW_SECONDS) {
    throw badSignature(label, response.status, 'timestamp outside the allowed window');
  }
  if (!verifyMessage(key.pem, timestamp, nonce, response.bytes, signature)) {
    throw badSignature(label, response.status, 'signature does not match');
  }
}

function parseBody<T>(label: string, response: RawResponse, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    throw badResponse(label, response.status, 'body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)');
    throw badResponse(label, response.status, `unexpected shape at ${where.join(', ')}`);
  }
  return parsed.data;
}

/** Creates a client bound to one merchant. */
export function createWechatPayClient(options: WechatPayClientOptions): WechatPayClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? (() => new Date());
  const verifyResponses = options.verifyResponses ?? true;
  const nowSeconds = () => Math.floor(now().getTime() / 1000);

  /** Sends one signed request and returns status, headers and body text; network problems become WechatPayError. */
  async function send(spec: RequestSpec<unknown>): Promise<RawResponse> {
    const url = buildUrl(options.baseUrl, spec.path, spec.query);
    const bodyText = spec.body === undefined ? '' : JSON.stringify(spec.body);
    const authorization = buildAuthorization({
      mchid: options.mchid,
      serialNo: options.serialNo,
      privateKeyPem: options.privateKeyPem,
      method: spec.method,
      pathWithQuery: url.pathname + url.search,
      body: bodyText,
      timestamp: nowSeconds(),
    });
    const headers: Record<string, string> = {
      Authorization: authorization,
      Accept: 'application/json',
      'User-Agent': 'paydesk-wechatpay/1',
    };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await options.fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : bodyText,
        signal: controller.signal,
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
    } catch (error) {
      if (timedOut) {
        throw new WechatPayError(`WeChat Pay ${spec.label} timed out after ${timeoutMs} ms`, {
          status: null,
          code: 'TIMEOUT',
          retryable: true,
        });
      }
      const reason = error instanceof Error ? error.message : 'unknown error';
      throw new WechatPayError(`WeChat Pay ${spec.label} network error: ${reason}`, {
        status: null,
        code: 'NETWORK_ERROR',
        retryable: true,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends, checks status and signature, and parses the body with the schema when one is given. */
  async function call<T>(spec: RequestSpec<T> & { schema: z.ZodType<T> }): Promise<T>;
  async function call(spec: RequestSpec<never>): Promise<void>;
  async function call<T>(spec: RequestSpec<T>): Promise<T | void> {
    const response = await send(spec);
    if (response.status < 200 || response.status >= 300) throw platformError(spec.label, response);
    if (response.bytes.length > 0 && verifyResponses) {
      checkResponseSignature(spec.label, response, options.platformKeys, nowSeconds());
    }
    if (!spec.schema) return;
    if (response.bytes.length === 0) throw badResponse(spec.label, response.status, 'empty body');
    return parseBody(spec.label, response, spec.schema);
  }

  async function listHistory(complaintId: string, page: PageInput): Promise<HistoryList> {
    return call({
      method: 'GET',
      path: complaintPath(complaintId, '/negotiation-historys'),
      query: { limit: page.limit, offset: page.offset },
      schema: historyListSchema,
      label: 'list history',
    });
  }

  async function allHistory(complaintId: string): Promise<HistoryItem[]> {
    const items: HistoryItem[] = [];
    let total: number | undefined;
    for (let pageIndex = 0; pageIndex < HISTORY_MAX_PAGES; pageIndex += 1) {
      const page = await listHistory(complaintId, { limit: HISTORY_PAGE_SIZE, offset: items.length });
      total ??= page.total_count;
      items.push(...page.data);
      const reachedTotal = total !== undefined && items.length >= total;
      if (page.data.length < HISTORY_PAGE_SIZE || reachedTotal) break;
    }
    return items;
  }

  async function getNotificationUrl(): Promise<NotificationSetting | null> {
    try {
      return await call({ method: 'GET', path: NOTIFICATIONS_PATH, schema: notificationSettingSchema, label: 'get notification url' });
    } catch (error) {
      if (error instanceof WechatPayError && error.status === 404) return null;
      throw error;
    }
  }

  async function setNotificationUrl(url: string): Promise<NotificationSetting> {
    const current = await getNotificationUrl();
    if (current?.url === url) return current;
    return call({
      method: current ? 'PUT' : 'POST',
      path: NOTIFICATIONS_PATH,
      body: { url },
      schema: notificationSettingSchema,
      label: 'set notification url',
    });
  }

  return {
    listComplaints: (input) =>
      call({
        method: 'GET',
        path: COMPLAINTS_PATH,
        query: {
          limit: input.limit,
          offset: input.offset,
          begin_date: input.beginDate,
          end_date: input.endDate,
          complainted_mchid: input.complaintedMchid,
        },
        schema: complaintListSchema,
        label: 'list complaints',
      }),
    getComplaint: (complaintId) =>
      call({ method: 'GET', path: complaintPath(complaintId), schema: complaintDetailSchema, label: 'get complaint' }),
    listHistory,
    allHistory,
    respond: (complaintId, body) =>
      call({ method: 'POST', path: complaintPath(complaintId, '/response'), body, label: 'respond' }),
    complete: (complaintId, body) =>
      call({ method: 'POST', path: complaintPath(complaintId, '/complete'), body, label: 'complete' }),
    updateRefundProgress: (complaintId, body) =>
      call({ method: 'POST', path: complaintPath(complaintId, '/update-refund-progress'), body, label: 'update refund progress' }),
    getNotificationUrl,
    setNotificationUrl,
    deleteNotificationUrl: () => call({ method: 'DELETE', path: NOTIFICATIONS_PATH, label: 'delete notification url' }),
    async downloadImage(mediaUrl) {
      let path: string;
      try {
        path = new URL(mediaUrl).pathname;
      } catch {
        throw badResponse('download image', 0, 'not a URL');
      }
      if (!IMAGE_PATH.test(path)) throw badResponse('download image', 0, 'not a WeChat Pay image URL');
      // Pictures are binary and, as with the official SDKs, not response-signed.
      const response = await send({ method: 'GET', path, label: 'download image' });
      if (response.status < 200 || response.status >= 300) throw platformError('download image', response);
      if (response.bytes.length === 0 || response.bytes.length > MAX_IMAGE_BYTES) throw badResponse('download image', response.status, `size ${response.bytes.length}`);
      return { bytes: response.bytes, contentType: (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]?.trim().toLowerCase() ?? '' };
    },
  };
}

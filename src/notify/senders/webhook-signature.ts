import { createHmac, timingSafeEqual } from 'node:crypto';

/** hex HMAC-SHA256(secret, `${t}.${rawBody}`): the timestamp is signed too, so an old delivery cannot be replayed later. */
function digest(secret: string, timestampSeconds: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
}

/** The X-Paydesk-Signature header value: `t=<unix seconds>,v1=<hex>`. */
export function signWebhook(secret: string, rawBody: string | Buffer, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${digest(secret, timestamp, rawBody)}`;
}

/**
 * For receivers: true when the header carries a v1 signature of exactly this raw body made with
 * `secret`, at most `toleranceSeconds` away from `now`. Several v1 entries are allowed (secret
 * rotation); comparison is constant-time.
 */
export function verifyWebhookSignature(secret: string, header: string | null | undefined, rawBody: string | Buffer, now: Date, toleranceSeconds = 300): boolean {
  if (!header) return false;
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === undefined || candidates.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(digest(secret, timestamp, rawBody), 'hex');
  let matched = false;
  for (const candidate of candidates) {
    // No early exit: every candidate is compared, so timing does not tell which one matched.
    if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) matched = true;
  }
  return matched;
}

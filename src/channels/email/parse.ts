import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { maskCardNumbersAcrossLines, maskStatusLinks } from '../../privacy/mask.js';

/** What happened to an inbound e-mail; stored in email_messages.disposition. */
export type Disposition = 'accepted' | 'auto_reply' | 'bounce' | 'loop' | 'rate_limited' | 'rejected';

/** An inbound e-mail reduced to what the desk keeps: plain, masked text and the threading headers. */
export type InboundEmail = {
  messageId: string;
  /** True when the message had no Message-ID and one was derived from its content. */
  derivedMessageId: boolean;
  from: { address: string; name: string | null };
  recipients: string[];
  subject: string;
  /** Plain text (from the text part, or converted from HTML); card numbers masked; never HTML. */
  text: string;
  inReplyTo: string | null;
  references: string[];
  /** Message-IDs quoted in the body's headers (a bounce carries the bounced message's): bounces thread on them. */
  quotedMessageIds: string[];
  headers: Record<string, string>;
  contentType: { value: string; params: Record<string, string> };
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
};

export class MalformedEmailError extends Error {}

const messageIdPattern = /<([^<>\s]+)>/g;
const validMessageId = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,248}>$/;
/** Threading looks at In-Reply-To, the newest References and the first quoted ids only. */
const MAX_REFERENCES = 50;
const MAX_QUOTED = 10;

/** Message-IDs in a header value, normalised to `<id>` without spaces; bare ids are accepted. */
export function messageIds(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const found = [...text.matchAll(messageIdPattern)].map((match) => `<${match[1] ?? ''}>`);
  const ids = found.length > 0
    ? found
    : text
        .split(/[\s,]+/)
        .filter((token) => /^[^<>\s@]+@[^<>\s@]+$/.test(token))
        .map((token) => `<${token}>`);
  // Only ids a database key can hold: printable ASCII, at most 250 characters.
  return ids.filter((id) => validMessageId.test(id));
}

/** The case number in a `[#42]` token of a subject, if there is one. */
export function subjectCaseNumber(subject: string): number | null {
  const match = /\[#(\d{1,12})\]/.exec(subject);
  if (!match?.[1]) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

const replyPrefix = /^\s*((re|fw|fwd|aw|sv|antw|回复|答复|转发)\s*[:：]\s*)+/i;

/** The subject of a reply: "Re: <subject without earlier Re:/token> [#number]". */
export function replySubject(caseSubject: string, caseNumber: number): string {
  const base = caseSubject.replace(replyPrefix, '').replace(/\s*\[#\d+\]\s*/g, ' ').trim();
  return `Re: ${base} [#${caseNumber}]`;
}

/**
 * The References header of our reply: the chain so far plus the message answered. Long chains keep
 * the first id (the thread's root) and the most recent ones, as RFC 5322 suggests.
 */
export function referenceChain(earlier: string[], inReplyTo: string | null, max = 20): string[] {
  const chain: string[] = [];
  for (const id of [...earlier, ...(inReplyTo ? [inReplyTo] : [])]) if (!chain.includes(id)) chain.push(id);
  if (chain.length <= max) return chain;
  return [chain[0] ?? '', ...chain.slice(chain.length - (max - 1))];
}

/** Candidate ids to thread on, most specific first: In-Reply-To, then References newest first. */
export function threadCandidates(email: Pick<InboundEmail, 'inReplyTo' | 'references'> & { quotedMessageIds?: string[] }): string[] {
  const ids = [...(email.inReplyTo ? [email.inReplyTo] : []), ...email.references.slice(-MAX_REFERENCES).reverse(), ...(email.quotedMessageIds ?? []).slice(0, MAX_QUOTED)];
  return [...new Set(ids)];
}

export type AutomaticKind = 'auto_reply' | 'bounce' | 'loop';

/**
 * Whether a message was sent by a machine and must never be answered: a delivery report (bounce),
 * an auto-reply or list mail, or mail from one of our own addresses (a loop).
 */
export function automaticKind(email: Pick<InboundEmail, 'from' | 'headers' | 'contentType'>, ownAddresses: string[]): AutomaticKind | null {
  const header = (name: string) => email.headers[name]?.trim().toLowerCase();
  const sender = email.from.address.toLowerCase();
  if (ownAddresses.some((own) => own.toLowerCase() === sender)) return 'loop';
  if (header('x-paydesk-case') !== undefined && header('auto-submitted') !== undefined) return 'loop';
  const local = sender.split('@')[0] ?? '';
  if (email.contentType.value.toLowerCase() === 'multipart/report' && (email.contentType.params['report-type'] ?? '').toLowerCase() === 'delivery-status') return 'bounce';
  if (['mailer-daemon', 'postmaster'].includes(local) || sender === '') return 'bounce';
  if (header('x-failed-recipients') !== undefined) return 'bounce';
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return 'auto_reply';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence') ?? '')) return 'auto_reply';
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined || header('x-auto-response-suppress') !== undefined) return 'auto_reply';
  return null;
}

/** Drops the quoted history under a reply ("On … wrote:" followed by "> …" lines) so a case shows what is new. */
export function stripQuoted(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1]?.trim() === '' || lines[end - 1]?.startsWith('>'))) end -= 1;
  if (end === lines.length) return text.trim();
  const attribution = lines[end - 1]?.trim() ?? '';
  if (/(wrote|写道|寫道)\s*[:：]$/i.test(attribution)) end -= 1;
  const kept = lines.slice(0, end).join('\n').trim();
  return kept === '' ? text.trim() : kept;
}

/** `multipart/report; report-type="delivery-status"` → value and lower-case parameters. */
export function contentTypeOf(header: string): { value: string; params: Record<string, string> } {
  // Split by hand: no regex here, since a header of a million spaces must cost linear time.
  const [value = '', ...parts] = header.slice(0, 8192).split(';');
  const params: Record<string, string> = {};
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    if (name === '' || /\s/.test(name)) continue;
    let text = part.slice(equals + 1).trim();
    if (text.startsWith('"')) text = text.slice(1);
    if (text.endsWith('"')) text = text.slice(0, -1);
    params[name] = text;
  }
  return { value: value.trim().toLowerCase() || 'text/plain', params };
}

function addresses(value: AddressObject | AddressObject[] | undefined): Array<{ address: string; name: string }> {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flat: Array<{ address: string; name: string }> = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.address) flat.push({ address: entry.address.toLowerCase(), name: entry.name });
      if (entry.group) walk(entry.group);
    }
  };
  for (const item of list) walk(item.value);
  return flat;
}

// Text we store must be plain: no NUL (PostgreSQL refuses it) and no other control characters but tab and newline.
const clean = (text: string) => maskStatusLinks(maskCardNumbersAcrossLines(text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')));

/**
 * mailparser converts HTML to text only for an HTML-only message or beside a text part; an HTML part
 * next to attachments stays HTML. Parsing it again as a message of its own gets the same conversion.
 */
async function htmlAsText(html: string): Promise<string> {
  const wrapped = Buffer.concat([Buffer.from('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'), Buffer.from(html, 'utf8')]);
  return (await simpleParser(wrapped, { skipTextToHtml: true, skipImageLinks: true })).text ?? '';
}

/** `Message-ID:` lines below the message's own header (in a returned message or its headers), first MiB only. */
function quotedIds(raw: Buffer): string[] {
  const text = raw.subarray(0, 1024 * 1024).toString('latin1');
  const bodyStart = text.search(/\r?\n\r?\n/);
  if (bodyStart < 0) return [];
  const ids = [...text.slice(bodyStart).matchAll(/^Message-ID:\s*(<[^<>\s]+>)/gim)].map((match) => match[1] ?? '');
  return [...new Set(ids.filter((id) => validMessageId.test(id)))];
}

/** The first line of the header must look like a header field, or this is not a message at all. */
function looksLikeMessage(raw: Buffer): boolean {
  const head = raw.subarray(0, 2000).toString('latin1').replace(/^(\r?\n)+/, '');
  return /^[!-9;-~]+:/.test(head);
}

/**
 * Parses raw MIME with mailparser. HTML is never kept: the text part, or mailparser's conversion
 * of the HTML part to text, is what the desk stores. Throws MalformedEmailError for input that is not
 * a message or has no sender.
 */
export async function parseEmail(raw: Buffer): Promise<InboundEmail> {
  if (raw.length === 0 || !looksLikeMessage(raw)) throw new MalformedEmailError('no header section');
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, keepDeliveryStatus: true });
  } catch (error) {
    throw new MalformedEmailError(error instanceof Error ? error.message : 'unreadable MIME');
  }
  // Raw header values (unfolded, first occurrence): the automatic-mail checks compare them literally.
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const name = key.toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  const from = addresses(parsed.from)[0];
  const fromHeaderPresent = parsed.headers.has('from');
  if (!fromHeaderPresent) throw new MalformedEmailError('no From header');
  const declaredId = messageIds(parsed.messageId)[0];
  const contentType = contentTypeOf(headers['content-type'] ?? 'text/plain');
  const text = parsed.text?.trim() ? parsed.text : typeof parsed.html === 'string' ? await htmlAsText(parsed.html) : '';
  return {
    messageId: declaredId ?? `<${createHash('sha256').update(raw).digest('hex')}@paydesk.invalid>`,
    derivedMessageId: declaredId === undefined,
    from: { address: from?.address ?? '', name: from?.name ? clean(from.name).trim() || null : null },
    recipients: [...new Set([...addresses(parsed.to), ...addresses(parsed.cc), ...['delivered-to', 'x-original-to'].flatMap((name) => (headers[name] ? [headers[name].trim().toLowerCase()] : []))].map((entry) => (typeof entry === 'string' ? entry : entry.address)))],
    subject: clean(parsed.subject ?? '').replace(/\n/g, ' ').trim(),
    text: clean(text).trim(),
    inReplyTo: messageIds(parsed.inReplyTo)[0] ?? null,
    references: messageIds(parsed.references),
    quotedMessageIds: quotedIds(raw),
    headers,
    contentType,
    attachments: parsed.attachments
      .filter((attachment) => attachment.contentDisposition !== 'inline' || attachment.filename)
      .map((attachment) => ({ filename: clean(attachment.filename ?? 'attachment'), contentType: attachment.contentType, content: attachment.content })),
  };
}

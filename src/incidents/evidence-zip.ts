/**
 * Packs an incident's evidence (cases, platform complaints, transcripts, audit timelines and
 * attachments) into one ZIP for an appeal to the payment platform. The archive is reproducible:
 * the same bundle always gives the same bytes, and manifest.json lists the SHA-256 of every file.
 */
import { createHash } from 'node:crypto';
import { strToU8, zipSync, type ZipOptions, type Zippable } from 'fflate';

/** A file attached to a case. `sha256`, when given, must match `data` (hex, any case). */
export type EvidenceFile = { name: string; contentType: string; data: Uint8Array; sha256?: string };

/** One audit event of a case, as stored in the tenant's hash chain (seq null: not sealed yet). */
export type EvidenceTimelineEvent = {
  seq: number | null;
  type: string;
  at: string;
  actor: unknown;
  payload: unknown;
  prev_hash: string | null;
  hash: string | null;
};

/** Everything exported for one case. */
export type EvidenceCase = {
  id: string;
  number: number;
  subject: string;
  /** The case as JSON. */
  case: unknown;
  /** The platform complaint as JSON, when the case came from one. */
  complaint: unknown | null;
  /** Messages: objects with id, direction, author_type, author_name, body, created_at. */
  messages: unknown[];
  timeline: EvidenceTimelineEvent[];
  attachments: EvidenceFile[];
};

/** The input of {@link buildEvidenceZip}. `generatedAt` is an ISO 8601 timestamp. */
export type EvidenceBundle = {
  tenant: { id: string; name: string };
  incident: unknown | null;
  cases: EvidenceCase[];
  generatedAt: string;
  generatedBy: string;
  chainHead: { seq: number; hash: string } | null;
  locale: 'zh-CN' | 'en';
};

/** One line of manifest.json. */
export type ManifestEntry = { path: string; sha256: string; bytes: number };

type Entry = { path: string; data: Uint8Array; store: boolean };

/** Lowercase hex SHA-256 of bytes, or of a string's UTF-8 encoding. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const MAX_NAME_CHARS = 120;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A safe single file name for an attachment: only the last path segment (no `/`, `\`, `.` or
 * `..`), no control characters or characters Windows refuses, no leading dots (hidden files),
 * at most 120 characters with the extension kept, and "attachment" when nothing is left.
 * "../../etc/passwd" becomes "passwd".
 */
export function sanitiseFilename(name: string): string {
  const segments = name.normalize('NFC').split(/[/\\]+/).filter((part) => part !== '' && part !== '.' && part !== '..');
  let safe = (segments.at(-1) ?? '')
    .replace(/\p{C}+/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (safe === '') safe = 'attachment';
  if (WINDOWS_DEVICE.test(safe)) safe = `_${safe}`;
  return truncateName(safe, MAX_NAME_CHARS);
}

/** Splits "a.tar.gz" into "a.tar" and ".gz"; a name without a dot has no extension. */
function splitExtension(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? { stem: name.slice(0, dot), ext: name.slice(dot) } : { stem: name, ext: '' };
}

function truncateName(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const { stem, ext } = splitExtension(name);
  const extChars = Array.from(ext);
  if (extChars.length >= max / 2) return chars.slice(0, max).join('');
  return Array.from(stem).slice(0, max - extChars.length).join('') + ext;
}

/**
 * Sanitises every name and makes them unique ignoring case (so the archive also unpacks on
 * case-insensitive file systems): later duplicates become "name-2.ext", "name-3.ext", …
 */
export function uniqueFilenames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const safe = sanitiseFilename(raw);
    let candidate = safe;
    const { stem, ext } = splitExtension(safe);
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem}-${n}${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** Content that is already compressed gains nothing from deflate and is stored as is. */
function alreadyCompressed(contentType: string): boolean {
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (type.startsWith('image/') && type !== 'image/svg+xml' && type !== 'image/bmp') return true;
  if (type.startsWith('video/') || type.startsWith('audio/')) return true;
  return ['application/zip', 'application/gzip', 'application/x-7z-compressed', 'application/x-rar-compressed', 'application/pdf'].includes(type);
}

function jsonFile(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value ?? null, null, 2)}\n`);
}

/** A message field as text; absent or non-text values become an empty string. */
function field(message: unknown, key: string): string {
  if (message === null || typeof message !== 'object') return '';
  const value = (message as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

const LABELS = {
  'zh-CN': {
    caseTitle: '工单',
    time: '时间',
    direction: '方向',
    author: '作者',
    directions: { inbound: '客户来信', outbound: '商户回复', note: '内部备注' } as Record<string, string>,
    noMessages: '（无消息）',
  },
  en: {
    caseTitle: 'Case',
    time: 'Time',
    direction: 'Direction',
    author: 'Author',
    directions: { inbound: 'from customer', outbound: 'reply to customer', note: 'internal note' } as Record<string, string>,
    noMessages: '(no messages)',
  },
} as const;

const SEPARATOR = '-'.repeat(60);

/** One block of the transcript: time, direction, author, then the body. */
function messageBlock(message: unknown, locale: EvidenceBundle['locale']): string {
  const labels = LABELS[locale];
  const direction = field(message, 'direction');
  const directionLabel = labels.directions[direction];
  const authorName = field(message, 'author_name');
  const authorType = field(message, 'author_type');
  const author = authorName && authorType ? `${authorName} (${authorType})` : authorName || authorType || '-';
  const body = field(message, 'body').replace(/\r\n?/g, '\n');
  return [
    `${labels.time}: ${field(message, 'created_at') || '-'}`,
    `${labels.direction}: ${directionLabel ? `${directionLabel} [${direction}]` : direction || '-'}`,
    `${labels.author}: ${author}`,
    '',
    body,
  ].join('\n');
}

/** The human-readable transcript of a case, one block per message in the order given. */
export function messagesTranscript(evidenceCase: EvidenceCase, locale: EvidenceBundle['locale']): string {
  const labels = LABELS[locale];
  const header = `${labels.caseTitle} #${evidenceCase.number}: ${evidenceCase.subject}`;
  const blocks = evidenceCase.messages.map((message) => messageBlock(message, locale));
  return `${[header, ...(blocks.length > 0 ? blocks : [labels.noMessages])].join(`\n\n${SEPARATOR}\n\n`)}\n`;
}

function readmeZh(bundle: EvidenceBundle): string {
  return [
    'Paydesk 证据包',
    '',
    `商户：${bundle.tenant.name}（${bundle.tenant.id}）`,
    `生成时间：${bundle.generatedAt}`,
    `生成人：${bundle.generatedBy}`,
    `工单数：${bundle.cases.length}`,
    `审计链头：${bundle.chainHead ? `seq ${bundle.chainHead.seq}，hash ${bundle.chainHead.hash}` : '无'}`,
    '',
    '本压缩包汇总了一次投诉事件（如集中恶意投诉）的相关工单，供向支付平台申诉使用：',
    '  incident.json                      事件信息（如有）',
    '  cases/<编号>/case.json              工单',
    '  cases/<编号>/complaint.json         平台投诉原始数据（如有）',
    '  cases/<编号>/messages.json、.txt     沟通记录（JSON 与可读文本）',
    '  cases/<编号>/timeline.json          审计事件',
    '  cases/<编号>/attachments/           附件',
    '  manifest.json                      除自身外所有文件的 SHA-256 与字节数',
    '',
    '如何校验：',
    '1. 对每个文件计算 SHA-256（如 sha256sum），与 manifest.json 中 files 列表比对。',
    '2. timeline.json 中已封存的事件（seq 不为 null）满足',
    '   hash = SHA-256(prev_hash + 规范 JSON)，',
    '   其中规范 JSON 为 {tenant_id, seq, case_id, actor, type, payload, at} 的 UTF-8 JSON：',
    '   各层键按字典序排列、无空白；tenant_id 为 manifest.json 中的 tenant.id，case_id 为 case.json 中的 id；',
    '   prev_hash 以 64 位十六进制文本参与计算。',
    '   审计链按商户连续编号，prev_hash 指向该商户的上一事件（可能属于其他工单）；',
    '   chain_head 为导出时的链头，运营方可用 `paydesk audit verify` 校验整条链。',
    '   seq 为 null 的事件在导出时尚未封存，没有 hash。',
  ].join('\n');
}

function readmeEn(bundle: EvidenceBundle): string {
  return [
    'Paydesk evidence bundle',
    '',
    `Merchant: ${bundle.tenant.name} (${bundle.tenant.id})`,
    `Generated at: ${bundle.generatedAt}`,
    `Generated by: ${bundle.generatedBy}`,
    `Cases: ${bundle.cases.length}`,
    `Audit chain head: ${bundle.chainHead ? `seq ${bundle.chainHead.seq}, hash ${bundle.chainHead.hash}` : 'none'}`,
    '',
    'This archive collects the cases of one complaint incident (such as a coordinated complaint',
    'flood) for an appeal to the payment platform:',
    '  incident.json                      the incident (when there is one)',
    '  cases/<number>/case.json            the case',
    '  cases/<number>/complaint.json       the platform complaint as received (when any)',
    '  cases/<number>/messages.json, .txt  the conversation (JSON and readable text)',
    '  cases/<number>/timeline.json        audit events',
    '  cases/<number>/attachments/         attachments',
    '  manifest.json                      SHA-256 and size of every other file',
    '',
    'How to verify:',
    '1. Compute the SHA-256 of each file (e.g. sha256sum) and compare with the files list in manifest.json.',
    '2. Every sealed event in timeline.json (seq not null) satisfies',
    '   hash = SHA-256(prev_hash + canonical JSON),',
    '   where the canonical JSON is {tenant_id, seq, case_id, actor, type, payload, at} as UTF-8 JSON',
    '   with keys sorted at every depth and no whitespace; tenant_id is tenant.id from manifest.json,',
    '   case_id is the id in case.json; prev_hash enters as its 64 hex characters.',
    '   The chain runs over all of the merchant\'s events, so prev_hash points to the merchant\'s',
    '   previous event (possibly of another case); chain_head is the head when exported, and the',
    '   operator can check the whole chain with `paydesk audit verify`.',
    '   Events with seq null were not sealed yet when exported and carry no hash.',
  ].join('\n');
}

/** The bilingual README; the bundle's locale comes first. */
export function readmeText(bundle: EvidenceBundle): string {
  const parts = bundle.locale === 'zh-CN' ? [readmeZh(bundle), readmeEn(bundle)] : [readmeEn(bundle), readmeZh(bundle)];
  return `${parts.join(`\n\n${'='.repeat(60)}\n\n`)}\n`;
}

/** Checks a supplied attachment hash against the bytes, so corrupted evidence is never shipped. */
function checkAttachment(caseNumber: number, file: EvidenceFile, actual: string): void {
  if (file.sha256 !== undefined && file.sha256.toLowerCase() !== actual) {
    throw new Error(`attachment "${file.name}" of case ${caseNumber} does not match its recorded SHA-256`);
  }
}

function caseEntries(evidenceCase: EvidenceCase, locale: EvidenceBundle['locale']): Entry[] {
  const dir = `cases/${evidenceCase.number}`;
  const entries: Entry[] = [{ path: `${dir}/case.json`, data: jsonFile(evidenceCase.case), store: false }];
  if (evidenceCase.complaint !== null && evidenceCase.complaint !== undefined) {
    entries.push({ path: `${dir}/complaint.json`, data: jsonFile(evidenceCase.complaint), store: false });
  }
  entries.push(
    { path: `${dir}/messages.json`, data: jsonFile(evidenceCase.messages), store: false },
    { path: `${dir}/messages.txt`, data: strToU8(messagesTranscript(evidenceCase, locale)), store: false },
    { path: `${dir}/timeline.json`, data: jsonFile(evidenceCase.timeline), store: false },
  );
  const names = uniqueFilenames(evidenceCase.attachments.map((file) => file.name));
  evidenceCase.attachments.forEach((file, index) => {
    checkAttachment(evidenceCase.number, file, sha256Hex(file.data));
    entries.push({ path: `${dir}/attachments/${names[index] ?? 'attachment'}`, data: file.data, store: alreadyCompressed(file.contentType) });
  });
  return entries;
}

/** Cases by number; two cases with one number would overwrite each other, so that is refused. */
function sortedCases(cases: readonly EvidenceCase[]): EvidenceCase[] {
  const sorted = [...cases].sort((a, b) => a.number - b.number);
  sorted.forEach((item, index) => {
    if (!Number.isSafeInteger(item.number) || item.number < 0) throw new Error(`case number must be a non-negative integer, got ${item.number}`);
    if (index > 0 && sorted[index - 1]?.number === item.number) throw new Error(`case number ${item.number} appears twice in the bundle`);
  });
  return sorted;
}

/**
 * The ZIP entry time. ZIP stores a local wall-clock time and fflate reads it with the local
 * getters, so a Date whose local fields equal generatedAt's UTC fields makes the bytes the same
 * in every time zone (the entry shows the UTC time). Clamped to ZIP's 1980–2099 range.
 */
function zipTime(generatedAt: string): Date {
  const at = new Date(generatedAt);
  if (Number.isNaN(at.getTime())) throw new Error(`generatedAt is not a valid timestamp: ${generatedAt}`);
  const year = Math.min(2099, Math.max(1980, at.getUTCFullYear()));
  return new Date(year, at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds());
}

/** manifest.json: who made the bundle, the chain head, and every other file's hash and size. */
function manifestEntry(bundle: EvidenceBundle, entries: readonly Entry[]): Entry {
  const files: ManifestEntry[] = entries.map((entry) => ({ path: entry.path, sha256: sha256Hex(entry.data), bytes: entry.data.length }));
  const manifest = {
    generated_at: bundle.generatedAt,
    generated_by: bundle.generatedBy,
    tenant: { id: bundle.tenant.id, name: bundle.tenant.name },
    chain_head: bundle.chainHead ? { seq: bundle.chainHead.seq, hash: bundle.chainHead.hash } : null,
    files,
  };
  return { path: 'manifest.json', data: jsonFile(manifest), store: false };
}

/**
 * Builds the evidence ZIP: README.txt, incident.json (when there is an incident), per case
 * (in number order) case.json, complaint.json (when any), messages.json, messages.txt,
 * timeline.json and attachments/<sanitised name>, and manifest.json last. Entries carry a fixed
 * time taken from generatedAt, so the same bundle always gives the same bytes.
 *
 * @throws Error when generatedAt is not a timestamp, two cases share a number, or an attachment
 *   does not match its recorded SHA-256
 */
export function buildEvidenceZip(bundle: EvidenceBundle): Uint8Array {
  const mtime = zipTime(bundle.generatedAt);
  const entries: Entry[] = [{ path: 'README.txt', data: strToU8(readmeText(bundle)), store: false }];
  if (bundle.incident !== null && bundle.incident !== undefined) {
    entries.push({ path: 'incident.json', data: jsonFile(bundle.incident), store: false });
  }
  for (const evidenceCase of sortedCases(bundle.cases)) entries.push(...caseEntries(evidenceCase, bundle.locale));
  entries.push(manifestEntry(bundle, entries));
  const zippable: Zippable = {};
  for (const entry of entries) {
    const options: ZipOptions = { mtime, level: entry.store ? 0 : 6 };
    zippable[entry.path] = [entry.data, options];
  }
  return zipSync(zippable);
}

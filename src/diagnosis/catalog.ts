import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { teamCodes } from '../auth/roles.js';
import { categories } from '../cases/taxonomy.js';

const text = z.string().trim().min(1);
const localizedText = z.strictObject({ 'zh-CN': text, en: text });
const localizedSteps = z.strictObject({ 'zh-CN': z.array(text).min(1), en: z.array(text).min(1) });

export const retryAdvices = ['retry_now', 'retry_later', 'do_not_retry', 'contact_issuer', 'use_another_method'] as const;
export type RetryAdvice = (typeof retryAdvices)[number];

export const catalogEntry = z.strictObject({
  /** The code exactly as the scheme sends it ("51", "insufficient_funds", "ACQ.TRADE_HAS_SUCCESS"). */
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.]*$/, 'letters, digits, "_" and "." only'),
  category: z.enum(categories),
  /** What happened, for the customer: plain and polite. */
  explanation: localizedText,
  /** What the agent does next, in order. */
  agent_steps: localizedSteps,
  resolvable_remotely: z.boolean(),
  escalate_to: z.enum(teamCodes).nullable(),
  retry_advice: z.enum(retryAdvices),
  /** Other spellings of the same code (older API versions, common phrasings). */
  aliases: z.array(text).optional(),
});
export type CatalogEntry = z.infer<typeof catalogEntry>;

export const catalogFile = z
  .strictObject({
    scheme: z.string().regex(/^[a-z0-9]+$/, 'lower-case letters and digits only'),
    name: localizedText,
    codes: z.array(catalogEntry).min(1),
  })
  .superRefine((file, ctx) => {
    // Codes and aliases share one namespace per scheme, compared the way findCode compares them.
    const seen = new Map<string, string>();
    file.codes.forEach((entry, index) => {
      const names: Array<[string, (string | number)[]]> = [[entry.code, ['codes', index, 'code']]];
      entry.aliases?.forEach((alias, aliasIndex) => names.push([alias, ['codes', index, 'aliases', aliasIndex]]));
      for (const [name, path] of names) {
        const key = normalize(name);
        const owner = seen.get(key);
        if (owner !== undefined && owner !== entry.code) ctx.addIssue({ code: 'custom', message: `"${name}" is already used by code "${owner}"`, path });
        else if (owner === entry.code && path[2] === 'code') ctx.addIssue({ code: 'custom', message: `duplicate code "${name}"`, path });
        seen.set(key, entry.code);
      }
    });
  });
export type CatalogFile = z.infer<typeof catalogFile>;

export type SchemeEntry = CatalogEntry & { scheme: string };

/** Which scheme wins when a code without a scheme is found in several catalogs. */
export const schemePriority = ['stripe', 'wechatpay', 'alipay', 'iso8583', 'cup', '3ds'] as const;

const defaultDir = new URL('../../data/error-codes/', import.meta.url);
const cache = new Map<string, CatalogFile[]>();

/** Comparison key: case and inner spaces do not matter ("ECI 05" is "eci05"); leading zeros do ("5" is not "05"). */
function normalize(code: string): string {
  return code.normalize('NFKC').trim().replace(/\s+/g, '').toLowerCase();
}

function rank(scheme: string): number {
  const index = (schemePriority as readonly string[]).indexOf(scheme);
  return index === -1 ? schemePriority.length : index;
}

/**
 * Every catalog in `dir` (data/error-codes by default), read and validated once. Invalid data
 * throws, naming the file and the path inside it.
 */
export function loadCatalogs(dir: URL | string = defaultDir): CatalogFile[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const cached = cache.get(path);
  if (cached) return cached;
  const files: CatalogFile[] = [];
  for (const name of readdirSync(path).filter((file) => file.endsWith('.json')).sort()) {
    const filePath = join(path, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(filePath, 'utf8'));
    } catch (error) {
      throw new Error(`${filePath}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = catalogFile.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
      throw new Error(`${filePath}: invalid error-code catalog: ${issues.join('; ')}`);
    }
    if (`${parsed.data.scheme}.json` !== name) throw new Error(`${filePath}: scheme "${parsed.data.scheme}" does not match the file name`);
    files.push(parsed.data);
  }
  files.sort((a, b) => rank(a.scheme) - rank(b.scheme) || a.scheme.localeCompare(b.scheme));
  cache.set(path, files);
  return files;
}

type Index = { entries: SchemeEntry[]; byCode: Map<string, SchemeEntry[]>; byAlias: Map<string, SchemeEntry[]> };
let index: Index | undefined;

function catalogIndex(): Index {
  if (index) return index;
  const built: Index = { entries: [], byCode: new Map(), byAlias: new Map() };
  const add = (map: Map<string, SchemeEntry[]>, key: string, entry: SchemeEntry) => map.set(key, [...(map.get(key) ?? []), entry]);
  for (const file of loadCatalogs()) {
    for (const code of file.codes) {
      const entry: SchemeEntry = { ...code, scheme: file.scheme };
      built.entries.push(entry);
      add(built.byCode, normalize(code.code), entry);
      for (const alias of code.aliases ?? []) add(built.byAlias, normalize(alias), entry);
    }
  }
  return (index = built);
}

/** Scheme ids, highest priority first. */
export function schemes(): string[] {
  return loadCatalogs().map((file) => file.scheme);
}

/** Matches for a code (code first, then aliases), highest-priority scheme first. */
function lookup(scheme: string | undefined, code: string): SchemeEntry[] {
  const key = normalize(code);
  if (!key) return [];
  const { byCode, byAlias } = catalogIndex();
  const wanted = scheme === undefined ? undefined : scheme.trim().toLowerCase();
  const inScheme = (entries: SchemeEntry[] | undefined) => (entries ?? []).filter((entry) => wanted === undefined || entry.scheme === wanted);
  const codes = inScheme(byCode.get(key));
  // Written exactly as a scheme spells it beats a case-insensitive match elsewhere (NOT_ENOUGH vs not_enough).
  const exact = codes.filter((entry) => entry.code === code.trim());
  const tiers = [exact, codes.filter((entry) => !exact.includes(entry)), inScheme(byAlias.get(key))];
  return tiers.flatMap((tier) => [...tier].sort((a, b) => rank(a.scheme) - rank(b.scheme)));
}

/**
 * The catalog entry for a code. With a scheme, only that catalog is searched. Without one, a code
 * found in one catalog only is returned; a code several catalogs share (51 in ISO 8583 and
 * UnionPay) comes from the first of stripe, wechatpay, alipay, iso8583, cup, 3ds.
 */
export function findCode(scheme: string | undefined, code: string): SchemeEntry | undefined {
  return lookup(scheme, code)[0];
}

/** Entries, optionally of one scheme and/or matching one code (or alias) in any scheme. */
export function listCodes(filter: { scheme?: string; code?: string } = {}): SchemeEntry[] {
  if (filter.code !== undefined) return [...new Set(lookup(filter.scheme, filter.code))];
  const wanted = filter.scheme?.trim().toLowerCase();
  return catalogIndex().entries.filter((entry) => wanted === undefined || entry.scheme === wanted);
}

export type ExtractedCode = { scheme?: string; code: string; index: number };

// A code word, then an optional separator, then the code. 验证码/密码/二维码/付款码… are not code words.
const CODE_WORD =
  /(?:(?<!验证|密|维|款|形|条|号|信|动态|校验|邀请|兑换|取件)码|代码|(?<![A-Za-z])(?:response[ _-]?code|decline[ _-]?code|reason[ _-]?code|error[ _-]?code|err[ _-]?code|sub[ _-]?code|code|error|rc)(?![A-Za-z]))["']?[ \t]{0,3}[:：=#]?[ \t]{0,3}(?:(?:is|was|of|为|是)[ \t]{0,3})?["'“”‘’(（\[]?[ \t]{0,3}([A-Za-z0-9][A-Za-z0-9_.]*)/giu;
// Separators allow a few spaces, never an unbounded run: a long run of spaces must not make a regex backtrack.
const ECI = /(?<![A-Za-z])eci[ \t]{0,3}[:：=]?[ \t]{0,3}["']?(\d{1,2})(?!\d)/giu;
const TRANS_STATUS = /(?<![A-Za-z])trans[ _]?status[ \t]{0,3}[:：=]?[ \t]{0,3}["']?([A-Za-z])(?![A-Za-z0-9])/giu;
// Tokens that look like codes on their own: snake_case, dotted (ACQ.X), or upper-case words of 4+ letters.
const CODE_LIKE = /(?<![A-Za-z0-9_.])(?:[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+|[A-Z][A-Z0-9]{3,})(?![A-Za-z0-9_])/gu;
const UNIONPAY_HINT = /银联|云闪付|unionpay/iu;

/**
 * Codes from the catalogs mentioned in free text, in order of appearance. Snake_case, dotted and
 * upper-case codes are recognised anywhere; short codes such as "51" only right after a code word
 * (错误码, 返回码, 应答码, code, error, response code, decline code, RC), so amounts and dates
 * do not count. `scheme` is set when the code, the code word or the text (银联) settles it.
 */
export function extractCodes(input: string): ExtractedCode[] {
  // The same bound the tokenizer uses: a code worth finding is near the start of a message.
  const text = input.slice(0, 5000);
  const found = new Map<number, ExtractedCode>();
  const unionPay = UNIONPAY_HINT.test(text);
  const add = (token: string, index: number, scheme?: string) => {
    const clean = token.replace(/\.+$/, '');
    const matches = lookup(scheme, clean);
    const first = matches[0];
    if (!first || found.has(index)) return;
    const schemesFound = new Set(matches.map((entry) => entry.scheme));
    const cup = unionPay && !scheme ? matches.find((entry) => entry.scheme === 'cup') : undefined;
    const chosen = cup ?? first;
    const known = scheme ?? (cup ? 'cup' : schemesFound.size === 1 ? first.scheme : undefined);
    found.set(index, known ? { scheme: known, code: chosen.code, index } : { code: chosen.code, index });
  };
  for (const match of text.matchAll(ECI)) add(`ECI${match[1]!.padStart(2, '0')}`, match.index + match[0].length - match[1]!.length, '3ds');
  for (const match of text.matchAll(TRANS_STATUS)) add(match[1]!, match.index + match[0].length - match[1]!.length, '3ds');
  for (const match of text.matchAll(CODE_WORD)) {
    const token = match[1]!;
    // One letter after "error" is English ("error I think"); 3-D Secure letters need transStatus.
    if (token.length < 2) continue;
    add(token, match.index + match[0].length - token.length);
  }
  for (const match of text.matchAll(CODE_LIKE)) {
    const token = match[0];
    // A capitalised English word ("FRAUDULENT", "REJECTED") is shouting, not a code: plain words count
    // only when written exactly as the catalog spells them (NOTENOUGH, SYSTEMERROR).
    if (/^[A-Za-z]+$/.test(token) && !lookup(undefined, token).some((entry) => entry.code === token)) continue;
    add(token, match.index);
  }
  return [...found.values()].sort((a, b) => a.index - b.index);
}

/** Forget cached catalogs (tests that load another directory). */
export function clearCatalogCache(): void {
  cache.clear();
  index = undefined;
}

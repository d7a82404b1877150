// The conduct guard (C11): checks an outbound agent message against the platform's conduct rules
// before it is sent. Patterns live in rules.ts; this file normalises the text, runs them, maps
// every match back to the original text and turns findings into block/warn decisions.
import { conductRules, ruleSets, type ConductPattern, type ConductRule } from './rules.js';

export { conductRules, type ConductRule } from './rules.js';

/** One breach: which rule, the offending text as written, and where it starts in the original text. */
export type ConductFinding = { rule: ConductRule; match: string; index: number };
/** What to do with a rule's findings. */
export type ConductMode = 'block' | 'warn' | 'off';
/** A mode per rule; a missing rule counts as 'block'. */
export type ConductModes = Partial<Record<ConductRule, ConductMode | undefined>>;
/** Options for checkConduct. */
export type ConductOptions = {
  /** The merchant's own official contacts (hotline, support e-mail, ...) that may be quoted. */
  allowedContacts?: readonly string[];
};

/** The text the patterns read, with each UTF-16 unit's source span in the original text. */
type Normalised = { text: string; starts: number[]; ends: number[] };
type Unit = { char: string; start: number; end: number };
type Span = { rule: ConductRule; start: number; end: number };

const invisible = /^[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]$/u;
const han = /^\p{Script=Han}$/u;
const space = /^\s$/u;
/** Characters used to split a Chinese keyword ("微-信", "微·信"); dropped only between two Han. */
const filler = /^[\s·・•*_.\-~|/\\]$/u;

/** NFKC and lower case per source character, so every output unit knows where it came from. */
function foldUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let offset = 0;
  for (const char of text) {
    const end = offset + char.length;
    if (!invisible.test(char)) {
      for (const unit of char.normalize('NFKC').toLowerCase().split('')) units.push({ char: unit, start: offset, end });
    }
    offset = end;
  }
  return units;
}

/** Drops whitespace next to a Han character, and filler between two Han characters. */
function squeezeAroundHan(units: Unit[]): Unit[] {
  const kept: Unit[] = [];
  let index = 0;
  while (index < units.length) {
    const unit = units[index] as Unit;
    if (!filler.test(unit.char)) {
      kept.push(unit);
      index += 1;
      continue;
    }
    let next = index;
    while (next < units.length && filler.test((units[next] as Unit).char)) next += 1;
    const run = units.slice(index, next);
    const hanBefore = han.test(kept.at(-1)?.char ?? '');
    const hanAfter = han.test(units[next]?.char ?? '');
    const onlySpace = run.every((item) => space.test(item.char));
    const drop = onlySpace ? hanBefore || hanAfter : hanBefore && hanAfter;
    if (!drop) kept.push(...run);
    index = next;
  }
  return kept;
}

function normalise(text: string): Normalised {
  const units = squeezeAroundHan(foldUnits(text));
  return { text: units.map((unit) => unit.char).join(''), starts: units.map((unit) => unit.start), ends: units.map((unit) => unit.end) };
}

/** A comparable form of a contact: digits only for phone numbers (without +86), else trimmed lower case. */
function contactKey(value: string): string {
  const folded = value.normalize('NFKC').toLowerCase().trim();
  if (!/^[\d\s()+.-]+$/u.test(folded)) return folded.replace(/\s+/gu, '');
  const digits = folded.replace(/\D/gu, '');
  return digits.replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/u, '');
}

function patternsFor(rule: ConductRule): ConductPattern[] {
  const set = ruleSets[rule];
  return [...set.zh, ...set.en, ...set.any];
}

/** Runs one pattern and returns the spans (in normalised text) that survive `ignore` and the allow list. */
function runPattern(rule: ConductRule, pattern: ConductPattern, text: string, allowed: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern.regex)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) continue;
    const contactAt = match.indices?.groups?.['contact'];
    const contact = contactAt ? text.slice(contactAt[0], contactAt[1]) : match[0];
    if (pattern.ignore?.({ text, start, end, contact })) continue;
    if (allowed.has(contactKey(contact))) continue;
    spans.push({ rule, start, end });
  }
  return spans;
}

/** Keeps one span per overlapping group of the same rule: the longest, then the earliest. */
function dedupe(spans: Span[]): Span[] {
  const byLength = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  for (const span of byLength) {
    if (!kept.some((other) => other.rule === span.rule && other.start < span.end && span.start < other.end)) kept.push(span);
  }
  return kept;
}

/**
 * Checks an outbound message. Returns findings sorted by position; `index` and `match` refer to
 * the original text even though matching runs on a normalised copy (full-width characters,
 * case, invisible characters and spaces inside Chinese keywords do not hide a breach).
 */
export function checkConduct(text: string, options: ConductOptions = {}): ConductFinding[] {
  const normalised = normalise(text);
  const allowed = new Set((options.allowedContacts ?? []).map(contactKey).filter((key) => key.length > 0));
  const spans = conductRules.flatMap((rule) => patternsFor(rule).flatMap((pattern) => runPattern(rule, pattern, normalised.text, allowed)));
  const ruleOrder = (rule: ConductRule): number => conductRules.indexOf(rule);
  return dedupe(spans)
    .map((span): ConductFinding => {
      const index = normalised.starts[span.start] ?? 0;
      const end = normalised.ends[span.end - 1] ?? index;
      return { rule: span.rule, match: text.slice(index, end), index };
    })
    .sort((a, b) => a.index - b.index || ruleOrder(a.rule) - ruleOrder(b.rule));
}

/** Splits findings into those that stop the message and those that only warn; 'off' rules are dropped. */
export function conductDecision(findings: readonly ConductFinding[], modes: ConductModes): { blocked: ConductFinding[]; warnings: ConductFinding[] } {
  const modeOf = (finding: ConductFinding): ConductMode => modes[finding.rule] ?? 'block';
  return {
    blocked: findings.filter((finding) => modeOf(finding) === 'block'),
    warnings: findings.filter((finding) => modeOf(finding) === 'warn'),
  };
}

/**
 * The modes a channel starts with. WeChat Pay complaints block everything; elsewhere labels and
 * insults block while contact details and off-platform invitations only warn.
 */
export function defaultConductModes(channel: string): Record<ConductRule, ConductMode> {
  if (channel === 'wechatpay') return { malicious_label: 'block', insult: 'block', off_platform_contact: 'block', contact_details: 'block' };
  return { malicious_label: 'block', insult: 'block', off_platform_contact: 'warn', contact_details: 'warn' };
}

/**
 * True when one more proactive contact today would go over the limit (the platform treats
 * repeated calls or messages as harassment). A limit below zero counts as zero.
 */
export function exceedsDailyContactLimit(sentToday: number, limit: number): boolean {
  return sentToday + 1 > Math.max(0, limit);
}

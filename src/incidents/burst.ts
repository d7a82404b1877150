/**
 * Complaint-flood ("payment DDoS") detection. A competitor places many orders, then many buyers
 * complain at once with look-alike texts, pushing the merchant over WeChat Pay's complaint-rate
 * thresholds. A burst is a surge in volume *and* a sign of coordination: a large group of recent
 * complaints that share a text, an amount, an order-number prefix or a payer.
 *
 * Everything here is pure: callers load the complaints and the baseline count themselves.
 */

/** One complaint as the detector sees it. */
export type BurstComplaint = {
  id: string;
  createdAt: Date;
  text: string;
  /** out_trade_no or the platform transaction id, when known. */
  orderKey: string | null;
  /** Order amount in fen, when known. */
  amount: number | null;
  /** Payer openid, when known. */
  payer: string | null;
};

/** Tuning for {@link detectBurst}. */
export type BurstOptions = {
  /** Length of the recent window the complaints were taken from, in minutes. */
  windowMinutes: number;
  /** How many days the baseline count covers (see {@link hourlyBaseline}). */
  baselineDays: number;
  /** A surge is at least this many times the expected count for the window. */
  factor: number;
  /** Never call fewer complaints than this a surge, however quiet the baseline. */
  minCount: number;
  /** Bigram Jaccard similarity at or above which two texts count as alike (0..1]. */
  similarity: number;
  /**
   * How many leading characters order keys must share to form a same_order_prefix cluster
   * (default 8). Raise it when the keys are platform transaction ids: those all start with the
   * same few digits (4200000…), so a short prefix would group unrelated orders.
   */
  orderPrefixLength?: number;
};

/** The defaults: one-hour window, 14-day baseline, 5× surge, at least 10 complaints, 0.6 similarity. */
export const defaultBurstOptions: Readonly<Required<BurstOptions>> = Object.freeze({
  windowMinutes: 60,
  baselineDays: 14,
  factor: 5,
  minCount: 10,
  similarity: 0.6,
  orderPrefixLength: 8,
});

/** Why a group of complaints looks coordinated. */
export type BurstClusterReason = 'similar_text' | 'same_amount' | 'same_order_prefix' | 'same_payer';

/**
 * A group of recent complaints that share something. `sample` is what they share: the first
 * complaint's text (similar_text), the amount in fen (same_amount), the common order-key prefix
 * (same_order_prefix) or the payer openid (same_payer).
 */
export type BurstCluster = { reason: BurstClusterReason; ids: string[]; sample: string };

/** The verdict of {@link detectBurst}, with the numbers behind it. */
export type BurstResult = {
  burst: boolean;
  /** Recent complaints considered (duplicates by id counted once). */
  count: number;
  /** Complaints expected in one window at the baseline rate. */
  expected: number;
  /** Count at or above which the window is a surge. */
  threshold: number;
  /** Coordinated-looking groups, largest first. */
  clusters: BurstCluster[];
};

/** Share of the recent complaints one cluster must hold for a surge to count as a burst. */
const CLUSTER_SHARE = 0.3;
const MIN_TEXT_CLUSTER = 3;
const MIN_AMOUNT_CLUSTER = 3;
const MIN_PREFIX_CLUSTER = 3;
const MIN_PAYER_CLUSTER = 2;
/** Absorbs floating-point noise such as 2.0000000000000004 before rounding up. */
const EPSILON = 1e-9;
const REASON_ORDER: readonly BurstClusterReason[] = ['similar_text', 'same_amount', 'same_order_prefix', 'same_payer'];

/**
 * Average complaints per hour over the baseline period.
 * @throws RangeError when the count is negative or the period is not a positive number of days.
 */
export function hourlyBaseline(countInBaselinePeriod: number, baselineDays: number): number {
  if (!Number.isFinite(countInBaselinePeriod) || countInBaselinePeriod < 0) {
    throw new RangeError(`baseline count must be a non-negative number, got ${countInBaselinePeriod}`);
  }
  if (!Number.isFinite(baselineDays) || baselineDays <= 0) {
    throw new RangeError(`baseline days must be a positive number, got ${baselineDays}`);
  }
  return countInBaselinePeriod / (baselineDays * 24);
}

/**
 * Reduces a text to what matters for comparing complaints: NFKC (full-width to half-width),
 * lower case, and no punctuation, symbols, whitespace, digits or control characters — so order
 * numbers, phone numbers and decoration do not make copies of one template look different.
 */
export function normaliseComplaintText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\p{Z}\p{N}\p{C}\s]+/gu, '');
}

/**
 * The set of adjacent character pairs of a normalised text (by code point, so it works for
 * Chinese without a tokenizer). A one-character text yields that character alone.
 */
function bigrams(normalised: string): Set<string> {
  const chars = Array.from(normalised);
  if (chars.length === 1) return new Set(chars);
  const grams = new Set<string>();
  for (let index = 0; index + 1 < chars.length; index += 1) grams.add(`${chars[index]}${chars[index + 1]}`);
  return grams;
}

/** Jaccard index of two sets; 0 when either is empty (no text, nothing to compare). */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * How alike two complaint texts are, from 0 to 1: the Jaccard index of the character bigrams of
 * their normalised forms (see {@link normaliseComplaintText}). Texts with nothing left after
 * normalising score 0 against everything.
 */
export function textSimilarity(a: string, b: string): number {
  return jaccard(bigrams(normaliseComplaintText(a)), bigrams(normaliseComplaintText(b)));
}

function resolveOptions(options: Partial<BurstOptions>): Required<BurstOptions> {
  const resolved: Required<BurstOptions> = { ...defaultBurstOptions };
  for (const [key, value] of Object.entries(options) as Array<[keyof BurstOptions, number | undefined]>) {
    if (value !== undefined) resolved[key] = value;
  }
  checkRange('windowMinutes', resolved.windowMinutes, (v) => v > 0);
  checkRange('baselineDays', resolved.baselineDays, (v) => v > 0);
  checkRange('factor', resolved.factor, (v) => v >= 0);
  checkRange('minCount', resolved.minCount, (v) => v >= 1);
  checkRange('similarity', resolved.similarity, (v) => v > 0 && v <= 1);
  checkRange('orderPrefixLength', resolved.orderPrefixLength, (v) => Number.isInteger(v) && v >= 1);
  return resolved;
}

function checkRange(name: string, value: number, ok: (value: number) => boolean): void {
  if (!Number.isFinite(value) || !ok(value)) throw new RangeError(`burst option ${name} is out of range: ${value}`);
}

/** Oldest first, then by id, so clustering and cluster member order never depend on input order. */
function chronological(complaints: readonly BurstComplaint[]): BurstComplaint[] {
  const byId = new Map<string, BurstComplaint>();
  for (const complaint of complaints) if (!byId.has(complaint.id)) byId.set(complaint.id, complaint);
  return [...byId.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Leader clustering of texts. Complaints are visited oldest first; each joins the existing
 * cluster whose leader (first member) it resembles most, if that similarity reaches the
 * threshold, and otherwise leads a new cluster. Comparing with leaders only (not with every
 * member, as single-link would) keeps the cost at O(n × clusters) and stops chains of small
 * edits from gluing unrelated texts together; templated flood texts all resemble the template.
 */
function similarTextClusters(complaints: readonly BurstComplaint[], threshold: number): BurstCluster[] {
  const clusters: Array<{ leader: Set<string>; sample: string; ids: string[] }> = [];
  for (const complaint of complaints) {
    const grams = bigrams(normaliseComplaintText(complaint.text));
    if (grams.size === 0) continue;
    let best: (typeof clusters)[number] | undefined;
    let bestScore = 0;
    for (const cluster of clusters) {
      const score = jaccard(grams, cluster.leader);
      if (score > bestScore) [best, bestScore] = [cluster, score];
    }
    if (best && bestScore + EPSILON >= threshold) best.ids.push(complaint.id);
    else clusters.push({ leader: grams, sample: complaint.text, ids: [complaint.id] });
  }
  return clusters
    .filter((cluster) => cluster.ids.length >= MIN_TEXT_CLUSTER)
    .map((cluster) => ({ reason: 'similar_text', ids: cluster.ids, sample: cluster.sample }));
}

/** Groups complaints by a key (null keys are skipped) and keeps groups of at least `min`. */
function groupBy(complaints: readonly BurstComplaint[], keyOf: (complaint: BurstComplaint) => string | null, min: number): Map<string, BurstComplaint[]> {
  const groups = new Map<string, BurstComplaint[]>();
  for (const complaint of complaints) {
    const key = keyOf(complaint);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(complaint);
    else groups.set(key, [complaint]);
  }
  for (const [key, group] of groups) if (group.length < min) groups.delete(key);
  return groups;
}

function sameAmountClusters(complaints: readonly BurstComplaint[]): BurstCluster[] {
  const groups = groupBy(complaints, (c) => (c.amount !== null && Number.isFinite(c.amount) ? String(c.amount) : null), MIN_AMOUNT_CLUSTER);
  return [...groups].map(([amount, group]) => ({ reason: 'same_amount', ids: group.map((c) => c.id), sample: amount }));
}

/** Longest prefix every string shares (by code point). */
function commonPrefix(values: readonly string[]): string {
  const [first, ...rest] = values.map((value) => Array.from(value));
  if (!first) return '';
  let length = first.length;
  for (const chars of rest) {
    let shared = 0;
    while (shared < length && shared < chars.length && chars[shared] === first[shared]) shared += 1;
    length = shared;
  }
  return first.slice(0, length).join('');
}

/**
 * Order keys that share their first `prefixLength` characters (keys shorter than that are
 * skipped): orders placed in one go by one party tend to be numbered alike. The sample is the
 * longest prefix the whole group shares.
 */
function sameOrderPrefixClusters(complaints: readonly BurstComplaint[], prefixLength: number): BurstCluster[] {
  const keyOf = (c: BurstComplaint): string | null => {
    const chars = Array.from(c.orderKey?.trim() ?? '');
    return chars.length >= prefixLength ? chars.slice(0, prefixLength).join('') : null;
  };
  const groups = groupBy(complaints, keyOf, MIN_PREFIX_CLUSTER);
  return [...groups.values()].map((group) => ({
    reason: 'same_order_prefix',
    ids: group.map((c) => c.id),
    sample: commonPrefix(group.map((c) => c.orderKey?.trim() ?? '')),
  }));
}

function samePayerClusters(complaints: readonly BurstComplaint[]): BurstCluster[] {
  const groups = groupBy(complaints, (c) => (c.payer === null || c.payer === '' ? null : c.payer), MIN_PAYER_CLUSTER);
  return [...groups].map(([payer, group]) => ({ reason: 'same_payer', ids: group.map((c) => c.id), sample: payer }));
}

/** Largest first; ties by reason (text, amount, prefix, payer), then by sample, for a stable order. */
function compareClusters(a: BurstCluster, b: BurstCluster): number {
  return (
    b.ids.length - a.ids.length ||
    REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason) ||
    (a.sample < b.sample ? -1 : a.sample > b.sample ? 1 : 0)
  );
}

/**
 * Surge threshold for one window: `max(minCount, ceil(factor × baselinePerHour × windowMinutes / 60))`.
 */
export function burstThreshold(baselinePerHour: number, options: Partial<BurstOptions> = {}): { expected: number; threshold: number } {
  const resolved = resolveOptions(options);
  checkRange('baselinePerHour', baselinePerHour, (v) => v >= 0);
  const expected = (baselinePerHour * resolved.windowMinutes) / 60;
  const threshold = Math.max(resolved.minCount, Math.ceil(resolved.factor * expected - EPSILON));
  return { expected, threshold };
}

/**
 * Decides whether the complaints of the last window are a coordinated flood.
 *
 * A burst needs both a surge — at least `threshold` complaints (see {@link burstThreshold}) —
 * and coordination: one cluster holding at least 30 % of the recent complaints, or at least
 * `minCount / 2` of them. Clusters: similar texts (leader clustering, ≥ 3), one amount (≥ 3),
 * one order-key prefix (≥ 3), one payer (≥ 2). A surge of unrelated complaints is not a burst.
 *
 * @param recent complaints created in the last `windowMinutes` (duplicate ids count once)
 * @param baselinePerHour usual complaints per hour, e.g. from {@link hourlyBaseline}
 * @throws RangeError for options or a baseline out of range
 */
export function detectBurst(recent: readonly BurstComplaint[], baselinePerHour: number, options: Partial<BurstOptions> = {}): BurstResult {
  const resolved = resolveOptions(options);
  const { expected, threshold } = burstThreshold(baselinePerHour, resolved);
  const complaints = chronological(recent);
  const count = complaints.length;
  const clusters = [
    ...similarTextClusters(complaints, resolved.similarity),
    ...sameAmountClusters(complaints),
    ...sameOrderPrefixClusters(complaints, resolved.orderPrefixLength),
    ...samePayerClusters(complaints),
  ].sort(compareClusters);
  const largest = clusters[0]?.ids.length ?? 0;
  const coordinated = largest > 0 && (largest >= CLUSTER_SHARE * count - EPSILON || largest >= resolved.minCount / 2);
  return { burst: count >= threshold && coordinated, count, expected, threshold, clusters };
}

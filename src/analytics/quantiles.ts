/**
 * Quantiles by linear interpolation between the two nearest ranks (PostgreSQL's percentile_cont,
 * the median of an even count being the mean of the middle two). The database sorts the values and
 * returns only the rows at the ranks asked for (see rankPositions), so nothing big leaves it.
 */

/** A quantile as a fraction numerator/denominator, kept integer so SQL and TypeScript pick the same ranks. */
export type Quantile = { numerator: number; denominator: number };

export const MEDIAN: Quantile = { numerator: 1, denominator: 2 };
export const P90: Quantile = { numerator: 9, denominator: 10 };

/** 0-based ranks the quantile sits between among n sorted values. */
export function rankPositions(n: number, quantile: Quantile): { lower: number; upper: number; fraction: number } {
  const scaled = (n - 1) * quantile.numerator;
  const lower = Math.floor(scaled / quantile.denominator);
  const remainder = scaled - lower * quantile.denominator;
  return { lower, upper: remainder === 0 ? lower : lower + 1, fraction: remainder / quantile.denominator };
}

/** The same ranks as SQL over `idx` (0-based rank) and `n` (count), with integer division on both databases. */
export function rankCondition(quantile: Quantile): string {
  const { numerator: a, denominator: b } = quantile;
  return `idx = ((n - 1) * ${a}) / ${b} or idx = ((n - 1) * ${a} + ${b - 1}) / ${b}`;
}

/** The quantile from the values at its ranks (a map rank → value), or null for no values. */
export function quantileOf(n: number, valuesAtRank: ReadonlyMap<number, number>, quantile: Quantile): number | null {
  if (n === 0) return null;
  const { lower, upper, fraction } = rankPositions(n, quantile);
  const low = valuesAtRank.get(lower);
  const high = valuesAtRank.get(upper);
  if (low === undefined || high === undefined) throw new Error(`rank ${lower}/${upper} of ${n} missing`);
  return low + (high - low) * fraction;
}

/** Seconds as minutes to one decimal. */
export const toMinutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 6) / 10);

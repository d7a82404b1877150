import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MEDIAN, P90, quantileOf, rankPositions, toMinutes, type Quantile } from './quantiles.js';

/** The textbook definition, on the whole sorted list. */
function naiveQuantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const low = sorted[Math.floor(h)] as number;
  const high = sorted[Math.ceil(h)] as number;
  return low + (high - low) * (h - Math.floor(h));
}

/** What the database hands back: only the values at the quantile's ranks. */
function picked(values: number[], quantile: Quantile): Map<number, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const { lower, upper } = rankPositions(values.length, quantile);
  return new Map([lower, upper].map((rank) => [rank, sorted[rank] as number]));
}

describe('median and 90th percentile from the ranks the database picks', () => {
  it('takes the mean of the middle two for an even count and interpolates the 90th percentile', () => {
    assert.equal(quantileOf(2, picked([30, 120], MEDIAN), MEDIAN), 75);
    assert.equal(quantileOf(3, picked([10, 30, 120], P90), P90), 102);
    assert.equal(quantileOf(1, picked([42], P90), P90), 42);
    assert.equal(quantileOf(0, new Map(), MEDIAN), null);
  });

  it('agrees with interpolation over the whole sorted list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 300 }), (values) => {
        for (const [quantile, q] of [[MEDIAN, 0.5], [P90, 0.9]] as const) {
          const expected = naiveQuantile(values, q) as number;
          const actual = quantileOf(values.length, picked(values, quantile), quantile) as number;
          assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} vs ${expected} for ${values.length} values`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports minutes to one decimal', () => {
    assert.equal(toMinutes(90), 1.5);
    assert.equal(toMinutes(100), 1.7);
    assert.equal(toMinutes(null), null);
  });
});

import { createRandom } from '../src/shared/random.js';

/**
 * The bench's view of the shared seeded generator (src/shared/random.ts), so every run seeds the
 * same store: results stay comparable between runs and machines.
 */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One key of `weights`, each drawn in proportion to its weight (a missing key never). */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K;
};

export function seededRandom(seed: number): Random {
  const random = createRandom(seed);
  return {
    next: random.next,
    int: random.int,
    chance: random.chance,
    pick: random.pick,
    weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
      const entries = (Object.entries(weights) as [K, number | undefined][]).map(([key, weight]) => [key, weight ?? 0] as const);
      return random.weighted(entries);
    },
  };
}

/**
 * A small seeded generator so every run seeds the same store: results stay comparable between
 * runs and machines. Not for anything secret.
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
  // mulberry32: tiny, fast and well enough distributed for test data.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
      const entries = Object.entries(weights) as [K, number | undefined][];
      const total = entries.reduce((sum, [, weight]) => sum + (weight ?? 0), 0);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight ?? 0;
        if (roll < 0) return key;
      }
      const last = entries.at(-1);
      if (!last) throw new Error('weighted pick from no weights');
      return last[0];
    },
  };
}

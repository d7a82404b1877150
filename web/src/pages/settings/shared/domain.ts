// Vocabulary both settings areas use; each area checks it against its own API types.

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** The dotted families of a category list (`fraud.card` → `fraud`), in order, each once; a policy or rule matches one as `family.*`. */
export function categoryFamilies(categories: readonly string[]): string[] {
  const families = new Set<string>();
  for (const category of categories) {
    const dot = category.indexOf('.');
    if (dot > 0) families.add(category.slice(0, dot));
  }
  return [...families];
}

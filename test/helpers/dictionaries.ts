// Checks the web pages' dictionaries (console, portal, widget) share: both languages with the same
// keys, no empty text, the same interpolation placeholders. The dictionaries are plain modules,
// loaded by path so the web tsconfig owns their types.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Dictionary = Record<'zh-CN' | 'en', Record<string, unknown>>;

export const loadModule = async (path: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(join(process.cwd(), path)).href)) as Record<string, unknown>;

/** Every leaf key path of a dictionary (`nav.language`, …). */
export function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(leaves);
}

/** Each namespace has the same keys in zh-CN and en, and no empty text. */
export function assertKeyParity(all: Record<string, Dictionary>): void {
  for (const [name, dictionary] of Object.entries(all)) {
    assert.deepEqual(keysOf(dictionary.en).sort(), keysOf(dictionary['zh-CN']).sort(), `namespace ${name}: zh-CN and en keys differ`);
    for (const language of ['zh-CN', 'en'] as const) {
      for (const text of leaves(dictionary[language])) assert.ok(text.trim().length > 0, `namespace ${name} (${language}) has an empty string`);
    }
  }
}

/** Each key's `{{placeholders}}` are the same in zh-CN and en; `check` may add its own assertion per English key. */
export function assertPlaceholderParity(all: Record<string, Dictionary>, check?: (name: string, key: string, english: unknown) => void): void {
  const placeholders = (text: unknown) => (typeof text === 'string' ? [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort() : []);
  const at = (value: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
  for (const [name, dictionary] of Object.entries(all)) {
    for (const key of keysOf(dictionary.en)) {
      assert.deepEqual(placeholders(at(dictionary['zh-CN'], key)), placeholders(at(dictionary.en, key)), `${name}:${key} placeholders differ`);
      check?.(name, key, at(dictionary.en, key));
    }
  }
}

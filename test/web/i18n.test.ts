import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

// The console's dictionaries are plain modules; loaded by path so the web tsconfig owns their types.
type Dictionary = Record<'zh-CN' | 'en', Record<string, unknown>>;
const load = async (path: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(join(process.cwd(), path)).href)) as Record<string, unknown>;

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(leaves);
}

test('every console namespace has the same keys in zh-CN and en, and no empty text', async () => {
  const { common } = (await load('web/src/i18n/common.ts')) as { common: Dictionary };
  const { namespaces } = (await load('web/src/i18n/namespaces.ts')) as { namespaces: Record<string, Dictionary> };
  const all: Record<string, Dictionary> = { common, ...namespaces };
  assert.ok(Object.keys(all).length >= 5);
  for (const [name, dictionary] of Object.entries(all)) {
    assert.deepEqual(keysOf(dictionary.en).sort(), keysOf(dictionary['zh-CN']).sort(), `namespace ${name}: zh-CN and en keys differ`);
    for (const language of ['zh-CN', 'en'] as const) {
      for (const text of leaves(dictionary[language])) assert.ok(text.trim().length > 0, `namespace ${name} (${language}) has an empty string`);
    }
  }
});

test('interpolation placeholders match between zh-CN and en', async () => {
  const { common } = (await load('web/src/i18n/common.ts')) as { common: Dictionary };
  const { namespaces } = (await load('web/src/i18n/namespaces.ts')) as { namespaces: Record<string, Dictionary> };
  const placeholders = (text: unknown) => (typeof text === 'string' ? [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort() : []);
  const at = (value: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
  for (const [name, dictionary] of Object.entries({ common, ...namespaces })) {
    for (const key of keysOf(dictionary.en)) {
      assert.deepEqual(placeholders(at(dictionary['zh-CN'], key)), placeholders(at(dictionary.en, key)), `${name}:${key} placeholders differ`);
    }
  }
});

test('the console has no display text outside its dictionaries in JSX text nodes with Chinese characters', () => {
  // Chinese written straight into a component would never be translated.
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.tsx')) files.push(path);
    }
  };
  walk('web/src');
  const offenders = files.filter((file) => {
    const source = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    // The language switch names each language in that language, by design.
    return /[\u4e00-\u9fff]/.test(source.replace(/label: '中文'/g, ''));
  });
  assert.deepEqual(offenders, []);
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

// The portal's and the widget's dictionaries, loaded by path so the web tsconfig owns their types.
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

async function dictionaries(): Promise<Record<string, Dictionary>> {
  const { common } = (await load('web/portal/i18n/common.ts')) as { common: Dictionary };
  const { namespaces } = (await load('web/portal/i18n/namespaces.ts')) as { namespaces: Record<string, Dictionary> };
  const { widgetStrings } = (await load('web/widget/strings.ts')) as { widgetStrings: Dictionary };
  return { common, ...namespaces, widget: widgetStrings };
}

test('every portal and widget namespace has the same keys in zh-CN and en, and no empty text', async () => {
  const all = await dictionaries();
  assert.ok(Object.keys(all).length >= 7);
  for (const [name, dictionary] of Object.entries(all)) {
    assert.deepEqual(keysOf(dictionary.en).sort(), keysOf(dictionary['zh-CN']).sort(), `namespace ${name}: zh-CN and en keys differ`);
    for (const language of ['zh-CN', 'en'] as const) {
      for (const text of leaves(dictionary[language])) assert.ok(text.trim().length > 0, `namespace ${name} (${language}) has an empty string`);
    }
  }
});

test('portal interpolation placeholders match between zh-CN and en, and the English is English', async () => {
  const placeholders = (text: unknown) => (typeof text === 'string' ? [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort() : []);
  const at = (value: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
  for (const [name, dictionary] of Object.entries(await dictionaries())) {
    for (const key of keysOf(dictionary.en)) {
      assert.deepEqual(placeholders(at(dictionary['zh-CN'], key)), placeholders(at(dictionary.en, key)), `${name}:${key} placeholders differ`);
      // The language switch names Chinese in Chinese on purpose; nothing else in English may hold Chinese.
      if (key !== 'nav.zh') assert.doesNotMatch(String(at(dictionary.en, key)), /[\u4e00-\u9fff]/, `${name}:${key} (en) has Chinese`);
    }
  }
});

test('the portal and the widget keep no display text with Chinese characters outside their dictionaries', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'i18n') walk(path);
      } else if (/\.tsx?$/.test(path) && !path.endsWith('strings.ts')) files.push(path);
    }
  };
  walk('web/portal');
  walk('web/widget');
  assert.ok(files.length >= 10);
  const offenders = files.filter((file) => /[\u4e00-\u9fff]/.test(readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')));
  assert.deepEqual(offenders, []);
});

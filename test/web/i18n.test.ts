import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertKeyParity, assertPlaceholderParity, loadModule as load, type Dictionary } from '../helpers/dictionaries.js';

// The console's dictionaries are plain modules; loaded by path so the web tsconfig owns their types.
async function dictionaries(): Promise<Record<string, Dictionary>> {
  const { common } = (await load('web/src/i18n/common.ts')) as { common: Dictionary };
  const { namespaces } = (await load('web/src/i18n/namespaces.ts')) as { namespaces: Record<string, Dictionary> };
  return { common, ...namespaces };
}

test('every console namespace has the same keys in zh-CN and en, and no empty text', async () => {
  const all = await dictionaries();
  assert.ok(Object.keys(all).length >= 5);
  assertKeyParity(all);
});

test('interpolation placeholders match between zh-CN and en', async () => {
  assertPlaceholderParity(await dictionaries());
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

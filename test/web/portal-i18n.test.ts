import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertKeyParity, assertPlaceholderParity, loadModule as load, type Dictionary } from '../helpers/dictionaries.js';

// The portal's and the widget's dictionaries, loaded by path so the web tsconfig owns their types.
async function dictionaries(): Promise<Record<string, Dictionary>> {
  const { common } = (await load('web/portal/i18n/common.ts')) as { common: Dictionary };
  const { namespaces } = (await load('web/portal/i18n/namespaces.ts')) as { namespaces: Record<string, Dictionary> };
  const { widgetStrings } = (await load('web/widget/strings.ts')) as { widgetStrings: Dictionary };
  return { common, ...namespaces, widget: widgetStrings };
}

test('every portal and widget namespace has the same keys in zh-CN and en, and no empty text', async () => {
  const all = await dictionaries();
  assert.ok(Object.keys(all).length >= 7);
  assertKeyParity(all);
});

test('portal interpolation placeholders match between zh-CN and en, and the English is English', async () => {
  assertPlaceholderParity(await dictionaries(), (name, key, english) => {
    // The language switch names Chinese in Chinese on purpose; nothing else in English may hold Chinese.
    if (key !== 'nav.zh') assert.doesNotMatch(String(english), /[\u4e00-\u9fff]/, `${name}:${key} (en) has Chinese`);
  });
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

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categories } from '../cases/taxonomy.js';
import { botStrings, customerTips, say } from './strings.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('bot strings', () => {
  it('has the same keys and placeholders in zh-CN and en', () => {
    assert.deepEqual(Object.keys(botStrings['zh-CN']).sort(), Object.keys(botStrings.en).sort());
    for (const key of Object.keys(botStrings.en) as (keyof typeof botStrings.en)[]) {
      assert.deepEqual(placeholders(botStrings['zh-CN'][key]), placeholders(botStrings.en[key]), key);
      assert.notEqual(botStrings['zh-CN'][key].trim(), '', key);
    }
  });

  it('has customer tips for every category in both languages', () => {
    for (const category of categories) {
      assert.ok(customerTips['zh-CN'][category].length > 0, category);
      assert.equal(customerTips['zh-CN'][category].length, customerTips.en[category].length, category);
      assert.doesNotMatch(customerTips.en[category].join(' '), /\p{Script=Han}/u, `${category}: English tips in English`);
    }
  });

  it('introduces itself as a bot and never as a person', () => {
    assert.match(say('zh-CN', 'intro'), /机器人/);
    assert.match(say('en', 'intro'), /\bbot\b/);
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const text of Object.values(botStrings[locale])) assert.doesNotMatch(text, /我是(?:人工|真人)|真人客服为您服务|I am a (?:human|person)|I'm a (?:human|person|real)/iu, text);
    }
  });

  it('fills placeholders', () => {
    assert.equal(say('en', 'noted', { fields: 'Order number: 1' }), 'Noted: Order number: 1.');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';
import { en } from './i18n/en.js';
import { pickLocale, translate } from './i18n/i18n.js';
import { zhCN } from './i18n/zh-CN.js';

describe('configuration', () => {
  it('defaults to port 8080 and embedded SQLite under ./data', () => {
    const config = loadConfig({});
    assert.equal(config.http.port, 8080);
    assert.equal(config.database.kind, 'sqlite');
    assert.match(config.database.kind === 'sqlite' ? config.database.file : '', /data\/paydesk\.sqlite$/);
  });

  it('switches to PostgreSQL for a postgres:// URL', () => {
    const config = loadConfig({ PAYDESK_DATABASE_URL: 'postgres://u@db:5432/paydesk', PAYDESK_DATABASE_SCHEMA: 'desk' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@db:5432/paydesk', schema: 'desk' });
  });

  it('names every bad variable in one message', () => {
    assert.throws(
      () => loadConfig({ PAYDESK_PORT: '99999', PAYDESK_LOG_LEVEL: 'loud' }),
      (error: unknown) => error instanceof ConfigError && /PAYDESK_PORT/.test(error.message) && /PAYDESK_LOG_LEVEL/.test(error.message),
    );
    assert.throws(() => loadConfig({ PAYDESK_DEFAULT_TIMEZONE: 'Asia/Nowhere' }), /PAYDESK_DEFAULT_TIMEZONE: unknown time zone/);
  });
});

describe('messages in zh-CN and en', () => {
  it('has every key in both languages, with the same placeholders', () => {
    assert.deepEqual(Object.keys(zhCN).sort(), Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const placeholders = (value: string) => (value.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(placeholders(zhCN[key as keyof typeof en]), placeholders(text), key);
    }
  });

  it('picks the language from Accept-Language', () => {
    assert.equal(pickLocale('zh-CN,zh;q=0.9,en;q=0.8'), 'zh-CN');
    assert.equal(pickLocale('en-GB,en;q=0.9'), 'en');
    assert.equal(pickLocale('fr-FR'), 'en');
    assert.equal(translate('zh-CN', 'detail.case_not_found', { id: '42' }), '本租户下没有工单 42。');
  });
});

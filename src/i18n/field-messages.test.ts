import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { localizeFieldMessage, zhTemplates, type IssueSummary } from './field-messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !path.includes('i18n') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** The issue a schema raises, reshaped as the HTTP layer keeps it. */
function issueOf(schema: z.ZodType, value: unknown): { message: string; issue: IssueSummary } {
  const result = schema.safeParse(value);
  assert.ok(!result.success);
  const { code, message, path: _path, ...details } = result.error.issues[0]!;
  return { message, issue: { ...details, code } };
}

describe('field messages in zh-CN', () => {
  it('translates only texts the code really raises, with the same placeholders', () => {
    const code = sources('src').join('\n');
    for (const [en, zh] of Object.entries(zhTemplates)) {
      assert.deepEqual(placeholders(zh), placeholders(en), en);
      assert.match(zh, /\p{Script=Han}/u, `${en}: the Chinese says something in Chinese`);
      // A fixed text appears as a literal; one with {name} parts as a template literal around them.
      const literal = en.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?:\\$\\{[^}]+\\}|[^\'"`\\s]+)');
      assert.ok(new RegExp(`['"\`]${literal}['"\`]`).test(code), `"${en}" is raised somewhere in src/`);
    }
  });

  it('fills the varying parts of a templated text', () => {
    assert.equal(localizeFieldMessage('unknown time zone "Mars/Olympus"', 'zh-CN'), '未知时区“Mars/Olympus”');
    assert.equal(localizeFieldMessage('at most 2000 characters', 'zh-CN'), '最多 2000 个字符');
    assert.equal(localizeFieldMessage('a category id or a prefix such as payment_failed.*', 'zh-CN'), '须为类别编号或前缀，例如 payment_failed.*');
    assert.equal(localizeFieldMessage('unknown time zone "Mars/Olympus"', 'en'), 'unknown time zone "Mars/Olympus"');
  });

  it("words zod's own checks from their issue codes", () => {
    const cases: Array<[z.ZodType, unknown, string]> = [
      [z.object({ name: z.string() }), {}, '必填'],
      [z.string(), 12, '类型须为字符串'],
      [z.string().max(5), 'abcdefg', '最多 5 个字符'],
      [z.string().min(1), '', '不能为空'],
      [z.string().min(3), 'a', '至少 3 个字符'],
      [z.array(z.string()).max(2), ['a', 'b', 'c'], '最多 2 项'],
      [z.number().int().min(1), 0, '不能小于 1'],
      [z.number().positive(), 0, '须大于 0'],
      [z.uuid(), 'nope', '须为 UUID'],
      [z.enum(['open', 'closed']), 'x', '须为以下之一：“open”、“closed”'],
      [z.strictObject({ a: z.string() }), { a: 'x', b: 1 }, '不支持的字段：“b”'],
      [z.iso.datetime({ offset: true }), 'yesterday', '须为 ISO 8601 时间，例如 2026-03-02T10:00:00+08:00'],
    ];
    for (const [schema, value, expected] of cases) {
      const { message, issue } = issueOf(schema, value);
      assert.equal(localizeFieldMessage(message, 'zh-CN', issue), expected, message);
      assert.equal(localizeFieldMessage(message, 'en', issue), message);
    }
  });

  it('keeps a text it has no Chinese for in English rather than guessing', () => {
    assert.equal(localizeFieldMessage('something only a developer reads', 'zh-CN', { code: 'custom' }), 'something only a developer reads');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown } from './escape.js';
import { formatDueTime, formatDuration } from './format.js';

describe('time formatting for notifications', () => {
  it('shows time left in two units at most, in both languages', () => {
    assert.equal(formatDuration(5400, 'en'), '1 h 30 min');
    assert.equal(formatDuration(5400, 'zh-CN'), '1小时30分钟');
    assert.equal(formatDuration(3600, 'en'), '1 h');
    assert.equal(formatDuration(25 * 60 + 59, 'zh-CN'), '25分钟');
    assert.equal(formatDuration(2 * 86400 + 3 * 3600 + 600, 'en'), '2 d 3 h');
    assert.equal(formatDuration(2 * 86400 + 600, 'zh-CN'), '2天');
    assert.equal(formatDuration(30, 'en'), 'less than 1 min');
    assert.equal(formatDuration(-30, 'zh-CN'), '不到1分钟');
  });

  it('shows the due time in the tenant time zone, naming the zone', () => {
    assert.equal(formatDueTime('2026-11-27T10:00:00Z', 'Asia/Shanghai'), '2026-11-27 18:00 (Asia/Shanghai)');
    assert.equal(formatDueTime('2026-11-27T23:30:00Z', 'Asia/Singapore'), '2026-11-28 07:30 (Asia/Singapore)');
    assert.equal(formatDueTime('2026-07-01T12:00:00Z', 'Europe/London'), '2026-07-01 13:00 (Europe/London)');
    assert.equal(formatDueTime('2026-11-27T00:05:00Z', 'Asia/Shanghai'), '2026-11-27 08:05 (Asia/Shanghai)');
  });

  it('falls back to UTC for an unknown zone instead of failing the notification', () => {
    assert.equal(formatDueTime('2026-11-27T10:00:00Z', 'Mars/Olympus'), '2026-11-27 10:00 (UTC)');
  });
});

describe('markdown escaping of case text', () => {
  it('stops a subject from forming links, images, emphasis or code', () => {
    assert.equal(escapeMarkdown('[点我](https://evil.example) ![x](y) *a* `b` \\'), '\\[点我\\](https://evil.example) !\\[x\\](y) \\*a\\* \\`b\\` \\\\');
  });

  it('turns angle brackets full-width so no platform sees a tag or mention', () => {
    assert.equal(escapeMarkdown('<@all> <!channel> <at user_id="all"></at> <font color="red">'), '＜@all＞ ＜!channel＞ ＜at user\\_id="all"＞＜/at＞ ＜font color="red"＞');
  });

  it('keeps case text on one line and clips it', () => {
    assert.equal(escapeMarkdown('退款\n# 标题\r\n> 引用'), '退款 # 标题 ＞ 引用');
    assert.equal([...escapeMarkdown('退'.repeat(300))].length, 200);
  });
});

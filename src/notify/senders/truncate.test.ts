import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { truncateKeepingLastLine, truncateUtf8, utf16Units } from './truncate.js';

describe('message truncation', () => {
  it('leaves text within the limit alone', () => {
    assert.equal(truncateUtf8('退款', 6), '退款');
  });

  it('cuts on a character boundary, counting UTF-8 bytes, and adds an ellipsis', () => {
    // 退 and 款 are 3 bytes each, … is 3: 8 bytes leave room for one character and the ellipsis.
    assert.equal(truncateUtf8('退款未到账', 8), '退…');
    assert.equal(Buffer.byteLength(truncateUtf8('退款未到账', 8)), 6);
  });

  it('never splits an emoji or a combined character', () => {
    const cut = truncateUtf8('👨‍👩‍👧 family', 10);
    assert.equal(cut, '…');
    assert.equal(truncateUtf8('ok 👍🏽 done', 14), 'ok 👍🏽…');
  });

  it('keeps a short last line such as the case link', () => {
    const text = `${'a'.repeat(300)}\n[open](https://x.example/c/1)`;
    const cut = truncateKeepingLastLine(text, 200);
    assert.equal(cut, `${'a'.repeat(167)}…\n[open](https://x.example/c/1)`);
    assert.equal(Buffer.byteLength(cut), 200);
    // A last line longer than a quarter of the limit is not worth keeping at the cost of the body.
    assert.equal(truncateKeepingLastLine(text, 60), `${'a'.repeat(57)}…`);
  });

  it('can count UTF-16 units for platforms that limit characters', () => {
    assert.equal(truncateUtf8('退款未到账', 3, utf16Units), '退款…');
  });
});

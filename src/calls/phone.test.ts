import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalisePhone } from './phone.js';

describe('phone number normalisation', () => {
  it('reduces the ways people write one number to the same digits', () => {
    assert.equal(normalisePhone('+86 138-0013-8000'), '+8613800138000');
    assert.equal(normalisePhone(' 138 0013 8000 '), '13800138000');
    assert.equal(normalisePhone('(021) 5555.1234'), '02155551234');
    assert.equal(normalisePhone('95516'), '95516');
  });

  it('refuses text, a + in the middle, and numbers too short or too long', () => {
    assert.equal(normalisePhone('call me'), null);
    assert.equal(normalisePhone('138+0013'), null);
    assert.equal(normalisePhone('1234'), null);
    assert.equal(normalisePhone('1'.repeat(21)), null);
    assert.equal(normalisePhone('++8613800138000'), null);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { luhnValid, maskCardNumbers, maskCardNumbersAcrossLines, maskStatusLinks } from './mask.js';

describe('card number masking', () => {
  it('keeps the first 6 and last 4 digits of Luhn-valid 13–19 digit numbers, with spaces or dashes', () => {
    assert.equal(maskCardNumbers('4111111111111111'), '411111******1111');
    assert.equal(maskCardNumbers('pay with 4111 1111 1111 1111 now'), 'pay with 411111******1111 now');
    assert.equal(maskCardNumbers('5500-0000-0000-0004'), '550000******0004');
    assert.equal(maskCardNumbers('银联卡6222021234567890128请查'), '银联卡622202*********0128请查');
    assert.equal(maskCardNumbers('4222222222222'), '422222***2222', '13 digits');
  });

  it('leaves other numbers alone', () => {
    assert.equal(maskCardNumbers('order 4111111111111112'), 'order 4111111111111112', 'fails Luhn');
    assert.equal(maskCardNumbers('phone 13800138000'), 'phone 13800138000', 'too short');
    assert.equal(maskCardNumbers('txn 4200001234202603020001123'), 'txn 4200001234202603020001123', 'too long to be a card');
    assert.equal(maskCardNumbers('amount 129.00 CNY'), 'amount 129.00 CNY');
    assert.equal(maskCardNumbers('商户号 898510000005481'), '商户号 898510000005481', 'Luhn-valid merchant number, not a card prefix');
    assert.equal(maskCardNumbers('Amex 3782 822463 10005'), 'Amex 378282*****0005');
  });

  it('checks Luhn digits', () => {
    assert.equal(luhnValid('79927398713'), true);
    assert.equal(luhnValid('79927398710'), false);
  });
  it('across lines, also catches a number wrapped at a line break, and leaves two separate lines of digits alone', () => {
    assert.equal(maskCardNumbersAcrossLines('my card 4111 1111\n1111 1111 thanks'), 'my card 411111******1111 thanks');
    assert.equal(maskCardNumbersAcrossLines('my card 4111 1111 \r\n1111 1111'), 'my card 411111******1111');
    assert.equal(maskCardNumbers('my card 4111 1111\n1111 1111'), 'my card 4111 1111\n1111 1111', 'the single-line rule is unchanged');
    assert.equal(maskCardNumbersAcrossLines('order 2026\n03021234'), 'order 2026\n03021234');
  });
});

describe('status-link tokens', () => {
  it('masks the token of a status link wherever it appears, and nothing else', () => {
    const token = '0f8fad5b-d9cb-469f-a165-70867728950e.' + 'A'.repeat(21) + '_-' + 'b'.repeat(20);
    assert.equal(maskStatusLinks(`open https://desk.example/portal/status/${token} please`), 'open https://desk.example/portal/status/[redacted] please');
    assert.equal(maskStatusLinks(`a:/portal/status/${token}\nb:/portal/status/${token}`), 'a:/portal/status/[redacted]\nb:/portal/status/[redacted]');
    assert.equal(maskStatusLinks('see /portal/status/ for news'), 'see /portal/status/ for news');
    assert.equal(maskStatusLinks('/portal/status/not-a-token'), '/portal/status/not-a-token');
  });
});

// Card numbers (PANs) are masked before anything is stored: 13–19 digits, optionally split by
// single spaces or dashes, that pass the Luhn check, keep their first 6 and last 4 digits.
// Payment cards start with 2–6 (Mastercard 2-series, Amex/JCB/Diners, Visa, Mastercard,
// UnionPay/Discover); merchant numbers such as 898… and other long ids do not, so they survive.
const candidate = /(?<![\d])[2-6](?:[ -]?\d){12,18}(?![\d])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let value = digits.charCodeAt(index) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The same, with a line break allowed between groups (mail wrapped at 76–80 columns). */
const wrappedCandidate = /(?<![\d])[2-6](?:(?:[ -]|[ \t]?\r?\n)?\d){12,18}(?![\d])/g;

/** Replaces every Luhn-valid card number in `text` with first6 + '*' … + last4. */
export function maskCardNumbers(text: string): string {
  return maskWith(candidate, text);
}

/** Like maskCardNumbers, also catching numbers a mail client or HTML conversion wrapped over two lines. */
export function maskCardNumbersAcrossLines(text: string): string {
  return maskWith(wrappedCandidate, text);
}

function maskWith(pattern: RegExp, text: string): string {
  if (!/\d{4}/.test(text) && !/\d[ -]\d/.test(text) && !/\d\r?\n\d/.test(text)) return text;
  return text.replace(pattern, (match) => {
    const digits = match.replace(/[ \t\r\n-]/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return match;
    return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
  });
}

/**
 * The shape of a customer's status-link token, `{link id}.{base64url HMAC-SHA256}` (groups: the id,
 * the signature); whoever holds one acts as the customer. portal/links.ts reads tokens with it.
 */
export const statusTokenShape = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([A-Za-z0-9_-]{43})';
const statusToken = new RegExp(`(/portal/status/)${statusTokenShape}`, 'g');

/**
 * Replaces status-link tokens in text about to be stored: a customer quoting our e-mail (or pasting
 * their link) must not hand every agent a way to act as them. Tokens are stored nowhere.
 */
export function maskStatusLinks(text: string): string {
  return text.includes('/portal/status/') ? text.replace(statusToken, '$1[redacted]') : text;
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decryptJson, decryptSecret, encryptJson, encryptSecret, loadSecretKey, SecretDecryptError, SecretKeyError } from './secrets.js';

describe('secrets at rest', () => {
  const key = randomBytes(32);

  it('round-trips a secret, with a fresh IV each time', () => {
    const token = encryptSecret(key, 'SEC0123456789abcdef密钥');
    assert.match(token, /^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/=]+$/);
    assert.equal(decryptSecret(key, token), 'SEC0123456789abcdef密钥');
    assert.notEqual(encryptSecret(key, 'same'), encryptSecret(key, 'same'));
    assert.equal(decryptSecret(key, encryptSecret(key, '')), '');
  });

  it('never stores the plaintext', () => {
    const data = encryptSecret(key, 'hunter2-password').split(':')[3] ?? '';
    assert.equal(Buffer.from(data, 'base64').length, 'hunter2-password'.length);
    assert.notEqual(Buffer.from(data, 'base64').toString('utf8'), 'hunter2-password');
  });

  it('detects a changed ciphertext, tag or IV', () => {
    const token = encryptSecret(key, 'smtp-password');
    const [version, iv, tag, data] = token.split(':') as [string, string, string, string];
    const flip = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    for (const altered of [[version, iv, tag, flip(data)], [version, iv, flip(tag), data], [version, flip(iv), tag, data]]) {
      assert.throws(() => decryptSecret(key, altered.join(':')), (error: unknown) => error instanceof SecretDecryptError && /wrong key, or the stored value was altered/.test(error.message));
    }
  });

  it('refuses a wrong key and malformed values with a clear error', () => {
    const token = encryptSecret(key, 'x');
    assert.throws(() => decryptSecret(randomBytes(32), token), /wrong key, or the stored value was altered/);
    assert.throws(() => decryptSecret(key, 'plaintext'), /not an encrypted secret/);
    assert.throws(() => decryptSecret(key, 'v2:a:b:c'), /not an encrypted secret/);
    assert.throws(() => decryptSecret(key, 'v1:AAAA:BBBB:CCCC'), /malformed/);
    assert.throws(() => encryptSecret(randomBytes(16), 'x'), SecretKeyError);
  });

  it('round-trips JSON', () => {
    const value = { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', mentioned: ['13800138000'], n: 1 };
    assert.deepEqual(decryptJson(key, encryptJson(key, value)), value);
  });
});

describe('the secret key', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'paydesk-secrets-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is created once in the data folder, readable by the owner only, and reused', () => {
    const dir = join(dataDir, 'fresh', 'nested');
    const first = loadSecretKey({ dataDir: dir });
    assert.equal(first.length, 32);
    const file = join(dir, 'secret.key');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length, 32);
    const again = loadSecretKey({ dataDir: dir });
    assert.ok(again.equals(first));
    // What it encrypted stays readable with the reloaded key.
    assert.equal(decryptSecret(again, encryptSecret(first, 'still readable')), 'still readable');
  });

  it('comes from the environment when set, as base64 or hex, and no file is written', () => {
    const raw = randomBytes(32);
    const dir = join(dataDir, 'env');
    assert.ok(loadSecretKey({ envKey: raw.toString('base64'), dataDir: dir }).equals(raw));
    assert.ok(loadSecretKey({ envKey: raw.toString('hex'), dataDir: dir }).equals(raw));
    assert.ok(loadSecretKey({ envKey: ` ${raw.toString('base64url')}\n`, dataDir: dir }).equals(raw));
    assert.throws(() => statSync(join(dir, 'secret.key')), /ENOENT/);
  });

  it('rejects an environment key that is not 32 bytes, without echoing it', () => {
    for (const bad of ['too-short', randomBytes(16).toString('base64'), randomBytes(33).toString('hex'), 'z'.repeat(64)]) {
      assert.throws(
        () => loadSecretKey({ envKey: bad, dataDir }),
        (error: unknown) => error instanceof SecretKeyError && /32 bytes encoded as base64 \(44 characters\) or hex \(64 digits\)/.test(error.message) && !error.message.includes(bad),
      );
    }
  });

  it('refuses a damaged key file rather than making a new key', () => {
    const dir = join(dataDir, 'damaged');
    loadSecretKey({ dataDir: dir });
    writeFileSync(join(dir, 'secret.key'), 'not a key\n');
    assert.throws(() => loadSecretKey({ dataDir: dir }), (error: unknown) => error instanceof SecretKeyError && error.message.includes('secret.key'));
  });
});

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Channel secrets (webhook keys, SMTP passwords) are stored encrypted with AES-256-GCM under this key. */
const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
const keyFileName = 'secret.key';

export class SecretKeyError extends Error {}
export class SecretDecryptError extends Error {}

// Never echoes the value: it is a key.
function decodeKey(encoded: string, origin: string): Buffer {
  const value = encoded.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, 'hex');
  // Node's base64 decoder also reads the URL-safe alphabet, so both spellings work.
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) key = Buffer.from(value, 'base64');
  if (!key || key.length !== keyBytes) {
    throw new SecretKeyError(`${origin} must be 32 bytes encoded as base64 (44 characters) or hex (64 digits); it is not`);
  }
  return key;
}

/**
 * The key for secrets at rest: from `envKey` when given, otherwise from `<dataDir>/secret.key`,
 * which is created (32 random bytes, base64, mode 0600) on first use. Losing that file makes the
 * stored channel secrets unreadable: back it up with the database.
 */
export function loadSecretKey(options: { envKey?: string | undefined; dataDir: string }): Buffer {
  if (options.envKey !== undefined && options.envKey.trim() !== '') return decodeKey(options.envKey, 'the secret key from the environment');
  const path = join(options.dataDir, keyFileName);
  try {
    return decodeKey(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true });
  try {
    // 'wx' fails if another process created the file meanwhile; then that file wins.
    writeFileSync(path, `${randomBytes(keyBytes).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decodeKey(readFileSync(path, 'utf8'), path);
}

function checkKey(key: Buffer): void {
  if (key.length !== keyBytes) throw new SecretKeyError('secret key must be 32 bytes');
}

/** `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`, a fresh random 12-byte IV each time. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  checkKey(key);
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

export function decryptSecret(key: Buffer, token: string): string {
  checkKey(key);
  const [version, iv, tag, ciphertext, ...rest] = token.split(':');
  if (version !== 'v1' || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new SecretDecryptError('not an encrypted secret (expected v1:<iv>:<tag>:<ciphertext>)');
  }
  const ivBuffer = Buffer.from(iv, 'base64');
  const tagBuffer = Buffer.from(tag, 'base64');
  if (ivBuffer.length !== ivBytes || tagBuffer.length !== tagBytes) throw new SecretDecryptError('encrypted secret is malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBuffer, { authTagLength: tagBytes });
    decipher.setAuthTag(tagBuffer);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptError('encrypted secret could not be decrypted: wrong key, or the stored value was altered');
  }
}

export function encryptJson(key: Buffer, value: unknown): string {
  return encryptSecret(key, JSON.stringify(value));
}

/** Returns unknown: callers validate the shape (zod) before trusting it. */
export function decryptJson(key: Buffer, token: string): unknown {
  return JSON.parse(decryptSecret(key, token)) as unknown;
}

/**
 * WeChat Pay API v3 cryptography: request signing (Authorization header), message signatures on platform
 * responses and callbacks, AES-256-GCM callback resources and RSA-OAEP sensitive fields.
 * Pure functions over node:crypto; nothing here does I/O.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** The only Authorization scheme WeChat Pay API v3 accepts. */
export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const GCM_TAG_BYTES = 16;
const APIV3_KEY_BYTES = 32;
const MIN_RSA_BITS = 2048;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Random string of ASCII letters and digits, from a cryptographic source without modulo bias. */
export function randomNonce(length = 32): string {
  let result = '';
  while (result.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 * 62: bytes above it would favour the first characters.
      if (byte < 248 && result.length < length) result += ALPHANUMERIC[byte % 62];
    }
  }
  return result;
}

/** The text a merchant signs for one API request: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`. */
export function requestMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

function messageBytes(timestamp: string, nonce: string, body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), Buffer.from(body), Buffer.from('\n')]);
}

/**
 * Parsed keys by PEM text. Parsing a PEM costs more than the RSA operation itself, and a desk signs
 * and verifies with the same few keys all day; the cache is bounded so rotated keys fall out.
 */
const parsedKeys = new Map<string, KeyObject>();
const MAX_PARSED_KEYS = 64;

function parsedKey(pem: string, kind: 'private' | 'public'): KeyObject {
  const cacheKey = `${kind}:${pem}`;
  let key = parsedKeys.get(cacheKey);
  if (!key) {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    if (parsedKeys.size >= MAX_PARSED_KEYS) parsedKeys.delete(parsedKeys.keys().next().value as string);
    parsedKeys.set(cacheKey, key);
  }
  return key;
}

function signBytes(privateKeyPem: string, data: Buffer | string): string {
  return sign('sha256', Buffer.from(data), parsedKey(privateKeyPem, 'private')).toString('base64');
}

function verifyBytes(publicKeyPem: string, data: Buffer | string, signatureB64: string): boolean {
  if (typeof signatureB64 !== 'string' || signatureB64.length === 0 || !BASE64.test(signatureB64)) return false;
  try {
    return verify('sha256', Buffer.from(data), parsedKey(publicKeyPem, 'public'), Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/** Input for {@link buildAuthorization}; timestamp (Unix seconds) and nonce default to now and a random value. */
export type AuthorizationInput = {
  mchid: string;
  serialNo: string;
  privateKeyPem: string;
  method: string;
  pathWithQuery: string;
  body: string;
  timestamp?: number;
  nonce?: string;
};

/** Builds the `Authorization` header value for one merchant request (SHA256withRSA over the request message). */
export function buildAuthorization(input: AuthorizationInput): string {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = input.nonce ?? randomNonce(32);
  const message = requestMessage(input.method, input.pathWithQuery, timestamp, nonce, input.body);
  const signature = signBytes(input.privateKeyPem, message);
  const fields = [
    `mchid="${input.mchid}"`,
    `nonce_str="${nonce}"`,
    `signature="${signature}"`,
    `timestamp="${timestamp}"`,
    `serial_no="${input.serialNo}"`,
  ];
  return `${AUTH_SCHEME} ${fields.join(',')}`;
}

/** The five fields of a parsed Authorization header, as sent (strings). */
export type ParsedAuthorization = {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
};

const AUTH_FIELDS = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;
const AUTH_PAIR = /^\s*([a-z_]+)="([^"]*)"\s*$/;

/** Parses an Authorization header; null unless the scheme matches and each of the five fields appears exactly once, non-empty. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (typeof header !== 'string' || !header.startsWith(`${AUTH_SCHEME} `)) return null;
  const values = new Map<string, string>();
  for (const part of header.slice(AUTH_SCHEME.length + 1).split(',')) {
    const match = AUTH_PAIR.exec(part);
    if (!match) return null;
    const [, name = '', value = ''] = match;
    if (values.has(name)) return null;
    values.set(name, value);
  }
  const parsed: Partial<ParsedAuthorization> = {};
  for (const field of AUTH_FIELDS) {
    const value = values.get(field);
    if (!value) return null;
    parsed[field] = value;
  }
  return parsed as ParsedAuthorization;
}

/** Checks a parsed Authorization header's signature against the exact request that carried it. Never throws. */
export function verifyAuthorization(
  publicKeyPem: string,
  auth: ParsedAuthorization,
  request: { method: string; pathWithQuery: string; body: string },
): boolean {
  const message = requestMessage(request.method, request.pathWithQuery, auth.timestamp, auth.nonce_str, request.body);
  return verifyBytes(publicKeyPem, message, auth.signature);
}

/** Platform-side signature over `TIMESTAMP\nNONCE\nBODY\n` (responses and callbacks), base64. */
export function signMessage(privateKeyPem: string, timestamp: string, nonce: string, body: string | Buffer): string {
  return signBytes(privateKeyPem, messageBytes(timestamp, nonce, body));
}

/** Verifies a platform signature over `TIMESTAMP\nNONCE\nBODY\n`; false (never an exception) on any bad input. */
export function verifyMessage(
  publicKeyPem: string,
  timestamp: string,
  nonce: string,
  body: string | Buffer,
  signatureB64: string,
): boolean {
  if (typeof timestamp !== 'string' || typeof nonce !== 'string') return false;
  return verifyBytes(publicKeyPem, messageBytes(timestamp, nonce, body), signatureB64);
}

/** Raised when a callback resource cannot be decrypted: wrong key, tampering, or malformed input. */
export class ResourceDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResourceDecryptError';
  }
}

/** The encrypted part of a callback body. */
export type EncryptedResource = {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  nonce: string;
  associated_data: string;
  original_type: 'complaint';
};

function apiv3KeyBytes(apiv3Key: string): Buffer {
  const key = Buffer.from(apiv3Key, 'utf8');
  if (key.length !== APIV3_KEY_BYTES) throw new ResourceDecryptError('APIv3 key must be 32 bytes');
  return key;
}

/** Decrypts a callback resource (AES-256-GCM, ciphertext = base64 of data||tag) to its UTF-8 plaintext. */
export function decryptResource(
  apiv3Key: string,
  resource: { ciphertext: string; nonce: string; associated_data?: string | null },
): string {
  const key = apiv3KeyBytes(apiv3Key);
  if (typeof resource.ciphertext !== 'string' || !BASE64.test(resource.ciphertext)) {
    throw new ResourceDecryptError('ciphertext is not base64');
  }
  if (typeof resource.nonce !== 'string' || resource.nonce.length === 0) throw new ResourceDecryptError('nonce is missing');
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length <= GCM_TAG_BYTES) throw new ResourceDecryptError('ciphertext is too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    throw new ResourceDecryptError('resource failed authentication (wrong APIv3 key or tampered data)');
  }
}

/** Encrypts a callback resource the way the platform does (12-character alphanumeric nonce used as the IV). */
export function encryptResource(apiv3Key: string, plaintext: string, associatedData: string): EncryptedResource {
  const key = apiv3KeyBytes(apiv3Key);
  const nonce = randomNonce(12);
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: sealed.toString('base64'),
    nonce,
    associated_data: associatedData,
    original_type: 'complaint',
  };
}

/** Encrypts a sensitive field (e.g. payer_phone) with RSA-OAEP (SHA-1), base64. */
export function encryptSensitive(publicKeyPem: string, text: string): string {
  return publicEncrypt(
    { key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    Buffer.from(text, 'utf8'),
  ).toString('base64');
}

/** Decrypts a sensitive field encrypted with {@link encryptSensitive}; throws on a wrong key or bad input. */
export function decryptSensitive(privateKeyPem: string, b64: string): string {
  return privateDecrypt(
    { key: parsedKey(privateKeyPem, 'private'), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    Buffer.from(b64, 'base64'),
  ).toString('utf8');
}

/** `sha256:` + hex SHA-256 of the key's DER SubjectPublicKeyInfo; a private key PEM gives its public key's fingerprint. */
export function keyFingerprint(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

function isStrongRsa(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS;
}

/** True for a PEM public key (or X.509 certificate) holding an RSA key of at least 2048 bits; false for private keys. */
export function isValidPublicKeyPem(pem: string): boolean {
  if (typeof pem !== 'string' || pem.includes('PRIVATE KEY')) return false;
  try {
    return isStrongRsa(createPublicKey(pem));
  } catch {
    return false;
  }
}

/** True for an unencrypted PEM RSA private key of at least 2048 bits. */
export function isValidPrivateKeyPem(pem: string): boolean {
  if (typeof pem !== 'string') return false;
  try {
    return isStrongRsa(createPrivateKey(pem));
  } catch {
    return false;
  }
}

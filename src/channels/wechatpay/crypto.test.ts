import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  buildAuthorization,
  decryptResource,
  decryptSensitive,
  encryptResource,
  encryptSensitive,
  isValidPrivateKeyPem,
  isValidPublicKeyPem,
  keyFingerprint,
  parseAuthorization,
  randomNonce,
  requestMessage,
  ResourceDecryptError,
  signMessage,
  verifyAuthorization,
  verifyMessage,
} from './crypto.js';

function rsaPair(bits = 2048): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const mine = rsaPair();
const other = rsaPair();
const apiv3Key = 'abcdefghijklmnopqrstuvwxyz012345';

describe('wechatpay request authorization', () => {
  const request = { method: 'POST', pathWithQuery: '/v3/merchant-service/complaints-v2/200000/response', body: '{"a":"投诉"}' };
  const header = buildAuthorization({
    mchid: '1900000001',
    serialNo: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
    privateKeyPem: mine.privateKey,
    ...request,
    timestamp: 1_700_000_000,
    nonce: 'NONCE123',
  });

  it('builds a header that parses back and verifies against the exact request', () => {
    assert.match(header, /^WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="NONCE123",signature="[^"]+",timestamp="1700000000",serial_no="ABCDEF/);
    const parsed = parseAuthorization(header);
    assert.ok(parsed);
    assert.equal(parsed.mchid, '1900000001');
    assert.equal(parsed.timestamp, '1700000000');
    assert.equal(parsed.nonce_str, 'NONCE123');
    assert.equal(verifyAuthorization(mine.publicKey, parsed, request), true);
    const message = requestMessage('POST', request.pathWithQuery, '1700000000', 'NONCE123', request.body);
    assert.equal(message, `POST\n${request.pathWithQuery}\n1700000000\nNONCE123\n${request.body}\n`);
  });

  it('rejects a changed body, path, method or key', () => {
    const parsed = parseAuthorization(header);
    assert.ok(parsed);
    assert.equal(verifyAuthorization(mine.publicKey, parsed, { ...request, body: '{"a":"投诉 "}' }), false);
    assert.equal(verifyAuthorization(mine.publicKey, parsed, { ...request, pathWithQuery: `${request.pathWithQuery}?x=1` }), false);
    assert.equal(verifyAuthorization(mine.publicKey, parsed, { ...request, method: 'PUT' }), false);
    assert.equal(verifyAuthorization(other.publicKey, parsed, request), false);
    assert.equal(verifyAuthorization('not a pem', parsed, request), false);
    assert.equal(verifyAuthorization(mine.publicKey, { ...parsed, signature: '@@@' }, request), false);
  });

  it('defaults timestamp and nonce', () => {
    const parsed = parseAuthorization(buildAuthorization({ mchid: '1', serialNo: 'S', privateKeyPem: mine.privateKey, method: 'GET', pathWithQuery: '/x', body: '' }));
    assert.ok(parsed);
    assert.ok(Math.abs(Number(parsed.timestamp) - Date.now() / 1000) < 5);
    assert.match(parsed.nonce_str, /^[A-Za-z0-9]{32}$/);
  });

  it('parses strictly', () => {
    assert.equal(parseAuthorization(undefined), null);
    assert.equal(parseAuthorization(''), null);
    assert.equal(parseAuthorization(header.replace('WECHATPAY2-SHA256-RSA2048', 'Bearer')), null);
    assert.equal(parseAuthorization(header.replace('WECHATPAY2-SHA256-RSA2048', 'WECHATPAY2-SHA256-RSA2048x')), null);
    assert.equal(parseAuthorization(header.replace(/,serial_no="[^"]*"/, '')), null);
    assert.equal(parseAuthorization(header.replace(/mchid="[^"]*"/, 'mchid=""')), null);
    assert.equal(parseAuthorization(`${header},mchid="2"`), null);
    assert.equal(parseAuthorization(`${header},garbage`), null);
    assert.equal(parseAuthorization('WECHATPAY2-SHA256-RSA2048 a,b,c'), null);
  });
});

describe('wechatpay message signatures', () => {
  const body = '{"code":"OK","text":"中文"}';
  const signature = signMessage(mine.privateKey, '1700000000', 'n0nce', body);

  it('round-trips for strings and buffers', () => {
    assert.equal(verifyMessage(mine.publicKey, '1700000000', 'n0nce', body, signature), true);
    assert.equal(verifyMessage(mine.publicKey, '1700000000', 'n0nce', Buffer.from(body), signature), true);
    assert.equal(verifyMessage(mine.publicKey, '1700000000', 'n0nce', '', signMessage(mine.privateKey, '1700000000', 'n0nce', '')), true);
  });

  it('rejects tampering and the wrong key', () => {
    assert.equal(verifyMessage(mine.publicKey, '1700000000', 'n0nce', `${body} `, signature), false);
    assert.equal(verifyMessage(mine.publicKey, '1700000001', 'n0nce', body, signature), false);
    assert.equal(verifyMessage(mine.publicKey, '1700000000', 'n0ncf', body, signature), false);
    assert.equal(verifyMessage(other.publicKey, '1700000000', 'n0nce', body, signature), false);
  });

  it('never throws on garbage', () => {
    assert.equal(verifyMessage(mine.publicKey, '1', 'n', body, 'not base64!'), false);
    assert.equal(verifyMessage(mine.publicKey, '1', 'n', body, ''), false);
    assert.equal(verifyMessage(mine.publicKey, '1', 'n', body, 'AAAA'), false);
    assert.equal(verifyMessage('-----BEGIN PUBLIC KEY-----\ngarbage\n-----END PUBLIC KEY-----', '1700000000', 'n0nce', body, signature), false);
    assert.equal(verifyMessage('', '1700000000', 'n0nce', body, signature), false);
    assert.equal(verifyMessage(mine.publicKey, undefined as unknown as string, 'n0nce', body, signature), false);
    assert.equal(verifyMessage(mine.publicKey, '1700000000', 'n0nce', body, undefined as unknown as string), false);
  });
});

describe('wechatpay callback resources', () => {
  const plaintext = JSON.stringify({ complaint_id: '200000020220101120000000001', action_type: 'CREATE_COMPLAINT' });

  it('round-trips with and without associated data', () => {
    const resource = encryptResource(apiv3Key, plaintext, 'complaint');
    assert.equal(resource.algorithm, 'AEAD_AES_256_GCM');
    assert.equal(resource.original_type, 'complaint');
    assert.match(resource.nonce, /^[A-Za-z0-9]{12}$/);
    assert.equal(decryptResource(apiv3Key, resource), plaintext);
    const bare = encryptResource(apiv3Key, plaintext, '');
    assert.equal(decryptResource(apiv3Key, { ciphertext: bare.ciphertext, nonce: bare.nonce }), plaintext);
  });

  it('detects tampering, the wrong key, the wrong nonce or associated data, and short input', () => {
    const resource = encryptResource(apiv3Key, plaintext, 'complaint');
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    bytes[3] = (bytes[3] ?? 0) ^ 0x80;
    const cases = [
      () => decryptResource(apiv3Key, { ...resource, ciphertext: bytes.toString('base64') }),
      () => decryptResource('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', resource),
      () => decryptResource(apiv3Key, { ...resource, nonce: 'AAAAAAAAAAAA' }),
      () => decryptResource(apiv3Key, { ...resource, associated_data: 'transaction' }),
      () => decryptResource(apiv3Key, { ...resource, ciphertext: 'AAAA' }),
      () => decryptResource(apiv3Key, { ...resource, ciphertext: 'not base64!' }),
      () => decryptResource(apiv3Key, { ...resource, nonce: '' }),
      () => decryptResource('too short', resource),
    ];
    for (const attempt of cases) assert.throws(attempt, ResourceDecryptError);
  });
});

describe('wechatpay sensitive fields and keys', () => {
  it('round-trips RSA-OAEP and fails with the wrong key', () => {
    const cipher = encryptSensitive(mine.publicKey, '13800138000');
    assert.notEqual(cipher, encryptSensitive(mine.publicKey, '13800138000'));
    assert.equal(decryptSensitive(mine.privateKey, cipher), '13800138000');
    assert.throws(() => decryptSensitive(other.privateKey, cipher));
  });

  it('fingerprints the public key the same from either PEM', () => {
    const fromPublic = keyFingerprint(mine.publicKey);
    assert.match(fromPublic, /^sha256:[0-9a-f]{64}$/);
    assert.equal(keyFingerprint(mine.privateKey), fromPublic);
    assert.notEqual(keyFingerprint(other.publicKey), fromPublic);
  });

  it('accepts only RSA keys of 2048 bits or more of the right kind', () => {
    const weak = rsaPair(1024);
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    assert.equal(isValidPublicKeyPem(mine.publicKey), true);
    assert.equal(isValidPrivateKeyPem(mine.privateKey), true);
    assert.equal(isValidPublicKeyPem(mine.privateKey), false);
    assert.equal(isValidPrivateKeyPem(mine.publicKey), false);
    assert.equal(isValidPublicKeyPem(weak.publicKey), false);
    assert.equal(isValidPrivateKeyPem(weak.privateKey), false);
    assert.equal(isValidPublicKeyPem(ec.publicKey), false);
    assert.equal(isValidPrivateKeyPem(ec.privateKey), false);
    assert.equal(isValidPublicKeyPem('garbage'), false);
    assert.equal(isValidPrivateKeyPem(''), false);
  });

  it('makes alphanumeric nonces of the asked length', () => {
    assert.match(randomNonce(), /^[A-Za-z0-9]{32}$/);
    assert.match(randomNonce(12), /^[A-Za-z0-9]{12}$/);
    assert.notEqual(randomNonce(), randomNonce());
  });
});

import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { deliveryError, sampleMessage } from '../../../test/fakes/sample.js';
import { startSmtpPeer, type SmtpPeer } from '../../../test/fakes/smtp-peer.js';
import { emailConfigSchema } from './config.js';
import { sendEmail } from './email.js';

const password = 'smtp-Pa55word!';

describe('email sender', () => {
  let peer: SmtpPeer;
  before(async () => {
    peer = await startSmtpPeer({ user: 'desk@example.cn', password });
  });
  after(() => peer.close());

  const config = (overrides: Record<string, unknown> = {}) =>
    emailConfigSchema.parse({ kind: 'email', host: '127.0.0.1', port: peer.port, secure: false, user: 'desk@example.cn', password, from: 'Paydesk <desk@example.cn>', to: ['oncall@example.cn', 'lead@example.cn'], ...overrides });
  const deps = { now: () => new Date('2026-11-27T10:00:00Z'), timeoutMs: 5000 };

  it('logs in and delivers the message with the title as subject, text and HTML parts', async () => {
    const seen = peer.messages.length;
    await sendEmail(config(), sampleMessage(), deps);
    const mail = peer.messages[seen];
    assert.ok(mail);
    assert.equal(mail.user, 'desk@example.cn');
    assert.equal(mail.from, 'desk@example.cn');
    assert.deepEqual(mail.to, ['oncall@example.cn', 'lead@example.cn']);
    assert.equal(mail.subject, sampleMessage().title);
    assert.match(mail.raw, /^Message-ID: <notify-0b7c6a52-4f7e-4a36-9a55-2d5f0c1e9a01@paydesk\.local>/im);
    assert.match(mail.raw, /^X-Paydesk-Event: sla\.reminder/im);
    assert.match(mail.raw, /^Date: Fri, 27 Nov 2026 10:00:00 \+0000/im);
    assert.match(mail.raw, /Content-Type: text\/plain/i);
    assert.match(mail.raw, /Content-Type: text\/html/i);
  });

  it('reports a wrong password as permanent, without the password', async () => {
    const wrong = 'not-the-password-99';
    const error = await deliveryError(sendEmail(config({ password: wrong }), sampleMessage(), deps));
    assert.equal(error.retryable, false);
    assert.match(error.message, /535/);
    assert.ok(!error.message.includes(wrong));
    assert.ok(!error.message.includes(password));
  });

  it('retries when the server answers 4xx, not when it answers 5xx', async () => {
    peer.failNext(1, 451);
    const temporary = await deliveryError(sendEmail(config(), sampleMessage(), deps));
    assert.equal(temporary.retryable, true);
    assert.match(temporary.message, /451/);
    peer.failNext(1, 554);
    const permanent = await deliveryError(sendEmail(config(), sampleMessage(), deps));
    assert.equal(permanent.retryable, false);
    assert.match(permanent.message, /554/);
  });

  it('retries when the server cannot be reached', async () => {
    const error = await deliveryError(sendEmail(config({ port: 9 }), sampleMessage(), deps));
    assert.equal(error.retryable, true);
    assert.match(error.message, /SMTP 127\.0\.0\.1:9/);
  });

  it('times out a server that never greets, as retryable', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const error = await deliveryError(sendEmail(config({ port: (silent.address() as AddressInfo).port }), sampleMessage(), { ...deps, timeoutMs: 200 }));
      assert.equal(error.retryable, true);
      assert.match(error.message, /ETIMEDOUT/);
    } finally {
      silent.close();
    }
  });

  it('uses the injected transport factory with the configured host, login and timeouts', async () => {
    const seen: Array<Record<string, unknown>> = [];
    let closed = false;
    await sendEmail(config(), sampleMessage(), {
      ...deps,
      createTransport: (options) => {
        seen.push({ ...options });
        return { sendMail: async () => ({}), close: () => (closed = true) };
      },
    });
    assert.equal(seen[0]?.host, '127.0.0.1');
    assert.deepEqual(seen[0]?.auth, { user: 'desk@example.cn', pass: password });
    assert.equal(seen[0]?.socketTimeout, 5000);
    assert.equal(closed, true);
  });
});

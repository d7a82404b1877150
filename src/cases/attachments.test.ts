import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dialects, seedTenant, startTestServer, type TestServer } from '../../test/helpers/harness.js';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

for (const dialect of dialects) {
  describe(`case attachments [${dialect}]`, () => {
    let server: TestServer;
    let caseId: string;
    before(async () => {
      server = await startTestServer(dialect, { PAYDESK_ATTACHMENT_MAX_BYTES: '4096' });
      const created = await server.call('POST', '/api/v1/cases', { token: server.tenant.seats.agent.token, body: { subject: 'Receipt attached' } });
      caseId = created.body.id;
    });
    after(async () => server.close());

    const upload = async (content: Buffer | string, type: string, filename: string, token = server.tenant.seats.agent.token, target = caseId) => {
      const form = new FormData();
      form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), filename);
      const response = await fetch(`${server.baseUrl}/api/v1/cases/${target}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    it('stores a receipt by its sha256 and serves the same bytes back only with a token', async () => {
      const uploaded = await upload(png, 'image/png', '小票.png');
      assert.equal(uploaded.status, 201);
      assert.equal(uploaded.body.sha256, createHash('sha256').update(png).digest('hex'));
      assert.equal(uploaded.body.size, png.length);
      const download = await fetch(`${server.baseUrl}${uploaded.body.download_url}`, { headers: { authorization: `Bearer ${server.tenant.seats.viewer.token}` } });
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'image/png');
      assert.match(download.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E5%B0%8F%E7%A5%A8\.png/);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), png);
      const anonymous = await fetch(`${server.baseUrl}${uploaded.body.download_url}`);
      assert.equal(anonymous.status, 401);
      const list = await server.call('GET', `/api/v1/cases/${caseId}/attachments`, { token: server.tenant.seats.viewer.token });
      assert.equal(list.body.items.length, 1);
      const timeline = await server.call('GET', `/api/v1/cases/${caseId}/timeline`, { token: server.tenant.seats.viewer.token });
      assert.equal(timeline.body.items.at(-1).type, 'attachment.added');
    });

    it('refuses files that are too large, of a disallowed type, or not what they claim to be', async () => {
      const tooBig = await upload(Buffer.concat([png, Buffer.alloc(5000)]), 'image/png', 'big.png');
      assert.equal(tooBig.status, 413);
      const exe = await upload('MZ....', 'application/x-msdownload', 'setup.exe');
      assert.equal(exe.status, 415);
      const fakePng = await upload('not really a png', 'image/png', 'fake.png');
      assert.equal(fakePng.status, 415);
      const empty = await upload('', 'text/plain', 'empty.txt');
      assert.equal(empty.status, 400);
      const json = await server.call('POST', `/api/v1/cases/${caseId}/attachments`, { token: server.tenant.seats.agent.token, body: { file: 'x' } });
      assert.equal(json.status, 415);
      const list = await server.call('GET', `/api/v1/cases/${caseId}/attachments`, { token: server.tenant.seats.agent.token });
      assert.equal(list.body.items.length, 1, 'nothing refused was stored');
    });

    it('keeps attachments inside their tenant', async () => {
      const mine = await upload('proof of transfer', 'text/plain', 'proof.txt');
      const other = await seedTenant(server.db.database, `att-${dialect}`);
      const token = other.seats.admin.token;
      const download = await fetch(`${server.baseUrl}${mine.body.download_url}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(download.status, 404);
      const intoForeignCase = await upload('x', 'text/plain', 'x.txt', token);
      assert.equal(intoForeignCase.status, 404);
    });
  });
}

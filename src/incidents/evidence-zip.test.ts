import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { canonicalJson } from '../audit/canonical-json.js';
import { buildEvidenceZip, sanitiseFilename, sha256Hex, uniqueFilenames, type EvidenceBundle, type EvidenceCase, type EvidenceFile } from './evidence-zip.js';

const tenant = { id: 'tenant-1', name: '示例商户' };
const GENESIS = '0'.repeat(64);

/** An audit event hashed the way the audit chain does, so the README's recipe can be checked. */
function sealedEvent(caseId: string, seq: number, prevHash: string, type: string, payload: Record<string, unknown>) {
  const actor = { kind: 'system', id: null, name: 'paydesk' };
  const at = `2024-06-15T08:0${seq}:00.000Z`;
  const body = canonicalJson({ tenant_id: tenant.id, seq, case_id: caseId, actor, type, payload, at });
  const hash = createHash('sha256').update(prevHash).update(body).digest('hex');
  return { seq, type, at, actor, payload, prev_hash: prevHash, hash };
}

const file = (name: string, text: string, contentType = 'text/plain'): EvidenceFile => ({ name, contentType, data: strToU8(text) });

function makeBundle(overrides: Partial<EvidenceBundle> = {}): EvidenceBundle {
  const first = sealedEvent('case-a', 1, GENESIS, 'case.created', { subject: '商品没收到' });
  const second = sealedEvent('case-a', 2, first.hash, 'message.added', { body: '商品没收到，要求退款' });
  const caseA: EvidenceCase = {
    id: 'case-a',
    number: 12,
    subject: '商品没收到',
    case: { id: 'case-a', number: 12, status: 'open' },
    complaint: { complaint_id: '200000020240615000001', complaint_detail: '商品没收到，要求退款' },
    messages: [
      { id: 'm1', direction: 'inbound', author_type: 'customer', author_name: '张三', body: '商品没收到，要求退款', created_at: '2024-06-15T08:01:00.000Z' },
      { id: 'm2', direction: 'outbound', author_type: 'agent', author_name: 'Li', body: '您好，我们正在核实。\r\n请稍候。', created_at: '2024-06-15T08:05:00.000Z' },
    ],
    timeline: [first, second, { seq: null, type: 'case.updated', at: '2024-06-15T08:09:00.000Z', actor: null, payload: {}, prev_hash: null, hash: null }],
    attachments: [
      file('../../etc/passwd', 'root:x:0:0'),
      file('photo.jpg', 'first', 'image/jpeg'),
      file('photo.jpg', 'second', 'image/jpeg'),
      file('PHOTO.jpg', 'third', 'image/jpeg'),
      file('..\\..\\windows\\win.ini', '[fonts]'),
      file('..', 'dots'),
    ],
  };
  const caseB: EvidenceCase = {
    id: 'case-b',
    number: 7,
    subject: 'Charged twice',
    case: { id: 'case-b', number: 7 },
    complaint: null,
    messages: [],
    timeline: [],
    attachments: [],
  };
  return {
    tenant,
    incident: { id: 'inc-1', kind: 'complaint_flood', count: 40 },
    cases: [caseA, caseB],
    generatedAt: '2024-06-15T09:30:15.000Z',
    generatedBy: 'agent@example.com',
    chainHead: { seq: 2, hash: second.hash },
    locale: 'zh-CN',
    ...overrides,
  };
}

type Manifest = { generated_at: string; generated_by: string; tenant: { id: string; name: string }; chain_head: unknown; files: Array<{ path: string; sha256: string; bytes: number }> };

const readJson = (files: Record<string, Uint8Array>, path: string): unknown => {
  const data = files[path];
  assert.ok(data, `${path} is in the archive`);
  return JSON.parse(strFromU8(data)) as unknown;
};

describe('evidence ZIP', () => {
  it('lays out README, incident, cases in number order and the manifest last', () => {
    const files = unzipSync(buildEvidenceZip(makeBundle()));
    assert.deepEqual(Object.keys(files), [
      'README.txt',
      'incident.json',
      'cases/7/case.json',
      'cases/7/messages.json',
      'cases/7/messages.txt',
      'cases/7/timeline.json',
      'cases/12/case.json',
      'cases/12/complaint.json',
      'cases/12/messages.json',
      'cases/12/messages.txt',
      'cases/12/timeline.json',
      'cases/12/attachments/passwd',
      'cases/12/attachments/photo.jpg',
      'cases/12/attachments/photo-2.jpg',
      'cases/12/attachments/PHOTO-3.jpg',
      'cases/12/attachments/win.ini',
      'cases/12/attachments/attachment',
      'manifest.json',
    ]);
    assert.equal(strFromU8(files['cases/12/attachments/photo-2.jpg'] ?? new Uint8Array()), 'second');
    assert.deepEqual(readJson(files, 'incident.json'), { id: 'inc-1', kind: 'complaint_flood', count: 40 });
    assert.deepEqual(readJson(files, 'cases/12/complaint.json'), makeBundle().cases[0]?.complaint);
  });

  it('leaves out incident.json when there is no incident', () => {
    const files = unzipSync(buildEvidenceZip(makeBundle({ incident: null })));
    assert.equal(files['incident.json'], undefined);
  });

  it('lists every other file in the manifest with matching hashes and sizes', () => {
    const files = unzipSync(buildEvidenceZip(makeBundle()));
    const manifest = readJson(files, 'manifest.json') as Manifest;
    assert.equal(manifest.generated_at, '2024-06-15T09:30:15.000Z');
    assert.equal(manifest.generated_by, 'agent@example.com');
    assert.deepEqual(manifest.tenant, tenant);
    assert.deepEqual(manifest.chain_head, makeBundle().chainHead);
    assert.deepEqual(manifest.files.map((entry) => entry.path), Object.keys(files).filter((path) => path !== 'manifest.json'));
    for (const entry of manifest.files) {
      const data = files[entry.path] ?? new Uint8Array();
      assert.equal(entry.sha256, sha256Hex(data), entry.path);
      assert.equal(entry.sha256, createHash('sha256').update(data).digest('hex'));
      assert.equal(entry.bytes, data.length);
    }
  });

  it('keeps the timeline verifiable with the recipe in the README', () => {
    const files = unzipSync(buildEvidenceZip(makeBundle()));
    const caseJson = readJson(files, 'cases/12/case.json') as { id: string };
    const timeline = readJson(files, 'cases/12/timeline.json') as Array<{ seq: number | null; type: string; at: string; actor: unknown; payload: unknown; prev_hash: string | null; hash: string | null }>;
    const sealed = timeline.filter((event) => event.seq !== null);
    assert.equal(sealed.length, 2);
    for (const event of sealed) {
      const body = canonicalJson({ tenant_id: tenant.id, seq: event.seq, case_id: caseJson.id, actor: event.actor, type: event.type, payload: event.payload, at: event.at });
      assert.equal(sha256Hex(`${event.prev_hash}${body}`), event.hash);
    }
    const readme = strFromU8(files['README.txt'] ?? new Uint8Array());
    assert.match(readme, /证据包/);
    assert.match(readme, /evidence bundle/);
    assert.match(readme, /prev_hash/);
    assert.match(readme, /manifest\.json/);
    assert.ok(readme.indexOf('证据包') < readme.indexOf('evidence bundle'), 'the bundle locale comes first');
  });

  it('writes a readable transcript, one block per message', () => {
    const files = unzipSync(buildEvidenceZip(makeBundle({ locale: 'en' })));
    const transcript = strFromU8(files['cases/12/messages.txt'] ?? new Uint8Array());
    assert.match(transcript, /^Case #12: 商品没收到\n/);
    assert.match(transcript, /Time: 2024-06-15T08:01:00.000Z\nDirection: from customer \[inbound\]\nAuthor: 张三 \(customer\)\n\n商品没收到，要求退款/);
    assert.match(transcript, /Author: Li \(agent\)\n\n您好，我们正在核实。\n请稍候。\n$/);
    assert.doesNotMatch(transcript, /\r/);
    assert.match(strFromU8(files['cases/7/messages.txt'] ?? new Uint8Array()), /\(no messages\)/);
  });

  it('gives the same bytes for the same input, in any time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = buildEvidenceZip(makeBundle());
      process.env.TZ = 'Asia/Shanghai';
      const shanghai = buildEvidenceZip(makeBundle());
      assert.deepEqual(shanghai, utc);
      assert.deepEqual(buildEvidenceZip(makeBundle()), utc);
      assert.notDeepEqual(buildEvidenceZip(makeBundle({ generatedAt: '2024-06-15T09:31:15.000Z' })), utc);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('refuses attachments that do not match their recorded hash, and clashing case numbers', () => {
    const bundle = makeBundle();
    const tampered = { ...file('note.txt', 'changed'), sha256: sha256Hex('original') };
    bundle.cases[1]?.attachments.push(tampered);
    assert.throws(() => buildEvidenceZip(bundle), /does not match its recorded SHA-256/);
    const matching = makeBundle();
    matching.cases[1]?.attachments.push({ ...file('note.txt', 'same'), sha256: sha256Hex('same').toUpperCase() });
    assert.ok(unzipSync(buildEvidenceZip(matching))['cases/7/attachments/note.txt']);
    const clash = makeBundle();
    clash.cases.push({ ...clash.cases[1]!, id: 'case-c' });
    assert.throws(() => buildEvidenceZip(clash), /appears twice/);
    assert.throws(() => buildEvidenceZip(makeBundle({ generatedAt: 'yesterday' })), /not a valid timestamp/);
  });
});

describe('attachment file names', () => {
  it('keeps only a safe last path segment', () => {
    assert.equal(sanitiseFilename('../../etc/passwd'), 'passwd');
    assert.equal(sanitiseFilename('..\\..\\boot.ini'), 'boot.ini');
    assert.equal(sanitiseFilename('..'), 'attachment');
    assert.equal(sanitiseFilename('.hidden'), 'hidden');
    assert.equal(sanitiseFilename('a:b*c?.txt'), 'a_b_c_.txt');
    assert.equal(sanitiseFilename('line\nbreak.txt'), 'linebreak.txt');
    assert.equal(sanitiseFilename('CON.txt'), '_CON.txt');
    assert.equal(sanitiseFilename('转账截图.png'), '转账截图.png');
    const long = sanitiseFilename(`${'长'.repeat(300)}.pdf`);
    assert.equal(Array.from(long).length, 120);
    assert.ok(long.endsWith('.pdf'));
  });

  it('makes duplicates unique, ignoring case', () => {
    assert.deepEqual(uniqueFilenames(['a.txt', 'A.txt', 'a.txt', 'a-2.txt', 'b']), ['a.txt', 'A-2.txt', 'a-3.txt', 'a-2-2.txt', 'b']);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { teamCodes } from '../auth/roles.js';
import { categories } from '../cases/taxonomy.js';
import { clearPlaybookCache, getPlaybook, loadPlaybooks, missingInfo, placeholdersIn, playbookSchema, renderTemplate, templatePlaceholders, type Playbook } from './playbooks.js';

const dataDir = fileURLToPath(new URL('../../data/playbooks/', import.meta.url));

function mustGet(category: string): Playbook {
  const playbook = getPlaybook(category);
  assert.ok(playbook, `no playbook for ${category}`);
  return playbook;
}

/** A copy of the shipped playbooks in a temporary directory, for breaking one file. */
function withCopy(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'playbooks-'));
  try {
    cpSync(dataDir, dir, { recursive: true });
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('there is exactly one playbook file per taxonomy category', () => {
  const files = readdirSync(dataDir).filter((name) => name.endsWith('.json')).sort();
  assert.deepEqual(files, categories.map((category) => `${category}.json`).sort());
  const playbooks = loadPlaybooks();
  assert.equal(playbooks.size, categories.length);
  for (const category of categories) assert.equal(playbooks.get(category)?.category, category);
});

test('every playbook file validates against the schema', () => {
  for (const category of categories) {
    const raw: unknown = JSON.parse(readFileSync(join(dataDir, `${category}.json`), 'utf8'));
    const parsed = playbookSchema.safeParse(raw);
    assert.ok(parsed.success, `${category}: ${parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
});

test('every template placeholder is allowed and both languages use the same ones', () => {
  const allowed = new Set<string>(templatePlaceholders);
  for (const playbook of loadPlaybooks().values()) {
    assert.ok(playbook.reply_templates.length >= 2, `${playbook.category}: fewer than 2 templates`);
    assert.equal(playbook.reply_templates[0]?.id, 'first_reply');
    for (const template of playbook.reply_templates) {
      for (const text of [template.text['zh-CN'], template.text.en]) {
        for (const name of placeholdersIn(text)) assert.ok(allowed.has(name), `${playbook.category}/${template.id}: {${name}}`);
      }
      assert.deepEqual(placeholdersIn(template.text['zh-CN']).sort(), placeholdersIn(template.text.en).sort(), `${playbook.category}/${template.id}`);
    }
  }
});

test('playbooks are complete in both languages and escalate to known teams', () => {
  for (const playbook of loadPlaybooks().values()) {
    assert.equal(playbook.steps['zh-CN'].length, playbook.steps.en.length, playbook.category);
    assert.ok(playbook.steps.en.length >= 3, `${playbook.category}: too few steps`);
    for (const entry of playbook.escalation) assert.ok((teamCodes as readonly string[]).includes(entry.to));
    for (const info of playbook.required_info) assert.match(info.key, /^[a-z][a-z0-9_]*$/);
  }
});

test('hardware damage goes to field service and cannot be solved remotely', () => {
  const playbook = mustGet('pos.hardware_damage');
  assert.equal(playbook.resolvable_remotely, false);
  assert.equal(playbook.escalation[0]?.to, 'field');
  for (const key of ['terminal_model', 'terminal_serial', 'merchant_no']) assert.ok(playbook.required_info.some((info) => info.key === key), key);
  assert.equal(playbook.required_info.find((info) => info.key === 'terminal_serial')?.ref, 'terminal_serial');
});

test('fraud and disputes go to the risk team', () => {
  const playbook = mustGet('fraud.dispute');
  assert.equal(playbook.escalation[0]?.to, 'risk');
  assert.equal(playbook.priority_hint, 'urgent');
  assert.equal(playbook.resolvable_remotely, false);
});

test('a system outage opens an incident with tech', () => {
  const playbook = mustGet('payment_failed.system_error');
  assert.ok(playbook.escalation.some((entry) => entry.to === 'tech' && entry.incident));
});

test('payment failures ask for transaction, error code, screenshot, time, amount and card type', () => {
  for (const category of categories.filter((name) => name.startsWith('payment_failed.'))) {
    const keys = mustGet(category).required_info.map((info) => info.key);
    for (const key of ['transaction_id', 'error_code', 'screenshot', 'payment_time', 'amount', 'card_type']) assert.ok(keys.includes(key), `${category}: ${key}`);
  }
});

test('getPlaybook returns undefined for an unknown category', () => {
  assert.equal(getPlaybook('no.such.category'), undefined);
});

test('renderTemplate fills values and leaves missing placeholders visible', () => {
  const text = '{customer_name}您好，订单 {order_id} 的退款 {amount} {currency} 预计 {refund_days} 个工作日到账。{agent_name}';
  assert.equal(
    renderTemplate(text, { customer_name: '王女士', order_id: 'SO-1', amount: '128.00', currency: 'CNY', refund_days: 5, agent_name: undefined }),
    '王女士您好，订单 SO-1 的退款 128.00 CNY 预计 5 个工作日到账。{agent_name}',
  );
  assert.equal(renderTemplate('Hi {customer_name}, {unknown} {}', { customer_name: 'Ann' }), 'Hi Ann, {unknown} {}');
  assert.equal(renderTemplate('{order_id}', { order_id: '' }), '{order_id}');
  assert.equal(renderTemplate('{toString}', {}), '{toString}');
  assert.equal(renderTemplate('{amount}{amount}', { amount: 0 }), '00');
});

test('a shipped template renders completely when every value is given', () => {
  const values = Object.fromEntries(templatePlaceholders.map((name) => [name, `<${name}>`]));
  for (const playbook of loadPlaybooks().values()) {
    for (const template of playbook.reply_templates) {
      assert.doesNotMatch(renderTemplate(template.text.en, values), /\{[^{}]*\}/, `${playbook.category}/${template.id}`);
      assert.doesNotMatch(renderTemplate(template.text['zh-CN'], values), /\{[^{}]*\}/, `${playbook.category}/${template.id}`);
    }
  }
});

test('missingInfo lists entries whose key or case field is absent', () => {
  const playbook = mustGet('payment_failed.insufficient_funds');
  const all = playbook.required_info.map((info) => info.key);
  assert.deepEqual(missingInfo(playbook, new Set()).map((info) => info.key), all);
  // present by ref (case field), by key, and `amount` standing for the case amount
  const missing = missingInfo(playbook, new Set(['transaction_id', 'screenshot', 'amount'])).map((info) => info.key);
  assert.deepEqual(missing, all.filter((key) => !['transaction_id', 'screenshot', 'amount'].includes(key)));
  assert.deepEqual(missingInfo(playbook, new Set(all)), []);
  const pos = mustGet('pos.card_read');
  assert.ok(!missingInfo(pos, new Set(['terminal_serial'])).some((info) => info.key === 'terminal_serial'));
  assert.ok(missingInfo(pos, new Set(['terminal_serial'])).some((info) => info.key === 'terminal_model'));
});

test('loadPlaybooks caches per directory', () => {
  assert.equal(loadPlaybooks(), loadPlaybooks());
  assert.equal(loadPlaybooks(dataDir), loadPlaybooks());
});

test('loadPlaybooks names the file and the path of a problem', () => {
  withCopy((dir) => {
    const file = join(dir, 'pos.printer.json');
    const playbook = JSON.parse(readFileSync(file, 'utf8')) as Playbook;
    playbook.escalation[0] = { ...playbook.escalation[0]!, to: 'janitor' as 'field' };
    writeFileSync(file, JSON.stringify(playbook));
    clearPlaybookCache();
    assert.throws(() => loadPlaybooks(dir), (error: Error) => error.message.includes('pos.printer.json') && error.message.includes('escalation[0].to'));
  });
  withCopy((dir) => {
    const file = join(dir, 'refund.request.json');
    const playbook = JSON.parse(readFileSync(file, 'utf8')) as Playbook;
    playbook.reply_templates[1]!.text.en += ' Call {phone}.';
    writeFileSync(file, JSON.stringify(playbook));
    assert.throws(() => loadPlaybooks(dir), /refund\.request\.json: reply_templates\[1\]\.text.*\{phone\}/);
  });
  withCopy((dir) => {
    writeFileSync(join(dir, 'other.json'), '{ not json');
    assert.throws(() => loadPlaybooks(dir), /other\.json: not valid JSON/);
  });
  withCopy((dir) => {
    rmSync(join(dir, 'coupon_conflict.json'));
    assert.throws(() => loadPlaybooks(dir), /no playbook for coupon_conflict/);
  });
  withCopy((dir) => {
    const playbook = JSON.parse(readFileSync(join(dir, 'other.json'), 'utf8')) as Playbook;
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ ...playbook, extra: true }));
    assert.throws(() => loadPlaybooks(dir), /other\.json/);
  });
  withCopy((dir) => {
    writeFileSync(join(dir, 'pos.power.json'), readFileSync(join(dir, 'pos.printer.json')));
    assert.throws(() => loadPlaybooks(dir), /pos\.power\.json: category: "pos\.printer" does not match/);
  });
});

#!/usr/bin/env node
// Finds every *.test.ts under src/ and test/ and runs them with node's test runner through tsx.
// When PAYDESK_TEST_DATABASE_URL is set, every storage suite also runs on PostgreSQL; the test
// helpers fail (never skip) if that database cannot be reached.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const filter = process.argv.slice(2);
let files = ['src', 'test'].flatMap((dir) => findTests(dir)).sort();
if (filter.length > 0) files = files.filter((file) => filter.some((part) => file.includes(part)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
if (process.env.CI && !process.env.PAYDESK_TEST_DATABASE_URL) {
  console.error('CI is set but PAYDESK_TEST_DATABASE_URL is not: PostgreSQL tests would not run');
  process.exit(1);
}
console.log(`databases: sqlite${process.env.PAYDESK_TEST_DATABASE_URL ? ' + postgres' : ' (set PAYDESK_TEST_DATABASE_URL to add postgres)'}`);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);

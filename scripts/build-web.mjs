#!/usr/bin/env node
// Builds the web pages (web/: the console, the customer portal at /portal/ and the widget loader
// /widget.js) into web/dist with Vite. Runs after `npm install` and before `npm start`; skips the
// build when the sources have not changed since the last one (the stamp in web/dist/.build-stamp
// is a hash of web/, src/ and the lockfile). `--force` rebuilds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const dist = join(web, 'dist');
const stampFile = join(dist, '.build-stamp');

function sourceFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else found.push(path);
  }
  return found;
}

export function sourceStamp() {
  const hash = createHash('sha256');
  // The console imports the server's word lists and schemas from src/, so those count as its sources too.
  const inputs = [...sourceFiles(web), ...sourceFiles(join(root, 'src')), join(root, 'package-lock.json')].filter((file) => existsSync(file));
  for (const file of inputs) {
    hash.update(relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export async function buildWeb({ force = false, quiet = false } = {}) {
  const stamp = sourceStamp();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    if (!quiet) console.log('web console: up to date (web/dist)');
    return false;
  }
  const { build } = await import('vite');
  const started = Date.now();
  console.log('web: building the console, the customer portal and the chat widget into web/dist with Vite …');
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  writeFileSync(stampFile, stamp);
  console.log(`web console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb({ force: process.argv.includes('--force') }).catch((error) => {
    console.error('web console: build failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

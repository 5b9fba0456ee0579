#!/usr/bin/env node
// Runs the dApp's browser tests (expects a fresh `vite build` in dapp/build). The wallet is the built
// CommonGuard extension: it is built here first when missing or older than its sources, so this runs
// on its own too (in the full suite the extension's own test has built it already). tsx lets the
// tests import the TypeScript workspace packages (sdk testing helpers, demo seed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const extension = join(root, 'extension');
const manifest = join(extension, '.output', 'chrome-mv3', 'manifest.json');

/** The newest modification time among the extension's sources and build config. */
function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

const sources = ['src', 'wxt.config.ts', 'package.json'].map((name) => join(extension, name)).filter((path) => existsSync(path));
const stale = !existsSync(manifest) || Math.max(...sources.map(newestSource)) > statSync(manifest).mtimeMs;
if (stale) {
  console.log('Building the CommonGuard extension (the wallet these tests drive)…');
  const build = spawnSync(join(root, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: extension, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// `run.mjs [file-substring] [-t "test name"]`: every *.test.mjs here by default, two files side by side
// (each starts its own chain, app server and browsers on free ports; most of their time is waiting).
const args = process.argv.slice(2);
const nameAt = args.indexOf('-t');
const names = nameAt >= 0 ? [`--test-name-pattern=${args[nameAt + 1]}`] : [];
const fileFilter = args.filter((_, i) => nameAt < 0 || (i !== nameAt && i !== nameAt + 1)).find((arg) => !arg.startsWith('-'));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.test.mjs') && (!fileFilter || name.includes(fileFilter)))
  .sort()
  .map((name) => join(here, name));
if (files.length === 0) {
  console.error(`No dApp browser test file matches "${fileFilter}".`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...names, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);

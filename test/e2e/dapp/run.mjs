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

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', join(here, 'dapp.test.mjs')], { stdio: 'inherit' });
process.exit(result.status ?? 1);

#!/usr/bin/env node
// The extension's browser tests (real Chromium, real anvil, the built extension). Run after `wxt build`.
// With no arguments: every file, one after another, and beside them the files that mostly wait in real
// time (WAITING_FILES: the auto-lock test sits through a minute), so that minute is not added to the
// run. With arguments (a file filter, -t "name"…): one vitest run with those arguments.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const WAITING_FILES = ['autolock.e2e.test.mjs'];

const vitest = (args) =>
  new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules/.bin/vitest'), ['run', '--config', join(here, 'vitest.config.mjs'), ...args], { stdio: 'inherit', cwd: here });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const args = process.argv.slice(2);
const codes =
  args.length > 0
    ? [await vitest(args)]
    : await Promise.all([vitest(WAITING_FILES), vitest(WAITING_FILES.flatMap((file) => ['--exclude', file]))]);
process.exit(codes.every((code) => code === 0) ? 0 : 1);

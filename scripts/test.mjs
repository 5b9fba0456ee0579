#!/usr/bin/env node
// The whole test suite, one part after another, each with its own heading and time. Stops at the
// first part that fails, so the failure is the last thing on the screen.
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each workspace package with a `test` script, in the order the workspace lists them. */
function workspaceSuites() {
  const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const folders = [...workspace.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((m) => m[1]);
  return folders
    .filter((folder) => existsSync(join(root, folder, 'package.json')))
    .map((folder) => ({ folder, pkg: JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => pkg.scripts?.test)
    .map(({ folder, pkg }) => ({ title: `${pkg.name} (${folder})`, command: 'pnpm', args: ['--dir', folder, 'run', 'test'] }));
}

const suites = workspaceSuites();
let passed = 0;
let failed = 0;
const started = Date.now();
for (const suite of suites) {
  process.stdout.write(`\n━━━ ${suite.title} ━━━\n`);
  const t0 = Date.now();
  const result = spawnSync(suite.command, suite.args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status === 0) {
    passed++;
    process.stdout.write(`✔ ${suite.title} passed in ${seconds}s\n`);
  } else {
    failed++;
    process.stdout.write(`✖ ${suite.title} failed after ${seconds}s\n`);
    break;
  }
}
const minutes = ((Date.now() - started) / 60000).toFixed(1);
process.stdout.write(`\nAll parts took ${minutes} min.\nsuites: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

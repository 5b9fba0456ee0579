#!/usr/bin/env node
// Brings a fresh clone to a runnable state: checks Node, installs pnpm (pinned in package.json) and
// the workspace's dependencies, and Chromium for the browser tests. Safe to run again: each step
// does nothing when its work is already done. Plain Node, no dependencies: it runs before any install.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = packageManager.split('@')[1];

function step(title) {
  process.stdout.write(`\n▸ ${title}\n`);
}

function fail(message) {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

step('Checking Node.js');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`CommonGuard needs Node.js 20.19 or newer; this is ${process.versions.node}. Install a newer Node.js and try again.`);
}
console.log(`  Node.js ${process.versions.node}`);

step(`Checking pnpm ${pnpmVersion}`);
let current = '';
try {
  current = execSync('pnpm --version', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {}
if (current !== pnpmVersion) {
  console.log(`  installing pnpm ${pnpmVersion} with npm (found: ${current || 'none'})`);
  if (run('npm', ['install', '--global', '--no-fund', '--no-audit', `pnpm@${pnpmVersion}`]) !== 0) {
    fail(`could not install pnpm ${pnpmVersion}. Check that the npm registry is reachable, or install it yourself: npm i -g pnpm@${pnpmVersion}`);
  }
} else {
  console.log(`  pnpm ${current}`);
}

step('Installing the workspace dependencies');
const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
if (run('pnpm', ['install', '--prefer-offline', ...frozen]) !== 0) {
  fail('pnpm install failed (see above). Check that the npm registry is reachable.');
}

step('Checking Chromium (for the browser tests)');
const chromium = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((path) => existsSync(path));
if (chromium) {
  console.log(`  found ${chromium}`);
} else if (process.env.COMMONGUARD_SKIP_CHROMIUM) {
  console.log('  not installed; skipped because COMMONGUARD_SKIP_CHROMIUM is set');
} else if (process.getuid?.() === 0 && has('apt-get')) {
  console.log("  installing Debian's chromium package");
  if (run('apt-get', ['update', '-qq']) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) !== 0) {
    fail('could not install Chromium with apt-get. Install the "chromium" package yourself and try again.');
  }
} else {
  fail('Chromium is missing. Install it (Debian/Ubuntu: sudo apt-get install chromium) and try again.');
}

console.log('\n✔ Ready.\n');

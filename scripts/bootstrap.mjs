#!/usr/bin/env node
// Brings a fresh clone to a runnable state: checks Node, installs pnpm (pinned in package.json) and
// the workspace's dependencies, and Chromium and Firefox ESR for the browser tests. Safe to run again: each step
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

/** Installs Debian's `pkg` (apt-get, as root) unless one of `paths` exists; `skip` names the variable that skips it. */
function ensureBrowser({ title, pkg, paths, skip }) {
  step(`Checking ${title} (for the browser tests)`);
  const found = paths.find((path) => existsSync(path));
  if (found) {
    console.log(`  found ${found}`);
  } else if (process.env[skip]) {
    console.log(`  not installed; skipped because ${skip} is set`);
  } else if (process.getuid?.() === 0 && has('apt-get')) {
    console.log(`  installing Debian's ${pkg} package`);
    if (run('apt-get', ['update', '-qq']) !== 0 || run('apt-get', ['install', '-y', '-qq', pkg], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) !== 0) {
      fail(`could not install ${title} with apt-get. Install the "${pkg}" package yourself and try again.`);
    }
  } else {
    fail(`${title} is missing. Install it (Debian/Ubuntu: sudo apt-get install ${pkg}) and try again.`);
  }
}

ensureBrowser({ title: 'Chromium', pkg: 'chromium', paths: ['/usr/bin/chromium', '/usr/lib/chromium/chromium'], skip: 'COMMONGUARD_SKIP_CHROMIUM' });
// The wallet's core paths also run in Firefox ESR (driven over WebDriver BiDi by puppeteer-core).
ensureBrowser({ title: 'Firefox ESR', pkg: 'firefox-esr', paths: ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr'], skip: 'COMMONGUARD_SKIP_FIREFOX' });

console.log('\n✔ Ready.\n');

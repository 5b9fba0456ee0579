#!/usr/bin/env node
// The extension's browser tests (real Chromium, real anvil, the built extension). Run after `wxt build`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const result = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', '--config', join(here, 'vitest.config.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: here });
process.exit(result.status ?? 1);

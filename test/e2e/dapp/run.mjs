#!/usr/bin/env node
// Runs the dApp's browser tests (expects a fresh `vite build` in dapp/build). tsx lets them import
// the TypeScript workspace packages (sdk testing helpers, demo seed).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', join(here, 'dapp.test.mjs')], { stdio: 'inherit' });
process.exit(result.status ?? 1);

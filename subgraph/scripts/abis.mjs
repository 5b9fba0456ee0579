#!/usr/bin/env node
// Copies the ABIs the manifest names out of the forge artifacts (contracts/out), so the subgraph
// always decodes events with the ABI of the contracts that were actually compiled.
// Usage: node scripts/abis.mjs [--out <dir>] [--artifacts <dir>]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const subgraphDir = resolve(here, '..');
const repoRoot = resolve(subgraphDir, '..');

/** Contract name → artifact (forge writes `out/<File>.sol/<Contract>.json`). */
export const ABI_SOURCES = {
  CommunityToken: 'CommunityToken.sol/CommunityToken.json',
  CommunityGovernor: 'CommunityGovernor.sol/CommunityGovernor.json',
  TimelockController: 'TimelockController.sol/TimelockController.json',
  Treasury: 'Treasury.sol/Treasury.json',
  PaymentPolicy: 'PaymentPolicy.sol/PaymentPolicy.json',
};

/** Writes `<outDir>/<Name>.json` for every ABI; throws a readable error if an artifact is missing. */
export function extractAbis({ artifactsDir, outDir }) {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const [name, artifact] of Object.entries(ABI_SOURCES)) {
    const file = join(artifactsDir, artifact);
    if (!existsSync(file)) {
      throw new Error(
        `Missing forge artifact ${artifact} in ${artifactsDir}. Build the contracts first: run \`npx forge build\` at the repository root.`,
      );
    }
    let parsed;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Forge artifact ${file} is not valid JSON (${error.message}). Rebuild with \`npx forge build\`.`);
    }
    if (!Array.isArray(parsed.abi)) throw new Error(`Forge artifact ${file} has no "abi" array. Rebuild with \`npx forge build\`.`);
    const target = join(outDir, `${name}.json`);
    writeFileSync(target, `${JSON.stringify(parsed.abi, null, 2)}\n`);
    written.push(target);
  }
  return written;
}

function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : resolve(process.argv[index + 1]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const written = extractAbis({
      artifactsDir: argument('--artifacts', join(repoRoot, 'contracts', 'out')),
      outDir: argument('--out', join(subgraphDir, 'abis')),
    });
    console.log(`abis: wrote ${written.length} ABIs from the forge artifacts`);
  } catch (error) {
    console.error(`abis: ${error.message}`);
    process.exit(1);
  }
}

#!/usr/bin/env node
// Copies the ABIs the manifest names out of the forge artifacts (contracts/out), so the subgraph
// always decodes events with the ABI of the contracts that were actually compiled.
// Usage: node scripts/abis.mjs [--build] [--out <dir>] [--artifacts <dir>]
//   --build  runs `forge build` first when the artifacts are missing (a fresh clone).
import { spawnSync } from 'node:child_process';
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
  CommunityFactory: 'CommunityFactory.sol/CommunityFactory.json',
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

/** Compiles the contracts with the repository's forge setup (foundry.toml at the root). */
function forgeBuild() {
  const forge = join(repoRoot, 'node_modules', '.bin', 'forge');
  console.log('abis: no forge artifacts yet, running `forge build`…');
  const result = spawnSync(existsSync(forge) ? forge : 'forge', ['build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('`forge build` failed; fix the contracts build first.');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const artifactsDir = argument('--artifacts', join(repoRoot, 'contracts', 'out'));
    const missing = Object.values(ABI_SOURCES).some((artifact) => !existsSync(join(artifactsDir, artifact)));
    if (missing && process.argv.includes('--build')) forgeBuild();
    const written = extractAbis({
      artifactsDir,
      outDir: argument('--out', join(subgraphDir, 'abis')),
    });
    console.log(`abis: wrote ${written.length} ABIs from the forge artifacts`);
  } catch (error) {
    console.error(`abis: ${error.message}`);
    process.exit(1);
  }
}

// Gas benchmark: on a fresh anvil with the seeded demo, sends each governance and treasury transaction
// and prints its receipt's gasUsed next to the reference figures (stock OpenZeppelin governor, Safe).
// Run from the repository root with `npm run bench:gas`; `npm run bench:gas -- --write` also rewrites
// the table in contracts/GAS.md (next to forge's section snapshots in contracts/snapshots/) and the
// summary of the figures people ask about in contracts/GAS.md and README.md.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployContracts, findFoundryBinary, repositoryRoot, startAnvil } from '@commonguard/sdk/testing';
import {
  formatGasMarkdown,
  formatGasSummary,
  gasSummaryMarkers,
  readForgeSnapshots,
  replaceGasTable,
  replaceMarkedBlock,
} from './bench/gasTable.js';
import { formatGasTable, measureGas } from './bench/measureGas.js';
import { seedDemo } from './seed.js';

const unknown = process.argv.slice(2).filter((argument) => argument !== '--write');
if (unknown.length > 0) {
  process.stderr.write(`✖ Unknown argument ${unknown.join(' ')}. Usage: npm run bench:gas [-- --write]\n`);
  process.exit(2);
}
const write = process.argv.includes('--write');

// The stock governor it compares with is a test contract: make sure its artifact is current.
const build = spawnSync(findFoundryBinary('forge'), ['build', '--quiet'], { cwd: repositoryRoot, stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('✖ forge build failed.\n');
  process.exit(1);
}

const anvil = await startAnvil();
try {
  process.stdout.write('Deploying and seeding a fresh local chain…\n');
  const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
  await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
  const rows = await measureGas({ rpcUrl: anvil.rpcUrl, deployment });
  process.stdout.write(`\nReceipt gasUsed (anvil, solc 0.8.30, optimizer 200 runs)\n\n${formatGasTable(rows)}\n`);
  if (write) {
    const gasMd = join(repositoryRoot, 'contracts', 'GAS.md');
    const readme = join(repositoryRoot, 'README.md');
    const table = formatGasMarkdown(rows, readForgeSnapshots(join(repositoryRoot, 'contracts', 'snapshots')));
    const summary = formatGasSummary(rows);
    const gasText = replaceGasTable(readFileSync(gasMd, 'utf8'), table);
    writeFileSync(gasMd, replaceMarkedBlock(gasText, gasSummaryMarkers, summary, 'contracts/GAS.md'));
    writeFileSync(readme, replaceMarkedBlock(readFileSync(readme, 'utf8'), gasSummaryMarkers, summary, 'README.md'));
    process.stdout.write('\nWrote the table and the summary in contracts/GAS.md, and the summary in README.md.\n');
  }
} catch (error) {
  process.stderr.write(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await anvil.stop();
}

// Gas benchmark: on a fresh anvil with the seeded demo, sends each governance and treasury transaction
// and prints its receipt's gasUsed next to the reference figures (stock OpenZeppelin governor, Safe).
// Run from the repository root with `npm run bench:gas`.
import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { formatGasTable, measureGas } from './bench/measureGas.js';
import { seedDemo } from './seed.js';

const anvil = await startAnvil();
try {
  process.stdout.write('Deploying and seeding a fresh local chain…\n');
  const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
  await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
  const rows = await measureGas({ rpcUrl: anvil.rpcUrl, deployment });
  process.stdout.write(`\nReceipt gasUsed (anvil, solc 0.8.30, optimizer 200 runs)\n\n${formatGasTable(rows)}\n`);
} catch (error) {
  process.stderr.write(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await anvil.stop();
}

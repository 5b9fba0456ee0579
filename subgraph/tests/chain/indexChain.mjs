// Indexes a chain with the subgraph's own mappings: the community factory's CommunityCreated and every
// log of each community's contracts, replayed through the handlers by the Node matchstick runner in
// the order graph-node would handle them, each in the data source the factory's handler started. The store it returns holds the
// entities graph-node would serve for that chain, so other parts (the dApp's SubgraphIndexer) can be
// tested against what the subgraph really makes of a history.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { communityFactoryAbi, communityGovernorAbi, communityTokenAbi, paymentPolicyAbi, timelockControllerAbi, treasuryAbi } from '@commonguard/sdk';
import { createPublicClient, http } from 'viem';
import { runTestFile } from '../../tools/matchstick-runner/runner.mjs';
import { generateStoreReplay } from './generate.mjs';
import { readIndexedLogs } from './history.mjs';

const require = createRequire(import.meta.url);
const subgraphDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ABIS = { CommunityFactory: communityFactoryAbi, CommunityToken: communityTokenAbi, CommunityGovernor: communityGovernorAbi, Timelock: timelockControllerAbi, Treasury: treasuryAbi, PaymentPolicy: paymentPolicyAbi };

/** The mappings import graph-cli's generated classes: generate them once when this checkout has none. */
function ensureGenerated() {
  if (existsSync(join(subgraphDir, 'generated', 'schema.ts'))) return;
  const env = { ...process.env, GRAPH_SKIP_NEW_VERSION_CHECK: 'true' };
  for (const args of [['scripts/abis.mjs', '--build'], ['scripts/networks.mjs']]) {
    const run = spawnSync(process.execPath, args, { cwd: subgraphDir, env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`subgraph: node ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  }
  const cli = require.resolve('@graphprotocol/graph-cli/package.json');
  const graph = join(dirname(cli), require(cli).bin.graph);
  const codegen = spawnSync(process.execPath, [graph, 'codegen'], { cwd: subgraphDir, env, encoding: 'utf8' });
  if (codegen.status !== 0) throw new Error(`subgraph: graph codegen failed:\n${codegen.stdout}${codegen.stderr}`);
}

/**
 * @param {{ rpcUrl: string, contracts: { communityFactory?: string } }} parameters the chain's
 *   deployment: the subgraph indexes every community its factory created
 * @returns {Promise<{ store: import('../../tools/matchstick-runner/host.mjs').EntityStore, replayed: number }>}
 */
export async function indexWithMappings({ rpcUrl, contracts }) {
  if (!contracts.communityFactory) {
    throw new Error('this deployment has no contracts.communityFactory: the subgraph indexes communities through the factory, so deploy with the current deploy script');
  }
  ensureGenerated();
  const publicClient = createPublicClient({ transport: http(rpcUrl) });
  const history = { ...(await readIndexedLogs(publicClient, contracts.communityFactory)), abis: ABIS };
  const { source, replayed } = generateStoreReplay(history);
  const dir = join(subgraphDir, 'tests', '.generated');
  mkdirSync(dir, { recursive: true });
  // One file per call: two test files may index at the same time.
  const name = `store-replay-${process.pid}-${Date.now()}`;
  const file = join(dir, `${name}.ts`);
  const outDir = join(dir, '.bin');
  writeFileSync(file, source);
  let run;
  try {
    run = await runTestFile(file, { outDir, schemaFile: join(subgraphDir, 'schema.graphql'), log: () => {} });
  } finally {
    rmSync(file, { force: true });
    rmSync(join(outDir, `${name}.wasm`), { force: true });
  }
  const { results, store } = run;
  const failed = results.filter((r) => !r.passed);
  if (failed.length > 0) throw new Error(`the mappings failed on this history: ${failed.map((r) => r.message).join('; ')}`);
  return { store, replayed };
}

#!/usr/bin/env node
// Fills networks.json (graph-cli's per-network addresses and start blocks) from the deployment
// files `deployments/<chainId>.json`, so a new deployment needs no hand edits: deploy, run this,
// then `graph build --network <name>` writes the addresses into subgraph.yaml. The subgraph's one
// data source is the chain's CommunityFactory; every community it creates (the demo too) is indexed
// through templates, so the file's community addresses are not needed here.
// Usage: node scripts/networks.mjs [--deployments <dir>] [--out <file>]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const subgraphDir = resolve(here, '..');
const repoRoot = resolve(subgraphDir, '..');

/** The Graph's network names for the chains we expect; any other chain id must be named in NETWORK_NAMES. */
export const NETWORK_NAMES = {
  1: 'mainnet',
  10: 'optimism',
  100: 'gnosis',
  137: 'matic',
  8453: 'base',
  42161: 'arbitrum-one',
  84532: 'base-sepolia',
  11155111: 'sepolia',
  11155420: 'optimism-sepolia',
  421614: 'arbitrum-sepolia',
  // A local anvil; a self-hosted graph-node must name its chain the same (see README).
  31337: 'localhost',
};

/** Manifest data source name → key in the deployment file's `contracts`. */
export const DATA_SOURCES = {
  CommunityFactory: 'communityFactory',
};

/** A deployment file written before the factory existed has nothing the subgraph can index. */
export class NoFactoryError extends Error {}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function block(value, label) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${label} must be a block number (integer ≥ 0), got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Validates one parsed deployment file and returns its networks.json entry. */
export function networkEntry(deployment, source = 'deployment') {
  if (deployment === null || typeof deployment !== 'object' || Array.isArray(deployment)) {
    throw new Error(`${source}: expected a JSON object like {"chainId": 31337, "deploymentBlock": 0, "contracts": {…}}.`);
  }
  const { chainId, deploymentBlock, contracts, communities } = deployment;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new Error(`${source}: "chainId" must be a positive integer, got ${JSON.stringify(chainId)}.`);
  }
  const network = NETWORK_NAMES[chainId];
  if (!network) {
    throw new Error(
      `${source}: chain ${chainId} has no known Graph network name. Add it to NETWORK_NAMES in subgraph/scripts/networks.mjs.`,
    );
  }
  const blocks = [block(deploymentBlock ?? 0, `${source}: "deploymentBlock"`)];
  if (communities !== undefined) {
    if (!Array.isArray(communities)) throw new Error(`${source}: "communities" must be a list of the chain's communities.`);
    communities.forEach((community, i) => {
      if (community?.deploymentBlock !== undefined) blocks.push(block(community.deploymentBlock, `${source}: "communities[${i}].deploymentBlock"`));
    });
  }
  // From the earliest recorded block, so every recorded community's CommunityCreated is indexed.
  const startBlock = Math.min(...blocks);
  if (contracts === null || typeof contracts !== 'object') {
    throw new Error(`${source}: "contracts" must be an object of contract addresses.`);
  }
  const entry = {};
  for (const [dataSource, key] of Object.entries(DATA_SOURCES)) {
    const address = contracts[key];
    if (address === undefined) {
      throw new NoFactoryError(
        `${source} has no "contracts.${key}": it was deployed before the community factory, and the subgraph indexes communities through the factory. Deploy again with the current deploy script.`,
      );
    }
    if (typeof address !== 'string' || !ADDRESS.test(address)) {
      throw new Error(
        `${source}: "contracts.${key}" must be a 0x-prefixed 20-byte address, got ${JSON.stringify(address)}.`,
      );
    }
    entry[dataSource] = { address, startBlock };
  }
  return { network, entry };
}

/**
 * Reads every `<chainId>.json` in `deploymentsDir` and returns the networks.json object. Files
 * without a factory are left out; `skipped` receives why.
 * @param {string} deploymentsDir
 * @param {string[]} [skipped]
 */
export function buildNetworks(deploymentsDir, skipped = []) {
  const networks = {};
  if (!existsSync(deploymentsDir)) return networks;
  const files = readdirSync(deploymentsDir).filter((name) => /^\d+\.json$/.test(name)).sort();
  for (const name of files) {
    const file = join(deploymentsDir, name);
    let parsed;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`deployments/${name} is not valid JSON: ${error.message}`);
    }
    if (String(parsed?.chainId) !== name.replace(/\.json$/, '') && Number.isSafeInteger(parsed?.chainId)) {
      throw new Error(`deployments/${name}: its "chainId" is ${parsed.chainId}; the file must be named ${parsed.chainId}.json.`);
    }
    let built;
    try {
      built = networkEntry(parsed, `deployments/${name}`);
    } catch (error) {
      if (!(error instanceof NoFactoryError)) throw error;
      skipped.push(error.message);
      continue;
    }
    networks[built.network] = built.entry;
  }
  return networks;
}

function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : resolve(process.argv[index + 1]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const deploymentsDir = argument('--deployments', join(repoRoot, 'deployments'));
  const out = argument('--out', join(subgraphDir, 'networks.json'));
  try {
    const skipped = [];
    const networks = buildNetworks(deploymentsDir, skipped);
    for (const reason of skipped) console.warn(`networks: left out: ${reason}`);
    writeFileSync(out, `${JSON.stringify(networks, null, 2)}\n`);
    const names = Object.keys(networks);
    console.log(
      names.length
        ? `networks: wrote ${names.join(', ')} to networks.json`
        : `networks: no ${skipped.length ? 'deployment with a community factory' : 'deployments/<chainId>.json'} yet; networks.json is empty and subgraph.yaml keeps its addresses`,
    );
  } catch (error) {
    console.error(`networks: ${error.message}`);
    process.exit(1);
  }
}

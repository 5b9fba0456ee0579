import { type Address, getAddress, isAddress } from 'viem';
import { parseDeployment, type Deployment } from '@commonguard/sdk';
import networksFile from '../../../networks.json';

/** One network the dApp knows: how to reach it, and what CommonGuard has there. */
export type Network = {
  chainId: number;
  name: string;
  rpcUrl: string;
  /** A block explorer's base URL (`https://etherscan.io`), or null. */
  explorerUrl: string | null;
  /** The CommonGuard subgraph's GraphQL endpoint; without it the dApp reads the chain directly. */
  subgraphUrl: string | null;
  /** The CommunityFactory on this network (from `deployments/<chainId>.json`), or null. */
  factory: Address | null;
  /** Where reading the chain's history starts: the block before CommonGuard was deployed there. */
  fromBlock: number;
  /** The community recorded in `deployments/<chainId>.json`: where old links without a community go. */
  defaultCommunity: Deployment | null;
};

/** What the config file (and `config.json`'s `networks`) says about one network. */
export type NetworkEntry = {
  chainId: number;
  name?: string | undefined;
  rpcUrl?: string | undefined;
  explorerUrl?: string | null | undefined;
  subgraphUrl?: string | null | undefined;
};

/**
 * A `config.json` served beside the built dApp. `networks` adds networks or changes those of the config
 * file (matched by chain id). The older single-network keys still work: `chainId` picks the default
 * network, `rpcUrl` and `subgraphUrl` change it, and `deployment` replaces its default community.
 */
export type RuntimeConfig = {
  networks?: NetworkEntry[];
  chainId?: number;
  rpcUrl?: string;
  subgraphUrl?: string | null;
  deployment?: unknown;
};

export type Networks = {
  list: Network[];
  /** The network old links (without a chain id) and the build-time settings refer to. */
  defaultChainId: number;
};

// Deployment files committed in the repository, bundled at build time.
const bundled = import.meta.glob('../../../../deployments/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

/** The network `chainId` of `networks`, or undefined. */
export function findNetwork(networks: Networks, chainId: number): Network | undefined {
  return networks.list.find((n) => n.chainId === chainId);
}

/**
 * The networks the dApp knows: `networks.json`, then the build-time `PUBLIC_*` settings (which describe
 * the default network), then an optional `config.json` served next to the app, so one static build can
 * be pointed elsewhere without rebuilding. Factory and default community come from the deployment files.
 */
export async function loadNetworks(fetcher: typeof fetch = fetch): Promise<Networks> {
  return buildNetworks({
    file: networksFile.networks as NetworkEntry[],
    build: __COMMONGUARD_CONFIG__,
    runtime: await fetchRuntimeConfig(fetcher),
    deployments: bundledDeployments(),
  });
}

async function fetchRuntimeConfig(fetcher: typeof fetch): Promise<RuntimeConfig> {
  try {
    const response = await fetcher('/config.json', { cache: 'no-store' });
    if (response.ok && (response.headers.get('content-type') ?? '').includes('json')) return await response.json();
  } catch {
    // No runtime override: the config file and build-time values apply.
  }
  return {};
}

function bundledDeployments(): Map<number, unknown> {
  const byChain = new Map<number, unknown>();
  for (const [path, json] of Object.entries(bundled)) {
    const match = /\/(\d+)\.json$/.exec(path);
    if (match) byChain.set(Number(match[1]), json);
  }
  return byChain;
}

/** Merges the sources of network settings; pure, so it is tested without a server. */
export function buildNetworks({
  file,
  build,
  runtime,
  deployments,
}: {
  file: NetworkEntry[];
  build: { rpcUrl: string; chainId: number; subgraphUrl: string | null };
  runtime: RuntimeConfig;
  deployments: Map<number, unknown>;
}): Networks {
  const entries = new Map<number, NetworkEntry>();
  const merge = (entry: NetworkEntry) => {
    const chainId = Number(entry.chainId);
    if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error(`A network in the configuration has no valid chain id: ${JSON.stringify(entry)}.`);
    const defined = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
    entries.set(chainId, { ...entries.get(chainId), ...defined, chainId });
  };
  for (const entry of file) merge(entry);
  merge({ chainId: build.chainId, rpcUrl: build.rpcUrl, subgraphUrl: build.subgraphUrl });
  for (const entry of runtime.networks ?? []) merge(entry);
  const defaultChainId = Number(runtime.chainId ?? build.chainId);
  merge({ chainId: defaultChainId, rpcUrl: runtime.rpcUrl, subgraphUrl: runtime.subgraphUrl });

  const list = [...entries.values()].map((entry): Network => {
    const raw = entry.chainId === defaultChainId && runtime.deployment ? runtime.deployment : deployments.get(entry.chainId);
    const source = raw === runtime.deployment ? 'config.json' : `deployments/${entry.chainId}.json`;
    const { factory, deployment } = readDeploymentFile(raw, source);
    if (!entry.rpcUrl) throw new Error(`The network with chain id ${entry.chainId} has no RPC URL in the configuration.`);
    return {
      chainId: entry.chainId,
      name: entry.name ?? `Chain ${entry.chainId}`,
      rpcUrl: entry.rpcUrl,
      explorerUrl: entry.explorerUrl ?? null,
      subgraphUrl: entry.subgraphUrl ?? null,
      factory,
      fromBlock: deployment?.deploymentBlock ?? 0,
      defaultCommunity: deployment,
    };
  });
  return { list, defaultChainId };
}

/** A deployment file's community and factory (the factory is a key the community's parser does not know). */
function readDeploymentFile(raw: unknown, source: string): { factory: Address | null; deployment: Deployment | null } {
  if (raw === undefined || raw === null) return { factory: null, deployment: null };
  const contracts = (raw as { contracts?: Record<string, unknown> }).contracts ?? {};
  const { communityFactory, ...communityContracts } = contracts;
  if (communityFactory !== undefined && (typeof communityFactory !== 'string' || !isAddress(communityFactory))) {
    throw new Error(`${source}: contracts.communityFactory is not an address.`);
  }
  const factory = typeof communityFactory === 'string' ? getAddress(communityFactory) : null;
  // A file with only a factory records no community of its own; anything else must be a whole community.
  const hasCommunity = Object.keys(communityContracts).length > 0;
  return { factory, deployment: hasCommunity ? parseDeployment({ ...(raw as object), contracts: communityContracts }, { source }) : null };
}

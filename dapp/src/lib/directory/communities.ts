import { getAddress, type Address } from 'viem';
import { communityGovernorAbi, listCommunities } from '@commonguard/sdk';
import type { AppClient } from '../chain/chain.js';
import type { Network } from '../chain/networks.js';
import { communityPath } from '../chain/route.js';

/** One community in the directory. */
export type DirectoryEntry = {
  name: string;
  chainId: number;
  networkName: string;
  governor: Address;
  /** Seconds since 1970, or null when unknown (a community deployed without the factory). */
  createdAt: number | null;
  href: string;
};

/** The newest communities shown per network. */
export const DIRECTORY_PAGE = 50;

/**
 * The communities on one network, newest first: those its factory created, and the community of its
 * deployment file when the factory did not make it. The factory's communities come from the network's
 * subgraph when it has one (one query); without one, or when the subgraph does not answer, from the
 * factory on chain (`listCommunities`).
 */
export async function networkCommunities(network: Network, client: AppClient, fetcher?: typeof fetch): Promise<DirectoryEntry[]> {
  const entry = (name: string, governor: Address, createdAt: number | null): DirectoryEntry => ({
    name,
    chainId: network.chainId,
    networkName: network.name,
    governor,
    createdAt,
    href: communityPath(network.chainId, governor),
  });
  const entries: DirectoryEntry[] = [];
  const indexed = network.subgraphUrl ? await subgraphCommunities(network.subgraphUrl, fetcher).catch(() => null) : null;
  if (indexed) {
    for (const c of indexed) entries.push(entry(c.name, getAddress(c.id), Number(c.createdAt)));
  } else if (network.factory) {
    const { communities } = await listCommunities(client, { factory: network.factory, limit: DIRECTORY_PAGE });
    for (const c of communities) entries.push(entry(c.name, c.governor, Number(c.createdAt)));
  }
  const known = network.defaultCommunity?.contracts.communityGovernor;
  if (known && !entries.some((e) => e.governor.toLowerCase() === known.toLowerCase())) {
    const name = await client.readContract({ address: known, abi: communityGovernorAbi, functionName: 'name' });
    entries.push(entry(name, known, null));
  }
  return entries;
}

/** The newest communities the subgraph at `url` indexes (loaded only for a network that has one). */
async function subgraphCommunities(url: string, fetcher?: typeof fetch): Promise<{ id: string; name: string; createdAt: string }[]> {
  const [{ querySubgraph }, { COMMUNITIES }] = await Promise.all([import('../indexer/subgraph.js'), import('../indexer/queries.js')]);
  const data = await querySubgraph<{ communities: { id: string; name: string; createdAt: string }[] }>(url, COMMUNITIES, { first: DIRECTORY_PAGE }, fetcher);
  return data.communities;
}

/** Every network's communities in one list, newest first (those of unknown age last), and the networks that did not answer. */
export function mergeDirectory(results: { network: Network; entries?: DirectoryEntry[]; error?: unknown }[]): {
  entries: DirectoryEntry[];
  unreachable: Network[];
} {
  const entries = results.flatMap((r) => r.entries ?? []);
  entries.sort((a, b) => (b.createdAt ?? -1) - (a.createdAt ?? -1));
  return { entries, unreachable: results.filter((r) => r.error !== undefined).map((r) => r.network) };
}

/** The entries whose name contains `query` (any letter case, surrounding spaces ignored). */
export function searchDirectory(entries: readonly DirectoryEntry[], query: string): DirectoryEntry[] {
  const q = query.trim().toLocaleLowerCase();
  return q ? entries.filter((e) => e.name.toLocaleLowerCase().includes(q)) : [...entries];
}

import type { KeyValueArea } from '../store/areas.js';
import { LOCAL_CHAIN_ID, localNetwork, type Network, type NetworkState, ETHER } from './network.js';
import { networkKey } from '../store/perNetworkValue.js';
import { NETWORKS_KEY } from './storage.js';

/** What earlier versions kept once for the one network they knew, and now is kept per network. */
export const PER_NETWORK_KEYS = ['watchedTokens', 'budgets'] as const;

/** The part of an earlier version's settings that named its network. */
type EarlierSettings = { rpcUrl?: unknown; chainId?: unknown } | undefined;

/**
 * Turns an earlier version's single network into the network list, once, in one write:
 * the list (its first network the one Settings named, in use) and that network's own copy of every
 * value now kept per network are stored together, or none of them. Only then are the old values
 * removed. A stop between the two is finished at the next start: once the list exists the old values
 * are only removed, never read again (the list and its copies are the ones in use).
 * Returns the keys given to the network (empty when there was nothing left to move).
 */
export async function migrateToNetworks(area: KeyValueArea): Promise<string[]> {
  const [existing, ...leftovers] = await Promise.all([area.get(NETWORKS_KEY), ...PER_NETWORK_KEYS.map((key) => area.get(key))]);
  const held = PER_NETWORK_KEYS.filter((_, index) => leftovers[index] !== undefined);
  if (existing !== undefined) {
    for (const key of held) await area.remove(key);
    return [];
  }
  const explorer = ((await area.get('preferences')) as { explorerUrl?: unknown } | undefined)?.explorerUrl;
  const state = firstNetworks((await area.get('settings')) as EarlierSettings, typeof explorer === 'string' ? explorer : null);
  const copies: [string, unknown][] = [];
  for (const key of held) {
    const target = networkKey(key, state.activeChainId);
    // A copy already there is newer than the old value (written by this version): it is kept.
    if ((await area.get(target)) === undefined) copies.push([target, leftovers[PER_NETWORK_KEYS.indexOf(key)]]);
  }
  await area.setMany([...copies, [NETWORKS_KEY, state]]);
  for (const key of held) await area.remove(key);
  return copies.map(([key]) => key);
}

/**
 * The list an earlier version's settings describe: the local chain, and the network Settings named (in
 * use), with the block explorer the preferences named.
 */
export function firstNetworks(settings: EarlierSettings, explorerUrl: string | null = null): NetworkState {
  const chainId = typeof settings?.chainId === 'number' && Number.isSafeInteger(settings.chainId) && settings.chainId > 0 ? settings.chainId : LOCAL_CHAIN_ID;
  const rpcUrl = typeof settings?.rpcUrl === 'string' && /^https?:\/\//.test(settings.rpcUrl) ? settings.rpcUrl : undefined;
  const blockExplorerUrl = explorerUrl && /^https?:\/\//.test(explorerUrl) ? explorerUrl : null;
  if (chainId === LOCAL_CHAIN_ID) return { networks: [{ ...localNetwork(rpcUrl), blockExplorerUrl }], activeChainId: LOCAL_CHAIN_ID };
  const named: Network = { chainId, name: `Chain ${chainId}`, rpcUrl: rpcUrl ?? '', nativeCurrency: { ...ETHER }, blockExplorerUrl };
  return { networks: rpcUrl ? [named, localNetwork()] : [localNetwork()], activeChainId: rpcUrl ? chainId : LOCAL_CHAIN_ID };
}

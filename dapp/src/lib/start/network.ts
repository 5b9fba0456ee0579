import type { Address } from 'viem';
import { app } from '../app.svelte.js';
import type { AppClient } from '../chain/chain.js';
import type { Network } from '../chain/networks.js';
import { NATIVE, readToken, type TokenInfo } from '../chain/tokens.js';

/** Where a new community is started: the app's default network, or the one the person picks. */
export function startNetworks(): { list: Network[]; preferred: Network | undefined } {
  const list = app.networks.list;
  return { list, preferred: list.find((n) => n.chainId === app.networks.defaultChainId) ?? list[0] };
}

/** The community factory on `network` (from its deployment file), or null where it has none. */
export function factoryAddress(network: Network): Address | null {
  return network.factory;
}

/**
 * The tokens `network` lists, each of which gets first payment rules: the native coin, and the
 * network's own token where it has one (the local demo's stablecoin).
 */
export async function listedTokens(network: Network, client: AppClient): Promise<TokenInfo[]> {
  const stablecoin = network.defaultCommunity?.contracts.demoStablecoin;
  return [NATIVE, ...(stablecoin ? [await readToken(client, stablecoin)] : [])];
}

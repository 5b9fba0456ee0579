import { communityFactoryAbi, readCommunity as readFromChain } from '@commonguard/sdk';
import { type Address, getAddress, type PublicClient } from 'viem';
import { presetCommunity } from '../communities/preset.js';
import type { CommunityOnChain } from './join.js';

/**
 * Reads a community from its governor alone, as `wallet_joinCommunity` and Settings get it. The sdk's
 * reader needs where the treasury is recorded: the factory that created the community, found here by its
 * `CommunityCreated` event (indexed by governor), whichever factory it is; or, for the demo community
 * deployed without a factory, the preset's treasury. The sdk then checks that every part belongs to the
 * governor's timelock, and the factory's own record, before anything is returned.
 */
export async function readCommunity(client: PublicClient, { governor }: { governor: Address }): Promise<CommunityOnChain> {
  const preset = presetCommunity();
  if (preset && (await client.getChainId()) === preset.chainId && preset.governor.toLowerCase() === governor.toLowerCase())
    return readFromChain(client, { governor, treasury: preset.treasury });
  const created = await client.getContractEvents({ abi: communityFactoryAbi, eventName: 'CommunityCreated', args: { governor }, fromBlock: 0n, toBlock: 'latest' });
  const factory = created[0]?.address;
  if (!factory) throw new Error('no community factory on this network recorded a community with this governor');
  return readFromChain(client, { governor, factory: getAddress(factory) });
}

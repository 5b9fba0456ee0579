import { findCommunityFactory, readCommunity as readFromChain } from '@commonguard/sdk';
import type { Address, PublicClient } from 'viem';
import { presetCommunity } from '../communities/preset.js';
import type { CommunityOnChain } from './join.js';

/**
 * Reads a community from its governor alone, as `wallet_joinCommunity` and Settings get it. The sdk's
 * reader needs where the treasury is recorded: the factory that created the community (the sdk's
 * `findCommunityFactory`: a contract that emitted `CommunityCreated` for the governor *and* created it, so
 * a forger's event with a treasury and a policy of its own is not believed); or, for the demo community
 * deployed without a factory, the preset's treasury. The sdk then checks that every part belongs to the
 * governor's timelock, and the factory's own record, before anything is returned.
 */
export async function readCommunity(client: PublicClient, { governor }: { governor: Address }): Promise<CommunityOnChain> {
  const preset = presetCommunity();
  if (preset && (await client.getChainId()) === preset.chainId && preset.governor.toLowerCase() === governor.toLowerCase())
    return readFromChain(client, { governor, treasury: preset.treasury });
  return readFromChain(client, { governor, factory: await findCommunityFactory(client, { governor }) });
}

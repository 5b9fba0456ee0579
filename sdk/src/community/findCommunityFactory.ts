import { type Address, type Chain, type Client, type Transport, getAddress, getContractAddress, isAddressEqual } from 'viem';
import { getChainId, getContractEvents, getTransactionCount } from 'viem/actions';
import { communityFactoryAbi } from '../abis/generated.js';
import { CommunityNotFoundError, type CommunityNotFoundErrorType } from '../errors/community.js';

export type FindCommunityFactoryParameters = {
  /** The community's governor (the address in its link). */
  governor: Address;
  /** The first block to look for the factory's `CommunityCreated` event in. Default 0. */
  fromBlock?: bigint | undefined;
};

export type FindCommunityFactoryReturnType = Address;

export type FindCommunityFactoryErrorType = CommunityNotFoundErrorType;

/** Contracts that claim to have created a governor, checked at most (anyone can emit the event). */
export const MAX_FACTORY_CANDIDATES = 20;
/** Contracts a factory may have created and still be searched (5 per community: 40,000 communities). */
export const MAX_FACTORY_NONCE = 200_000;

/**
 * Finds the factory that created a community, from its governor alone.
 *
 * - JSON-RPC Methods: [`eth_getLogs`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_getlogs)
 *   (the `CommunityCreated` events naming `governor`, whoever emitted them), then
 *   `eth_getTransactionCount` of each contract that emitted one.
 *
 * Any contract can emit `CommunityCreated` naming any governor, and answer `communityOf` with a treasury
 * and a policy of its own. So a contract counts as the factory only if it created the governor: the
 * governor's address is the address a contract deployed by it with `CREATE` gets at one of its nonces
 * (the factory clones every part with `CREATE`). A forger cannot meet that for a governor it did not
 * deploy, however early its event.
 *
 * @param client - Client to use.
 * @param parameters - {@link FindCommunityFactoryParameters}
 * @returns The factory's address. Throws {@link CommunityNotFoundError} (`no-factory`) when no contract
 *   that emitted the event created the governor.
 *
 * @example
 * const factory = await findCommunityFactory(client, { governor: '0x…' })
 * const community = await readCommunity(client, { governor: '0x…', factory })
 */
export async function findCommunityFactory(
  client: Client<Transport, Chain | undefined>,
  { governor, fromBlock = 0n }: FindCommunityFactoryParameters,
): Promise<FindCommunityFactoryReturnType> {
  const events = await getContractEvents(client, {
    abi: communityFactoryAbi,
    eventName: 'CommunityCreated',
    args: { governor },
    fromBlock,
    toBlock: 'latest',
  });
  const candidates = [...new Set(events.map((event) => getAddress(event.address)))].slice(0, MAX_FACTORY_CANDIDATES);
  for (const candidate of candidates) {
    if (await createdBy(client, candidate, governor)) return candidate;
  }
  throw new CommunityNotFoundError({ governor, chainId: await getChainId(client).catch(() => undefined), reason: 'no-factory' });
}

/** Whether `contract` deployed `created` with `CREATE` (contract nonces start at 1, EIP-161). */
async function createdBy(client: Client<Transport, Chain | undefined>, contract: Address, created: Address): Promise<boolean> {
  const nonce = Math.min(await getTransactionCount(client, { address: contract }), MAX_FACTORY_NONCE + 1);
  for (let used = 1; used < nonce; used++) {
    if (isAddressEqual(getContractAddress({ from: contract, nonce: BigInt(used) }), created)) return true;
  }
  return false;
}

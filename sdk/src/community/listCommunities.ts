import type { Address, Chain, Client, Transport } from 'viem';
import { getBlockNumber, readContract } from 'viem/actions';
import { communityFactoryAbi, communityGovernorAbi } from '../abis/generated.js';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import { InvalidParameterError, type InvalidParameterErrorType } from '../errors/parameters.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import { getReadError } from '../errors/getReadError.js';
import type { ReadCommunityReturnType } from './readCommunity.js';

export type ListCommunitiesParameters = {
  /** The CommunityFactory whose communities to list. */
  factory: Address;
  /** How many of the newest communities to skip. Default 0. */
  offset?: number | undefined;
  /** At most this many communities. Default 20. */
  limit?: number | undefined;
};

/** One community a factory created, as its record and its governor say. */
export type CommunityListing = Omit<ReadCommunityReturnType, 'chainId' | 'policy'> & {
  /** The policy the community was created with (a vote may since have given the treasury another). */
  policy: Address;
  /** Who sent the transaction that created it. */
  creator: Address;
  /** When it was created, in seconds since 1970 (the block's timestamp). */
  createdAt: bigint;
};

export type ListCommunitiesReturnType = {
  /** Newest first. */
  communities: CommunityListing[];
  /** How many communities the factory has created in all. */
  total: bigint;
};

export type ListCommunitiesErrorType =
  | InvalidParameterErrorType
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | Error;

/**
 * Lists the communities a CommunityFactory created, newest first, a page at a time.
 *
 * - Docs: sdk/README.md#listcommunities
 * - JSON-RPC Methods: `eth_blockNumber`, then [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call)s
 *   to the factory's `communityCount()` and `communities(offset, limit)`, and each governor's `name()`, all at
 *   that block, so a community created meanwhile cannot shift the page.
 *
 * @param client - Client to use.
 * @param parameters - {@link ListCommunitiesParameters}
 * @returns The page and the total. {@link ListCommunitiesReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { listCommunities } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { communities, total } = await listCommunities(client, { factory: '0x…', limit: 10 })
 */
export async function listCommunities(
  client: Client<Transport, Chain | undefined>,
  parameters: ListCommunitiesParameters,
): Promise<ListCommunitiesReturnType> {
  const { factory, offset = 0, limit = 20 } = parameters;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new InvalidParameterError({ parameter: 'offset', expected: 'a whole number, 0 or more', received: offset });
  }
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidParameterError({ parameter: 'limit', expected: 'a whole number, 1 or more', received: limit });
  }
  try {
    const blockNumber = await getBlockNumber(client, { cacheTime: 0 });
    const total = await readContract(client, { address: factory, abi: communityFactoryAbi, functionName: 'communityCount', blockNumber });
    // The factory keeps them oldest first: the newest `offset` are the last ones.
    const end = total - BigInt(offset);
    if (end <= 0n) return { communities: [], total };
    const start = end > BigInt(limit) ? end - BigInt(limit) : 0n;
    const [page] = await readContract(client, {
      address: factory,
      abi: communityFactoryAbi,
      functionName: 'communities',
      args: [start, end - start],
      blockNumber,
    });
    const names = await Promise.all(
      page.map((record) =>
        readContract(client, { address: record.governor, abi: communityGovernorAbi, functionName: 'name', blockNumber }),
      ),
    );
    const communities = page.map((record, i) => ({
      name: names[i] as string,
      governor: record.governor,
      token: record.token,
      timelock: record.timelock,
      treasury: record.treasury,
      policy: record.policy,
      creator: record.creator,
      createdAt: BigInt(record.createdAt),
    }));
    return { communities: communities.reverse(), total };
  } catch (error) {
    throw await getReadError(client, { error, address: factory, contractName: 'CommunityFactory' });
  }
}

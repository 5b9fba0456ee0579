import { type Address, type Chain, type Client, type Transport, isAddressEqual, keccak256, toHex } from 'viem';
import { getChainId, readContract } from 'viem/actions';
import { communityFactoryAbi, communityGovernorAbi, communityTokenAbi, paymentPolicyAbi, timelockControllerAbi, treasuryAbi } from '../abis/generated.js';
import {
  type CommunityMismatch,
  CommunityMismatchError,
  type CommunityMismatchErrorType,
  CommunityNotFoundError,
  type CommunityNotFoundErrorType,
} from '../errors/community.js';
import { ContractRevertedError, type ContractRevertedErrorType } from '../errors/contract.js';
import {
  ChainMismatchError,
  type ChainMismatchErrorType,
  ContractNotFoundError,
  type ContractNotFoundErrorType,
  type RpcUnreachableErrorType,
} from '../errors/rpc.js';
import { getReadError } from '../errors/getReadError.js';

export type ReadCommunityParameters = {
  /** The community's governor: the address that names a community (its link is `/<chainId>/<governor>/`). */
  governor: Address;
} & (
  | {
      /** The CommunityFactory that created the community; its record gives the treasury. */
      factory: Address;
      treasury?: undefined;
    }
  | {
      factory?: undefined;
      /** The community's treasury, for a community not made by a factory (its policy is the treasury's). */
      treasury: Address;
    }
);

export type ReadCommunityReturnType = {
  chainId: number;
  /** The community's name, as its governor carries it. */
  name: string;
  governor: Address;
  token: Address;
  timelock: Address;
  treasury: Address;
  /** The PaymentPolicy the treasury checks every payout against (a vote may have replaced the first one). */
  policy: Address;
};

export type ReadCommunityErrorType =
  | CommunityNotFoundErrorType
  | CommunityMismatchErrorType
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | Error;

/** `keccak256("PROPOSER_ROLE")`, as OpenZeppelin's TimelockController defines it. */
const PROPOSER_ROLE = keccak256(toHex('PROPOSER_ROLE'));

/**
 * Reads a community's contracts from the chain, starting from its governor, and checks that they
 * belong together.
 *
 * - Docs: sdk/README.md#readcommunity
 * - JSON-RPC Methods: `eth_chainId`, then [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call)s
 *   in three rounds: the governor's `name()`, `token()`, `timelock()` and the factory's `communityOf(governor)`;
 *   the parts' `owner()`, the treasury's `policy()` and the timelock's `hasRole(PROPOSER_ROLE, governor)`;
 *   the policy's `owner()`.
 *
 * The governor knows its token and timelock, and the treasury knows its policy, but nothing on chain
 * leads from the governor or the timelock to the treasury: the timelock owns the treasury without
 * recording it. So the treasury comes from the `factory` that created the community (`communityOf`),
 * or is given as `treasury` for a community deployed without one. The policy is always the one the
 * treasury checks payouts against today.
 *
 * Checked before anything is returned: the token, the treasury and the policy are owned by the
 * governor's timelock, and the governor is that timelock's proposer. Anyone can deploy a treasury that
 * names any owner, so these checks catch mixed-up addresses, not a forgery: trust comes from the factory.
 *
 * A failure is explained: {@link CommunityNotFoundError} when `governor` is not a CommonGuard governor
 * (or the factory did not create it), {@link CommunityMismatchError} naming each part that belongs to
 * another community, {@link RpcUnreachableError} when the node does not answer,
 * {@link ChainMismatchError} when the client's chain is not the node's, and {@link ContractNotFoundError}
 * when the factory or the treasury is not one.
 *
 * @param client - Client to use.
 * @param parameters - {@link ReadCommunityParameters}
 * @returns The community's chain id, name and addresses. {@link ReadCommunityReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { readCommunity } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const community = await readCommunity(client, { governor: '0x…', factory: '0x…' })
 * // { chainId: 31337, name: 'Riverside Food Co-op', governor, token, timelock, treasury, policy }
 */
export async function readCommunity(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadCommunityParameters,
): Promise<ReadCommunityReturnType> {
  const { governor, factory } = parameters;
  // Settled in order, so the first failure reported is the most basic one: a bad governor before a
  // factory that does not know it.
  const [chainId, name, token, timelock, treasury] = await allInOrder([
    readChainId(client),
    readGovernor(client, governor, 'name'),
    readGovernor(client, governor, 'token'),
    readGovernor(client, governor, 'timelock'),
    factory === undefined ? parameters.treasury : readTreasuryFromFactory(client, { factory, governor }),
  ]);

  const [tokenOwner, treasuryOwner, policy, governorProposes] = await Promise.all([
    explained(client, token, 'CommunityToken', () =>
      readContract(client, { address: token, abi: communityTokenAbi, functionName: 'owner' }),
    ),
    explained(client, treasury, 'Treasury', () =>
      readContract(client, { address: treasury, abi: treasuryAbi, functionName: 'owner' }),
    ),
    explained(client, treasury, 'Treasury', () =>
      readContract(client, { address: treasury, abi: treasuryAbi, functionName: 'policy' }),
    ),
    explained(client, timelock, 'TimelockController', () =>
      readContract(client, { address: timelock, abi: timelockControllerAbi, functionName: 'hasRole', args: [PROPOSER_ROLE, governor] }),
    ),
  ]);
  const policyOwner = await explained(client, policy, 'PaymentPolicy', () =>
    readContract(client, { address: policy, abi: paymentPolicyAbi, functionName: 'owner' }),
  );

  const mismatches: CommunityMismatch[] = [];
  const ownedByTimelock = (part: CommunityMismatch['part'], address: Address, owner: Address, role: string) => {
    if (!isAddressEqual(owner, timelock)) {
      mismatches.push({ part, problem: `the ${part} ${address} ${role} ${owner}, not by the community's timelock ${timelock}.` });
    }
  };
  ownedByTimelock('token', token, tokenOwner, 'is minted by');
  if (!governorProposes) {
    mismatches.push({
      part: 'timelock',
      problem: `the governor is not a proposer of the timelock ${timelock}: its proposals could never be queued.`,
    });
  }
  ownedByTimelock('treasury', treasury, treasuryOwner, 'is owned by');
  ownedByTimelock('policy', policy, policyOwner, 'is owned by');
  if (mismatches.length > 0) throw new CommunityMismatchError({ governor, mismatches });

  return { chainId, name, governor, token, timelock, treasury, policy };
}

async function readChainId(client: Client<Transport, Chain | undefined>): Promise<number> {
  let chainId: number;
  try {
    chainId = await getChainId(client);
  } catch (error) {
    throw await getReadError(client, { error, address: '0x0000000000000000000000000000000000000000', contractName: 'chain' });
  }
  if (client.chain && client.chain.id !== chainId) {
    throw new ChainMismatchError({ expectedChainId: client.chain.id, actualChainId: chainId });
  }
  return chainId;
}

/** One of the governor's views; a contract that does not answer it is no community's governor. */
async function readGovernor<functionName extends 'name' | 'token' | 'timelock'>(
  client: Client<Transport, Chain | undefined>,
  governor: Address,
  functionName: functionName,
) {
  try {
    return await readContract(client, { address: governor, abi: communityGovernorAbi, functionName });
  } catch (error) {
    const explained = await getReadError(client, { error, address: governor, contractName: 'governor' });
    if (explained instanceof ContractNotFoundError) {
      throw new CommunityNotFoundError({
        governor,
        chainId: explained.chainId,
        reason: explained.hasCode ? 'not-a-governor' : 'no-code',
        cause: error,
      });
    }
    throw explained;
  }
}

async function readTreasuryFromFactory(
  client: Client<Transport, Chain | undefined>,
  { factory, governor }: { factory: Address; governor: Address },
): Promise<Address> {
  try {
    const record = await readContract(client, {
      address: factory,
      abi: communityFactoryAbi,
      functionName: 'communityOf',
      args: [governor],
    });
    return record.treasury;
  } catch (error) {
    const explained = await getReadError(client, { error, address: factory, contractName: 'CommunityFactory' });
    if (explained instanceof ContractRevertedError && explained.errorName === 'CommunityFactoryUnknownCommunity') {
      throw new CommunityNotFoundError({
        governor,
        chainId: client.chain?.id,
        reason: 'not-from-factory',
        factory,
        cause: error,
      });
    }
    throw explained;
  }
}

/** Like `Promise.all`, but when several fail it rejects with the earliest in the list, not the fastest. */
async function allInOrder<const promises extends readonly unknown[]>(
  promises: promises,
): Promise<{ -readonly [i in keyof promises]: Awaited<promises[i]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as never;
}

/** Runs one read; its failure becomes the sdk's readable error for `contractName` at `address`. */
async function explained<result>(
  client: Client<Transport, Chain | undefined>,
  address: Address,
  contractName: string,
  read: () => Promise<result>,
): Promise<result> {
  try {
    return await read();
  } catch (error) {
    throw await getReadError(client, { error, address, contractName });
  }
}

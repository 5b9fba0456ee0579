import type { Address, BlockTag, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import type { PolicySnapshot } from '../types/policy.js';
import { getReadError } from '../errors/getReadError.js';

export type ReadPolicyParameters = {
  /** The PaymentPolicy contract. */
  address: Address;
} & (
  | {
      /** Read the policy as of this block. */
      blockNumber?: bigint | undefined;
      blockTag?: undefined;
    }
  | {
      blockNumber?: undefined;
      /** Read the policy as of this block tag. Default `'latest'`. */
      blockTag?: BlockTag | undefined;
    }
);

export type ReadPolicyReturnType = PolicySnapshot;

export type ReadPolicyErrorType =
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | Error;

/**
 * Reads the community's payment policy — version, score thresholds, the approval rule and every
 * token's limits — in one call.
 *
 * - Docs: sdk/README.md#readpolicy
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to `snapshot()`
 *
 * A failure is explained: {@link RpcUnreachableError} when the node does not answer,
 * {@link ChainMismatchError} when the client's chain is not the node's, {@link ContractNotFoundError}
 * when there is no PaymentPolicy at `address`.
 *
 * @param client - Client to use.
 * @param parameters - {@link ReadPolicyParameters}
 * @returns The policy snapshot, amounts as bigints. {@link ReadPolicyReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { localDeployment, readPolicy } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const policy = await readPolicy(client, { address: localDeployment.contracts.paymentPolicy })
 * // { version: 2n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [...] }
 */
export async function readPolicy(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadPolicyParameters,
): Promise<ReadPolicyReturnType> {
  const { address, blockNumber, blockTag } = parameters;
  try {
    const snapshot = await readContract(client, {
      address,
      abi: paymentPolicyAbi,
      functionName: 'snapshot',
      ...(blockNumber === undefined ? { blockTag } : { blockNumber }),
    });
    return {
      version: snapshot.version,
      warnAt: snapshot.warnAt,
      blockAt: snapshot.blockAt,
      unlimitedApprovalsAllowed: snapshot.unlimitedApprovalsAllowed,
      tokenLimits: snapshot.tokenLimits.map((limits) => ({
        token: limits.token,
        maxSinglePayment: limits.maxSinglePayment,
        dailyCap: limits.dailyCap,
        maxFirstPayment: limits.maxFirstPayment,
      })),
    };
  } catch (error) {
    throw await getReadError(client, { error, address, contractName: 'PaymentPolicy' });
  }
}

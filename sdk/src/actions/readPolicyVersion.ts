import type { Address, BlockTag, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import { getReadError } from '../errors/getReadError.js';

export type ReadPolicyVersionParameters = {
  /** The PaymentPolicy contract. */
  address: Address;
} & (
  | { blockNumber?: bigint | undefined; blockTag?: undefined }
  | { blockNumber?: undefined; blockTag?: BlockTag | undefined }
);

export type ReadPolicyVersionReturnType = bigint;

export type ReadPolicyVersionErrorType =
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | Error;

/**
 * Reads the policy's version: it starts at 1 and grows by one with every change, so a wallet that
 * cached a snapshot re-reads it only when this number moved.
 *
 * - Docs: sdk/README.md#readpolicyversion
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to `version()`
 *
 * @param client - Client to use.
 * @param parameters - {@link ReadPolicyVersionParameters}
 * @returns The current version. {@link ReadPolicyVersionReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { localDeployment, readPolicyVersion } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const version = await readPolicyVersion(client, { address: localDeployment.contracts.paymentPolicy })
 */
export async function readPolicyVersion(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadPolicyVersionParameters,
): Promise<ReadPolicyVersionReturnType> {
  const { address, blockNumber, blockTag } = parameters;
  try {
    return await readContract(client, {
      address,
      abi: paymentPolicyAbi,
      functionName: 'version',
      ...(blockNumber === undefined ? { blockTag } : { blockNumber }),
    });
  } catch (error) {
    throw await getReadError(client, { error, address, contractName: 'PaymentPolicy' });
  }
}

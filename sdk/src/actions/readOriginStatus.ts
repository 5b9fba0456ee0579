import type { Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import type { MerchantStatusEntry } from '../types/policy.js';
import { readListingStatus } from './policyListing.js';

export type ReadOriginStatusParameters = {
  /** The PaymentPolicy contract. */
  address: Address;
  /** A site origin such as `window.location.origin`; letter case and a trailing `/` do not matter. */
  origin: string;
};

export type ReadOriginStatusReturnType = MerchantStatusEntry;

export type ReadOriginStatusErrorType =
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | Error;

/**
 * Reads how the community regards one site origin: `trusted`, `blocked` or `unknown` (not listed),
 * with the community's note.
 *
 * - Docs: sdk/README.md#readoriginstatus
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to `originStatus(string)`
 *
 * @param client - Client to use.
 * @param parameters - {@link ReadOriginStatusParameters}
 * @returns The status and note. {@link ReadOriginStatusReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { localDeployment, readOriginStatus } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { status } = await readOriginStatus(client, {
 *   address: localDeployment.contracts.paymentPolicy,
 *   origin: 'http://localhost:5174',
 * })
 */
export async function readOriginStatus(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadOriginStatusParameters,
): Promise<ReadOriginStatusReturnType> {
  const { address, origin } = parameters;
  return readListingStatus(client, address, () =>
    readContract(client, { address, abi: paymentPolicyAbi, functionName: 'originStatus', args: [origin] }),
  );
}

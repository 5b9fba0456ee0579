import type { Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import type { MerchantStatusEntry } from '../types/policy.js';
import { readListingStatus } from './policyListing.js';

export type ReadMerchantStatusParameters = {
  /** The PaymentPolicy contract. */
  address: Address;
  /** The merchant's address. */
  merchant: Address;
};

export type ReadMerchantStatusReturnType = MerchantStatusEntry;

export type ReadMerchantStatusErrorType =
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | Error;

/**
 * Reads how the community regards one merchant address: `trusted`, `blocked` or `unknown` (not
 * listed), with the community's note.
 *
 * - Docs: sdk/README.md#readmerchantstatus
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to `merchantStatus(address)`
 *
 * @param client - Client to use.
 * @param parameters - {@link ReadMerchantStatusParameters}
 * @returns The status and note. {@link ReadMerchantStatusReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { localDeployment, readMerchantStatus } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { status, note } = await readMerchantStatus(client, {
 *   address: localDeployment.contracts.paymentPolicy,
 *   merchant: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
 * })
 */
export async function readMerchantStatus(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadMerchantStatusParameters,
): Promise<ReadMerchantStatusReturnType> {
  const { address, merchant } = parameters;
  return readListingStatus(client, address, () =>
    readContract(client, { address, abi: paymentPolicyAbi, functionName: 'merchantStatus', args: [merchant] }),
  );
}

import type { Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import type { InvalidParameterErrorType } from '../errors/parameters.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import type { DomainEntry } from '../types/policy.js';
import { readListingPage } from './policyListing.js';

export type ListDomainsParameters = {
  /** The PaymentPolicy contract. */
  address: Address;
  /** How many listed domain rules to skip. Default 0. */
  offset?: number | undefined;
  /** The most domain rules to return. Default 100. */
  limit?: number | undefined;
};

export type ListDomainsReturnType = {
  domains: DomainEntry[];
  /** How many domain rules are listed in all. */
  total: number;
  /** The `offset` of the next page, or `undefined` after the last one. */
  nextOffset: number | undefined;
};

export type ListDomainsErrorType =
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | InvalidParameterErrorType
  | Error;

/**
 * Lists one page of the domain rules the community has voted: each covers a domain and all its
 * subdomains (`scam.example` covers `pay.scam.example`).
 *
 * - Docs: sdk/README.md#listdomains
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to `domains(uint256,uint256)`
 *
 * @param client - Client to use.
 * @param parameters - {@link ListDomainsParameters}
 * @returns The page, the total and the next offset. {@link ListDomainsReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { listDomains, localDeployment } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * let offset: number | undefined = 0
 * while (offset !== undefined) {
 *   const page = await listDomains(client, { address: localDeployment.contracts.paymentPolicy, offset })
 *   console.log(page.domains)
 *   offset = page.nextOffset
 * }
 */
export async function listDomains(
  client: Client<Transport, Chain | undefined>,
  parameters: ListDomainsParameters,
): Promise<ListDomainsReturnType> {
  const { entries, total, nextOffset } = await readListingPage(client, parameters, (offset, limit) =>
    readContract(client, {
      address: parameters.address,
      abi: paymentPolicyAbi,
      functionName: 'domains',
      args: [offset, limit],
    }),
  );
  return { domains: entries, total, nextOffset };
}

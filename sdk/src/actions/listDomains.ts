import type { Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { DomainEntry } from '../types/policy.js';
import { type ListingErrorType, type ListingPage, type ListingPageParameters, readListingPage } from './policyListing.js';

export type ListDomainsParameters = ListingPageParameters;
export type ListDomainsReturnType = ListingPage<'domains', DomainEntry>;
export type ListDomainsErrorType = ListingErrorType;

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

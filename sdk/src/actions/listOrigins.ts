import type { Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { OriginEntry } from '../types/policy.js';
import { type ListingErrorType, type ListingPage, type ListingPageParameters, readListingPage } from './policyListing.js';

export type ListOriginsParameters = ListingPageParameters;
export type ListOriginsReturnType = ListingPage<'origins', OriginEntry>;
export type ListOriginsErrorType = ListingErrorType;

/**
 * Lists one page of the site origins the community has trusted or blocked.
 *
 * - Docs: sdk/README.md#listorigins
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to `origins(uint256,uint256)`
 *
 * @param client - Client to use.
 * @param parameters - {@link ListOriginsParameters}
 * @returns The page, the total and the next offset. {@link ListOriginsReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { listOrigins, localDeployment } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * let offset: number | undefined = 0
 * while (offset !== undefined) {
 *   const page = await listOrigins(client, { address: localDeployment.contracts.paymentPolicy, offset })
 *   console.log(page.origins)
 *   offset = page.nextOffset
 * }
 */
export async function listOrigins(
  client: Client<Transport, Chain | undefined>,
  parameters: ListOriginsParameters,
): Promise<ListOriginsReturnType> {
  const { entries, total, nextOffset } = await readListingPage(client, parameters, (offset, limit) =>
    readContract(client, {
      address: parameters.address,
      abi: paymentPolicyAbi,
      functionName: 'origins',
      args: [offset, limit],
    }),
  );
  return { origins: entries, total, nextOffset };
}

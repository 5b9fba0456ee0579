import type { Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { MerchantEntry } from '../types/policy.js';
import { type ListingErrorType, type ListingPage, type ListingPageParameters, readListingPage } from './policyListing.js';

export type ListMerchantsParameters = ListingPageParameters;
export type ListMerchantsReturnType = ListingPage<'merchants', MerchantEntry>;
export type ListMerchantsErrorType = ListingErrorType;

/**
 * Lists one page of the merchant addresses the community has trusted or blocked.
 *
 * - Docs: sdk/README.md#listmerchants
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to `merchants(uint256,uint256)`
 *
 * @param client - Client to use.
 * @param parameters - {@link ListMerchantsParameters}
 * @returns The page, the total and the next offset. {@link ListMerchantsReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { listMerchants, localDeployment } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * let offset: number | undefined = 0
 * while (offset !== undefined) {
 *   const page = await listMerchants(client, { address: localDeployment.contracts.paymentPolicy, offset })
 *   console.log(page.merchants)
 *   offset = page.nextOffset
 * }
 */
export async function listMerchants(
  client: Client<Transport, Chain | undefined>,
  parameters: ListMerchantsParameters,
): Promise<ListMerchantsReturnType> {
  const { entries, total, nextOffset } = await readListingPage(client, parameters, (offset, limit) =>
    readContract(client, {
      address: parameters.address,
      abi: paymentPolicyAbi,
      functionName: 'merchants',
      args: [offset, limit],
    }),
  );
  return { merchants: entries, total, nextOffset };
}

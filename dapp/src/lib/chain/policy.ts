import { listDomains, listMerchants, listOrigins, readPolicy, type DomainEntry, type MerchantEntry, type OriginEntry, type PolicySnapshot } from '@commonguard/sdk';
import type { Address } from 'viem';
import type { AppClient } from './chain.js';

export type { PolicySnapshot };

export function readPolicySnapshot(client: AppClient, address: Address): Promise<PolicySnapshot> {
  return readPolicy(client, { address });
}

/** Every listed merchant, origin and domain rule, page by page through the policy's own views. */
export async function readListings(
  client: AppClient,
  address: Address,
): Promise<{ merchants: MerchantEntry[]; origins: OriginEntry[]; domains: DomainEntry[] }> {
  const merchants: MerchantEntry[] = [];
  const origins: OriginEntry[] = [];
  for (let offset: number | undefined = 0; offset !== undefined; ) {
    const page = await listMerchants(client, { address, offset });
    merchants.push(...page.merchants);
    offset = page.nextOffset;
  }
  for (let offset: number | undefined = 0; offset !== undefined; ) {
    const page = await listOrigins(client, { address, offset });
    origins.push(...page.origins);
    offset = page.nextOffset;
  }
  const domains: DomainEntry[] = [];
  for (let offset: number | undefined = 0; offset !== undefined; ) {
    const page = await listDomains(client, { address, offset });
    domains.push(...page.domains);
    offset = page.nextOffset;
  }
  return { merchants, origins, domains };
}

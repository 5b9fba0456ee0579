import { listDomains, listOrigins } from '@commonguard/sdk';
import type { Address, PublicClient } from 'viem';
import type { CachedPolicy } from './PolicyCache.js';

/** The most listing pages read per list: a policy with more trusted sites than this is compared on its first ones. */
const MAX_PAGES = 20;

/**
 * The hosts the community trusts (its trusted origins' hosts and its trusted domains), which the look-alike
 * check compares a site with beside the well-known ones: a page imitating the community's own shop is the
 * imitation that matters most to its members. Read once per policy version (the lists only change by a
 * vote, and every vote bumps the version).
 */
export class TrustedSites {
  #cached: { key: string; hosts: Promise<string[]> } | undefined;

  of(client: PublicClient, policy: CachedPolicy): Promise<string[]> {
    const key = `${policy.address.toLowerCase()}:${policy.snapshot.version}`;
    if (this.#cached?.key !== key) {
      const hosts = readTrustedHosts(client, policy.address);
      this.#cached = { key, hosts };
      // A failed read is not kept: the next request reads again.
      hosts.catch(() => {
        if (this.#cached?.hosts === hosts) this.#cached = undefined;
      });
    }
    return this.#cached.hosts;
  }
}

async function readTrustedHosts(client: PublicClient, address: Address): Promise<string[]> {
  const hosts = new Set<string>();
  let offset: number | undefined = 0;
  for (let page = 0; page < MAX_PAGES && offset !== undefined; page++) {
    const read: Awaited<ReturnType<typeof listOrigins>> = await listOrigins(client, { address, offset });
    for (const { origin, status } of read.origins) if (status === 'trusted') hosts.add(new URL(origin).hostname);
    offset = read.nextOffset;
  }
  offset = 0;
  for (let page = 0; page < MAX_PAGES && offset !== undefined; page++) {
    const read: Awaited<ReturnType<typeof listDomains>> = await listDomains(client, { address, offset });
    for (const { domain, status } of read.domains) if (status === 'trusted') hosts.add(domain);
    offset = read.nextOffset;
  }
  return [...hosts];
}

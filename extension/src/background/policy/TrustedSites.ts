import { listDomains, listOrigins } from '@commonguard/sdk';
import type { Address, PublicClient } from 'viem';

/** The most listing pages read per list: a policy with more trusted sites than this is compared on its first ones. */
const MAX_PAGES = 20;

/** A community policy as the trusted-sites read names it: its contract and the version read. */
export type PolicyVersion = { policy: Address; version: bigint };

/**
 * The hosts the communities trust (their trusted origins' hosts and their trusted domains), which the
 * look-alike check compares a site with beside the well-known ones: a page imitating a community's own
 * shop is the imitation that matters most to its members. Each policy's list is read once per policy
 * version (the lists only change by a vote, and every vote bumps the version), kept per network and
 * policy contract (two networks may hold different contracts at one address).
 */
export class TrustedSites {
  #cached = new Map<string, { version: bigint; hosts: Promise<string[]> }>();

  /** The hosts one policy on chain `chainId` trusts, at `version`. */
  of(client: PublicClient, chainId: number, { policy, version }: PolicyVersion): Promise<string[]> {
    const key = `${chainId}:${policy.toLowerCase()}`;
    const cached = this.#cached.get(key);
    if (cached && cached.version === version) return cached.hosts;
    const hosts = readTrustedHosts(client, policy);
    const entry = { version, hosts };
    this.#cached.set(key, entry);
    // A failed read is not kept: the next request reads again.
    hosts.catch(() => {
      if (this.#cached.get(key) === entry) this.#cached.delete(key);
    });
    return hosts;
  }

  /** The union of what several policies trust (none: empty); fails if any list cannot be read. */
  async ofAll(client: PublicClient, chainId: number, policies: readonly PolicyVersion[]): Promise<string[]> {
    const lists = await Promise.all(policies.map((policy) => this.of(client, chainId, policy)));
    return [...new Set(lists.flat())];
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

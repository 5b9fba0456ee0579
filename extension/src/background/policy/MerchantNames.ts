import { listMerchants } from '@commonguard/sdk';
import type { Address, PublicClient } from 'viem';

/** Pages read at most (100 merchants each): the names are a convenience, not worth a long wait. */
const MAX_PAGES = 5;

/**
 * The names the community recorded for merchant addresses (the policy's notes), read once per policy
 * version and kept, so the history can say "Corner Coffee" instead of an address.
 */
export class MerchantNames {
  #key: string | null = null;
  #names = new Map<string, string>();
  #reading: Promise<void> | null = null;

  /** Reads the list if the policy changed since the last read; a failed read keeps the old names. */
  async refresh(client: PublicClient, policy: Address, version: bigint): Promise<void> {
    const key = `${policy.toLowerCase()}|${version}`;
    if (this.#key === key) return;
    this.#reading ??= (async () => {
      const names = new Map<string, string>();
      let offset: number | undefined = 0;
      for (let page = 0; page < MAX_PAGES && offset !== undefined; page++) {
        const result = await listMerchants(client, { address: policy, offset });
        for (const merchant of result.merchants) if (merchant.note) names.set(merchant.merchant.toLowerCase(), merchant.note);
        offset = result.nextOffset;
      }
      this.#names = names;
      this.#key = key;
    })()
      .catch(() => {})
      .finally(() => {
        this.#reading = null;
      });
    await this.#reading;
  }

  nameOf(address: string | null): string | null {
    return address ? (this.#names.get(address.toLowerCase()) ?? null) : null;
  }
}

import { type Address, getAddress } from 'viem';
import type { StoredValue } from '../store/StoredValue.js';

/** A token the shopper chose to see (EIP-747 `wallet_watchAsset`, confirmed in the wallet window). */
export type WatchedToken = { address: Address; symbol: string; decimals: number; addedAt: number };

/** Tokens kept at most: a site cannot fill the popup. */
export const MAX_WATCHED_TOKENS = 50;

export class WatchedTokensFullError extends Error {
  override name = 'WatchedTokensFullError';
  constructor() {
    super(`The wallet lists at most ${MAX_WATCHED_TOKENS} extra tokens.`);
  }
}

/** The tokens the shopper added to the popup, besides those the policy lists and those in the history. */
export class WatchedTokens {
  #item: StoredValue<WatchedToken[]>;

  constructor({ item }: { item: StoredValue<WatchedToken[]> }) {
    this.#item = item;
  }

  async list(): Promise<WatchedToken[]> {
    return (await this.#item.getValue()) ?? [];
  }

  async has(address: Address): Promise<boolean> {
    return (await this.list()).some((token) => token.address.toLowerCase() === address.toLowerCase());
  }

  async add(token: WatchedToken): Promise<void> {
    const list = await this.list();
    if (list.some((existing) => existing.address.toLowerCase() === token.address.toLowerCase())) return;
    if (list.length >= MAX_WATCHED_TOKENS) throw new WatchedTokensFullError();
    await this.#item.setValue([...list, { ...token, address: getAddress(token.address) }]);
  }

  async clear(): Promise<void> {
    await this.#item.setValue([]);
  }
}

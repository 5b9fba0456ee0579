import type { StoredValue } from '../store/StoredValue.js';

/** The shopper's own choices that are not network settings. */
export type WalletPreferences = { explorerUrl: string | null };

export class PreferencesInputError extends Error {
  override name = 'PreferencesInputError';
}

/**
 * A block explorer base address such as `https://etherscan.io`: http(s) only (a link the popup opens),
 * no query or fragment; an empty text removes it.
 */
export function parseExplorerUrl(input: unknown): string | null {
  if (input === null || input === undefined || (typeof input === 'string' && input.trim() === '')) return null;
  if (typeof input !== 'string') throw new PreferencesInputError('Enter the block explorer address, for example https://etherscan.io.');
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new PreferencesInputError('Enter the block explorer address, for example https://etherscan.io.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PreferencesInputError('The block explorer address must start with https://.');
  if (url.search || url.hash || url.username || url.password) throw new PreferencesInputError('Enter only the block explorer address, without ? or # parts.');
  return url.href.replace(/\/+$/, '');
}

/** The explorer's page for transaction `hash`. */
export function explorerTxUrl(base: string | null, hash: string | undefined): string | undefined {
  if (!base || !hash || !/^0x[0-9a-fA-F]{64}$/.test(hash)) return undefined;
  return `${base}/tx/${hash}`;
}

export class Preferences {
  #item: StoredValue<WalletPreferences>;

  constructor({ item }: { item: StoredValue<WalletPreferences> }) {
    this.#item = item;
  }

  async get(): Promise<WalletPreferences> {
    return { explorerUrl: null, ...((await this.#item.getValue()) ?? {}) };
  }

  async setExplorerUrl(input: unknown): Promise<string | null> {
    const explorerUrl = parseExplorerUrl(input);
    await this.#item.setValue({ ...(await this.get()), explorerUrl });
    return explorerUrl;
  }
}

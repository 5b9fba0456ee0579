import { type Chain, createPublicClient, http, type PublicClient } from 'viem';
import type { WalletSettings } from '../settings/Settings.js';

/**
 * One viem client per (RPC URL, chain id), rebuilt when the settings change. Requests made in the
 * same tick go out as one JSON-RPC batch, so gathering a payment's context is one round trip.
 */
export class ChainAccess {
  #settings: () => Promise<WalletSettings>;
  #client: { key: string; client: PublicClient; chain: Chain } | null = null;

  constructor({ settings }: { settings: () => Promise<WalletSettings> }) {
    this.#settings = settings;
  }

  async current(): Promise<{ client: PublicClient; chain: Chain; settings: WalletSettings }> {
    const settings = await this.#settings();
    const key = `${settings.chainId}|${settings.rpcUrl}`;
    if (this.#client?.key !== key) {
      const chain = chainFor(settings);
      this.#client = { key, client: clientFor(settings), chain };
    }
    return { client: this.#client.client, chain: this.#client.chain, settings };
  }
}

/**
 * A client for a network by its RPC URL and chain id (the one in use comes from {@link ChainAccess};
 * this one serves a read on another saved network).
 */
export function clientFor(network: { chainId: number; rpcUrl: string }): PublicClient {
  return createPublicClient({
    chain: chainFor(network),
    transport: http(network.rpcUrl, { batch: { wait: 0 }, timeout: 5_000, retryCount: 0 }),
  }) as PublicClient;
}

export function chainFor(settings: { chainId: number; rpcUrl: string }): Chain {
  return {
    id: settings.chainId,
    name: settings.chainId === 31337 ? 'Local chain' : `Chain ${settings.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [settings.rpcUrl] } },
  };
}


import { type Chain, createPublicClient, http, type PublicClient } from 'viem';
import type { WalletSettings } from '../settings/Settings.js';

/** The network a client is made for: its chain id and RPC URL, and its coin when the wallet knows it. */
export type ChainTarget = { chainId: number; rpcUrl: string; nativeCurrency?: Chain['nativeCurrency'] | undefined };

/** The coin of a network the wallet knows nothing more of. */
const DEFAULT_COIN: Chain['nativeCurrency'] = { name: 'Ether', symbol: 'ETH', decimals: 18 };

/**
 * One viem client per (RPC URL, chain id), rebuilt when the settings change. Requests made in the
 * same tick go out as one JSON-RPC batch, so gathering a payment's context is one round trip.
 */
export class ChainAccess {
  #settings: () => Promise<WalletSettings & Pick<ChainTarget, 'nativeCurrency'>>;
  #client: { key: string; client: PublicClient; chain: Chain } | null = null;

  /** `settings`: the settings in use, with the network in use's coin (its symbol names fees and balances). */
  constructor({ settings }: { settings: () => Promise<WalletSettings & Pick<ChainTarget, 'nativeCurrency'>> }) {
    this.#settings = settings;
  }

  async current(): Promise<{ client: PublicClient; chain: Chain; settings: WalletSettings }> {
    const settings = await this.#settings();
    const coin = settings.nativeCurrency ?? DEFAULT_COIN;
    const key = `${settings.chainId}|${settings.rpcUrl}|${coin.symbol}|${coin.decimals}`;
    if (this.#client?.key !== key) {
      const client = clientFor(settings);
      this.#client = { key, client, chain: client.chain as Chain };
    }
    return { client: this.#client.client, chain: this.#client.chain, settings };
  }
}

/**
 * A client for a network by its RPC URL and chain id (the one in use comes from {@link ChainAccess};
 * this one serves a read on another saved network).
 */
export function clientFor(network: ChainTarget): PublicClient {
  return createPublicClient({
    chain: chainFor(network),
    transport: http(network.rpcUrl, { batch: { wait: 0 }, timeout: 5_000, retryCount: 0 }),
  }) as PublicClient;
}

export function chainFor(settings: ChainTarget): Chain {
  return {
    id: settings.chainId,
    name: settings.chainId === 31337 ? 'Local chain' : `Chain ${settings.chainId}`,
    nativeCurrency: settings.nativeCurrency ?? DEFAULT_COIN,
    rpcUrls: { default: { http: [settings.rpcUrl] } },
  };
}


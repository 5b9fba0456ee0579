import { type Chain, createPublicClient, http, type PublicClient } from 'viem';
import type { WalletSettings } from '../settings/Settings.js';
import { BlockReads, readsOncePerBlock } from './BlockReads.js';
import { HeadWatcher, type HeadWatcherOptions, webSocketUrlOf } from './HeadWatcher.js';

/** The network a client is made for: its chain id and RPC URL, and its coin when the wallet knows it. */
export type ChainTarget = { chainId: number; rpcUrl: string; nativeCurrency?: Chain['nativeCurrency'] | undefined };

/** The coin of a network the wallet knows nothing more of. */
const DEFAULT_COIN: Chain['nativeCurrency'] = { name: 'Ether', symbol: 'ETH', decimals: 18 };

/**
 * One viem client per (RPC URL, chain id), rebuilt when the settings change. Requests made in the
 * same tick go out as one JSON-RPC batch, so gathering a payment's context is one round trip; while
 * someone keeps the chain's new blocks watched ({@link keepWatchingBlocks}), what was read at the latest
 * block is not asked again until the next one (`BlockReads`), so it takes none.
 */
export class ChainAccess {
  #settings: () => Promise<WalletSettings & Pick<ChainTarget, 'nativeCurrency'>>;
  #heads: Omit<HeadWatcherOptions, 'url'>;
  #client: { key: string; client: PublicClient; chain: Chain; heads: HeadWatcher | null } | null = null;

  /**
   * `settings`: the settings in use, with the network in use's coin (its symbol names fees and balances).
   * `heads`: how the new blocks are watched (tests give Node's WebSocket).
   */
  constructor({ settings, heads = {} }: { settings: () => Promise<WalletSettings & Pick<ChainTarget, 'nativeCurrency'>>; heads?: Omit<HeadWatcherOptions, 'url'> }) {
    this.#settings = settings;
    this.#heads = heads;
  }

  /**
   * Watches the network in use's new blocks for the next two minutes (a site is paying inside a session):
   * the client the request was judged with, so no settings are read again.
   */
  keepWatchingBlocks(): void {
    this.#client?.heads?.keep();
  }

  async current(): Promise<{ client: PublicClient; chain: Chain; settings: WalletSettings }> {
    const settings = await this.#settings();
    const coin = settings.nativeCurrency ?? DEFAULT_COIN;
    const key = `${settings.chainId}|${settings.rpcUrl}|${coin.symbol}|${coin.decimals}`;
    if (this.#client?.key !== key) {
      this.#client?.heads?.close();
      const url = webSocketUrlOf(settings.rpcUrl);
      const heads = url ? new HeadWatcher({ ...this.#heads, url }) : null;
      const client = clientFor(settings, heads ? new BlockReads({ heads }) : undefined);
      this.#client = { key, client, chain: client.chain as Chain, heads };
    }
    return { client: this.#client.client, chain: this.#client.chain, settings };
  }
}

/**
 * A client for a network by its RPC URL and chain id (the one in use comes from {@link ChainAccess};
 * this one serves a read on another saved network). `reads`: the latest block's reads, kept until the next.
 */
export function clientFor(network: ChainTarget, reads?: BlockReads): PublicClient {
  const transport = http(network.rpcUrl, { batch: { wait: 0 }, timeout: 5_000, retryCount: 0 });
  return createPublicClient({ chain: chainFor(network), transport: reads ? readsOncePerBlock(transport, reads) : transport }) as PublicClient;
}

export function chainFor(settings: ChainTarget): Chain {
  return {
    id: settings.chainId,
    name: settings.chainId === 31337 ? 'Local chain' : `Chain ${settings.chainId}`,
    nativeCurrency: settings.nativeCurrency ?? DEFAULT_COIN,
    rpcUrls: { default: { http: [settings.rpcUrl] } },
  };
}


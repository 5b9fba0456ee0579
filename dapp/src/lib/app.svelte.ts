import type { Chain } from 'viem';
import { appChain, appClient, type AppClient } from './chain/chain.js';
import { loadConfig, type AppConfig, type Deployment } from './chain/config.js';
import { loadDirectory, Directory } from './chain/tokens.js';
import { readableError, type Readable } from './errors.js';
import { createIndexer } from './indexer/index.js';
import type { Indexer } from './indexer/types.js';
import { WalletConnection } from './wallet/connection.svelte.js';

/**
 * Everything the pages share: configuration, the read client, the indexer, the wallet, and a view of
 * the chain's clock. Module state is fine here: the app renders only in the browser (ssr = false).
 */
class App {
  status = $state<'loading' | 'ready' | 'failed'>('loading');
  failure = $state<string | null>(null);
  /** Latest block number and timestamp seen; pages reload their data when the block changes. */
  block = $state(0n);
  /** False while the RPC node does not answer. */
  online = $state(true);
  offlineMessage = $state<string | null>(null);

  // Raw state: replaced whole once at start, never deeply proxied.
  config = $state.raw<AppConfig>(null as unknown as AppConfig);
  deployment = $state.raw<Deployment>(null as unknown as Deployment);
  chain = $state.raw<Chain>(null as unknown as Chain);
  client = $state.raw<AppClient>(null as unknown as AppClient);
  indexer = $state.raw<Indexer>(null as unknown as Indexer);
  dir = $state.raw<Directory>(new Directory());
  wallet = $state.raw<WalletConnection>(null as unknown as WalletConnection);
  #started = false;

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    try {
      this.config = await loadConfig();
      this.chain = appChain(this.config);
      this.client = appClient(this.chain, this.config.rpcUrl);
      this.wallet = new WalletConnection(this.chain, this.config.rpcUrl);
      if (!this.config.deployment) {
        throw new Error(
          `No CommonGuard deployment is known for chain ${this.config.chainId}. Add deployments/${this.config.chainId}.json or a config.json with a "deployment".`,
        );
      }
      this.deployment = this.config.deployment;
      this.indexer = await createIndexer(this.config, this.client);
      // The first block and the names directory are independent reads: one round trip, not two.
      const [, dir] = await Promise.all([this.#poll(), loadDirectory(this.client, this.deployment).catch(() => this.dir)]);
      this.dir = dir;
      this.status = 'ready';
      setInterval(() => this.#poll(), 2_000);
      setInterval(() => (this.tick = Math.floor(Date.now() / 1000)), 1_000);
    } catch (error) {
      this.status = 'failed';
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }

  /** Wall-clock seconds, updated every second, for countdowns (added to the chain's time offset). */
  tick = $state(Math.floor(Date.now() / 1000));
  /** Chain time minus wall-clock time (a local test chain may have been moved forward). */
  #offset = $state(0);

  /** The chain's current time, estimated between blocks from the wall clock. */
  get now(): number {
    return this.tick + this.#offset;
  }

  async #poll(): Promise<void> {
    try {
      const block = await this.client.getBlock({ blockTag: 'latest' });
      this.#offset = Number(block.timestamp) - Math.floor(Date.now() / 1000);
      if (block.number !== this.block) this.block = block.number ?? 0n;
      if (!this.online) {
        this.online = true;
        this.offlineMessage = null;
      }
    } catch (error) {
      this.online = false;
      this.offlineMessage = readableError(error, this.dir, { rpcUrl: this.config.rpcUrl }).message;
    }
  }

  /** Reads again right away (after a transaction). */
  refresh(): Promise<void> {
    return this.#poll();
  }

  explain(error: unknown): Readable {
    return readableError(error, this.dir, { rpcUrl: this.config?.rpcUrl, chainName: this.chain?.name });
  }
}

export const app = new App();

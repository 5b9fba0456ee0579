import type { Address, Chain } from 'viem';
import { CommonGuardError, type ReadCommunityReturnType, RpcUnreachableError, readCommunity } from '@commonguard/sdk';
import { appChain, appClient, type AppClient } from './chain/chain.js';
import type { Deployment } from './chain/config.js';
import { findNetwork, loadNetworks, type Network, type Networks } from './chain/networks.js';
import { communityPath, type CommunityRoute } from './chain/route.js';
import { loadDirectory, Directory } from './chain/tokens.js';
import { readableError, type Readable } from './errors.js';
import { createIndexer } from './indexer/index.js';
import type { Indexer } from './indexer/types.js';
import { WalletConnection } from './wallet/connection.svelte.js';

/**
 * Everything the pages share: the networks, the community the URL names (its addresses read from the
 * chain, its read client and indexer), the wallet, and a view of the chain's clock. Module state is fine
 * here: the app renders only in the browser (ssr = false).
 */
class App {
  status = $state<'loading' | 'ready' | 'failed'>('loading');
  failure = $state<string | null>(null);
  /** Latest block number and timestamp seen; pages reload their data when the block changes. */
  block = $state(0n);
  /** False while the RPC node does not answer. */
  online = $state(true);
  offlineMessage = $state<string | null>(null);

  // Raw state: replaced whole, never deeply proxied.
  networks = $state.raw<Networks>({ list: [], defaultChainId: 0 });
  wallet = $state.raw<WalletConnection>(null as unknown as WalletConnection);

  /** The community the URL names: `none` outside a community's pages, `missing` when the URL leads to none. */
  community = $state<'none' | 'loading' | 'ready' | 'missing'>('none');
  /** Why the URL leads to no community, in a sentence for a person. */
  missing = $state<string | null>(null);
  /** `/<chainId>/<governor>` of the open community: every community page's link starts with it. */
  base = $state('');
  name = $state('');
  network = $state.raw<Network>(null as unknown as Network);
  deployment = $state.raw<Deployment>(null as unknown as Deployment);
  chain = $state.raw<Chain>(null as unknown as Chain);
  client = $state.raw<AppClient>(null as unknown as AppClient);
  indexer = $state.raw<Indexer>(null as unknown as Indexer);
  dir = $state.raw<Directory>(new Directory());

  #started = false;
  #opening = 0;
  /** Communities read in this page load, by `chainId/governor`: the chain is read once per community. */
  #communities = new Map<string, Promise<ReadCommunityReturnType>>();
  #clients = new Map<number, { chain: Chain; client: AppClient }>();

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    try {
      this.networks = await loadNetworks();
      const chains = this.networks.list.map((network) => this.#network(network).chain);
      this.wallet = new WalletConnection(chains, this.networks.list);
      this.status = 'ready';
      setInterval(() => this.#poll(), 2_000);
      setInterval(() => (this.tick = Math.floor(Date.now() / 1000)), 1_000);
    } catch (error) {
      this.status = 'failed';
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }

  /** A read client for `network` (one per network, reused). */
  clientFor(network: Network): AppClient {
    return this.#network(network).client;
  }

  /** A path inside the open community, e.g. `path('/proposals')`. */
  path(sub = ''): string {
    return `${this.base}${sub}`;
  }

  /** Leaves the community pages (the directory and other pages outside a community). */
  close(): void {
    this.#opening++;
    this.community = 'none';
    this.base = '';
  }

  /** Opens the community `route` names: reads its addresses from the chain and checks they belong together. */
  async open(route: CommunityRoute): Promise<void> {
    const run = ++this.#opening;
    const base = communityPath(route.chainId, route.governor);
    if (base === this.base && this.community === 'ready') return;
    this.community = 'loading';
    this.missing = null;
    const network = findNetwork(this.networks, route.chainId);
    if (!network) {
      this.#fail(run, `This app does not know a network with chain id ${route.chainId}, so it cannot open a community there.`);
      return;
    }
    const { chain, client } = this.#network(network);
    try {
      const found = await this.#read(network, client, route.governor);
      const demoStablecoin = network.defaultCommunity?.contracts.demoStablecoin;
      const deployment: Deployment = {
        chainId: network.chainId,
        deploymentBlock: network.fromBlock,
        contracts: {
          communityGovernor: found.governor,
          communityToken: found.token,
          timelock: found.timelock,
          treasury: found.treasury,
          paymentPolicy: found.policy,
          // A token of the network (the local demo's stablecoin), not of one community: every community there may hold it.
          ...(demoStablecoin ? { demoStablecoin } : {}),
        },
      };
      const [indexer, dir] = await Promise.all([
        createIndexer(network, deployment, client),
        loadDirectory(client, deployment).catch(() => new Directory()),
      ]);
      if (run !== this.#opening) return;
      Object.assign(this, { network, chain, client, deployment, indexer, dir, name: found.name, base });
      this.wallet.target = chain;
      this.community = 'ready';
      await this.#poll();
    } catch (error) {
      this.#communities.delete(`${route.chainId}/${route.governor.toLowerCase()}`);
      // The sdk's community errors are already one sentence for a person; others get the app's wording.
      const sentence =
        error instanceof CommonGuardError && !(error instanceof RpcUnreachableError)
          ? error.shortMessage
          : readableError(error, this.dir, { rpcUrl: network.rpcUrl, chainName: network.name }).message;
      this.#fail(run, sentence);
    }
  }

  #fail(run: number, sentence: string) {
    if (run !== this.#opening) return;
    this.community = 'missing';
    this.missing = sentence;
    this.base = '';
  }

  #read(network: Network, client: AppClient, governor: Address): Promise<ReadCommunityReturnType> {
    const key = `${network.chainId}/${governor.toLowerCase()}`;
    let found = this.#communities.get(key);
    if (!found) {
      const known = network.defaultCommunity?.contracts;
      // The community of the deployment file names its treasury; any other is found through the factory.
      const parameters =
        known && known.communityGovernor.toLowerCase() === governor.toLowerCase()
          ? { governor, treasury: known.treasury }
          : network.factory
            ? { governor, factory: network.factory }
            : null;
      found = parameters
        ? readCommunity(client, parameters)
        : Promise.reject(new Error(`No community factory is known on ${network.name}, so only its own community can be opened there.`));
      this.#communities.set(key, found);
    }
    return found;
  }

  #network(network: Network): { chain: Chain; client: AppClient } {
    let entry = this.#clients.get(network.chainId);
    if (!entry) {
      const chain = appChain(network);
      entry = { chain, client: appClient(chain, network.rpcUrl) };
      this.#clients.set(network.chainId, entry);
    }
    return entry;
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
    if (this.community !== 'ready') return;
    const client = this.client;
    try {
      const block = await client.getBlock({ blockTag: 'latest' });
      if (client !== this.client) return;
      this.#offset = Number(block.timestamp) - Math.floor(Date.now() / 1000);
      if (block.number !== this.block) this.block = block.number ?? 0n;
      if (!this.online) {
        this.online = true;
        this.offlineMessage = null;
      }
    } catch (error) {
      this.online = false;
      this.offlineMessage = readableError(error, this.dir, { rpcUrl: this.network.rpcUrl }).message;
    }
  }

  /** Reads again right away (after a transaction). */
  refresh(): Promise<void> {
    return this.#poll();
  }

  explain(error: unknown): Readable {
    return readableError(error, this.dir, { rpcUrl: this.network?.rpcUrl, chainName: this.chain?.name });
  }
}

export const app = new App();

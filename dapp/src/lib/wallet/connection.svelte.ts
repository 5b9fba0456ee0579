import {
  connect,
  createConfig,
  disconnect,
  getConnection,
  http,
  reconnect,
  watchConnection,
  watchConnectors,
  type Config,
  type Connector,
} from '@wagmi/core';
import type { Address, Chain } from 'viem';
import type { Network } from '../chain/networks.js';
import { isUserRejection } from '../errors.js';
import { type RequestProvider, switchNetwork } from './switchNetwork.js';

/** One wallet the browser offers (EIP-6963 announces name and icon). */
export type WalletOption = { uid: string; id: string; name: string; icon: string | null };

export type ConnectionStatus = 'disconnected' | 'connecting' | 'reconnecting' | 'connected';

/**
 * The visitor's wallet connection, as reactive state. Fed by @wagmi/core watchers, so account and
 * network changes made in the wallet show up without a reload.
 */
export class WalletConnection {
  wallets = $state<WalletOption[]>([]);
  address = $state<Address | null>(null);
  chainId = $state<number | null>(null);
  status = $state<ConnectionStatus>('disconnected');
  walletName = $state<string | null>(null);
  /** The last connect/switch problem, in plain words. */
  problem = $state<string | null>(null);

  readonly config: Config;
  /** The open community's network: the one the wallet should be on. */
  target = $state.raw<Chain | null>(null);
  readonly #networks: readonly Network[];
  #unwatch: (() => void)[] = [];

  constructor(chains: readonly Chain[], networks: readonly Network[]) {
    this.#networks = networks;
    // EIP-6963 discovery (wagmi's multiInjectedProviderDiscovery) adds one connector per announced wallet.
    this.config = createConfig({
      chains: chains as [Chain, ...Chain[]],
      transports: Object.fromEntries(networks.map((n) => [n.chainId, http(n.rpcUrl)])),
      multiInjectedProviderDiscovery: true,
      connectors: [],
    });
    this.#syncConnectors(this.config.connectors);
    this.#syncConnection();
    this.#unwatch.push(
      watchConnectors(this.config, { onChange: (connectors) => this.#syncConnectors(connectors) }),
      watchConnection(this.config, { onChange: () => this.#syncConnection() }),
    );
    // Back after a reload: reconnect to the wallet used last time, if it still allows this site.
    queueMicrotask(() => reconnect(this.config).catch(() => {}));
  }

  get connected(): boolean {
    return this.status === 'connected' && this.address !== null;
  }

  /** Connected, but the wallet is on another network than the community's. */
  get wrongNetwork(): boolean {
    return this.connected && this.target !== null && this.chainId !== this.target.id;
  }

  async connect(uid: string): Promise<void> {
    const connector = this.config.connectors.find((c) => c.uid === uid);
    if (!connector) {
      this.problem = 'That wallet is no longer available. Reload the page if you just installed it.';
      return;
    }
    this.problem = null;
    try {
      await connect(this.config, { connector });
    } catch (error: any) {
      this.problem = isUserRejection(error)
        ? 'You declined the connection in your wallet.'
        : `Could not connect to ${connector.name}: ${error?.shortMessage ?? error?.message ?? error}`;
    }
  }

  async disconnect(): Promise<void> {
    await disconnect(this.config).catch(() => {});
  }

  /** Asks the wallet to switch to the open community's network, adding it first when the wallet does not know it. */
  async switchNetwork(): Promise<void> {
    this.problem = null;
    const network = this.#networks.find((n) => n.chainId === this.target?.id);
    const connector = getConnection(this.config).connector;
    if (!network || !connector) return;
    try {
      await switchNetwork((await connector.getProvider()) as RequestProvider, network);
    } catch (error: any) {
      this.problem = error?.message ?? String(error);
    }
  }

  destroy() {
    for (const stop of this.#unwatch) stop();
  }

  #syncConnectors(connectors: readonly Connector[]) {
    this.wallets = connectors.map((c) => ({ uid: c.uid, id: c.id, name: c.name, icon: c.icon ?? null }));
  }

  #syncConnection() {
    const connection = getConnection(this.config);
    this.status = connection.status;
    this.address = connection.address ?? null;
    this.chainId = connection.chainId ?? null;
    this.walletName = connection.connector?.name ?? null;
  }
}

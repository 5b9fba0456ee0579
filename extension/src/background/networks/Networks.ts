import { Emitter } from '../events.js';
import type { RpcCall } from '../settings/Settings.js';
import type { StoredValue } from '../store/StoredValue.js';
import { checkNetworkFields, ETHER, hexChainId, hostOf, localNetwork, MAX_NETWORKS, type Network, type NetworkErrors, type NetworkInput, type NetworkState } from './network.js';

export type NetworkCheck = { ok: true; network: Network } | { ok: false; errors: NetworkErrors };

/** `switched`: another network is in use; `changed`: the list changed (added, edited, removed, or switched). */
export type NetworksEvents = { switched: [next: Network, previous: Network]; changed: [] };

export type NetworksOptions = {
  item: StoredValue<NetworkState>;
  rpc: RpcCall;
  /** What the list is before anything was stored (the local chain). */
  initial?: () => NetworkState;
};

/** A network change that cannot be made, in words (the popup shows it as it is). */
export class NetworkInputError extends Error {
  override name = 'NetworkInputError';
}

/**
 * The networks the wallet knows and the one in use. Every network is checked before it is saved: its
 * fields, then its RPC (it must answer `eth_chainId`, with the chain id claimed). Writes run one after
 * another, so two windows approving at once never lose a network.
 */
export class Networks {
  #item: StoredValue<NetworkState>;
  #rpc: RpcCall;
  #initial: () => NetworkState;
  #state: NetworkState | null = null;
  #writes: Promise<unknown> = Promise.resolve();
  #events = new Emitter<NetworksEvents>();

  constructor({ item, rpc, initial = () => ({ networks: [localNetwork()], activeChainId: localNetwork().chainId }) }: NetworksOptions) {
    this.#item = item;
    this.#rpc = rpc;
    this.#initial = initial;
  }

  on<E extends keyof NetworksEvents>(event: E, listener: (...args: NetworksEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  async list(): Promise<Network[]> {
    return (await this.#read()).networks;
  }

  /** The network in use. */
  async active(): Promise<Network> {
    return activeOf(await this.#read());
  }

  /** The network in use as last read, for synchronous callers; the local chain before the first read. */
  peek(): Network {
    return this.#state ? activeOf(this.#state) : localNetwork();
  }

  async find(chainId: number): Promise<Network | undefined> {
    return (await this.list()).find((network) => network.chainId === chainId);
  }

  /**
   * Checks `input` (fields, then its RPC) without saving it: what an add window shows has been checked
   * already. `replacing`: the chain id of the network being edited (its own id is no duplicate).
   */
  async check(input: NetworkInput, replacing?: number): Promise<NetworkCheck> {
    const fields = checkNetworkFields(input);
    if (!fields.ok) return fields;
    const { network } = fields;
    const existing = await this.list();
    if (replacing !== undefined && network.chainId !== replacing) return { ok: false, errors: { chainId: 'The chain id of a saved network cannot change; add a new network instead.' } };
    const same = existing.find((known) => known.chainId === network.chainId);
    if (replacing === undefined && same) return { ok: false, errors: { chainId: `Chain ${network.chainId} is already in the list as "${same.name}".` } };
    if (replacing === undefined && existing.length >= MAX_NETWORKS) return { ok: false, errors: { chainId: `The wallet keeps at most ${MAX_NETWORKS} networks. Remove one first.` } };
    const rpc = await checkRpc(this.#rpc, network.rpcUrl, network.chainId);
    if (!rpc.ok) return rpc;
    return { ok: true, network: same?.preset ? { ...network, preset: true } : network };
  }

  /** Adds a network after {@link check}; the network in use stays the same. */
  async add(input: NetworkInput): Promise<NetworkCheck> {
    return this.#serial(async () => {
      const checked = await this.check(input);
      if (!checked.ok) return checked;
      const state = await this.#read();
      await this.#write({ ...state, networks: [...state.networks, checked.network] });
      return checked;
    });
  }

  /** Replaces the network with `chainId` (same chain id) after {@link check}. */
  async edit(chainId: number, input: NetworkInput): Promise<NetworkCheck> {
    return this.#serial(async () => {
      if (!(await this.find(chainId))) return { ok: false, errors: { chainId: `Chain ${chainId} is not in the list.` } };
      const checked = await this.check(input, chainId);
      if (!checked.ok) return checked;
      const state = await this.#read();
      const previous = activeOf(state);
      const next = { ...state, networks: state.networks.map((network) => (network.chainId === chainId ? checked.network : network)) };
      await this.#write(next);
      // Another RPC for the network in use: what reads the chain starts over with it.
      if (previous.chainId === chainId && previous.rpcUrl !== checked.network.rpcUrl) this.#events.emit('switched', checked.network, previous);
      return checked;
    });
  }

  /** Removes a network; never the one in use (switch first) nor the local chain. */
  async remove(chainId: number): Promise<void> {
    await this.#serial(async () => {
      const state = await this.#read();
      const network = state.networks.find((known) => known.chainId === chainId);
      if (!network) throw new NetworkInputError(`Chain ${chainId} is not in the list.`);
      if (network.preset) throw new NetworkInputError(`"${network.name}" comes with the wallet and cannot be removed.`);
      if (state.activeChainId === chainId) throw new NetworkInputError(`"${network.name}" is in use. Switch to another network before removing it.`);
      await this.#write({ ...state, networks: state.networks.filter((known) => known.chainId !== chainId) });
    });
  }

  /** Makes the network with `chainId` the one in use. Its RPC is not asked: a network down for a while can still be chosen. */
  async switchTo(chainId: number): Promise<Network> {
    return this.#serial(async () => {
      const state = await this.#read();
      const next = state.networks.find((known) => known.chainId === chainId);
      if (!next) throw new NetworkInputError(`Chain ${chainId} is not in the list. Add it first.`);
      const previous = activeOf(state);
      if (previous.chainId === chainId) return next;
      await this.#write({ ...state, activeChainId: chainId });
      this.#events.emit('switched', next, previous);
      return next;
    });
  }

  /**
   * Settings' RPC URL and chain id (already checked against the RPC there) name the network in use: the
   * known network with that chain id gets that RPC, or a new one is added, and it becomes the one in use.
   */
  async adopt(rpcUrl: string, chainId: number): Promise<void> {
    await this.#serial(async () => {
      const state = await this.#read();
      const previous = activeOf(state);
      const known = state.networks.find((network) => network.chainId === chainId);
      const adopted: Network = known ? { ...known, rpcUrl } : { chainId, name: `Chain ${chainId}`, rpcUrl, nativeCurrency: { ...ETHER }, blockExplorerUrl: null };
      const networks = known ? state.networks.map((network) => (network.chainId === chainId ? adopted : network)) : [...state.networks, adopted];
      await this.#write({ networks, activeChainId: chainId });
      if (previous.chainId !== chainId || previous.rpcUrl !== rpcUrl) this.#events.emit('switched', adopted, previous);
    });
  }

  async #read(): Promise<NetworkState> {
    this.#state ??= sane(await this.#item.getValue()) ?? this.#initial();
    return this.#state;
  }

  async #write(state: NetworkState): Promise<void> {
    await this.#item.setValue(state);
    this.#state = state;
    this.#events.emit('changed');
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(task, task);
    this.#writes = run.catch(() => {});
    return run;
  }
}

function activeOf(state: NetworkState): Network {
  return state.networks.find((network) => network.chainId === state.activeChainId) ?? state.networks[0] ?? localNetwork();
}

/** A stored list the wallet can use (one network at least, the active one among them); otherwise `null`. */
function sane(state: NetworkState | null): NetworkState | null {
  if (!state || !Array.isArray(state.networks) || state.networks.length === 0) return null;
  return state;
}

/**
 * Whether the RPC at `rpcUrl` answers `eth_chainId` with `chainId`: a node that does not answer, or that
 * is on another chain than the one claimed (a site's typo, or a lie), is refused in words.
 */
export async function checkRpc(rpc: RpcCall, rpcUrl: string, chainId: number): Promise<{ ok: true } | { ok: false; errors: NetworkErrors }> {
  let remote: unknown;
  try {
    remote = await rpc(rpcUrl, 'eth_chainId', []);
  } catch (error) {
    return { ok: false, errors: { rpcUrl: `The RPC at ${(hostOf(rpcUrl) || rpcUrl.slice(0, 80))} does not answer (${describe(error)}). Check the URL, or try again when the node is up.` } };
  }
  if (typeof remote !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(remote))
    return { ok: false, errors: { rpcUrl: `The RPC at ${(hostOf(rpcUrl) || rpcUrl.slice(0, 80))} did not answer with a chain id, so it is not an Ethereum node.` } };
  if (Number(remote) !== chainId)
    return {
      ok: false,
      errors: { chainId: `The RPC at ${(hostOf(rpcUrl) || rpcUrl.slice(0, 80))} is on chain ${Number(remote)} (${remote}), not chain ${chainId} (${hexChainId(chainId)}) as claimed. Nothing was saved.` },
    };
  return { ok: true };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}

import { Emitter } from '../events.js';

/** Whether the wallet can reach its chain, as pages learn it through `connect` and `disconnect`. */
export type ChainReachability = { connected: true; chainId: string } | { connected: false; reason: string };

/** `changed`: the chain became reachable or unreachable (not emitted for the first reading). */
export type ChainStatusEvents = { changed: [next: ChainReachability] };

export type ChainStatusOptions = {
  /** Asks the configured RPC for its chain id; resolves to the wallet's chain id (hex) when it answers for the configured chain. */
  probe: () => Promise<ChainReachability>;
  /** Whether anyone is listening (connected pages): no polling otherwise. */
  active: () => boolean;
  /** How often to look while pages are connected. */
  intervalMs?: number;
};

/**
 * Keeps track of whether the configured RPC answers for the configured chain: polls while pages are
 * connected, and is told at once when a forwarded request could not reach the node. Reports changes
 * only, so pages get one `disconnect` when the chain goes away and one `connect` when it is back.
 */
export class ChainStatus {
  #probe: () => Promise<ChainReachability>;
  #active: () => boolean;
  #events = new Emitter<ChainStatusEvents>();
  #intervalMs: number;
  #current: ChainReachability | null = null;
  #checking: Promise<ChainReachability> | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor({ probe, active, intervalMs = 3_000 }: ChainStatusOptions) {
    this.#probe = probe;
    this.#active = active;
    this.#intervalMs = intervalMs;
  }

  on<E extends keyof ChainStatusEvents>(event: E, listener: (...args: ChainStatusEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** The last reading, or `null` before the first. */
  get current(): ChainReachability | null {
    return this.#current;
  }

  /** Looks now (one probe at a time); records the result and reports a change. */
  check(): Promise<ChainReachability> {
    this.#checking ??= this.#probe()
      .catch((error: unknown): ChainReachability => ({ connected: false, reason: error instanceof Error ? error.message : String(error) }))
      .then((next) => {
        this.#checking = null;
        this.#set(next);
        return next;
      });
    return this.#checking;
  }

  /** A request to the node failed for want of a connection: look again now rather than at the next poll. */
  reportUnreachable(): void {
    if (this.#current?.connected !== false) void this.check();
  }

  /** Starts polling (each tick probes only while {@link ChainStatusOptions.active} says someone listens). */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      if (this.#active()) void this.check();
    }, this.#intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #set(next: ChainReachability): void {
    const previous = this.#current;
    this.#current = next;
    if (previous === null) return;
    // A new chain id on a reachable node is a settings change: pages hear `chainChanged` for that.
    if (previous.connected !== next.connected) this.#events.emit('changed', next);
  }
}

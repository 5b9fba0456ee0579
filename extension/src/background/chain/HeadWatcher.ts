import { Emitter } from '../events.js';

/** The part of a WebSocket the watcher uses: the browser's own, or Node's in tests. */
export type HeadSocket = {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(): void;
};

export type HeadWatcherOptions = {
  /** The node's WebSocket address (see {@link webSocketUrlOf}). */
  url: string;
  socket?: ((url: string) => HeadSocket) | undefined;
  /** Stop watching this long after the last {@link HeadWatcher.keep}: a socket keeps the background awake. */
  idleMs?: number | undefined;
  /** After a connection that failed or was lost, wait this long before trying again. */
  retryMs?: number | undefined;
  /** Give up on a node that has not confirmed the subscription by then. */
  handshakeMs?: number | undefined;
  now?: (() => number) | undefined;
};

export type HeadWatcherEvents = { head: [] };

const SUBSCRIBE_ID = 1;

/**
 * Watches the chain's new blocks over a WebSocket (`eth_subscribe` `newHeads`), so what the wallet read
 * at the latest block can be reused until the next one instead of asked again (see `BlockReads`).
 *
 * The one thing it tells is an epoch: a number that changes on every new block, every (re)subscription,
 * every loss of the socket and every {@link moved}, and that is `null` while nobody is watching. A value
 * read while the epoch stayed the same is a value of the block that is still the latest. The watch runs
 * only while someone keeps it (a site paying inside a payment session), and ends `idleMs` after.
 */
export class HeadWatcher {
  #url: string;
  #open: (url: string) => HeadSocket;
  #idleMs: number;
  #retryMs: number;
  #handshakeMs: number;
  #now: () => number;
  #events = new Emitter<HeadWatcherEvents>();
  #socket: HeadSocket | null = null;
  #subscription: string | null = null;
  #epoch = 0;
  #keptUntil = 0;
  #keptAt = 0;
  #retryAt = 0;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #handshakeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor({ url, socket, idleMs = 120_000, retryMs = 60_000, handshakeMs = 5_000, now = Date.now }: HeadWatcherOptions) {
    this.#url = url;
    this.#open = socket ?? ((address) => new WebSocket(address) as unknown as HeadSocket);
    this.#idleMs = idleMs;
    this.#retryMs = retryMs;
    this.#handshakeMs = handshakeMs;
    this.#now = now;
  }

  /** The current epoch while the node pushes its new blocks to the wallet; `null` otherwise. */
  epoch(): number | null {
    return this.#subscription === null ? null : this.#epoch;
  }

  on<E extends keyof HeadWatcherEvents>(event: E, listener: (...args: HeadWatcherEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** Starts watching, or keeps watching for another `idleMs`; a node that refused waits `retryMs`. */
  keep(): void {
    this.#keptAt = this.#now();
    this.#keptUntil = this.#keptAt + this.#idleMs;
    this.#armIdle(this.#idleMs);
    if (this.#socket === null && this.#now() >= this.#retryAt) this.#connect();
  }

  /** How long ago someone last kept the watch (a site last paid inside its session), in ms. */
  sinceKept(): number {
    return this.#now() - this.#keptAt;
  }

  /** The chain moved in a way the node may not have told yet (the wallet sent a transaction): a new epoch. */
  moved(): void {
    this.#epoch++;
  }

  /** Stops watching now. */
  close(): void {
    this.#keptUntil = 0;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    this.#stop(false);
  }

  #connect(): void {
    let socket: HeadSocket;
    try {
      socket = this.#open(this.#url);
    } catch {
      this.#retryAt = this.#now() + this.#retryMs;
      return;
    }
    this.#socket = socket;
    this.#handshakeTimer = setTimeout(() => this.#stop(true), this.#handshakeMs);
    socket.onopen = () => socket.send(JSON.stringify({ jsonrpc: '2.0', id: SUBSCRIBE_ID, method: 'eth_subscribe', params: ['newHeads'] }));
    socket.onmessage = (event) => this.#onMessage(event.data);
    socket.onerror = () => this.#socket === socket && this.#stop(true);
    socket.onclose = () => this.#socket === socket && this.#stop(true);
  }

  #onMessage(data: unknown): void {
    let message: { id?: unknown; result?: unknown; error?: unknown; method?: unknown; params?: { subscription?: unknown } };
    try {
      message = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return; // not JSON-RPC: ignored, the next block tells
    }
    if (message.id === SUBSCRIBE_ID) {
      if (typeof message.result !== 'string') return this.#stop(true); // the node does not offer newHeads
      if (this.#handshakeTimer) clearTimeout(this.#handshakeTimer);
      this.#handshakeTimer = null;
      this.#subscription = message.result;
      this.#epoch++;
      return;
    }
    if (message.method === 'eth_subscription' && this.#subscription !== null && message.params?.subscription === this.#subscription) {
      this.#epoch++;
      this.#events.emit('head');
    }
  }

  /** Ends the socket; `failed`: not asked for, so the next try waits `retryMs`. */
  #stop(failed: boolean): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#subscription = null;
    this.#epoch++;
    if (this.#handshakeTimer) clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = null;
    if (failed) this.#retryAt = this.#now() + this.#retryMs;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
    try {
      socket.close();
    } catch {
      // already closed
    }
  }

  #armIdle(after: number): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      const left = this.#keptUntil - this.#now();
      if (left > 0) this.#armIdle(left);
      else this.#stop(false);
    }, after);
  }
}

/** The WebSocket address of a node from its HTTP one (anvil, and most hosted nodes, serve both at the same path). */
export function webSocketUrlOf(rpcUrl: string): string | null {
  if (rpcUrl.startsWith('https://')) return `wss://${rpcUrl.slice('https://'.length)}`;
  if (rpcUrl.startsWith('http://')) return `ws://${rpcUrl.slice('http://'.length)}`;
  return null;
}

/**
 * The EIP-1193 provider pages see. It holds no secrets and decides nothing: it checks the shape of
 * each request, hands it to the bridge content script and returns the answer. Kept free of
 * dependencies because it is injected into every page.
 */
import {
  BRIDGE_SOURCE,
  type BridgeReadyMessage,
  MAX_METHOD_LENGTH,
  PAGE_SOURCE,
  type PageEventMessage,
  type PageHelloMessage,
  type PageResponseMessage,
  PAY_LINK_METHOD,
  type ProviderEventName,
} from '../shared/pageProtocol.js';
import { ProviderRpcError, RpcErrorCode } from '../shared/rpcErrors.js';

type Listener = (payload: unknown) => void;

/** The events the wallet sends a page (EIP-1193). */
const PROVIDER_EVENTS: ReadonlySet<string> = new Set<ProviderEventName>(['connect', 'disconnect', 'chainChanged', 'accountsChanged']);
type Pending = { resolve: (value: unknown) => void; reject: (error: ProviderRpcError) => void };

export type RequestArguments = { readonly method: string; readonly params?: readonly unknown[] | object };

export class CommonGuardProvider {
  readonly isCommonGuard = true;
  #listeners = new Map<string, Set<Listener>>();
  #pending = new Map<number, Pending>();
  /** The next request's id; still 1 while no request went to the wallet (it hears a page from its first one). */
  #nextId = 1;
  #chainId: string | null = null;
  #accounts: string[] = [];
  #window: Window;
  /** Requests made before the bridge said it is there (see {@link PageHelloMessage}); `null` once it has. */
  #waiting: Array<{ id: number; method: string; params: unknown }> | null = [];

  constructor({ window: target }: { window: Window }) {
    this.#window = target;
    target.addEventListener('message', (event) => this.#onMessage(event));
    this.#post({ source: PAGE_SOURCE, hello: true } satisfies PageHelloMessage);
  }

  /** EIP-1193 `request`. Rejects with a {@link ProviderRpcError} carrying a standard code. */
  request(args: RequestArguments): Promise<unknown> {
    if (typeof args !== 'object' || args === null || Array.isArray(args))
      return Promise.reject(new ProviderRpcError(RpcErrorCode.invalidRequest, 'request() expects an object: { method, params }.'));
    const { method, params } = args;
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH)
      return Promise.reject(new ProviderRpcError(RpcErrorCode.invalidRequest, '"method" must be a non-empty string.'));
    if (method === PAY_LINK_METHOD)
      return Promise.reject(new ProviderRpcError(RpcErrorCode.unsupportedMethod, `${method} is internal to the wallet.`));
    if (params !== undefined && (typeof params !== 'object' || params === null))
      return Promise.reject(new ProviderRpcError(RpcErrorCode.invalidParams, '"params" must be an array or an object.'));
    return this.#send(method, params);
  }

  /** Opens the wallet's payment confirmation for an `ethereum:` link the user clicked. */
  openPaymentLink(href: string): Promise<unknown> {
    return this.#send(PAY_LINK_METHOD, [href]);
  }

  on(event: string, listener: Listener): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    // The wallet talks to a page from its first request on. A page that only listens (for chainChanged,
    // say) must hear the events too: its first listener asks for the chain id once, which opens the line.
    if (this.#nextId === 1 && PROVIDER_EVENTS.has(event)) this.#send('eth_chainId', undefined).catch(() => {});
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  /** Whether the provider can reach the wallet's chain (EIP-1193 `isConnected`). */
  isConnected(): boolean {
    return this.#chainId !== null;
  }

  #send(method: string, params: unknown): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      // Checked now, not when the bridge arrives: a request that cannot be sent fails at once.
      try {
        structuredClone(params);
      } catch {
        // Parameters that cannot be cloned (functions, DOM nodes) never leave the page.
        reject(new ProviderRpcError(RpcErrorCode.invalidParams, '"params" must be plain JSON data.'));
        return;
      }
      this.#pending.set(id, { resolve, reject });
      if (this.#waiting) this.#waiting.push({ id, method, params });
      else this.#post({ source: PAGE_SOURCE, id, method, params });
    });
  }

  #post(message: object): void {
    this.#window.postMessage(message, this.#window.location.origin === 'null' ? '*' : this.#window.location.origin);
  }

  #onMessage(event: MessageEvent): void {
    if (event.source !== this.#window) return;
    const data = event.data as PageResponseMessage | PageEventMessage | BridgeReadyMessage | undefined;
    if (typeof data !== 'object' || data === null || data.source !== BRIDGE_SOURCE) return;
    if ('ready' in data) return this.#onBridgeReady();
    if ('event' in data) return this.#onEvent(data);
    const pending = this.#pending.get(data.id);
    if (!pending) return;
    this.#pending.delete(data.id);
    if ('error' in data) pending.reject(new ProviderRpcError(data.error.code, data.error.message, data.error.data));
    else pending.resolve(data.result);
  }

  #onBridgeReady(): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    for (const request of waiting ?? []) this.#post({ source: PAGE_SOURCE, ...request });
  }

  #onEvent(message: PageEventMessage): void {
    switch (message.event) {
      case 'accountsChanged':
        this.#accounts = message.data;
        break;
      case 'chainChanged':
        this.#chainId = message.data;
        break;
      case 'connect':
        this.#chainId = message.data.chainId;
        break;
      case 'disconnect':
        this.#chainId = null;
        break;
    }
    this.#emit(message.event, message.data);
  }

  #emit(event: ProviderEventName, payload: unknown): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        // A page's listener failing must not stop the others.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Current accounts as last reported (for `selectedAddress`-style legacy reads). */
  get selectedAddress(): string | null {
    return this.#accounts[0] ?? null;
  }

  get chainId(): string | null {
    return this.#chainId;
  }
}

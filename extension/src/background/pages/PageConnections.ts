import { type Browser, browser } from '#imports';
import { PAGE_PORT_NAME, type PortMessage, type ProviderEventMap, type ProviderEventName } from '../../shared/pageProtocol.js';
import { checkRequestShape } from '../../shared/requestShape.js';
import { type RpcErrorObject, rpcError } from '../../shared/rpcErrors.js';
import type { ChainReachability } from '../chain/ChainStatus.js';
import type { ProviderRpc } from '../rpc/ProviderRpc.js';
import { redactForPage } from './redact.js';

type Port = Browser.runtime.Port;

export type PageConnectionsOptions = {
  rpc: ProviderRpc;
  /** What eth_accounts would answer for `origin` right now. */
  accountsFor: (origin: string) => Promise<string[]>;
  /** Whether the wallet reaches its chain: a new page hears `connect` (with the chain id) or `disconnect`. */
  reachability: () => Promise<ChainReachability>;
  /** Texts no page may see (the node's URL and its parts, see {@link nodeNames}). */
  hidden?: () => readonly string[];
};

/**
 * The ports of connected pages (one per tab, opened by the bridge). Checks who is on the other end,
 * answers requests through {@link ProviderRpc} and pushes provider events to the pages of a site.
 */
export class PageConnections {
  #rpc: ProviderRpc;
  #accountsFor: (origin: string) => Promise<string[]>;
  #reachability: () => Promise<ChainReachability>;
  #hidden: () => readonly string[];
  #ports = new Map<Port, { origin: string; accounts: string; lifetime: AbortController }>();

  constructor({ rpc, accountsFor, reachability, hidden = () => [] }: PageConnectionsOptions) {
    this.#rpc = rpc;
    this.#accountsFor = accountsFor;
    this.#reachability = reachability;
    this.#hidden = hidden;
  }

  /** Whether any page is connected (the chain is watched only then). */
  get active(): boolean {
    return this.#ports.size > 0;
  }

  /** Accepts a port only from our own bridge script in a web page; the origin comes from the sender. */
  accept(port: Port): void {
    if (port.name !== PAGE_PORT_NAME) return;
    const origin = pageOriginOf(port.sender, browser.runtime.id);
    if (!origin) {
      port.disconnect();
      return;
    }
    // The port lives as long as the page: when it reloads or closes, whatever it is waiting for is withdrawn.
    const lifetime = new AbortController();
    this.#ports.set(port, { origin, accounts: '', lifetime });
    port.onDisconnect.addListener(() => {
      this.#ports.delete(port);
      lifetime.abort();
    });
    port.onMessage.addListener((message: unknown) => void this.#onRequest(port, origin, lifetime.signal, message));
    void this.#accountsFor(origin).then((accounts) => {
      const entry = this.#ports.get(port);
      if (entry) entry.accounts = accounts.join();
    });
    void this.#reachability().then((status) => {
      if (!this.#ports.has(port)) return;
      if (status.connected) this.#emit(port, 'connect', { chainId: status.chainId });
      else this.#emit(port, 'disconnect', disconnectedError(status.reason));
    });
  }

  async #onRequest(port: Port, origin: string, signal: AbortSignal, message: unknown): Promise<void> {
    const { id, method, params } = (typeof message === 'object' && message !== null ? message : {}) as { id?: unknown; method?: unknown; params?: unknown };
    // The bridge checked this already; the background checks again and trusts only the sender.
    const checked = checkRequestShape(id, method, params);
    if (!checked) return;
    if ('error' in checked) return this.#post(port, checked);
    const { request } = checked;
    const answer = await this.#rpc.handle({ origin, signal }, request.method, request.params);
    this.#post(port, { id: request.id, ...answer } as PortMessage);
  }

  /** Sends `accountsChanged` to the pages of `origin` (or of every site) whose accounts changed. */
  async refreshAccounts(origin?: string): Promise<void> {
    const origins = new Set([...this.#ports.values()].map((entry) => entry.origin).filter((o) => origin === undefined || o === origin));
    for (const site of origins) {
      const accounts = await this.#accountsFor(site);
      const key = accounts.join();
      for (const [port, entry] of this.#ports) {
        if (entry.origin !== site || entry.accounts === key) continue;
        entry.accounts = key;
        this.#emit(port, 'accountsChanged', accounts);
      }
    }
  }

  broadcast<E extends ProviderEventName>(event: E, data: ProviderEventMap[E]): void {
    for (const port of this.#ports.keys()) this.#emit(port, event, data);
  }

  #emit<E extends ProviderEventName>(port: Port, event: E, data: ProviderEventMap[E]): void {
    this.#post(port, { event, data });
  }

  #post(port: Port, message: PortMessage): void {
    const pageOrigin = this.#ports.get(port)?.origin ?? '';
    try {
      port.postMessage(redactForPage(message, { hidden: this.#hidden(), pageOrigin }));
    } catch {
      // The page went away while we were answering.
      this.#ports.delete(port);
    }
  }
}

/** The `disconnect` event's payload (EIP-1193: a ProviderRpcError with code 4900). */
export function disconnectedError(reason: string): RpcErrorObject {
  return rpcError.disconnected(`The wallet cannot reach its chain: ${reason}`).toJSON();
}

/**
 * The web origin of a page port, from what the browser says about the sender: our own extension's
 * content script (`sender.id`), in the top frame of a tab (the bridge runs in no other frame), in an
 * http(s) page. Anything else (an extension page, another extension, a subframe) gets `undefined`.
 */
export function pageOriginOf(sender: Browser.runtime.MessageSender | undefined, extensionId: string): string | undefined {
  if (!sender || sender.id !== extensionId || !sender.tab || sender.frameId !== 0) return undefined;
  const raw = (sender as { origin?: string }).origin ?? sender.url;
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

import { type Browser, browser } from '#imports';
import { PAGE_PORT_NAME, type PortMessage, type ProviderEventMap, type ProviderEventName } from '../../shared/pageProtocol.js';
import { rpcError } from '../../shared/rpcErrors.js';
import type { ProviderRpc } from '../rpc/ProviderRpc.js';

type Port = Browser.runtime.Port;

export type PageConnectionsOptions = {
  rpc: ProviderRpc;
  /** What eth_accounts would answer for `origin` right now. */
  accountsFor: (origin: string) => Promise<string[]>;
  chainId: () => Promise<string>;
};

/**
 * The ports of connected pages (one per tab, opened by the bridge). Checks who is on the other end,
 * answers requests through {@link ProviderRpc} and pushes provider events to the pages of a site.
 */
export class PageConnections {
  #rpc: ProviderRpc;
  #accountsFor: (origin: string) => Promise<string[]>;
  #chainId: () => Promise<string>;
  #ports = new Map<Port, { origin: string; accounts: string }>();

  constructor({ rpc, accountsFor, chainId }: PageConnectionsOptions) {
    this.#rpc = rpc;
    this.#accountsFor = accountsFor;
    this.#chainId = chainId;
  }

  /** Accepts a port only from our own bridge script in a web page; the origin comes from the sender. */
  accept(port: Port): void {
    if (port.name !== PAGE_PORT_NAME) return;
    const origin = originOf(port.sender);
    if (!origin || port.sender?.id !== browser.runtime.id) {
      port.disconnect();
      return;
    }
    this.#ports.set(port, { origin, accounts: '' });
    port.onDisconnect.addListener(() => this.#ports.delete(port));
    port.onMessage.addListener((message: unknown) => void this.#onRequest(port, origin, message));
    void this.#accountsFor(origin).then((accounts) => {
      const entry = this.#ports.get(port);
      if (entry) entry.accounts = accounts.join();
    });
    void this.#chainId().then((chainId) => this.#post(port, { event: 'connect', data: { chainId } }));
  }

  async #onRequest(port: Port, origin: string, message: unknown): Promise<void> {
    const { id, method, params } = (typeof message === 'object' && message !== null ? message : {}) as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
    if (typeof method !== 'string') return this.#post(port, { id, error: rpcError.invalidRequest('"method" must be a string.').toJSON() });
    const answer = await this.#rpc.handle({ origin }, method, params);
    this.#post(port, { id, ...answer } as PortMessage);
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
    try {
      port.postMessage(message);
    } catch {
      // The page went away while we were answering.
      this.#ports.delete(port);
    }
  }
}

/** The web origin of a port's page, or `undefined` for anything that is not an http(s) page. */
export function originOf(sender: Browser.runtime.MessageSender | undefined): string | undefined {
  const raw = (sender as { origin?: string } | undefined)?.origin ?? sender?.url;
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * The page ↔ content-script boundary (window.postMessage), and the content-script ↔ background port.
 * The in-page provider and the bridge only ever exchange these shapes; the bridge checks every one.
 */
import type { RpcErrorObject } from './rpcErrors.js';

/** `source` tags keep our messages apart from everything else a page posts. */
export const PAGE_SOURCE = 'commonguard-page';
export const BRIDGE_SOURCE = 'commonguard-bridge';
/** The port the bridge opens to the background. */
export const PAGE_PORT_NAME = 'commonguard-page';

/** Largest request a page may send, as JSON text. */
export const MAX_REQUEST_BYTES = 256 * 1024;
export const MAX_METHOD_LENGTH = 64;

/** Page → bridge. */
export type PageRequestMessage = {
  source: typeof PAGE_SOURCE;
  id: number;
  method: string;
  params?: unknown;
};

/** Bridge → page: an answer to request `id`. */
export type PageResponseMessage =
  | { source: typeof BRIDGE_SOURCE; id: number; result: unknown }
  | { source: typeof BRIDGE_SOURCE; id: number; error: RpcErrorObject };

/** Provider events the background pushes to connected pages. */
export type ProviderEventMap = {
  connect: { chainId: string };
  disconnect: RpcErrorObject;
  accountsChanged: string[];
  chainChanged: string;
};
export type ProviderEventName = keyof ProviderEventMap;

/** Bridge → page: an event. */
export type PageEventMessage = {
  [E in ProviderEventName]: { source: typeof BRIDGE_SOURCE; event: E; data: ProviderEventMap[E] };
}[ProviderEventName];

/**
 * The bridge starts after the page's DOM is parsed (`document_end`), so it costs the page nothing before
 * DOMContentLoaded; the provider exists from `document_start` and holds requests until the bridge is
 * there. Either side may start first, so both say hello: the provider posts {@link PageHelloMessage} when
 * it starts, the bridge posts {@link BridgeReadyMessage} when it starts and in reply to every hello.
 */
export type PageHelloMessage = { source: typeof PAGE_SOURCE; hello: true };
export type BridgeReadyMessage = { source: typeof BRIDGE_SOURCE; ready: true };

/** Bridge → background (port): one request; the origin is never in here, it comes from the port's sender. */
export type PortRequest = { id: number; method: string; params: unknown };
/** Background → bridge (port). */
export type PortMessage = { id: number; result: unknown } | { id: number; error: RpcErrorObject } | { event: ProviderEventName; data: unknown };

/** Internal method the in-page script uses for clicks on `ethereum:` links. */
export const PAY_LINK_METHOD = 'commonguard_openPaymentLink';

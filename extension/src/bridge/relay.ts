import { browser } from '#imports';
import {
  BRIDGE_SOURCE,
  PAY_LINK_METHOD,
  PAGE_PORT_NAME,
  PAGE_SOURCE,
  type BridgeReadyMessage,
  type PageEventMessage,
  type PageResponseMessage,
  type PortMessage,
} from '../shared/pageProtocol.js';
import { checkRequestShape } from '../shared/requestShape.js';
import { TrustedLinkClicks } from './linkClicks.js';
import { type RpcErrorObject, RpcErrorCode } from '../shared/rpcErrors.js';

/** Requests a page may have in flight at once; more are answered at once with "limit exceeded". */
export const MAX_IN_FLIGHT = 64;

type Port = ReturnType<typeof browser.runtime.connect>;

/** Checks one page message; returns the request to forward, or the error to answer with. */
export function validatePageMessage(data: unknown): ReturnType<typeof checkRequestShape> {
  if (typeof data !== 'object' || data === null || (data as { source?: unknown }).source !== PAGE_SOURCE) return undefined;
  const { id, method, params } = data as { id?: unknown; method?: unknown; params?: unknown };
  return checkRequestShape(id, method, params);
}

/**
 * Relays provider requests from the page to the background over one port, and answers and events
 * back. The background learns the page's origin from the port's sender, never from the message.
 */
export function startBridge({ window: target }: { window: Window }): void {
  let port: Port | undefined;
  const inFlight = new Set<number>();
  const clicks = new TrustedLinkClicks();
  // On the window, capture phase: runs before any listener the page put on the document or the link.
  target.addEventListener('click', (event) => clicks.note(event as MouseEvent), true);

  const post = (message: PageResponseMessage | PageEventMessage | BridgeReadyMessage) => target.postMessage(message, target.location.origin === 'null' ? '*' : target.location.origin);
  const answer = (id: number, error: RpcErrorObject) => post({ source: BRIDGE_SOURCE, id, error });

  const connect = (): Port => {
    const next = browser.runtime.connect({ name: PAGE_PORT_NAME });
    next.onMessage.addListener((message: PortMessage) => {
      if ('event' in message) {
        post({ source: BRIDGE_SOURCE, event: message.event, data: message.data } as PageEventMessage);
        return;
      }
      if (!inFlight.delete(message.id)) return;
      post('error' in message ? { source: BRIDGE_SOURCE, id: message.id, error: message.error } : { source: BRIDGE_SOURCE, id: message.id, result: message.result });
    });
    next.onDisconnect.addListener(() => {
      // The background restarted or the extension reloaded: fail what was waiting, reconnect on the next request.
      port = undefined;
      for (const id of inFlight) answer(id, { code: RpcErrorCode.disconnected, message: 'The wallet restarted. Please try again.' });
      inFlight.clear();
    });
    return next;
  };

  target.addEventListener('message', (event) => {
    if (event.source !== target) return;
    if (isHello(event.data)) return post({ source: BRIDGE_SOURCE, ready: true });
    const checked = validatePageMessage(event.data);
    if (!checked) return;
    if ('error' in checked) return answer(checked.id, checked.error);
    const { request } = checked;
    // Payment links open the wallet without a connected site, so only the person's own click on the link
    // may open one (see TrustedLinkClicks): a script posting the message, clicking the link for itself, or
    // riding on a click elsewhere on the page is refused.
    if (request.method === PAY_LINK_METHOD && !(clicks.consume((request.params as unknown[])[0]) && userActive()))
      return answer(request.id, { code: RpcErrorCode.unauthorized, message: 'Payment links open only when the user clicks them.' });
    if (inFlight.has(request.id)) return answer(request.id, { code: RpcErrorCode.invalidRequest, message: 'This request id is already in use.' });
    if (inFlight.size >= MAX_IN_FLIGHT) return answer(request.id, { code: RpcErrorCode.limitExceeded, message: 'Too many requests at once. Wait for the earlier ones to finish.' });
    inFlight.add(request.id);
    try {
      port ??= connect();
      port.postMessage(request);
    } catch {
      inFlight.delete(request.id);
      port = undefined;
      answer(request.id, { code: RpcErrorCode.disconnected, message: 'The wallet is not available (was the extension updated? Reload the page).' });
    }
  });
  // The provider may already be waiting with requests: tell it the bridge is here.
  post({ source: BRIDGE_SOURCE, ready: true });
}

/** The page has a live user activation (both worlds share it); a second check next to the trusted click. */
function userActive(): boolean {
  return (globalThis.navigator as { userActivation?: { isActive: boolean } } | undefined)?.userActivation?.isActive === true;
}

function isHello(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { source?: unknown }).source === PAGE_SOURCE && (data as { hello?: unknown }).hello === true;
}

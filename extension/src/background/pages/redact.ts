import type { PortMessage } from '../../shared/pageProtocol.js';
import type { RpcErrorObject } from '../../shared/rpcErrors.js';

/** What replaces the wallet's own node in a message a page sees. */
export const HIDDEN_NODE = "the wallet's node";
/** What replaces any other address in a message a page sees. */
export const HIDDEN_URL = '(address hidden)';

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()[\]{}`,]+/gi;

/**
 * The texts that name the wallet's node, longest first: its URL (which may carry an API key in its path
 * or query), its origin, its host with and without the port (node and socket errors often name the host
 * alone: `getaddrinfo ENOTFOUND rpc.example`). Pages must never see any of them; {@link redactText}
 * matches them in any letter case, since hosts are case-insensitive and `URL` writes them lower-case.
 */
export function nodeNames(rpcUrl: string): string[] {
  const names = new Set<string>([rpcUrl]);
  try {
    const url = new URL(rpcUrl);
    names.add(url.href).add(url.origin).add(url.host).add(url.hostname);
    if (url.username) names.add(url.username);
    if (url.password) names.add(url.password);
    for (const value of url.searchParams.values()) if (value.length >= 8) names.add(value);
    for (const part of url.pathname.split('/')) if (part.length >= 16) names.add(part);
  } catch {
    // Not a URL: the text itself is all there is to hide.
  }
  return [...names].filter((name) => name.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * An error message as a page may see it: every mention of the wallet's node replaced, and every other
 * address except the page's own origin replaced (node errors and HTTP libraries embed request URLs).
 */
export function redactText(text: string, { hidden, pageOrigin }: { hidden: readonly string[]; pageOrigin: string }): string {
  let out = text;
  for (const name of hidden) if (name) out = out.replace(new RegExp(escapeRegExp(name), 'gi'), HIDDEN_NODE);
  return out.replace(URL_PATTERN, (found) => {
    try {
      return new URL(found).origin === pageOrigin && found.replace(/\/$/, '') === pageOrigin ? found : HIDDEN_URL;
    } catch {
      return HIDDEN_URL;
    }
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function redactError(error: RpcErrorObject, options: { hidden: readonly string[]; pageOrigin: string }): RpcErrorObject {
  const message = typeof error.message === 'string' ? redactText(error.message, options) : 'The request failed.';
  if (error.data === undefined) return { code: error.code, message };
  // Data travels only if nothing in it names an address (a batch id, revert data).
  const text = JSON.stringify(error.data) ?? '';
  const clean = redactText(text, options) === text;
  return clean ? { code: error.code, message, data: error.data } : { code: error.code, message };
}

/**
 * The last check on everything the background posts to a page: errors and `disconnect` events carry no
 * node URL, key or other address. Results are the node's answers to the page's own reads and pass as they are.
 */
export function redactForPage(message: PortMessage, options: { hidden: readonly string[]; pageOrigin: string }): PortMessage {
  if ('error' in message) return { id: message.id, error: redactError(message.error, options) };
  if ('event' in message && message.event === 'disconnect') return { event: 'disconnect', data: redactError(message.data as RpcErrorObject, options) };
  return message;
}

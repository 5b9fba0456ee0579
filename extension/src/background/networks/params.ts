import { rpcError } from '../../shared/rpcErrors.js';
import { MAX_URL_LENGTH, type NetworkInput } from './network.js';

export const ADD_CHAIN_METHOD = 'wallet_addEthereumChain';
export const SWITCH_CHAIN_METHOD = 'wallet_switchEthereumChain';

/** Entries read from a site's URL lists (EIP-3085 `rpcUrls`, `blockExplorerUrls`, `iconUrls`): real sites send one to three. */
export const MAX_URLS = 8;
/** Longest name or symbol text a site may send, before it is cleaned and shortened for display. */
const MAX_TEXT = 256;

/** A chain id as EIP-3085 and EIP-3326 require it: 0x hex without leading zeros, within a safe integer. */
const HEX_CHAIN_ID = /^0x[1-9a-fA-F][0-9a-fA-F]{0,12}$/;

const ADD_KEYS = new Set(['chainId', 'chainName', 'rpcUrls', 'nativeCurrency', 'blockExplorerUrls', 'iconUrls']);
const CURRENCY_KEYS = new Set(['name', 'symbol', 'decimals']);

/**
 * The one parameter of `wallet_addEthereumChain`, checked strictly: every problem is -32602 with a
 * sentence naming the field. What passes is still only a proposal: the network list checks the
 * fields again (cleaning the name and symbol) and asks the RPC for its chain id.
 */
export function parseAddChain(params: unknown): NetworkInput & { chainId: string } {
  const request = single(params, ADD_CHAIN_METHOD);
  const unknown = Object.keys(request).filter((key) => !ADD_KEYS.has(key));
  if (unknown.length > 0) throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: unexpected field "${unknown[0]?.slice(0, 32)}".`);
  const chainId = hexChainIdParam(request.chainId, ADD_CHAIN_METHOD);
  if (typeof request.chainName !== 'string' || request.chainName.trim() === '' || request.chainName.length > MAX_TEXT)
    throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: "chainName" must be the network's name (at most ${MAX_TEXT} characters).`);
  const rpcUrls = urlList(request.rpcUrls, 'rpcUrls', true);
  const explorers = request.blockExplorerUrls === undefined || request.blockExplorerUrls === null ? [] : urlList(request.blockExplorerUrls, 'blockExplorerUrls', false);
  if (request.iconUrls !== undefined && request.iconUrls !== null) urlList(request.iconUrls, 'iconUrls', false); // checked, not used: the wallet shows no remote images
  const currency = request.nativeCurrency;
  if (typeof currency !== 'object' || currency === null || Array.isArray(currency))
    throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: "nativeCurrency" must be { name, symbol, decimals }.`);
  const extra = Object.keys(currency).filter((key) => !CURRENCY_KEYS.has(key));
  if (extra.length > 0) throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: unexpected field "nativeCurrency.${extra[0]?.slice(0, 32)}".`);
  const { name, symbol, decimals } = currency as Record<string, unknown>;
  if (typeof name !== 'string' || name.length > MAX_TEXT) throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: "nativeCurrency.name" must be text.`);
  if (typeof symbol !== 'string' || symbol.length < 1 || symbol.length > MAX_TEXT) throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: "nativeCurrency.symbol" must be text.`);
  if (decimals !== 18) throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: "nativeCurrency.decimals" must be 18.`);
  return { chainId, name: request.chainName, rpcUrl: rpcUrls[0], currencyName: name, currencySymbol: symbol, currencyDecimals: decimals, blockExplorerUrl: explorers[0] ?? null };
}

/** The one parameter of `wallet_switchEthereumChain`: `{ chainId }`, nothing else. */
export function parseSwitchChain(params: unknown): { chainId: string } {
  const request = single(params, SWITCH_CHAIN_METHOD);
  const unknown = Object.keys(request).filter((key) => key !== 'chainId');
  if (unknown.length > 0) throw rpcError.invalidParams(`${SWITCH_CHAIN_METHOD}: unexpected field "${unknown[0]?.slice(0, 32)}".`);
  return { chainId: hexChainIdParam(request.chainId, SWITCH_CHAIN_METHOD) };
}

function single(params: unknown, method: string): Record<string, unknown> {
  if (!Array.isArray(params) || params.length !== 1) throw rpcError.invalidParams(`${method} expects one parameter: an object.`);
  const [request] = params;
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw rpcError.invalidParams(`${method} expects one parameter: an object.`);
  return request as Record<string, unknown>;
}

function hexChainIdParam(value: unknown, method: string): string {
  if (typeof value !== 'string' || !HEX_CHAIN_ID.test(value))
    throw rpcError.invalidParams(`${method}: "chainId" must be a hex string without leading zeros, such as "0x7a69".`);
  return value.toLowerCase();
}

function urlList(value: unknown, field: string, required: boolean): string[] {
  if (!Array.isArray(value) || (required && value.length === 0) || value.length > MAX_URLS)
    throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: "${field}" must be a list of 1 to ${MAX_URLS} http(s) URLs.`);
  return value.map((url) => {
    if (typeof url !== 'string' || url.length > MAX_URL_LENGTH || !/^https?:\/\/[^\s]+$/i.test(url))
      throw rpcError.invalidParams(`${ADD_CHAIN_METHOD}: every entry of "${field}" must be an http:// or https:// URL of at most ${MAX_URL_LENGTH} characters.`);
    return url;
  });
}

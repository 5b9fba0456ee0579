import { sanitiseName, sanitiseSymbol } from '../../shared/tokenText.js';

/** The coin a network pays its fees in. */
export type NativeCurrency = { name: string; symbol: string; decimals: number };

/** One network the wallet can use. `preset`: shipped with the wallet (the local chain); it can be edited but not removed. */
export type Network = {
  chainId: number;
  name: string;
  rpcUrl: string;
  nativeCurrency: NativeCurrency;
  /** Where a transaction can be looked at (`<explorer>/tx/<hash>`); `null` when none is known. */
  blockExplorerUrl: string | null;
  preset?: true;
};

/** The list and which network is in use: stored whole, so a switch and the list never disagree. */
export type NetworkState = { networks: Network[]; activeChainId: number };

export const LOCAL_CHAIN_ID = 31337;
export const LOCAL_RPC_URL = 'http://127.0.0.1:8545';
export const ETHER: NativeCurrency = { name: 'Ether', symbol: 'ETH', decimals: 18 };

/** Networks kept at most: a site cannot fill the list (each addition also needs the person's approval). */
export const MAX_NETWORKS = 32;
/** Longest URL accepted (RPC and explorer): real ones, API key included, are far shorter. */
export const MAX_URL_LENGTH = 512;
/** The largest chain id a wallet can sign for safely (EIP-2294 bounds it to fit in 64 bits; JSON numbers stop here). */
export const MAX_CHAIN_ID = Number.MAX_SAFE_INTEGER;

/** The local chain the project's dev stack starts: always in the list. */
export function localNetwork(rpcUrl: string = LOCAL_RPC_URL): Network {
  return { chainId: LOCAL_CHAIN_ID, name: 'Local chain', rpcUrl, nativeCurrency: { ...ETHER }, blockExplorerUrl: null, preset: true };
}

export type NetworkField = 'chainId' | 'name' | 'rpcUrl' | 'currencyName' | 'currencySymbol' | 'currencyDecimals' | 'blockExplorerUrl';
export type NetworkErrors = Partial<Record<NetworkField, string>>;

/** What a person (Settings) or a site (EIP-3085) proposes, before it is checked. */
export type NetworkInput = {
  chainId?: unknown;
  name?: unknown;
  rpcUrl?: unknown;
  currencyName?: unknown;
  currencySymbol?: unknown;
  currencyDecimals?: unknown;
  blockExplorerUrl?: unknown;
};

/**
 * Checks a proposed network field by field (no network request): every error is a sentence that says
 * what is wrong and what to enter. Names and symbols are cleaned as token text is (control and direction
 * characters removed, bounded length), so a network cannot pose as another one on screen.
 */
export function checkNetworkFields(input: NetworkInput): { ok: true; network: Network } | { ok: false; errors: NetworkErrors } {
  const errors: NetworkErrors = {};

  const chainId = parseChainId(input.chainId);
  if (chainId === null) errors.chainId = 'The chain id must be a whole number such as 31337 (or 0x7a69).';

  const name = sanitiseName(input.name);
  if (name === undefined) errors.name = 'Enter a name for the network, for example "Gnosis".';

  const rpcUrl = checkUrl(input.rpcUrl);
  if (typeof rpcUrl !== 'string' || rpcUrl === '') errors.rpcUrl = rpcUrl === '' ? 'Enter the RPC URL, for example https://rpc.gnosischain.com.' : rpcUrl.error;

  const symbol = input.currencySymbol === undefined || input.currencySymbol === '' ? ETHER.symbol : sanitiseSymbol(input.currencySymbol);
  if (symbol === undefined) errors.currencySymbol = 'The coin symbol must hold letters or digits, for example ETH or xDAI.';
  const currencyName = input.currencyName === undefined || input.currencyName === '' ? (symbol ?? ETHER.name) : sanitiseName(input.currencyName);
  if (currencyName === undefined) errors.currencyName = 'The coin name must hold letters or digits, for example Ether.';
  const decimals = input.currencyDecimals === undefined || input.currencyDecimals === '' ? 18 : Number(input.currencyDecimals);
  // EIP-3085 says 2 to 36; every EVM chain in use has 18. Others would show wrong amounts.
  if (!Number.isInteger(decimals) || decimals !== 18) errors.currencyDecimals = 'The coin must have 18 decimals, as on every EVM network.';

  let blockExplorerUrl: string | null = null;
  if (input.blockExplorerUrl !== undefined && input.blockExplorerUrl !== null && input.blockExplorerUrl !== '') {
    const explorer = checkUrl(input.blockExplorerUrl);
    if (typeof explorer === 'string' && explorer !== '') blockExplorerUrl = explorer.replace(/\/+$/, '');
    else errors.blockExplorerUrl = `Block explorer: ${explorer === '' ? 'enter a URL or leave it empty.' : explorer.error}`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    network: {
      chainId: chainId as number,
      name: name as string,
      rpcUrl: rpcUrl as string,
      nativeCurrency: { name: currencyName as string, symbol: symbol as string, decimals },
      blockExplorerUrl,
    },
  };
}

/** A chain id as a number: a positive whole number, written in decimal or as 0x hex (no leading zeros). */
export function parseChainId(value: unknown): number | null {
  let id: number;
  if (typeof value === 'number') id = value;
  else if (typeof value === 'string' && /^0x[1-9a-fA-F][0-9a-fA-F]{0,13}$/.test(value.trim())) id = Number(value.trim());
  else if (typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value.trim())) id = Number(value.trim());
  else return null;
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_CHAIN_ID ? id : null;
}

/** A chain id as EIP-1193 writes it: 0x hex, lower case, no leading zeros. */
export function hexChainId(chainId: number): `0x${string}` {
  return `0x${chainId.toString(16)}`;
}

/** The host a URL points at (what windows name; the path may hold an API key). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

function checkUrl(value: unknown): string | { error: string } {
  if (typeof value !== 'string' || value.trim() === '') return '';
  const text = value.trim();
  if (text.length > MAX_URL_LENGTH) return { error: `The URL is longer than ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `"${text.slice(0, 80)}" is not a URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'The URL must start with http:// or https://.' };
  return text;
}

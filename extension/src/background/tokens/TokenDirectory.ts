import type { TokenInfo } from '@commonguard/sdk/risk';
import { type Address, erc20Abi, type PublicClient } from 'viem';
import { classifyChainError } from '../chain/chainErrors.js';
import { isReadableDecimals, sanitiseName, sanitiseSymbol } from '../../shared/tokenText.js';

export const NATIVE_TOKEN: Address = '0x0000000000000000000000000000000000000000';
/** The native coin's symbol where the network does not name its own: a token that calls itself this is pretending to be the coin. */
export const NATIVE_SYMBOL = 'ETH';
const NATIVE: DirectoryToken = { symbol: NATIVE_SYMBOL, decimals: 18 };

/** The network's own coin as the client's chain names it (the wallet's network list), else ETH. */
export function nativeCoinOf(client: PublicClient): DirectoryToken {
  const coin = client.chain?.nativeCurrency;
  const symbol = coin ? sanitiseSymbol(coin.symbol) : undefined;
  return coin && symbol && isReadableDecimals(coin.decimals) ? { symbol, decimals: coin.decimals } : NATIVE;
}

/**
 * A token as every part of the wallet shows it: symbol and name sanitised (see `shared/tokenText.ts`),
 * decimals from 0 to 36. `unreadable` when the token does not answer `symbol()`/`decimals()` as an ERC-20
 * does, or declares decimals outside that range: its amounts are then shown in base units (decimals 0,
 * which costs nothing to format) and the symbol says so.
 */
export type DirectoryToken = TokenInfo & { name?: string | undefined; unreadable?: true | undefined };

/** Thrown by {@link TokenDirectory.get} for a contract that is not a readable ERC-20 token. */
export class TokenUnreadableError extends Error {
  override name = 'TokenUnreadableError' as const;
  constructor(readonly token: Address, reason: string) {
    super(`The token ${token} cannot be read: ${reason}.`);
  }
}

/**
 * The wallet's one token directory: symbols, names and decimals read from the chain once per token and
 * network, sanitised, and kept (they do not change). The confirm window, the popup, `wallet_watchAsset`,
 * budgets and notifications all read tokens here, so a token looks the same everywhere.
 */
export class TokenDirectory {
  /** Read tokens by `chainId:address`. */
  #known = new Map<string, DirectoryToken>();
  /** The latest read of each address, on whatever network: for {@link known}, which has no client. */
  #latest = new Map<string, DirectoryToken>();
  /** The coin of the network last read through {@link get}: for {@link known}, which has no client. */
  #native: DirectoryToken = NATIVE;

  /**
   * The token, read from the chain once. Throws a {@link TokenUnreadableError} for a contract that does not
   * answer as an ERC-20 (or declares decimals outside 0–36), and the node's error when the node fails.
   */
  async get(client: PublicClient, token: Address): Promise<DirectoryToken> {
    if (isNative(token)) return (this.#native = nativeCoinOf(client));
    const key = `${client.chain?.id ?? ''}:${token.toLowerCase()}`;
    const cached = this.#known.get(key);
    if (cached) return cached;
    const [symbol, decimals, name] = await Promise.all([
      client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }).catch(unreadable(token, 'it does not answer symbol()')),
      client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }).catch(unreadable(token, 'it does not answer decimals()')),
      // The name is optional in ERC-20: a token without one is still a token.
      client.readContract({ address: token, abi: erc20Abi, functionName: 'name' }).catch(() => undefined),
    ]);
    if (!isReadableDecimals(decimals)) throw new TokenUnreadableError(token, `it declares ${String(decimals)} decimals (a token has 0 to 36)`);
    const info: DirectoryToken = { symbol: sanitiseSymbol(symbol) ?? '???', decimals, ...(sanitiseName(name) ? { name: sanitiseName(name) } : {}) };
    this.#known.set(key, info);
    this.#latest.set(token.toLowerCase(), info);
    return info;
  }

  /**
   * The token for a window: as {@link get}, but a token that cannot be read is described rather than
   * refused (`unreadable`, amounts in base units, named by its address). Never throws. Unreadable answers
   * are not kept: a node that failed once is asked again next time.
   */
  async describe(client: PublicClient, token: Address): Promise<DirectoryToken> {
    try {
      return await this.get(client, token);
    } catch {
      return unreadableToken(token);
    }
  }

  /** Synchronously: a token already read, else `fallback`, else a short address with 18 decimals as a stand-in. */
  known(token: Address, fallback?: TokenInfo): TokenInfo {
    if (isNative(token)) return this.#native;
    return this.#latest.get(token.toLowerCase()) ?? fallback ?? { symbol: shortAddress(token), decimals: 18 };
  }

  /** Keeps what another read learned (already sanitised by the caller's own read through this directory). */
  remember(token: Address, info: TokenInfo): void {
    if (isNative(token) || !isReadableDecimals(info.decimals)) return;
    const safe: DirectoryToken = { symbol: sanitiseSymbol(info.symbol) ?? '???', decimals: info.decimals };
    this.#latest.set(token.toLowerCase(), safe);
  }
}

/** How an unreadable token is shown: amounts in base units, the token named by its address. */
export function unreadableToken(token: Address): DirectoryToken {
  return { symbol: `units of the unreadable token ${shortAddress(token)}`, decimals: 0, unreadable: true };
}

function unreadable(token: Address, reason: string): (cause: unknown) => never {
  return (cause) => {
    // A node that cannot be reached is not the token's fault: its own error travels on.
    if (classifyChainError(cause).kind === 'unreachable') throw cause;
    throw new TokenUnreadableError(token, reason);
  };
}

function isNative(token: Address): boolean {
  return /^0x0{40}$/.test(token);
}

function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

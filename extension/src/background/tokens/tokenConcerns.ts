import type { Effect } from '@commonguard/sdk/effects';
import type { RequestConcern, SeenToken, TokenInfo } from '@commonguard/sdk/risk';
import type { Address, PublicClient } from 'viem';
import { MAX_TOKEN_DECIMALS, symbolKey } from '../../shared/tokenText.js';
import { type DirectoryToken, NATIVE_SYMBOL, NATIVE_TOKEN, nativeCoinOf, type TokenDirectory } from './TokenDirectory.js';

/**
 * The symbols the community lists (its policy's tokens) and the native coin's (`coinSymbol`, the network's
 * own, and ETH everywhere), keyed by {@link symbolKey}.
 */
export function listedSymbolsOf(listed: ReadonlyArray<{ token: Address; info: DirectoryToken }>, coinSymbol: string = NATIVE_SYMBOL): Map<string, Address> {
  const symbols = new Map<string, Address>([
    [symbolKey(NATIVE_SYMBOL), NATIVE_TOKEN],
    [symbolKey(coinSymbol), NATIVE_TOKEN],
  ]);
  for (const { token, info } of listed) if (!info.unreadable) symbols.set(symbolKey(info.symbol), token);
  return symbols;
}

/** Reads the symbols of the tokens a policy lists (`limits`: its token limits), through the directory (read once per token). */
export async function readListedSymbols(client: PublicClient, directory: TokenDirectory, limits: ReadonlyArray<{ token: Address }>): Promise<Map<string, Address>> {
  return listedSymbolsOf(await Promise.all(limits.map(async ({ token }) => ({ token, info: await directory.describe(client, token) }))), nativeCoinOf(client).symbol);
}

/**
 * How the wallet reads a token seen in the shopper's transfers (for the poisoning checks): its symbol and
 * decimals from the directory, and the listed token whose symbol it borrows (`limits`: the guarding
 * policies' token limits as last read; none: only the native coin's symbol is taken).
 */
export function seenTokenReader(directory: TokenDirectory, limits: (client: PublicClient) => Promise<ReadonlyArray<{ token: Address }>>): (client: PublicClient, token: Address) => Promise<SeenToken> {
  return async (client, token) => {
    const info = await directory.get(client, token);
    const listed = await readListedSymbols(client, directory, await limits(client));
    return { symbol: info.symbol, decimals: info.decimals, imitates: copiedToken(token, info, listed) };
  };
}

/**
 * The copycat rule: the listed token (or the native coin, address(0)) whose symbol `token` uses without being
 * it, or `undefined` (its own symbol, the listed token itself, or a token whose symbol cannot be read).
 */
export function copiedToken(token: Address, info: DirectoryToken, listedSymbols: ReadonlyMap<string, Address>): Address | undefined {
  if (info.unreadable) return undefined;
  const listed = listedSymbols.get(symbolKey(info.symbol));
  return listed === undefined || listed.toLowerCase() === token.toLowerCase() ? undefined : listed;
}

/**
 * What a request's tokens say that a person must know before signing (pure):
 * - a token the community does not list that uses the symbol of one it lists, or of the native coin (a fake
 *   "cgUSD" or "ETH" arriving in a swap): shown everywhere with its address after the symbol, and a concern;
 * - a token whose amounts cannot be read (no `decimals()`, or outside 0–36): a concern; its amounts are shown
 *   in base units.
 * Only tokens whose amounts the request moves or allows are judged (an NFT collection has no decimals).
 * Returns the tokens as the window should show them, and the concerns.
 */
export function tokenConcerns(
  effects: readonly Effect[],
  tokens: Readonly<Record<string, DirectoryToken>>,
  listedSymbols: ReadonlyMap<string, Address>,
  /** The network's own coin's symbol, to name it in words. */
  coinSymbol: string = NATIVE_SYMBOL,
): { tokens: Record<string, TokenInfo>; concerns: RequestConcern[] } {
  const shown: Record<string, TokenInfo> = { ...tokens };
  const concerns: RequestConcern[] = [];
  const judged = new Map<string, Address>();
  for (const effect of effects) {
    const fungible = effect.kind === 'assetOut' || effect.kind === 'allowance' || (effect.kind === 'assetIn' && effect.standard === 'erc20');
    if (fungible && !/^0x0{40}$/.test(effect.token)) judged.set(effect.token.toLowerCase(), effect.token);
  }
  for (const [key, token] of judged) {
    const info = tokens[key];
    if (info === undefined) continue;
    if (info.unreadable) {
      concerns.push({
        rule: 'unreadableToken',
        message: `The token ${token} does not say how to read its amounts (it must declare 0 to ${MAX_TOKEN_DECIMALS} decimals), so they are shown in its smallest units. Check what this token is before you go ahead.`,
      });
      continue;
    }
    const listed = copiedToken(token, info, listedSymbols);
    if (listed === undefined) continue;
    const coin = symbolKey(info.symbol) === symbolKey(coinSymbol) ? coinSymbol : NATIVE_SYMBOL;
    const real = listed === NATIVE_TOKEN ? `the network’s own coin, ${coin}` : `the ${info.symbol} your community lists (${short(listed)})`;
    shown[key] = { ...info, symbol: `${info.symbol} (${short(token)})` };
    concerns.push({
      rule: 'copycatToken',
      message: `The token called ${info.symbol} at ${token} is not ${real}: it only uses the same name. Your community has not reviewed it.`,
    });
  }
  return { tokens: shown, concerns };
}

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
